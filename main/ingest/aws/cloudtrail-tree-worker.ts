// Worker thread for a CloudTrail S3 delivery tree: reads the small gzipped objects one after another (inflate,
// decode, JSON.parse, normalise) while the importing thread writes the previous ones, so on two cores the parsing
// and the SQLite writes overlap. It never touches the case file.
// Only the common shape is read here: a whole one-line {"Records":[…]} object within the inflation limits. For
// anything else (damaged gzip, another container, UTF-16, text that is not JSON) it says `fallback` and the
// importing thread reads that file itself, with the reader that handles every shape and reports every defect.
import { parentPort, workerData } from 'node:worker_threads';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { inflateAllowance } from '../file-source.ts';
import { containerOf } from '../json/containers.ts';
import { parseRecord, tooDeep } from '../json/read-json-records.ts';
import { TRAIL_WRAPPER_KEYS, unwrapLookup } from './cloudtrail-containers.ts';
import type { TrailTreeJob, TrailTreeMessage } from './cloudtrail-batch.ts';
import { TrailBatchBuilder } from './cloudtrail-batch-builder.ts';
import { normaliseRecord } from './cloudtrail-normalise.ts';

/** Bigger objects are left to the importing thread's streaming reader. */
const MAX_INFLATED = 64 * 1024 * 1024;
const port = parentPort!;
const job = workerData as TrailTreeJob;
const batch = new TrailBatchBuilder(port);

/** The whole object's text, or why this worker leaves the file to the importing thread. */
function textOf(path: string): { text: string; bytes: number } | { fallback: string } {
  const raw = fs.readFileSync(path);
  let plain = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      plain = zlib.gunzipSync(raw, { maxOutputLength: Math.min(MAX_INFLATED, inflateAllowance(raw.length, job.inflate)) });
    } catch (e) {
      return { fallback: (e as Error).message };
    }
  } else if (raw.length > MAX_INFLATED) return { fallback: 'large' };
  if ((plain[0] === 0xff && plain[1] === 0xfe) || (plain[0] === 0xfe && plain[1] === 0xff)) return { fallback: 'UTF-16' };
  const bom = plain[0] === 0xef && plain[1] === 0xbb && plain[2] === 0xbf ? 3 : 0;
  return { text: plain.toString('utf8', bom), bytes: raw.length };
}

async function readFile(file: number): Promise<void> {
  const got = textOf(job.files[file]);
  if ('fallback' in got) return fallback(file, got.fallback);
  const text = got.text.trim();
  // One line only: the in-thread reader's locators ("line 1 Records[3]") are then known exactly.
  if (text.includes('\n')) return fallback(file, 'not a one-line object');
  let value: unknown;
  try {
    value = text.includes('"__proto__"') || tooDeep(text) ? parseRecord(text) : JSON.parse(text);
  } catch (e) {
    return fallback(file, (e as Error).message);
  }
  const container = containerOf(value, TRAIL_WRAPPER_KEYS);
  if (!container) return fallback(file, 'not a {"Records":[…]} object');
  batch.tag = { file, container: container.key };
  batch.bytes = got.bytes;
  for (let i = 0; i < container.items.length; i++) {
    const item = container.items[i];
    batch.records++;
    const e = normaliseRecord(unwrapLookup(item));
    if ('reject' in e) batch.reject(i + 1, e.reject, (JSON.stringify(item) ?? '').slice(0, 500));
    else batch.add(e, i + 1);
    if (batch.full) {
      batch.post();
      await batch.room();
    }
  }
  batch.post();
  await batch.room();
  port.postMessage({ type: 'file-done', file } satisfies TrailTreeMessage);
}

function fallback(file: number, reason: string): void {
  port.postMessage({ type: 'fallback', file, reason } satisfies TrailTreeMessage);
}

async function run(): Promise<void> {
  for (let file = 0; file < job.files.length; file++) {
    try {
      await readFile(file);
    } catch (e) {
      fallback(file, (e as Error).message);
    }
  }
}

void run();
