// Helpers shared by the identity-provider, cloud and host-log importers (entra, okta, github, gcp, k8s,
// windows): walking the records of a JSON log with row counting and rejects, reading hostile fields safely,
// and peeking at the first record for detection. It lives in entra/ only because those folders share an
// owner; it knows nothing about Entra. It never writes to the case itself except through ctx.writer.reject.
import { containerOf } from '../json/containers.ts';
import { DEFAULT_WRAPPER_KEYS, jsonShape, parseRecord, readJsonRecords } from '../json/read-json-records.ts';
import type { ImportContext } from '../importer.ts';
import { INVALID, parseIsoMillis } from '../normalise.ts';
import { RejectedRecord } from '../record-error.ts';

export type Rec = Record<string, unknown>;

/** A record that cannot be used; the message becomes the reject reason. */
export class RecordError extends RejectedRecord {}

/**
 * Streams every record of a JSON/NDJSON file: counts each one, rejects non-objects and invalid JSON,
 * and turns a RecordError thrown by `handle` into a reject with its message. `accept` leaves out (uncounted)
 * records the format does not model.
 */
export async function forEachJsonRecord(
  ctx: ImportContext,
  handle: (rec: Rec, locator: string, index: number) => void,
  options: { wrapperKeys?: readonly string[]; accept?: (rec: Rec) => boolean } = {},
): Promise<void> {
  let index = 0;
  await readJsonRecords(
    ctx.path,
    { signal: ctx.signal, onBytes: ctx.progress, wrapperKeys: options.wrapperKeys },
    {
      record(value, locator) {
        // Records of another kind that the same export carries (other Windows event ids) are not rows of this format.
        if (options.accept && isRec(value) && !options.accept(value)) return;
        ctx.countRow();
        index++;
        if (!isRec(value)) {
          ctx.writer.reject(locator, 'not a JSON object', value);
          return;
        }
        try {
          handle(value, locator, index);
        } catch (e) {
          // RejectedRecord, not only RecordError: the writer refuses records too (a node kind conflict).
          if (!(e instanceof RejectedRecord)) throw e;
          ctx.writer.reject(locator, e.message, value);
        }
      },
      bad(locator, reason, excerpt) {
        ctx.countRow();
        index++;
        ctx.writer.reject(locator, reason, excerpt);
      },
    },
  );
}

export function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Longest string kept from a field: identifiers and names are short; anything longer is hostile or noise. */
const MAX_TEXT = 2048;

/** A usable string: trimmed, non-empty, not the literal "null"/"undefined" some exporters write. Numbers become text. */
export function str(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (!s || s === 'null' || s === 'undefined' || s === 'None') return null;
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
}

export function rec(v: unknown): Rec | null {
  return isRec(v) ? v : null;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A field that some exporters store as a JSON string (Log Analytics `dynamic` columns). */
export function jsonValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!(s.startsWith('{') || s.startsWith('['))) return v;
  try {
    return parseRecord(s);
  } catch {
    return v;
  }
}

/**
 * Case-insensitive field access: exports of the same log differ in casing (Graph camelCase, Log Analytics
 * PascalCase). The names are tried in order, exactly first, then ignoring case.
 */
export function field(r: Rec | null, ...names: string[]): unknown {
  if (!r) return undefined;
  for (const n of names) if (Object.prototype.hasOwnProperty.call(r, n) && r[n] !== undefined) return r[n];
  const keys = keysByLowerCase(r);
  for (const n of names) {
    const k = keys.get(lowerCase(n));
    if (k !== undefined && r[k] !== undefined) return r[k];
  }
  return undefined;
}

/**
 * A record's keys by their lower-case form (the first key of each form). A sign-in asks for some thirty fields,
 * most of them absent, and lower-casing every key for each miss was a third of an Entra import's time. Records
 * of one export share their key lists (JSON.parse gives them the same keys in the same order), so the map made
 * for one is reused for every later record with the same keys: checking the keys costs a walk over them, not a
 * Map built per record (that, and a WeakMap entry per record, were most of what remained, in GC time).
 * The last two records asked about are remembered: readers alternate between a record and its `properties`.
 */
let lastRecords: [Rec | null, Rec | null] = [null, null];
let lastMaps: [Map<string, string> | null, Map<string, string> | null] = [null, null];
/** Maps by key list, most recently made last (bounded: hostile logs invent key lists). */
const shapes: { keys: string[]; map: Map<string, string> }[] = [];
const MAX_SHAPES = 16;
/** Field names repeat record after record: each is lower-cased once (bounded: hostile logs invent names). */
const lowerCaseOf = new Map<string, string>();

function keysByLowerCase(r: Rec): Map<string, string> {
  if (r === lastRecords[0]) return lastMaps[0]!;
  if (r === lastRecords[1]) return lastMaps[1]!;
  const map = shapeMap(r);
  lastRecords = [r, lastRecords[0]];
  lastMaps = [map, lastMaps[0]];
  return map;
}

/** The lower-case form of a key or field name, made once per name. */
function lowerCase(k: string): string {
  let lower = lowerCaseOf.get(k);
  if (lower === undefined) {
    if (lowerCaseOf.size > 10_000) lowerCaseOf.clear();
    lowerCaseOf.set(k, (lower = k.toLowerCase()));
  }
  return lower;
}

function shapeMap(r: Rec): Map<string, string> {
  for (let s = shapes.length - 1; s >= 0; s--) if (sameKeys(r, shapes[s].keys)) return shapes[s].map;
  const keys: string[] = [];
  const map = new Map<string, string>();
  for (const k in r) {
    keys.push(k);
    const lower = lowerCase(k);
    if (!map.has(lower)) map.set(lower, k);
  }
  if (shapes.length >= MAX_SHAPES) shapes.shift();
  shapes.push({ keys, map });
  return map;
}

/** Whether the record has exactly these keys, in this order. */
function sameKeys(r: Rec, keys: string[]): boolean {
  let i = 0;
  for (const k in r) if (i >= keys.length || keys[i++] !== k) return false;
  return i === keys.length;
}

/** Epoch ms from an ISO string or an epoch number (seconds or milliseconds), or null / INVALID. */
export function millis(v: unknown): number | null | typeof INVALID {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return INVALID;
    const ms = v < 1e11 ? v * 1000 : v; // 1e11 s is the year 5138; 1e11 ms is 1973
    if (Math.abs(ms) > 8.64e15) return INVALID; // beyond what Date can represent (toISOString would throw)
    const out = parseIsoMillis(new Date(ms).toISOString().slice(0, 23) + 'Z');
    return out === null ? INVALID : out;
  }
  if (typeof v === 'string' && /^\d{10,13}$/.test(v.trim())) return millis(Number(v.trim()));
  return parseIsoMillis(typeof v === 'string' ? v : null);
}

/** The required event time of a record, or a RecordError naming the field. */
export function requireMillis(v: unknown, what: string): number {
  const ms = millis(v);
  if (ms === null) throw new RecordError(`missing ${what}`);
  if (ms === INVALID) throw new RecordError(`unparseable ${what} ${JSON.stringify(String(v).slice(0, 60))}`);
  return ms;
}

/** The event table stores an integer locator: the number in "line 12", "record 3" or "value[7]". */
export function locatorNumber(locator: string, fallback: number): number {
  const m = /(\d+)/.exec(locator);
  return m ? Number(m[1]) : fallback;
}

/**
 * The first record of a detection sample, whatever the JSON container (NDJSON, array, wrapper object, a wrapper
 * on one line, Log Analytics tables), or null when it cannot be cut out (e.g. the first record is larger than
 * the sample). Detectors then fall back to text signatures.
 */
export function firstRecord(head: string): Rec | null {
  return sampleRecords(head, 1)[0] ?? null;
}

const WRAPPER_KEY = /"(Records|records|value|items|Events|events|data|logs|entries|results)"\s*:\s*\[/;

/**
 * Up to `max` records from a detection sample, for detectors that must look past the first one (mixed-channel
 * Windows exports, logs that open with another kind of record).
 */
export function sampleRecords(head: string, max: number): Rec[] {
  // Every detector asks about the same sample: cut it once (callers must not change what they get).
  if (head === lastSample.head && max <= lastSample.max) return lastSample.records.slice(0, max);
  const records = cutRecords(head, max);
  lastSample = { head, max, records };
  return records.slice();
}

let lastSample: { head: string | null; max: number; records: Rec[] } = { head: null, max: 0, records: [] };

function cutRecords(head: string, max: number): Rec[] {
  const shape = jsonShape(head);
  if (shape === null) return [];
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const out: Rec[] = [];
  const take = (v: unknown) => {
    const c = containerOf(v, DEFAULT_WRAPPER_KEYS);
    if (c) {
      for (const item of c.items) if (out.length < max && isRec(item)) out.push(item);
    } else if (isRec(v) && out.length < max) out.push(v);
  };
  if (shape === 'ndjson') {
    for (const line of text.split('\n')) {
      if (out.length >= max) break;
      const t = line.trim();
      if (t) take(parseQuiet(t));
    }
    // The sample usually cuts the last line short; a one-line wrapper longer than the sample is cut too.
    if (out.length) return out;
  }
  const whole = parseQuiet(text);
  if (whole) {
    take(whole);
    return out;
  }
  let from = 0;
  if (shape !== 'array') {
    const m = WRAPPER_KEY.exec(text);
    if (!m) return out;
    from = m.index + m[0].length;
  } else from = 1;
  while (out.length < max) {
    const obj = firstObject(text, from);
    if (!obj.text) break;
    const r = parseQuiet(obj.text);
    if (r) out.push(r);
    from = obj.end;
  }
  return out;
}

/** The first balanced {...} at or after `from`, tracking strings; '' when the sample ends first. */
function firstObject(text: string, from: number): { text: string; end: number } {
  const start = text.indexOf('{', from);
  if (start < 0) return { text: '', end: text.length };
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return { text: text.slice(start, i + 1), end: i + 1 };
    }
  }
  return { text: '', end: text.length };
}

function parseQuiet(text: string): Rec | null {
  if (!text) return null;
  // A sample cut mid-record cannot parse: saying so without trying spares a failed parse of 64 KiB per file.
  const last = text.trimEnd().at(-1);
  if (last !== '}' && last !== ']') return null;
  try {
    const v = parseRecord(text.trim());
    return isRec(v) ? v : null;
  } catch {
    return null;
  }
}

/** Records upserted once per import: repeated log lines must not rewrite the same node thousands of times. */
export class SeenOnce {
  private readonly seen = new Set<string>();
  /** How many times it has forgotten everything (what callers remember beside it must be forgotten too). */
  forgotten = 0;
  first(key: string): boolean {
    if (this.seen.has(key)) return false;
    if (this.seen.size > 1_000_000) {
      this.seen.clear(); // bounded memory; a repeat upsert is only slower
      this.forgotten++;
    }
    this.seen.add(key);
    return true;
  }
}
