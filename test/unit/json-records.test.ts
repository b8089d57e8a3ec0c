import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readJsonRecords } from '../../main/ingest/json/read-json-records.ts';
import { tmpDir, writeFile } from '../helpers.ts';

async function read(content: string | Buffer, name = 'f.json') {
  const file = writeFile(tmpDir(), name, content);
  const records: [unknown, string][] = [];
  const bad: [string, string][] = [];
  const shape = await readJsonRecords(file, {}, { record: (v, l) => records.push([v, l]), bad: (l, r) => bad.push([l, r]) });
  return { shape, records, bad };
}

describe('readJsonRecords', () => {
  it('reads NDJSON line by line, isolating a broken line', async () => {
    const r = await read('{"a":1}\r\n{ "a": 2, "s": "x}y{" }\n{"a":\n\n{"a":4}');
    expect(r.shape).toBe('ndjson');
    expect(r.records).toEqual([
      [{ a: 1 }, 'line 1'],
      [{ a: 2, s: 'x}y{' }, 'line 2'],
      [{ a: 4 }, 'line 5'],
    ]);
    expect(r.bad.map((b) => b[0])).toEqual(['line 3']);
  });

  it('reads a bare array, including escaped quotes and nested brackets in strings', async () => {
    const r = await read('[\n {"a":"q\\"]}","b":[1,[2]]},\n {"a":2}\n]');
    expect(r.shape).toBe('array');
    expect(r.records.map((x) => x[0])).toEqual([{ a: 'q"]}', b: [1, [2]] }, { a: 2 }]);
    expect(r.records[1][1]).toBe('record 2');
  });

  it('streams the records array of a wrapper object and ignores other keys', async () => {
    const r = await read('{\n "meta": {"Records": "not this"},\n "Records": [ {"e":1}, {"e":2} ],\n "next": null\n}');
    expect(r.shape).toBe('wrapper');
    expect(r.records).toEqual([
      [{ e: 1 }, 'Records[0]'],
      [{ e: 2 }, 'Records[1]'],
    ]);
  });

  it('returns a pretty-printed object without a records array as one document', async () => {
    const r = await read('{\n "UserDetailList": [],\n "Policies": [{"x": 1}]\n}');
    expect(r.shape).toBe('document');
    expect(r.records).toEqual([[{ UserDetailList: [], Policies: [{ x: 1 }] }, 'document']]);
  });

  it('reads gzip on the fly and drops __proto__ keys', async () => {
    const r = await read(zlib.gzipSync('{"__proto__":{"polluted":true},"ok":1}\n'), 'f.json.gz');
    expect(r.records[0][0]).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a truncated array record and refuses a truncated document', async () => {
    const r = await read('[{"a":1},{"a":');
    expect(r.records).toHaveLength(1);
    expect(r.bad[0][1]).toMatch(/truncated/);
    await expect(read('{\n "x": [1, 2')).rejects.toThrow(/truncated/);
    await expect(read('hello')).rejects.toThrow(/not JSON/);
  });

  it('handles records split across stream chunks', async () => {
    const big = Array.from({ length: 30000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(50) }));
    const r = await read(`{"Records":[${big.join(',')}]}`);
    expect(r.records).toHaveLength(30000);
    expect(r.records[29999][0]).toMatchObject({ i: 29999 });
    expect(r.bad).toEqual([]);
  });
});

describe('readJsonRecords: container shapes decided by content, not by line layout', () => {
  const recs = [
    { eventTime: '2024-01-01T00:00:00Z', n: 1 },
    { eventTime: '2024-01-01T00:00:01Z', n: 2 },
    { eventTime: '2024-01-01T00:00:02Z', n: 3 },
  ];
  const values = (r: Awaited<ReturnType<typeof read>>) => r.records.map((x) => x[0]);

  it('reads a one-line {"Records":[…]} (CloudTrail as delivered to S3) as its records, plain and gzipped', async () => {
    const text = JSON.stringify({ Records: recs });
    for (const content of [text, text + '\n', zlib.gzipSync(text)]) {
      const r = await read(content, 'x.json.gz');
      expect(values(r)).toEqual(recs);
      expect(r.records[2][1]).toBe('line 1 Records[2]');
      expect(r.bad).toEqual([]);
    }
  });

  it('reads one wrapper per line (S3 objects concatenated) and a wrapper with no records', async () => {
    const text = [JSON.stringify({ Records: recs.slice(0, 2) }), JSON.stringify({ Records: [] }), JSON.stringify({ Records: recs.slice(2) })].join(
      '\n',
    );
    const r = await read(text);
    expect(values(r)).toEqual(recs);
    expect(r.records.map((x) => x[1])).toEqual(['line 1 Records[0]', 'line 1 Records[1]', 'line 3 Records[0]']);
  });

  it('reads Entra {"records":[…]}, Graph {"value":[…]} and a k8s EventList on one line', async () => {
    expect(values(await read(JSON.stringify({ records: recs })))).toEqual(recs);
    expect(values(await read(JSON.stringify({ '@odata.context': 'x', value: recs, '@odata.nextLink': 'y' })))).toEqual(recs);
    expect(values(await read(JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: recs })))).toEqual(recs);
  });

  it('reads Log Analytics query results (tables[].columns/rows) as one object per row', async () => {
    const doc = {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'UserPrincipalName', type: 'string' },
          ],
          rows: [
            ['2024-01-01T00:00:00Z', 'a@x'],
            ['2024-01-02T00:00:00Z', 'b@x'],
          ],
        },
      ],
    };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
      expect(values(await read(text))).toEqual([
        { TimeGenerated: '2024-01-01T00:00:00Z', UserPrincipalName: 'a@x' },
        { TimeGenerated: '2024-01-02T00:00:00Z', UserPrincipalName: 'b@x' },
      ]);
    }
  });

  it('reads concatenated documents, pretty or not, and wrappers one after another', async () => {
    const pretty = recs.map((r) => JSON.stringify(r, null, 2)).join('\n');
    const r = await read(pretty);
    expect(r.shape).toBe('concatenated');
    expect(values(r)).toEqual(recs);
    expect(r.records.map((x) => x[1])).toEqual(['document', 'document 2', 'document 3']);
    const wrappers = `{\n "Records": [${JSON.stringify(recs[0])}]\n}\n{\n "Records": [${JSON.stringify(recs[1])}, ${JSON.stringify(recs[2])}]\n}`;
    const w = await read(wrappers);
    expect(values(w)).toEqual(recs);
    expect(w.records[2][1]).toBe('document 2 Records[1]');
  });

  it('keeps a record whose small `data` array is its own field, not a wrapper', async () => {
    const rec = { action: 'x', actor: 'a', data: [{ k: 1 }], created_at: 1, org: 'o', user: 'u', repo: 'r' };
    expect(values(await read(JSON.stringify(rec) + '\n' + JSON.stringify(rec)))).toEqual([rec, rec]);
  });

  it('streams a one-line wrapper far longer than any record in bounded pieces, with a bad record in it reported', async () => {
    const many = Array.from({ length: 40000 }, (_, i) => ({ eventTime: '2024-01-01T00:00:00Z', i, pad: 'p'.repeat(40) }));
    const line = JSON.stringify({ Records: many }).replace(
      '{"eventTime":"2024-01-01T00:00:00Z","i":7,',
      '{"eventTime":"2024-01-01T00:00:00Z","i":7,,',
    );
    expect(line.length).toBeGreaterThan(2 * 1024 * 1024);
    const r = await read(line + '\n' + JSON.stringify(recs[0]));
    expect(r.records).toHaveLength(40000);
    expect(r.records[39999][0]).toEqual(recs[0]);
    expect(r.records[39998][1]).toBe('Records[39999]');
    expect(r.bad).toEqual([['Records[7]', expect.stringMatching(/invalid JSON/)]]);
  });

  it('cuts a broken streamed line off at its newline, so the next line still reads', async () => {
    const long = `{"Records":[${Array.from({ length: 30000 }, (_, i) => JSON.stringify({ i, pad: 'p'.repeat(40) })).join(',')},{"i":"open`;
    const r = await read(long + '\n' + JSON.stringify(recs[1]));
    expect(r.records).toHaveLength(30001);
    expect(r.records[30000]).toEqual([recs[1], 'document 2']);
    expect(r.bad).toEqual([['Records[30000]', expect.stringMatching(/line break inside a string/)]]);
  });

  it('streams an over-long line of an NDJSON file and goes on with the next lines', async () => {
    const long = JSON.stringify({ Records: Array.from({ length: 30000 }, (_, i) => ({ i, pad: 'p'.repeat(40) })) });
    const r = await read([JSON.stringify(recs[0]), long, '{"Records":[{"i":"open', JSON.stringify(recs[1])].join('\n'));
    expect(r.shape).toBe('ndjson');
    expect(r.records).toHaveLength(30002);
    expect(r.records[30000][1]).toBe('line 2 Records[29999]');
    expect(r.records[30001]).toEqual([recs[1], 'line 4']);
    expect(r.bad.map((b) => b[0])).toEqual(['line 3']);
  });

  it('reports text that is not JSON between documents instead of dropping it silently', async () => {
    const r = await read('{\n "a": 1\n}\ngarbage here\n{\n "a": 2\n}');
    expect(values(r)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(r.bad.map((b) => b[1])).toEqual([expect.stringMatching(/not JSON/)]);
  });

  it('reads a truncated .gz up to the damage and leaves a note for the import', async () => {
    const { takeDamage } = await import('../../main/ingest/file-source.ts');
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, s: Math.random().toString(36) })).join('\n');
    const gz = zlib.gzipSync(lines);
    const dir = tmpDir();
    const file = writeFile(dir, 'cut.json.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const records: unknown[] = [];
    await readJsonRecords(file, {}, { record: (v) => records.push(v), bad: () => {} });
    expect(records.length).toBeGreaterThan(1000);
    expect(records.length).toBeLessThan(5000);
    expect(records[records.length - 1]).toMatchObject({ i: records.length - 1 });
    expect(takeDamage(file)).toMatch(/gzip data ends early/);
    expect(takeDamage(file)).toBeNull();
  });
});
