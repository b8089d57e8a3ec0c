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
    expect(r.records).toEqual([[{ a: 1 }, 'line 1'], [{ a: 2, s: 'x}y{' }, 'line 2'], [{ a: 4 }, 'line 5']]);
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
    expect(r.records).toEqual([[{ e: 1 }, 'Records[0]'], [{ e: 2 }, 'Records[1]']]);
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
