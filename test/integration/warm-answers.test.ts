// A freshly built case keeps the Overview's first answers (main/api/warm-answers.ts), under the very keys the
// screen's requests look up, so the first session on it reads them instead of deriving them.
import { afterEach, describe, expect, it } from 'vitest';
import { OVERVIEW_QUEUE_LIMIT, OVERVIEW_TOP_BLAST_LIMIT } from '../../shared/api/inventory.ts';
import { warmOverviewAnswers } from '../../main/api/warm-answers.ts';
import { TestCase } from '../helpers.ts';

let t: TestCase | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const stored = (c: TestCase) => (c.db.prepare(`SELECT key FROM meta WHERE key GLOB 'derived:*' ORDER BY key`).pluck().all() as string[]).sort();

describe('answers kept when a case is built', () => {
  it('keeps the overview, queue, metrics and top blast radii the Overview screen asks for', async () => {
    t = await TestCase.create();
    await t.importText(
      'auth_events.csv',
      'timestamp,identity,source_ip,action,target,outcome\n2024-05-01T10:00:00Z,svc-a,185.220.101.4,Read,db,success\n2024-05-02T10:00:00Z,svc-a,10.0.0.1,Read,db,success\n',
    );
    await t.call('findings.run', {});
    const before = stored(t);
    expect(before).not.toContain('derived:metrics');
    await warmOverviewAnswers(t.session);
    expect(stored(t)).toEqual(
      [
        ...new Set([
          ...before,
          'derived:overview',
          'derived:metrics',
          `derived:findingsQueue:${OVERVIEW_QUEUE_LIMIT}`,
          `derived:topBlast:${OVERVIEW_TOP_BLAST_LIMIT}`,
        ]),
      ].sort(),
    );
    // A new session on the same file answers the screen's own requests with what was kept.
    const queue = await t.call('findings.queue', { limit: OVERVIEW_QUEUE_LIMIT });
    const path = t.path;
    t.close();
    t = new TestCase();
    await t.call('case.open', { path });
    const rows = () => t!.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(`derived:findingsQueue:${OVERVIEW_QUEUE_LIMIT}`);
    const kept = rows();
    expect(await t.call('findings.queue', { limit: OVERVIEW_QUEUE_LIMIT })).toEqual(queue);
    expect(rows()).toBe(kept);
  });
});
