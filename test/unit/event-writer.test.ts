// The writer buffers auth events and picks a narrow or a wide insert per batch: every column must
// land as given whichever statement wrote it, including the partial batch flushed at the end.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { openCase, type CaseFile } from '../../main/store/case-file.ts';
import { CaseWriter, EVENT_BATCH as B } from '../../main/ingest/writer.ts';
import { tmpDir } from '../helpers.ts';

let kase: CaseFile | null = null;
let dir = '';
afterEach(() => {
  kase?.close();
  kase = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function writerOnNewCase(): CaseWriter {
  dir = tmpDir();
  kase = openCase(path.join(dir, 'w.blastmap'), { create: true });
  kase.db.exec('BEGIN');
  const sourceId = Number(
    kase.db
      .prepare(
        `INSERT INTO source (file_name, path, sha256, format, detect_reason, imported_at, status)
    VALUES ('f', 'f', 'x', 'test', 'test', '2024-01-01T00:00:00Z', 'importing')`,
      )
      .run().lastInsertRowid,
  );
  return new CaseWriter(kase.db, sourceId);
}

describe('CaseWriter events', () => {
  it('stores every column of narrow, wide and trailing batches', () => {
    const w = writerOnNewCase();
    const identity = w.ref('svc-a', 'identity');
    const credential = w.ref('key-a', 'credential');
    const target = w.ref('db-a', 'system');
    const expected: unknown[][] = [];
    // Batch 0 has a country only (row 10), batch 1 every optional column, batch 2 props only, batch 3 none; then three
    // trailing events, one with every optional column.
    const rows = 4 * B + 3;
    for (let i = 0; i < rows; i++) {
      const all = i === B + 8 || i === 4 * B + 1;
      const row = {
        ts: Date.UTC(2024, 0, 1) + i * 1000,
        identity: i % 3 ? identity : null,
        credential: i % 2 ? credential : null,
        ip: `10.0.0.${i % 7}`,
        userAgent: i % 5 ? `ua/${i % 5}` : null,
        action: 'Read',
        target: all ? target : null,
        targetText: `db-${i % 4}`,
        outcome: (i % 11 ? 1 : 0) as 0 | 1,
        asn: all ? 64512 + i : null,
        country: all || i === 10 ? 'NL' : null,
        locator: i + 2,
        props: all || i === 2 * B + 6 ? { unparsed_ip: true, n: i } : null,
      };
      w.event(row);
      expected.push([
        row.ts,
        row.identity,
        row.credential,
        row.ip,
        row.userAgent,
        row.action,
        row.target,
        row.targetText,
        row.outcome,
        row.asn,
        row.country,
        w.sourceId,
        row.locator,
        row.props ? JSON.stringify(row.props) : null,
      ]);
    }
    w.flush();
    const stored = kase!.db
      .prepare(
        `SELECT e.ts, e.identity, e.credential, COALESCE(address_text(e.ip), ip.value), ua.value, act.value, e.target, tt.value, e.outcome,
        e.asn, e.country, e.source_id, e.locator, e.props
      FROM auth_event e LEFT JOIN term ip ON ip.id = e.ip LEFT JOIN term ua ON ua.id = e.user_agent
      LEFT JOIN term act ON act.id = e.action LEFT JOIN term tt ON tt.id = e.target_term ORDER BY e.id`,
      )
      .raw()
      .all();
    expect(stored).toEqual(expected);
    expect(w.counts.events).toBe(rows);
    expect(w.maxTime).toBe(Date.UTC(2024, 0, 1) + (rows - 1) * 1000);
  });

  it('numbers events in write order so usage can point at them', () => {
    const w = writerOnNewCase();
    const identity = w.ref('svc-b', 'identity');
    for (let i = 0; i < B + 6; i++) {
      w.eventWithTerms(Date.UTC(2024, 0, 1) + i, identity, null, null, null, null, null, null, 1, null, null, i, null);
    }
    w.flush();
    const ids = kase!.db.prepare('SELECT id, locator FROM auth_event ORDER BY id').raw().all() as [number, number][];
    expect(ids.map(([id]) => id)).toEqual(Array.from({ length: B + 6 }, (_, i) => i + 1));
    expect(ids.map(([, locator]) => locator)).toEqual(Array.from({ length: B + 6 }, (_, i) => i));
  });
});
