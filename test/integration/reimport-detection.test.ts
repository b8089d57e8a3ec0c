// Re-import detection by sha256, on both paths: small files (and files whose size an earlier source has)
// are hashed before loading; a big file of a size no source has is hashed while it loads.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestCase } from '../helpers.ts';

/** An auth_events CSV above the background-hash threshold (8 MB); `variant` changes content, not size. */
function bigEvents(variant: string): string {
  const lines = ['timestamp,identity,source_ip,outcome'];
  for (let i = 0; i < 180_000; i++)
    lines.push(`2024-01-01T00:${String(i % 60).padStart(2, '0')}:00Z,svc-${variant}${i % 97},10.0.${i % 250}.1,success`);
  const text = lines.join('\n');
  expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
  return text;
}

const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

function sources(t: TestCase) {
  return t.db.prepare('SELECT file_name AS file, sha256, bytes, rows FROM source ORDER BY id').all();
}

describe('re-import detection', () => {
  it('records the sha256 and size of a big file hashed while it loads, and skips it the second time', async () => {
    const t = await TestCase.create();
    const a = bigEvents('a');
    expect(await t.importText('a.csv', a)).toMatchObject({ skipped: false, rows: 180_000 });
    expect(sources(t)).toEqual([{ file: 'a.csv', sha256: sha(a), bytes: a.length, rows: 180_000 }]);
    const again = await t.importText('a-copy.csv', a);
    expect(again).toMatchObject({ skipped: true, rows: 0 });
    expect(again.message).toMatch(/already imported \(source #1/);
    expect(t.db.prepare('SELECT count(*) FROM auth_event').pluck().get()).toBe(180_000);
    t.close();
  });

  it('imports a different file of the same size', async () => {
    const t = await TestCase.create();
    const a = bigEvents('a');
    const b = bigEvents('b');
    expect(b.length).toBe(a.length);
    await t.importText('a.csv', a);
    expect(await t.importText('b.csv', b)).toMatchObject({ skipped: false, rows: 180_000 });
    expect(sources(t)).toEqual([
      { file: 'a.csv', sha256: sha(a), bytes: a.length, rows: 180_000 },
      { file: 'b.csv', sha256: sha(b), bytes: b.length, rows: 180_000 },
    ]);
    t.close();
  });

  it('still recognises files imported before sizes were recorded', async () => {
    const t = await TestCase.create();
    const a = bigEvents('a');
    await t.importText('a.csv', a);
    t.db.prepare('UPDATE source SET bytes = NULL').run();
    expect(await t.importText('a-again.csv', a)).toMatchObject({ skipped: true });
    t.close();
  });

  it('leaves no source behind when a big import fails after hashing started', async () => {
    const t = await TestCase.create();
    const text = bigEvents('a');
    await expect(t.importText('a.csv', text, 'entra-signins')).rejects.toThrow();
    expect(sources(t)).toEqual([]);
    expect(await t.importText('a.csv', text)).toMatchObject({ skipped: false, rows: 180_000 });
    expect(sources(t)).toEqual([{ file: 'a.csv', sha256: sha(text), bytes: text.length, rows: 180_000 }]);
    t.close();
  });
});
