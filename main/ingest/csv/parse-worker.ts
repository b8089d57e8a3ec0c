// Worker thread that parses and normalises a large auth_events CSV while the main thread writes.
// Two cores: parsing here and SQLite inserts there overlap. It never touches the case file.
// The file is read as bytes (CsvByteTokenizer): a cell whose bytes were seen before in its column
// takes the value computed then (ByteMemo), so the repeated accounts, keys, addresses and agents of a
// big log are neither decoded nor hashed as strings again. Strings are dictionary-encoded (each
// distinct value crosses the thread boundary once; rows travel as transferred typed arrays).
// A row the fast path does not accept (a reject, an unterminated quote) goes through the same
// normaliseAuthEvent as every other CSV path, so rejects read the same.
// Backpressure (BatchCredit): after each chunk the worker waits while too many batches are unacknowledged.
import { parentPort, workerData } from 'node:worker_threads';
import { BatchCredit } from '../batch-credit.ts';
import { ByteMemo } from '../byte-memo.ts';
import { FieldDictionary } from '../field-dictionary.ts';
import { spanBuffers, UsageSpans } from '../usage-spans.ts';
import { setInflateLimits, takeDamage, utf8Chunks } from '../file-source.ts';
import { clean, fastUtcMillisFromBytes, INVALID, parseIsoMillis } from '../normalise.ts';
import { normaliseAuthEvent, parseAsn, parseOutcome, parseSourceIp } from './auth-event-row.ts';
import { CsvByteTokenizer, FieldKind, type CsvRecord } from './byte-csv.ts';
import { FLAG_FAILURE, FLAG_IP_UNPARSED, REF_FIELDS, type ParseJob, type ParseMessage } from './parse-protocol.ts';
import { RowError, type Cell } from './row-error.ts';
import { MAX_CSV_LINE } from './stream-csv.ts';
import { addressValue, storedIpv4 } from '../../store/address-column.ts';
import { parseDottedQuad } from '../../intel/ip.ts';

const BATCH_ROWS = 16_384;
/** Beyond this many distinct values the dictionary starts over (the writing thread is told), so memory stays flat. */
const MAX_DICTIONARY = 1_000_000;
/** Usage spans are handed over when this many are pending. */
const MAX_SPANS = 500_000;
const port = parentPort!;
const job = workerData as ParseJob;
setInflateLimits(job.inflate);
const dictionary = new FieldDictionary(REF_FIELDS);

/** Column index per role (-1: the file has no such column); refs slot order is REF_FIELDS'. */
const column = (name: string) => job.columns[name] ?? -1;
const TIMESTAMP = column('timestamp');
const OUTCOME = column('outcome');
const ASN = column('asn');
const SOURCE_IP = column('source_ip');
/** Dictionary-coded cells: [refs slot, column]. The IP (slot 2) has its own memo value (code and flag). */
const CODED: [number, number][] = [
  [0, column('identity')],
  [1, column('credential')],
  [3, column('user_agent')],
  [4, column('action')],
  [5, column('target')],
  [6, column('country')],
];
const memos = Array.from({ length: REF_FIELDS + 2 }, () => new ByteMemo());
/** Memo per refs slot (the IP's is slot 2), plus the outcome's and the ASN's. */
const IP_MEMO = 2,
  OUTCOME_MEMO = REF_FIELDS,
  ASN_MEMO = REF_FIELDS + 1;
const REJECT = -3;

let batch = newBatch();
/** ipValue() results at or below this are IPv4 addresses (the stored value plus this base). */
const IPV4_MEMO_BASE = -2;
const spans = new UsageSpans();
/** Events sent so far: the next one's order within the import. */
let events = 0;
const credit = new BatchCredit(port);
let bytes = 0;
/** Non-blank records seen so far, the header included: a data row's number as the rejects and locators show it. */
let recordNumber = 0;
let headerSeen = false;

function newBatch() {
  return {
    count: 0,
    records: 0,
    newStrings: [] as string[],
    newFields: [] as number[],
    rejects: [] as [number, string, string][],
    ts: new Float64Array(BATCH_ROWS),
    refs: new Int32Array(BATCH_ROWS * REF_FIELDS),
    asn: new Float64Array(BATCH_ROWS),
    ipv4: new Float64Array(BATCH_ROWS),
    rows: new Int32Array(BATCH_ROWS),
  };
}

function post(last = false): void {
  const b = batch;
  const reset = dictionary.size > MAX_DICTIONARY;
  // Spans hold codes: they go before a reset makes the codes mean something else.
  const handOver = last || reset || spans.size > MAX_SPANS ? spans.take() : null;
  const newFields = Uint8Array.from(b.newFields);
  port.postMessage(
    {
      type: 'batch',
      count: b.count,
      newStrings: b.newStrings,
      newFields,
      ts: b.ts,
      refs: b.refs,
      asn: b.asn,
      ipv4: b.ipv4,
      rows: b.rows,
      rejects: b.rejects,
      records: b.records,
      bytes,
      spans: handOver,
      reset,
    } satisfies ParseMessage,
    [b.ts.buffer, b.refs.buffer, b.asn.buffer, b.ipv4.buffer, b.rows.buffer, newFields.buffer, ...(handOver ? spanBuffers(handOver) : [])],
  );
  bytes = 0;
  credit.sent();
  batch = newBatch();
  if (reset) {
    dictionary.clear();
    for (const memo of memos) memo.clear();
  }
}

/** Rolls the event just added to the batch into the usage spans. */
function rollUp(): void {
  const b = batch,
    i = b.count - 1,
    o = i * REF_FIELDS;
  spans.add(b.refs[o], b.refs[o + 1], b.refs[o + 5], events++, b.ts[i], !(b.refs[o + 7] & FLAG_FAILURE));
}

function onRecord(r: CsvRecord): void {
  if (isBlank(r)) return;
  const rowNumber = ++recordNumber;
  if (!headerSeen) {
    headerSeen = true; // the columns were read from it before the worker started
    return;
  }
  batch.records++;
  if (r.unterminated || !fastRow(r, rowNumber)) slowRow(r, rowNumber);
  if (batch.records === BATCH_ROWS) post();
}

/** The common row, read cell by cell through the memos; false when it needs the full path (e.g. a reject). */
function fastRow(r: CsvRecord, rowNumber: number): boolean {
  const ts = timestamp(r);
  if (ts === null || ts === INVALID) return false;
  const failure = cell(r, OUTCOME, OUTCOME_MEMO);
  if (failure === REJECT) return false;
  const b = batch,
    o = b.count * REF_FIELDS;
  for (let i = 0; i < CODED.length; i++) b.refs[o + CODED[i][0]] = cell(r, CODED[i][1], CODED[i][0]);
  if (b.refs[o] < 0 && b.refs[o + 1] < 0) return false;
  const ip = cell(r, SOURCE_IP, IP_MEMO);
  const v4 = ip <= IPV4_MEMO_BASE;
  b.ipv4[b.count] = v4 ? ip - IPV4_MEMO_BASE : NaN;
  b.refs[o + 2] = ip < 0 ? -1 : ip >> 1;
  b.refs[o + 7] = (failure ? FLAG_FAILURE : 0) | (ip >= 0 && ip & 1 ? FLAG_IP_UNPARSED : 0);
  b.ts[b.count] = ts;
  b.asn[b.count] = cell(r, ASN, ASN_MEMO);
  b.rows[b.count++] = rowNumber;
  rollUp();
  return true;
}

/** The event time: read from the bytes in the canonical form, else through parseIsoMillis. */
function timestamp(r: CsvRecord) {
  if (TIMESTAMP >= 0 && TIMESTAMP < r.count && r.kinds[TIMESTAMP] === FieldKind.Plain) {
    const fast = fastUtcMillisFromBytes(r.bytes, r.starts[TIMESTAMP], r.ends[TIMESTAMP]);
    if (fast !== null) return fast;
  }
  return parseIsoMillis(r.text(TIMESTAMP));
}

/** A cell's value: remembered by its bytes per memo, computed from its text on first sight. */
function cell(r: CsvRecord, col: number, memo: number): number {
  if (col < 0 || col >= r.count) return compute(memo, undefined);
  const m = memos[memo],
    start = r.keyStart(col),
    end = r.keyEnd(col);
  const hit = m.find(r.bytes, start, end);
  if (hit >= 0) return m.value(hit);
  const value = compute(memo, r.text(col));
  m.set(r.bytes, start, end, value);
  return value;
}

function compute(memo: number, text: string | undefined): number {
  if (memo === OUTCOME_MEMO) return outcomeValue(text);
  if (memo === ASN_MEMO) return parseAsn(text) ?? NaN;
  if (memo === IP_MEMO) return ipValue(text);
  return code(clean(text), memo); // a refs slot
}

function code(value: string | null, slot: number): number {
  return value === null ? -1 : dictionary.code(value, slot, batch.newStrings, batch.newFields);
}

/** 1 failure, 0 success (or empty), REJECT for a value that is neither. */
function outcomeValue(text: string | undefined): number {
  const outcome = parseOutcome(text);
  return outcome === INVALID ? REJECT : outcome === 'failure' ? 1 : 0;
}

/**
 * An IPv4 address as its stored value (store/address-column.ts, from -2^32 to -1) shifted below IPV4_MEMO_BASE;
 * otherwise the text's dictionary code times two, plus one when it did not parse; -1 when empty. IPv4 addresses,
 * nearly all of a log's, so never reach the dictionary nor the writing thread's term table.
 */
function ipValue(text: string | undefined): number {
  // The common cell, a plain dotted quad, needs no cleaning nor normalising: its number is its stored form.
  const quad = text === undefined ? -1 : parseDottedQuad(text);
  if (quad >= 0) return storedIpv4(quad) + IPV4_MEMO_BASE;
  const { ip, ipUnparsed } = parseSourceIp(text);
  if (ip === null) return -1;
  const stored = ipUnparsed ? null : addressValue(ip);
  if (typeof stored === 'number') return stored + IPV4_MEMO_BASE;
  return code(ip, 2) * 2 + (ipUnparsed ? 1 : 0);
}

/** The path every CSV row takes elsewhere: normaliseAuthEvent over the decoded record. */
function slowRow(r: CsvRecord, rowNumber: number): void {
  const record = r.strings();
  const get: Cell = (name) => {
    const idx = job.columns[name];
    return idx === undefined ? undefined : record[idx];
  };
  const b = batch;
  try {
    const e = normaliseAuthEvent(get);
    const o = b.count * REF_FIELDS;
    b.ts[b.count] = e.ts;
    b.refs[o] = code(e.identity, 0);
    b.refs[o + 1] = code(e.credential, 1);
    const stored = e.ip === null || e.ipUnparsed ? null : addressValue(e.ip);
    b.ipv4[b.count] = typeof stored === 'number' ? stored : NaN;
    b.refs[o + 2] = typeof stored === 'number' ? -1 : code(e.ip, 2);
    b.refs[o + 3] = code(e.userAgent, 3);
    b.refs[o + 4] = code(e.action, 4);
    b.refs[o + 5] = code(e.target, 5);
    b.refs[o + 6] = code(e.country, 6);
    b.refs[o + 7] = (e.failure ? FLAG_FAILURE : 0) | (e.ipUnparsed ? FLAG_IP_UNPARSED : 0);
    b.asn[b.count] = e.asn ?? NaN;
    b.rows[b.count++] = rowNumber;
    rollUp();
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    b.rejects.push([rowNumber, e.message, record.join(',').slice(0, 500)]);
  }
}

/** A record of whitespace only (e.g. `, ,`), which carries no event. */
function isBlank(r: CsvRecord): boolean {
  const c = r.bytes[r.starts[0]];
  // The common case: the first cell starts with a visible ASCII character.
  if (r.kinds[0] === FieldKind.Plain && r.ends[0] > r.starts[0] && c > 32 && c < 128) return false;
  for (let i = 0; i < r.count; i++) if (r.text(i)!.trim() !== '') return false;
  return true;
}

async function run(): Promise<void> {
  const tokenizer = new CsvByteTokenizer(job.dialect, onRecord, MAX_CSV_LINE);
  for await (const chunk of utf8Chunks(job.path, (n) => (bytes += n))) {
    try {
      tokenizer.push(chunk);
    } catch (e) {
      // Records before the one that ran on were all read: it is the next one.
      throw new Error(`row ${recordNumber + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
    await credit.room();
  }
  tokenizer.end();
  post(true);
  const damage = takeDamage(job.path);
  if (damage) port.postMessage({ type: 'warning', message: damage } satisfies ParseMessage);
  port.postMessage({ type: 'done' } satisfies ParseMessage);
}

run().catch((e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies ParseMessage));
