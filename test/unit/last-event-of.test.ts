// CaseData.lastEventOf: the latest successful event of an identity, by itself or through one of its
// credentials, up to a time and optionally against one target.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { openCase, type CaseFile } from '../../main/store/case-file.ts';
import { CaseWriter } from '../../main/ingest/writer.ts';
import { CaseData } from '../../main/findings/case-data.ts';
import { tmpDir } from '../helpers.ts';

let kase: CaseFile | null = null;
let dir = '';
afterEach(() => {
  kase?.close();
  kase = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const T = (day: number) => Date.UTC(2024, 0, day);

describe('CaseData.lastEventOf', () => {
  it('takes the later of the identity’s own events and its credentials’ events, successes only, up to a time, per target', () => {
    dir = tmpDir();
    kase = openCase(path.join(dir, 'l.blastmap'), { create: true });
    kase.db.exec('BEGIN');
    const source = Number(
      kase.db
        .prepare(
          `INSERT INTO source (file_name, path, sha256, format, detect_reason, imported_at, status)
      VALUES ('f', 'f', 'x', 'test', 'test', '2024-01-01T00:00:00Z', 'complete')`,
        )
        .run().lastInsertRowid,
    );
    const w = new CaseWriter(kase.db, source);
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((k) => w.upsertNode({ key: k, kind: 'identity' }, 'row'));
    const [keyA, keyB] = ['key-a', 'key-b'].map((k) => w.upsertNode({ key: k, kind: 'credential' }, 'row'));
    const db1 = w.upsertNode({ key: 'db-1', kind: 'system' }, 'row');
    w.edge({ src: alice, dst: keyA, kind: 'has_credential' }, 'row');
    w.edge({ src: bob, dst: keyB, kind: 'has_credential' }, 'row');
    const event = (ts: number, identity: number | null, credential: number | null, outcome: 0 | 1, target: number | null = null) =>
      w.event({ ts, identity, credential, ip: null, userAgent: null, action: null, target, targetText: null, outcome, locator: 1 });
    event(T(3), alice, null, 1);
    event(T(9), alice, null, 0); // a failure never counts
    event(T(5), null, keyA, 1, db1); // through her key, identity not known when logged
    event(T(2), alice, null, 1, db1);
    event(T(7), null, keyB, 1); // bob: only through his key
    w.flush();
    kase.db.exec('COMMIT');
    const data = new CaseData(kase, () => {
      throw new Error('no intel needed');
    });
    expect(data.lastEventOf(alice, T(30))).toBe(T(5));
    expect(data.lastEventOf(alice, T(4))).toBe(T(3));
    expect(data.lastEventOf(alice, T(30), db1)).toBe(T(5));
    expect(data.lastEventOf(alice, T(4), db1)).toBe(T(2));
    expect(data.lastEventOf(bob, T(30))).toBe(T(7));
    expect(data.lastEventOf(bob, T(6))).toBeNull();
    expect(data.lastEventOf(carol, T(30))).toBeNull();
  });
});
