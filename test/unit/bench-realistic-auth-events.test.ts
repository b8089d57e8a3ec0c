// The ingest bench's realistic generator: the same bytes for the same seed (so runs on different machines and
// days compare), the shapes its header promises, and every row accepted by the importer's own row parser (a
// rejected row would make the bench time less work than it claims).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRealisticAuthEventsCsv } from '../../bench/realistic-auth-events.ts';
import { normaliseAuthEvent } from '../../main/ingest/csv/auth-event-row.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-realistic-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeRealisticAuthEventsCsv', () => {
  const a = path.join(dir, 'a.csv'),
    b = path.join(dir, 'b.csv'),
    c = path.join(dir, 'c.csv');
  const stats = writeRealisticAuthEventsCsv(a, 20_000);
  writeRealisticAuthEventsCsv(b, 20_000);
  writeRealisticAuthEventsCsv(c, 20_000, { seed: 7 });
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync(a, 'utf8'), { header: true, skipEmptyLines: true }).data;

  it('is deterministic per seed', () => {
    expect(fs.readFileSync(a)).toEqual(fs.readFileSync(b));
    expect(fs.readFileSync(a)).not.toEqual(fs.readFileSync(c));
  });

  it('has the promised shapes', () => {
    expect(rows).toHaveLength(20_000);
    expect(stats.bytes).toBe(fs.statSync(a).size);
    const lengths = rows.map((r) => r.user_agent.length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(200);
    expect(rows.some((r) => r.user_agent.includes(','))).toBe(true); // quoted fields are exercised
    expect(rows.filter((r) => r.source_ip.includes(':')).length / rows.length).toBeGreaterThan(0.01);
    expect(stats.addresses / rows.length).toBeGreaterThan(0.2); // not a handful of hot addresses
    expect(stats.outOfOrder).toBeGreaterThan(0);
    expect(stats.failures / rows.length).toBeGreaterThan(0.005);
    expect(stats.failures / rows.length).toBeLessThan(0.02);
  });

  it('writes rows the importer accepts', () => {
    for (const r of rows) {
      const e = normaliseAuthEvent((name) => r[name]);
      expect(e.ipUnparsed).toBe(false);
      expect(e.identity && e.credential && e.userAgent && e.target).toBeTruthy();
    }
  });
});
