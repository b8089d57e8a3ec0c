// The engine answers one call at a time, so a call the UI cancelled while it waited (the analyst left the screen)
// must not run: the next screen's calls would wait behind an answer nobody reads.
import { afterAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../main/api/engine-client.ts';

const engine = new EngineClient();
afterAll(() => engine.close());

describe('engine worker: calls cancelled before their turn', () => {
  it('skips a queued call that was cancelled, and still answers the ones around it', async () => {
    const first = engine.call('case.info', {});
    const left = engine.call('case.info', {});
    engine.cancel(left.id);
    const last = engine.call('case.info', {});
    // No case is open: a call that runs answers `no-case`; a skipped one answers `cancelled`.
    await expect(first.result).rejects.toMatchObject({ code: 'no-case' });
    await expect(left.result).rejects.toMatchObject({ code: 'cancelled' });
    await expect(last.result).rejects.toMatchObject({ code: 'no-case' });
  });
});
