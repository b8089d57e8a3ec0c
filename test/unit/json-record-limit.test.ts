// A JSON record over the limit is refused as it streams in, never held whole (issue 19): the audit saw 695 MB
// buffered before the refusal, through the scanner's tracking of keys at depth 1, which held every string there
// (values too) until it closed. The readers' buffers are measured after every chunk. (A single top-level document
// that is not a wrapper is held up to 256 MB by design: it may still turn out to be one record.)
import { describe, expect, it } from 'vitest';
import { LineReader, ValueScanner, type ChunkReader } from '../../main/ingest/json/read-json-records.ts';

const LIMIT = 1 << 20;
const CHUNK = 1 << 16;

/** Feeds `parts` (strings, or [piece, times] repeated) in 64 KB chunks; returns the largest buffer held and what came out. */
function stream(
  make: (h: { record: (v: unknown, l: string) => void; bad: (l: string, r: string) => void }) => ChunkReader,
  parts: (string | [string, number])[],
) {
  const records: [unknown, string][] = [];
  const bad: [string, string][] = [];
  const reader = make({ record: (v, l) => records.push([v, l]), bad: (l, r) => bad.push([l, r]) });
  let most = 0;
  const held = () => {
    const r = reader as unknown as { buf?: string; rest?: string; long?: { buf: string } | null };
    return (r.buf?.length ?? 0) + (r.rest?.length ?? 0) + (r.long?.buf.length ?? 0);
  };
  for (const part of parts) {
    const [piece, times] = typeof part === 'string' ? [part, 1] : part;
    for (let i = 0; i < times; i++) {
      reader.push(piece);
      most = Math.max(most, held());
    }
  }
  reader.end();
  return { most, records, bad };
}

const big: [string, number] = ['x'.repeat(CHUNK), 320]; // 20 MB in one string

describe('JSON records over the limit', () => {
  it('an NDJSON line whose object holds a 20 MB string value is refused without holding it', () => {
    const r = stream((h) => new LineReader(h, LIMIT), ['{"uuid":"a","n":1}\n{"uuid":"b","displayMessage":"', big, '"}\n{"uuid":"c"}\n']);
    expect(r.records).toEqual([
      [{ uuid: 'a', n: 1 }, 'line 1'],
      [{ uuid: 'c' }, 'line 3'],
    ]);
    expect(r.bad).toEqual([
      [
        'line 2 document',
        expect.stringMatching(
          /^record larger than 1 MB, the limit for one JSON record; it was not read into memory\. To import it, raise the limit \(blastmap import --max-record <size>, API maxRecordSize/,
        ),
      ],
    ]);
    expect(r.most).toBeLessThan(LIMIT + 2 * CHUNK);
  });

  it('20 MB of text outside any value is reported once and not held', () => {
    const r = stream((h) => new ValueScanner(h, LIMIT, ['Records']), ['[{"e":1}] ', big, '\n[{"e":2}]']);
    expect(r.records.map((x) => x[0])).toEqual([{ e: 1 }, { e: 2 }]);
    expect(r.bad).toEqual([['document 2', 'not JSON: text outside any object or array']]);
    expect(r.most).toBeLessThan(LIMIT + 2 * CHUNK);
  });

  it('a 20 MB record inside an array is refused the same way', () => {
    const r = stream((h) => new ValueScanner(h, LIMIT, ['Records']), ['[{"e":1},{"s":"', big, '"},{"e":3}]']);
    expect(r.records.map((x) => x[0])).toEqual([{ e: 1 }, { e: 3 }]);
    expect(r.bad).toEqual([['record 2', expect.stringMatching(/^record larger than 1 MB/)]]);
    expect(r.most).toBeLessThan(LIMIT + 2 * CHUNK);
  });
});
