// Bulk resolution (findMany, refMany, termMany) must answer exactly as the one-at-a-time calls do:
// same nodes found by key before alias, same placeholders, same term ids, truncated terms included.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { openCase, type CaseFile } from '../../main/store/case-file.ts';
import { CaseWriter } from '../../main/ingest/writer.ts';
import { tmpDir } from '../helpers.ts';

const cases: CaseFile[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const k of cases.splice(0)) k.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A case holding a few nodes, aliases and terms, with a writer in an open import. */
function seededWriter(): { writer: CaseWriter; kase: CaseFile } {
  const dir = tmpDir();
  dirs.push(dir);
  const kase = openCase(path.join(dir, 'w.blastmap'), { create: true });
  cases.push(kase);
  kase.db.exec('BEGIN');
  const source = (name: string) =>
    Number(
      kase.db
        .prepare(
          `INSERT INTO source (file_name, path, sha256, format, detect_reason, imported_at, status)
    VALUES (?, ?, ?, 'test', 'test', '2024-01-01T00:00:00Z', 'importing')`,
        )
        .run(name, name, name).lastInsertRowid,
    );
  const before = new CaseWriter(kase.db, source('inventory'));
  const svc = before.upsertNode({ key: 'svc-a', kind: 'identity' }, 'row 2');
  before.upsertNode({ key: 'AKIA-alias-owner', kind: 'identity' }, 'row 3');
  before.alias('arn:aws:iam::1:user/svc-a', svc);
  // A key that is also someone's alias: the key wins, as find() decides.
  before.upsertNode({ key: 'shared', kind: 'system' }, 'row 4');
  before.alias('shared', svc);
  before.term('10.0.0.1');
  return { writer: new CaseWriter(kase.db, source('events')), kase };
}

describe('CaseWriter bulk resolution', () => {
  const keys = ['svc-a', 'arn:aws:iam::1:user/svc-a', 'shared', 'new-1', 'new-2', 'new-1', ...Array.from({ length: 600 }, (_, i) => `bulk-${i}`)];

  it('finds and creates the same nodes as ref() one at a time', () => {
    const one = seededWriter(),
      many = seededWriter();
    const expected = keys.map((k) => one.writer.ref(k, 'credential'));
    expect(many.writer.refMany(keys, 'credential')).toEqual(expected);
    const nodes = (k: CaseFile) => k.db.prepare('SELECT id, key, kind, unresolved, source_id, locator FROM node ORDER BY id').all();
    expect(nodes(many.kase)).toEqual(nodes(one.kase));
    expect(many.writer.counts.nodesCreated).toBe(one.writer.counts.nodesCreated);
    // Cached afterwards: one-at-a-time calls on the bulk writer agree.
    expect(keys.map((k) => many.writer.ref(k, 'credential'))).toEqual(expected);
  });

  it('finds as find() does, unknown keys included', () => {
    const { writer } = seededWriter();
    const probe = ['shared', 'arn:aws:iam::1:user/svc-a', 'nobody', 'svc-a'];
    const found = writer.findMany(probe);
    expect(found).toEqual(probe.map((k) => writer.find(k)));
    expect(found[2]).toBeUndefined();
  });

  it('gives the same term ids as term(), long values truncated alike', () => {
    const one = seededWriter(),
      many = seededWriter();
    const long = 'x'.repeat(5000);
    const values = ['10.0.0.1', 'ua/1', 'ua/1', long, `${long}`, 'y'.repeat(4096), ...Array.from({ length: 300 }, (_, i) => `t-${i}`)];
    const expected = values.map((v) => one.writer.term(v));
    expect(many.writer.termMany(values)).toEqual(expected);
    const terms = (k: CaseFile) => k.db.prepare('SELECT id, value FROM term ORDER BY id').all();
    expect(terms(many.kase)).toEqual(terms(one.kase));
  });
});
