// Worker thread for big CloudTrail NDJSON files: cuts lines, parses and normalises records while the main
// thread writes the previous batch to the case. It never touches the case file.
// Backpressure (BatchCredit): at most a few batches wait unacknowledged, so memory stays flat however big the file.
// JSON.parse runs without a reviver (several times faster); a line that mentions "__proto__" takes the safe parser.
import { parentPort, workerData } from 'node:worker_threads';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { ApiError } from '../../../shared/api/contract.ts';
import { inflationGuard } from '../file-source.ts';
import { containerOf } from '../json/containers.ts';
import { parseRecord, tooDeep } from '../json/read-json-records.ts';
import { TRAIL_WRAPPER_KEYS, unwrapLookup } from './cloudtrail-containers.ts';
import type { TrailParseJob, TrailParseMessage } from './cloudtrail-batch.ts';
import { TrailBatchBuilder } from './cloudtrail-batch-builder.ts';
import { normaliseRecord } from './cloudtrail-normalise.ts';

const port = parentPort!;
const job = workerData as TrailParseJob;
const batch = new TrailBatchBuilder(port);

function line(text: string, n: number): void {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return;
  const t = start === 0 && end === text.length ? text : text.slice(start, end);
  batch.records++;
  let value: unknown;
  try {
    // parseRecord also refuses absurd nesting; the fast path checks it the same way.
    value = t.includes('"__proto__"') || tooDeep(t) ? parseRecord(t) : JSON.parse(t);
  } catch (e) {
    batch.reject(n, `invalid JSON: ${(e as Error).message.slice(0, 120)}`, t.slice(0, 300));
    return;
  }
  const container = containerOf(value, TRAIL_WRAPPER_KEYS);
  if (!container) {
    const e = normaliseRecord(value);
    if ('reject' in e) batch.reject(n, e.reject, t.slice(0, 300));
    else batch.add(e, n);
    return;
  }
  // A line holding a whole log file ({"Records":[…]}, as S3 objects concatenated): each record is a row, and its
  // locator is its place in that file, as the in-thread reader gives it.
  batch.records--;
  for (let i = 0; i < container.items.length; i++) {
    batch.records++;
    const item = container.items[i];
    const e = normaliseRecord(unwrapLookup(item));
    if ('reject' in e) batch.reject(i + 1, e.reject, JSON.stringify(item)?.slice(0, 300) ?? '');
    else batch.add(e, i + 1);
  }
}

/**
 * Reads the job's byte range as lines. Lines are cut on 0x0A in the bytes (never inside a UTF-8 sequence) and
 * decoded one by one. A range owns every line that starts inside it: a worker starting mid-file skips to the
 * first line start and numbers lines after counting the newlines before it; it reads past its end to finish a line.
 */
async function run(): Promise<void> {
  let pos = job.start;
  let n = 0;
  if (job.start > 0) {
    const before = await countNewlines(job.path, job.start - 1);
    n = before.count;
    pos = before.firstLineStart;
  }
  const raw = fs.createReadStream(job.path, { start: job.gzip ? 0 : pos, highWaterMark: 1 << 20 });
  raw.on('data', (c) => {
    batch.bytes += (c as Buffer).length;
  });
  // This worker inflates on its own, so it applies the same per-file bound on inflated bytes (file-source.ts).
  let input: AsyncIterable<Buffer> = raw;
  if (job.gzip) {
    const gunzip = raw.pipe(zlib.createGunzip());
    const guard = inflationGuard(job.path, gunzip, job.inflate);
    gunzip.on('error', (e) => guard.destroy(e));
    input = gunzip.pipe(guard);
  }
  let rest: Buffer | null = null;
  let skipping = false;
  let first = pos === 0;
  let damaged: string | null = null;
  try {
    for await (const chunk of input) {
      let buf = chunk;
      let start = 0;
      let nl = buf.indexOf(10);
      while (nl >= 0) {
        if (pos >= job.end) break;
        n++;
        let lineStart = start;
        if (rest) {
          buf = Buffer.concat([rest, buf]);
          nl += rest.length;
          lineStart = 0;
          rest = null;
        }
        const lineBytes = nl - lineStart;
        if (skipping) skipping = false;
        else if (lineBytes > job.maxLineChars) tooLong(buf.subarray(lineStart, lineStart + 300), n);
        else line(decode(buf, lineStart, nl, first), n);
        first = false;
        pos += lineBytes + 1;
        start = nl + 1;
        nl = buf.indexOf(10, start);
        if (batch.full) {
          batch.post();
          await batch.room();
        }
      }
      if (pos >= job.end) break;
      if (skipping) pos += buf.length - start;
      else if (start < buf.length) rest = rest ? Buffer.concat([rest, buf.subarray(start)]) : Buffer.from(buf.subarray(start));
      if (rest && rest.length > job.maxLineChars) {
        tooLong(rest.subarray(0, 300), n + 1);
        pos += rest.length;
        rest = null;
        skipping = true;
      }
    }
  } catch (e) {
    // A truncated or corrupt .gz (common with copied logs): keep every record inflated before the damage.
    // A bomb is refused whole, never kept up to the limit as if the file had merely been cut short.
    if (!job.gzip || e instanceof ApiError) throw e;
    damaged = (e as Error).message;
  }
  if (rest && !skipping && pos < job.end) line(decode(rest, 0, rest.length, first), n + 1);
  raw.destroy();
  batch.post();
  if (damaged) {
    port.postMessage({
      type: 'warning',
      message: `the gzip data ends early or is corrupt (${damaged}); the records before the damage were read, nothing after it`,
    } satisfies TrailParseMessage);
  }
  port.postMessage({ type: 'done' } satisfies TrailParseMessage);
}

/** An absurdly long line is rejected once, never decoded or held whole. */
function tooLong(head: Buffer, n: number): void {
  batch.records++;
  batch.reject(n, `line longer than ${job.maxLineChars} bytes`, head.toString('utf8'));
}

function decode(buf: Buffer, start: number, end: number, first: boolean): string {
  const text = buf.toString('utf8', start, end);
  return first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Newlines in bytes [0, upto] and where the first line at or after `upto + 1` starts. */
async function countNewlines(path: string, upto: number): Promise<{ count: number; firstLineStart: number }> {
  let count = 0;
  for await (const chunk of fs.createReadStream(path, { start: 0, end: upto, highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) count++;
  }
  // upto is the byte before the range: a newline there means the range starts on a line; otherwise skip to the next.
  const fd = fs.openSync(path, 'r');
  try {
    const probe = Buffer.alloc(1 << 16);
    let at = upto;
    for (;;) {
      const got = fs.readSync(fd, probe, 0, probe.length, at);
      if (got <= 0) return { count, firstLineStart: Number.MAX_SAFE_INTEGER };
      const i = probe.subarray(0, got).indexOf(10);
      if (i >= 0) {
        // The newline at `upto` itself was counted above; one further on belongs to a line this range skips.
        return at + i === upto ? { count, firstLineStart: upto + 1 } : { count: count + 1, firstLineStart: at + i + 1 };
      }
      at += got;
    }
  } finally {
    fs.closeSync(fd);
  }
}

run().catch((e: Error) => port.postMessage({ type: 'error', message: e.message } satisfies TrailParseMessage));
