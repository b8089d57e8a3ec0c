// Worker thread for big CloudTrail NDJSON files: cuts lines, parses and normalises records while the main
// thread writes the previous batch to the case. It never touches the case file.
// Backpressure: at most MAX_IN_FLIGHT batches wait unacknowledged, so memory stays flat however big the file.
// JSON.parse runs without a reviver (several times faster); a line that mentions "__proto__" takes the safe parser.
import { parentPort, workerData } from 'node:worker_threads';
import { openText } from '../file-source.ts';
import { parseRecord } from '../json/read-json-records.ts';
import { ACTION, ACTOR, AGENT, COLUMNS, IP, KEY, TARGET, type TrailBatch, type TrailParseJob, type TrailParseMessage } from './cloudtrail-batch.ts';
import { normaliseRecord, type TrailEvent } from './cloudtrail-normalise.ts';

const BATCH = 2000;
const MAX_IN_FLIGHT = 3;
const MAX_DICTIONARY = 500_000;
const port = parentPort!;
const job = workerData as TrailParseJob;

let inFlight = 0;
let resume: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  if (resume && inFlight < MAX_IN_FLIGHT) {
    const r = resume;
    resume = null;
    r();
  }
});

const dictionary = new Map<string, number>();
let reset = false;
let strings: string[] = [];
let bytes = 0;
let count = 0;
let ts = new Float64Array(BATCH);
let cols = new Int32Array(BATCH * COLUMNS);
let outcome = new Uint8Array(BATCH);
let lines = new Int32Array(BATCH);
let props: string[] = [];
let rare: TrailBatch['rare'] = [];
let rejects: [number, string, string][] = [];
let records = 0;

function code(s: string | null): number {
  if (s === null) return -1;
  let id = dictionary.get(s);
  if (id === undefined) {
    id = dictionary.size;
    dictionary.set(s, id);
    strings.push(s);
  }
  return id;
}

function post(): void {
  const batch: TrailBatch = { type: 'batch', reset, strings, n: count, ts, cols, outcome, lines, props, rare, rejects, records, bytes };
  port.postMessage(batch, [ts.buffer, cols.buffer, outcome.buffer, lines.buffer]);
  inFlight++;
  reset = false;
  strings = [];
  count = 0;
  ts = new Float64Array(BATCH);
  cols = new Int32Array(BATCH * COLUMNS);
  outcome = new Uint8Array(BATCH);
  lines = new Int32Array(BATCH);
  props = [];
  rare = [];
  rejects = [];
  records = 0;
  bytes = 0;
  if (dictionary.size > MAX_DICTIONARY) {
    dictionary.clear(); // flat memory on logs with endless distinct strings; the main thread starts over too
    reset = true;
  }
}

function add(e: TrailEvent, line: number): void {
  const i = count++;
  const o = i * COLUMNS;
  ts[i] = e.ts;
  cols[o + ACTOR] = code(e.actor);
  cols[o + KEY] = code(e.accessKeyId);
  cols[o + IP] = code(e.ip);
  cols[o + AGENT] = code(e.userAgent);
  cols[o + ACTION] = code(e.action);
  cols[o + TARGET] = code(e.targetText);
  outcome[i] = e.outcome;
  lines[i] = line;
  props.push(e.props);
  if (e.assumed || e.change) rare.push([i, { ts: e.ts, actor: e.actor, assumed: e.assumed, change: e.change }]);
}

function line(text: string, n: number): void {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return;
  const t = start === 0 && end === text.length ? text : text.slice(start, end);
  records++;
  let value: unknown;
  try {
    value = t.includes('"__proto__"') ? parseRecord(t) : JSON.parse(t);
  } catch (e) {
    rejects.push([n, `invalid JSON: ${(e as Error).message.slice(0, 120)}`, t.slice(0, 300)]);
    return;
  }
  const e = normaliseRecord(value);
  if ('reject' in e) rejects.push([n, e.reject, t.slice(0, 300)]);
  else add(e, n);
}

async function run(): Promise<void> {
  const input = openText(job.path, (n) => {
    bytes += n;
  });
  let rest = '';
  let n = 0;
  let skipping = false;
  for await (const chunk of input) {
    const s = chunk as string;
    let start = 0;
    let nl = s.indexOf('\n');
    while (nl >= 0) {
      n++;
      const text = rest ? rest + s.slice(start, nl) : s.slice(start, nl);
      rest = '';
      if (skipping) skipping = false;
      else line(text, n);
      start = nl + 1;
      nl = s.indexOf('\n', start);
      if (count >= BATCH || rejects.length >= BATCH) {
        post();
        if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (resume = r));
      }
    }
    if (!skipping) rest += s.slice(start);
    if (rest.length > job.maxLineChars) {
      records++;
      rejects.push([n + 1, `line longer than ${job.maxLineChars} characters`, rest.slice(0, 300)]);
      rest = '';
      skipping = true;
    }
  }
  if (rest && !skipping) line(rest, n + 1);
  post();
  port.postMessage({ type: 'done' } satisfies TrailParseMessage);
}

run().catch((e: Error) => port.postMessage({ type: 'error', message: e.message } satisfies TrailParseMessage));
