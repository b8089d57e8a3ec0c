// A big import commits without SQLite's automatic checkpoint and checkpoints on another thread: the rows are
// committed and readable at once, and the log is copied into the case file shortly after.
import { describe, expect, it } from 'vitest';
import type { CheckpointResult } from '../../main/store/background-checkpoint.ts';
import { TestCase } from '../helpers.ts';

function bigEvents(): string {
  const lines = ['timestamp,identity,source_ip,outcome'];
  for (let i = 0; i < 200_000; i++) lines.push(`2024-01-01T00:${String(i % 60).padStart(2, '0')}:00Z,svc-${i % 97},10.0.${i % 250}.1,success`);
  const text = lines.join('\n');
  expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
  return text;
}

describe('checkpoint after a big import', () => {
  it('leaves the rows readable and the log fully copied by the background checkpoint', async () => {
    const t = await TestCase.create();
    const kase = t.session.requireCase();
    expect(await t.importText('big.csv', bigEvents())).toMatchObject({ loaded: 200_000 });
    expect(kase.checkpoint).toBeDefined();
    expect(t.db.prepare('SELECT count(*) FROM auth_event').pluck().get()).toBe(200_000);
    const result = await kase.checkpoint;
    expect(result).not.toBeNull();
    expect(result!.log).toBeGreaterThan(1000); // the commit left a big log behind for the worker
    expect(result!.checkpointed).toBe(result!.log);
    // Seen from the case's own connection: nothing left to copy.
    const [after] = t.db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    expect(after.checkpointed).toBe(after.log);
    expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // The bigger page cache of the bulk load and the index build's sorter settings are given back,
    // and the event indexes are there again.
    expect(t.db.pragma('cache_size', { simple: true })).toBe(-65536);
    expect(t.db.pragma('threads', { simple: true })).toBe(0);
    expect(t.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'auth_event' ORDER BY name`).pluck().all()).toEqual([
      'auth_event_credential',
      'auth_event_identity',
    ]);
    t.close();
  });

  it('checkpoints small imports at commit as usual', async () => {
    const t = await TestCase.create();
    await t.importText('small.csv', 'timestamp,identity,outcome\n2024-01-01T00:00:00Z,svc,success\n');
    expect(t.session.requireCase().checkpoint).toBeUndefined();
    t.close();
  });
});
