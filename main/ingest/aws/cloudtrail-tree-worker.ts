// Worker thread for a CloudTrail S3 delivery tree: reads the small gzipped objects one after another (inflate,
// decode, JSON.parse, normalise) while the importing thread writes the previous ones, so on two cores the parsing
// and the SQLite writes overlap. It never touches the case file.
// Only the common shape is read here: a whole one-line {"Records":[…]} object within the inflation limits. For
// anything else (damaged gzip, another container, UTF-16, text that is not JSON) it says `fallback` and the
// importing thread reads that file itself, with the reader that handles every shape and reports every defect.
import { parentPort, workerData } from 'node:worker_threads';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { BatchCredit } from '../batch-credit.ts';
import { FieldDictionary } from '../field-dictionary.ts';
import { inflateAllowance } from '../file-source.ts';
import { containerOf } from '../json/containers.ts';
import { parseRecord, tooDeep } from '../json/read-json-records.ts';
import { TRAIL_WRAPPER_KEYS, unwrapLookup } from './cloudtrail-containers.ts';
import { ACTION, ACTOR, AGENT, COLUMNS, IP, KEY, TARGET, type TrailBatch, type TrailTreeJob, type TrailTreeMessage } from './cloudtrail-batch.ts';
import { normaliseRecord, type TrailEvent } from './cloudtrail-normalise.ts';

const BATCH = 2000;
const MAX_DICTIONARY = 500_000;
/** Bigger objects are left to the importing thread's streaming reader. */
const MAX_INFLATED = 64 * 1024 * 1024;
const port = parentPort!;
const job = workerData as TrailTreeJob;
const credit = new BatchCredit(port);
const dictionary = new FieldDictionary(COLUMNS);

/** One file's events, in batches of at most BATCH. */
class FileBatches {
  private reset: boolean;
  private strings: string[] = [];
  private n = 0;
  private ts = new Float64Array(BATCH);
  private cols = new Int32Array(BATCH * COLUMNS);
  private outcome = new Uint8Array(BATCH);
  private lines = new Int32Array(BATCH);
  private props: string[] = [];
  private rare: TrailBatch['rare'] = [];
  private rejects: [number, string, string][] = [];
  private records = 0;
  private bytes: number;
  private readonly file: number;
  private readonly container: string;

  constructor(file: number, container: string, bytes: number, reset: boolean) {
    this.file = file;
    this.container = container;
    this.bytes = bytes;
    this.reset = reset;
  }

  /** Adds one record; true when the batch is full and must be posted. */
  add(item: unknown, index: number): boolean {
    this.records++;
    const e = normaliseRecord(unwrapLookup(item));
    if ('reject' in e) this.rejects.push([index + 1, e.reject, (JSON.stringify(item) ?? '').slice(0, 500)]);
    else this.event(e, index + 1);
    return this.n >= BATCH || this.rejects.length >= BATCH;
  }

  private event(e: TrailEvent, line: number): void {
    const i = this.n++;
    const o = i * COLUMNS;
    const code = (s: string | null, column: number) => (s === null ? -1 : dictionary.code(s, column, this.strings));
    this.ts[i] = e.ts;
    this.cols[o + ACTOR] = code(e.actor, ACTOR);
    this.cols[o + KEY] = code(e.accessKeyId, KEY);
    this.cols[o + IP] = code(e.ip, IP);
    this.cols[o + AGENT] = code(e.userAgent, AGENT);
    this.cols[o + ACTION] = code(e.action, ACTION);
    this.cols[o + TARGET] = code(e.targetText, TARGET);
    this.outcome[i] = e.outcome;
    this.lines[i] = line;
    this.props.push(e.props);
    if (e.assumed || e.change) this.rare.push([i, { ts: e.ts, actor: e.actor, assumed: e.assumed, change: e.change, targetText: e.targetText }]);
  }

  async post(): Promise<void> {
    const batch: TrailBatch = {
      type: 'batch', reset: this.reset, strings: this.strings, n: this.n, ts: this.ts, cols: this.cols, outcome: this.outcome,
      lines: this.lines, props: this.props, rare: this.rare, rejects: this.rejects, records: this.records, bytes: this.bytes,
      container: this.container, file: this.file,
    };
    port.postMessage(batch satisfies TrailTreeMessage, [this.ts.buffer, this.cols.buffer, this.outcome.buffer, this.lines.buffer]);
    credit.sent();
    this.reset = false;
    this.strings = [];
    this.n = 0;
    this.ts = new Float64Array(BATCH);
    this.cols = new Int32Array(BATCH * COLUMNS);
    this.outcome = new Uint8Array(BATCH);
    this.lines = new Int32Array(BATCH);
    this.props = [];
    this.rare = [];
    this.rejects = [];
    this.records = 0;
    this.bytes = 0;
    if (dictionary.size > MAX_DICTIONARY) {
      dictionary.clear(); // flat memory on logs with endless distinct strings; the importing thread starts over too
      this.reset = true;
    }
    await credit.room();
  }

  /** Whether the next batch must tell the importing thread to empty its dictionary. */
  get pendingReset(): boolean {
    return this.reset;
  }
}

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

let carriedReset = false;

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
  const batches = new FileBatches(file, container.key, got.bytes, carriedReset);
  for (let i = 0; i < container.items.length; i++) if (batches.add(container.items[i], i)) await batches.post();
  await batches.post();
  carriedReset = batches.pendingReset;
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
