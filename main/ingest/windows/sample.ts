// The records of a detection sample (the first 64 KiB of a file, already decoded), for detectors that must look
// past the first record: Windows event log exports mix every channel, and an NXLog/HELK file can open with
// hundreds of Sysmon events before its first Security one. Pure and bounded: it only reads the sample it is given.
// (Kept in windows/ on purpose: the shared JSON container code is being reworked; fold this into it afterwards.)
import { parseRecord } from '../json/read-json-records.ts';
import { isRec, type Rec } from '../entra/json-log.ts';

/** Keys under which exporters wrap their records ({"records":[…]}, Graph's {"value":[…]}, …). */
const WRAPPER = /"(Records|records|value|items|Events|events|data|logs|entries|results)"\s*:\s*\[/;
/** A wrapper holds its records and a little paging metadata; anything wider is a record with an array field. */
const MAX_WRAPPER_KEYS = 6;

/**
 * Up to `max` records from the sample, in file order: every complete NDJSON line, or every complete object of a
 * JSON array or wrapper. The record the sample cuts short is left out; so is anything that is not an object.
 */
export function sampleRecords(head: string, max: number): Rec[] {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const out: Rec[] = [];
  if (text.startsWith('{')) {
    const nl = text.indexOf('\n');
    // NDJSON when the first line is a whole value; a pretty-printed document or wrapper fails here.
    if (parseQuiet(nl < 0 ? text : text.slice(0, nl)) !== null) {
      for (const line of text.split('\n')) {
        if (out.length >= max) break;
        const r = parseQuiet(line.trim());
        if (r) push(out, r, max);
      }
      return out;
    }
    const whole = parseQuiet(text);
    if (whole) {
      push(out, whole, max);
      return out;
    }
    const m = WRAPPER.exec(text);
    if (m) scanObjects(text, m.index + m[0].length, out, max);
    return out;
  }
  if (text.startsWith('[')) scanObjects(text, 1, out, max);
  return out;
}

/** Adds a record, or the records it wraps (a one-line {"records":[…]}). */
function push(out: Rec[], r: Rec, max: number): void {
  const items = wrapped(r);
  for (const item of items ?? [r]) if (out.length < max && isRec(item)) out.push(item);
}

function wrapped(r: Rec): unknown[] | null {
  let keys = 0;
  for (const _ in r) if (++keys > MAX_WRAPPER_KEYS) return null;
  for (const k of ['Records', 'records', 'value', 'items', 'Events', 'events', 'data', 'logs', 'entries', 'results']) {
    const v = r[k];
    if (Array.isArray(v) && v.every(isRec)) return v;
  }
  return null;
}

/**
 * The array elements from `from` on: each balanced {…} (braces inside strings ignored) is parsed on its own.
 * Stops at the array's end, at anything that is not an object, or where the sample ends.
 */
function scanObjects(text: string, from: number, out: Rec[], max: number): void {
  let i = from;
  while (out.length < max) {
    while (i < text.length && (text[i] === ',' || text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
    if (text[i] !== '{') return;
    const end = objectEnd(text, i);
    if (end < 0) return;
    const r = parseQuiet(text.slice(i, end));
    if (r) out.push(r);
    i = end;
  }
}

/** The index just past the object opening at `start`, or -1 when the sample ends first. */
function objectEnd(text: string, start: number): number {
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
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

function parseQuiet(text: string): Rec | null {
  if (!text) return null;
  try {
    const v = parseRecord(text);
    return isRec(v) ? v : null;
  } catch {
    return null;
  }
}
