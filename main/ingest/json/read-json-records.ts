// Streams the records of a JSON log file, whatever its container shape, decided by content and never by line
// layout: NDJSON (one value per line), a bare array of records, a wrapper object holding the records array
// ({"Records":[…]} as CloudTrail writes to S3, {"records":[…]} from Event Hubs, Graph {"value":[…]}, k8s
// {"items":[…]}, Log Analytics {"tables":[{columns, rows}]}), the same wrappers one per line or concatenated,
// and single documents. Records are cut out of the text one at a time and parsed with the engine's native
// JSON.parse, so a multi-gigabyte single-line {"Records":[…]} streams in bounded memory.
// Why not a streaming JSON tokenizer library (@streamparser/json, stream-json): they build every value token by
// token in JavaScript, several times slower than cutting the record's text with a character scan and handing it
// to JSON.parse, and here the records are small while the files are huge.
// It never throws on a bad record: it reports it with a locator and goes on. A bad NDJSON line
// cannot spill into the next one, because lines are cut before anything is parsed.
import { ApiError } from '../../../shared/api/contract.ts';
import { openText } from '../file-source.ts';
import { containerOf } from './containers.ts';

export type JsonShape = 'ndjson' | 'array' | 'wrapper' | 'document' | 'concatenated';

export interface JsonRecordHandlers {
  /** A parsed record (any JSON value; importers check it is an object) and where it was. */
  record(value: unknown, locator: string): void;
  /** A record that is not valid JSON (or too large): reject it with this reason. */
  bad(locator: string, reason: string, excerpt: string): void;
}

export interface JsonReadOptions {
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
  /** Keys whose array value holds the records in a wrapper object, in order of preference. */
  wrapperKeys?: readonly string[];
  /** Largest single record accepted (characters). */
  maxRecordChars?: number;
}

export const DEFAULT_WRAPPER_KEYS = ['Records', 'records', 'value', 'items', 'Events', 'events', 'data', 'logs', 'entries', 'results'] as const;
export const DEFAULT_MAX_RECORD = 16 * 1024 * 1024;
let maxRecord = DEFAULT_MAX_RECORD;

/**
 * The largest record of this import (characters), for readers not given one: set per import like the inflation
 * limits (requests run one at a time; parse workers get it in their jobs). Returns the previous value.
 */
export function setRecordLimit(chars: number | undefined): number {
  const previous = maxRecord;
  maxRecord = chars ?? DEFAULT_MAX_RECORD;
  return previous;
}

export function recordLimit(): number {
  return maxRecord;
}

/** The reject reason for a record over the limit: the limit, and how to raise it. */
export function recordTooLarge(limit: number): string {
  const mb = limit / 2 ** 20;
  const size = Number.isInteger(mb) ? `${mb} MB` : `${limit} characters`;
  if (limit >= MAX_DOCUMENT) return `record larger than ${size}, the most one JSON value may hold; it was not read into memory`;
  return (
    `record larger than ${size}, the limit for one JSON record; it was not read into memory. To import it, raise the limit ` +
    '(blastmap import --max-record <size>, API maxRecordSize; at most 256 MB)'
  );
}
const MAX_DOCUMENT = 256 * 1024 * 1024;
/** A line longer than this is not parsed whole: it is streamed (a one-line {"Records":[…]} of any size). */
const LONG_LINE = 1024 * 1024;
/** Longer than any key of a wrapper object ("Records", "value"…): a string at depth 1 past this is a value, not held. */
const MAX_KEY = 4096;

/**
 * Deeper than any real log or export nests (CloudTrail, Kubernetes and IAM documents stay under ~30 levels).
 * V8 parses deeper JSON iteratively, but what runs on a record afterwards (JSON.stringify for props and reject
 * excerpts, Array#toString, the normalisers) recurses and would end the import with a raw "Maximum call stack
 * size exceeded" around 10,000 levels.
 */
export const MAX_JSON_DEPTH = 1000;

/** Thrown for a JSON text nested deeper than MAX_JSON_DEPTH; callers report it like any other invalid JSON. */
export class JsonTooDeep extends SyntaxError {
  constructor() {
    super(`nested deeper than ${MAX_JSON_DEPTH} levels (no real log does that)`);
  }
}

/**
 * Whether the text nests arrays and objects deeper than MAX_JSON_DEPTH. Iterative (a recursive check would
 * overflow itself) and skipped for texts too short to nest that deep, so most records (under 2 KB) pay nothing.
 */
export function tooDeep(text: string): boolean {
  // Valid JSON that deep is at least twice as long (every bracket closes); shorter invalid text fails to parse anyway.
  if (text.length <= 2 * MAX_JSON_DEPTH) return false;
  // It also needs that many opening brackets: counting them with indexOf costs ~15% of a parse (2 KB records,
  // measured here), the character loop below most of one, so only texts with that many brackets take the loop.
  if (occurrences(text, 123) + occurrences(text, 91) <= MAX_JSON_DEPTH) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** How many times the character occurs (indexOf runs natively). */
function occurrences(text: string, code: number): number {
  const c = String.fromCharCode(code);
  let n = 0;
  for (let i = text.indexOf(c); i >= 0 && n <= MAX_JSON_DEPTH; i = text.indexOf(c, i + 1)) n++;
  return n;
}

/** Parses JSON so that `__proto__` keys are dropped: nothing downstream can pollute a prototype. Refuses absurd nesting. */
export function parseRecord(text: string): unknown {
  if (tooDeep(text)) throw new JsonTooDeep();
  // The reviver costs about a third of parse time, so it runs only when the key can be there at all.
  return text.includes('__proto__') ? JSON.parse(text, dropProtoKeys) : JSON.parse(text);
}

function dropProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

/**
 * How a JSON file is read, from its first characters (a detection sample is enough): 'ndjson' when the first
 * line is a whole value (each line is then read on its own, and a line that is a wrapper gives its records),
 * 'array' for a bare array, otherwise 'wrapper' (a pretty-printed or over-long first value, streamed).
 */
export function jsonShape(head: string): JsonShape | null {
  // Every JSON detector asks about the same sample: decide once per sample.
  if (head === lastShape.head) return lastShape.shape;
  const shape = decideShape(head);
  lastShape = { head, shape };
  return shape;
}

let lastShape: { head: string | null; shape: JsonShape | null } = { head: null, shape: null };

function decideShape(head: string): JsonShape | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'array';
  if (!text.startsWith('{')) return null;
  const newline = text.indexOf('\n');
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  // A line that does not end in a closing brace cannot be a whole object: no need to try parsing it.
  if (firstLine.trimEnd().slice(-1) !== '}') return 'wrapper';
  try {
    JSON.parse(firstLine);
    return 'ndjson';
  } catch {
    return 'wrapper';
  }
}

/** Reads every record; resolves with the shape found. */
export async function readJsonRecords(path: string, options: JsonReadOptions, handlers: JsonRecordHandlers): Promise<JsonShape> {
  const maxRecord = options.maxRecordChars ?? recordLimit();
  const wrapperKeys = options.wrapperKeys ?? DEFAULT_WRAPPER_KEYS;
  const source = openText(path, options.onBytes);
  let reader: ChunkReader | null = null;
  let head = '';
  for await (const chunk of source) {
    if (options.signal?.aborted) {
      source.destroy();
      throw new ApiError('cancelled', 'import cancelled');
    }
    if (!reader) {
      head += chunk as string;
      // The shape is decided on a whole first line when there is one within reach: a small one-line
      // {"Records":[…]} is then parsed in one go, not scanned record by record.
      if (!head.trim() || (head.indexOf('\n', head.search(/\S/)) < 0 && head.length < LONG_LINE)) continue;
      reader = startReader(head, handlers, maxRecord, wrapperKeys);
      if (!reader) {
        source.destroy();
        throw new ApiError('bad-input', 'not JSON: the content does not start with an object or an array');
      }
      continue;
    }
    reader.push(chunk as string);
  }
  if (!reader) {
    if (!head.trim()) throw new ApiError('bad-input', 'the file is empty');
    reader = startReader(head, handlers, maxRecord, wrapperKeys);
    if (!reader) throw new ApiError('bad-input', 'not JSON: the content does not start with an object or an array');
  }
  return reader.end();
}

/**
 * The reader for a file starting with `head`, already fed with it: lines when the first line is a whole value
 * (that value is used as parsed, so a one-line file is parsed once), otherwise the scanner; null when not JSON.
 */
function startReader(head: string, handlers: JsonRecordHandlers, maxRecord: number, wrapperKeys: readonly string[]): ChunkReader | null {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const start = text.search(/\S/);
  if (start < 0) return null;
  const c = text[start];
  if (c !== '{' && c !== '[') return null;
  if (c === '{') {
    const nl = text.indexOf('\n', start);
    const line = nl < 0 ? text : text.slice(0, nl);
    let value: unknown;
    let whole = true;
    try {
      value = parseRecord(line);
    } catch {
      whole = false;
    }
    if (whole) {
      const reader = new LineReader(handlers, maxRecord, wrapperKeys);
      reader.parsedLine(value);
      if (nl >= 0) reader.push(text.slice(nl + 1));
      return reader;
    }
  }
  const reader = new ValueScanner(handlers, maxRecord, wrapperKeys);
  reader.push(text);
  return reader;
}

export interface ChunkReader {
  push(chunk: string): void;
  end(): JsonShape;
}

/**
 * NDJSON: cut at newlines, parse each non-empty line on its own. A line holding a wrapper object gives the
 * wrapper's records (S3 objects concatenated, Event Hub blobs); a line too long to parse whole is streamed.
 */
export class LineReader implements ChunkReader {
  private rest = '';
  private line = 0;
  private skipping = false;
  /** The current over-long line, streamed through a scanner instead of held whole. */
  private long: ValueScanner | null = null;
  private readonly handlers: JsonRecordHandlers;
  private readonly maxRecord: number;
  private readonly wrapperKeys: readonly string[];

  constructor(handlers: JsonRecordHandlers, maxRecord: number, wrapperKeys: readonly string[] = DEFAULT_WRAPPER_KEYS) {
    this.handlers = handlers;
    this.maxRecord = maxRecord;
    this.wrapperKeys = wrapperKeys;
  }

  push(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      if (this.long) {
        this.long.push(chunk.slice(start, nl));
        this.endLong();
      } else {
        this.finish(this.rest + chunk.slice(start, nl));
      }
      this.rest = '';
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (this.skipping) return;
    if (this.long) {
      this.long.push(chunk.slice(start));
      return;
    }
    this.rest += chunk.slice(start);
    if (this.rest.length > Math.min(LONG_LINE, this.maxRecord)) {
      const t = this.rest.trimStart();
      if (t.startsWith('{') || t.startsWith('[')) {
        // Stream the line: a wrapper's records come out one by one; a single huge record is still bounded.
        const prefix = `line ${this.line + 1} `;
        this.long = new ValueScanner(
          {
            record: (v, l) => this.handlers.record(v, prefix + l),
            bad: (l, r, e) => this.handlers.bad(prefix + l, r, e),
          },
          this.maxRecord,
          this.wrapperKeys,
          this.wrapperKeys.length ? this.maxRecord : MAX_DOCUMENT,
        );
        this.long.push(this.rest);
        this.rest = '';
      } else if (this.rest.length > this.maxRecord) {
        // An absurdly long line: reject it once, then skip to its end without holding it.
        this.handlers.bad(`line ${this.line + 1}`, `line longer than ${this.maxRecord} characters`, this.rest.slice(0, 300));
        this.rest = '';
        this.skipping = true;
      }
    }
  }

  private endLong(): void {
    this.line++;
    const scanner = this.long!;
    this.long = null;
    scanner.endLine();
  }

  /** The next line, already parsed by the caller. */
  parsedLine(value: unknown): void {
    this.line++;
    this.emit(value, `line ${this.line}`);
  }

  private emit(value: unknown, locator: string): void {
    const container = this.wrapperKeys.length ? containerOf(value, this.wrapperKeys) : null;
    if (!container) {
      this.handlers.record(value, locator);
      return;
    }
    for (let i = 0; i < container.items.length; i++) this.handlers.record(container.items[i], `${locator} ${container.key}[${i}]`);
  }

  private finish(text: string): void {
    this.line++;
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    const t = text.trim();
    if (!t) return;
    const locator = `line ${this.line}`;
    let value: unknown;
    try {
      value = parseRecord(t);
    } catch (e) {
      this.handlers.bad(locator, `invalid JSON: ${(e as Error).message.slice(0, 120)}`, t.slice(0, 300));
      return;
    }
    this.emit(value, locator);
  }

  end(): JsonShape {
    if (this.long) this.endLong();
    else if (!this.skipping && this.rest) this.finish(this.rest);
    return 'ndjson';
  }
}

/**
 * Everything that is not one value per line: a character scanner tracking strings and nesting depth cuts out
 * each record. Top-level values follow one another (concatenated documents, pretty or not): a `[` holds records
 * at depth 1; a `{` whose first wrapper key (at depth 1) opens an array holds records at depth 2, and its other
 * keys are ignored; any other object is one record (a "document"), buffered up to maxDocument.
 */
export class ValueScanner implements ChunkReader {
  private buf = '';
  private pos = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Depth at which records are cut in the current top-level value; -1 while none. */
  private recordDepth = -1;
  private recordStart = -1;
  /** Records of the current container. */
  private count = 0;
  private keyStart = -1;
  private key: string | null = null;
  private recordsKey: string | null = null;
  /** Start of the current top-level value, while it is an object that may still be one record. */
  private topStart = -1;
  private topKind: 'array' | 'object' | null = null;
  /** Top-level values seen. */
  private values = 0;
  private firstShape: JsonShape | null = null;
  /** Start of text that is not JSON at the top level (reported as one bad record when it ends). */
  private junkStart = -1;
  private readonly handlers: JsonRecordHandlers;
  private readonly maxRecord: number;
  private readonly maxDocument: number;
  private readonly wrapperKeys: readonly string[];
  private documentTooBig = false;
  /** The start of a record that grew past maxRecord: no longer held, reported when it ends. */
  private oversize: string | null = null;
  /** Text outside any value that grew past maxRecord: reported, and skipped to the end of its line. */
  private junkSkipping = false;

  constructor(handlers: JsonRecordHandlers, maxRecord: number, wrapperKeys: readonly string[], maxDocument = MAX_DOCUMENT) {
    this.handlers = handlers;
    this.maxRecord = maxRecord;
    this.wrapperKeys = wrapperKeys;
    this.maxDocument = maxDocument;
  }

  push(chunk: string): void {
    // Scan the new chunk itself: indexing into the growing buffer would flatten it on every chunk (quadratic).
    const base = this.buf.length;
    this.buf += chunk;
    this.scan(chunk, base);
    this.compact();
  }

  end(): JsonShape {
    this.closeJunk(this.buf.length);
    if (this.depth > 0 || this.inString) {
      if (this.topKind === 'object' && this.recordsKey === null) {
        if (this.values === 1) throw new ApiError('bad-input', 'truncated JSON document (the file ends inside a value)');
        this.handlers.bad(this.documentLocator(), 'truncated: the file ends inside this record', this.buf.slice(this.topStart, this.topStart + 300));
      } else {
        const excerpt = this.recordStart >= 0 ? this.buf.slice(this.recordStart, this.recordStart + 300) : '';
        this.handlers.bad(this.locator(), 'truncated: the file ends inside this record', excerpt);
      }
    }
    if (!this.firstShape) throw new ApiError('bad-input', 'not JSON: no object or array in the file');
    return this.values > 1 ? 'concatenated' : this.firstShape;
  }

  /** The end of a streamed NDJSON line: whatever is still open there is cut off. */
  endLine(): void {
    this.closeJunk(this.buf.length);
    if (this.depth > 0 || this.inString) {
      const start = this.recordStart >= 0 ? this.recordStart : Math.max(this.topStart, 0);
      const where = this.recordStart >= 0 || this.recordDepth >= 0 ? this.locator() : this.documentLocator();
      this.handlers.bad(
        where,
        this.documentTooBig ? recordTooLarge(this.maxDocument) : 'invalid JSON: the line ends inside this record',
        this.buf.slice(start, start + 300),
      );
    }
  }

  private prefix(): string {
    return this.values > 1 ? `document ${this.values} ` : '';
  }

  private locator(): string {
    return this.prefix() + (this.recordsKey ? `${this.recordsKey}[${this.count}]` : `record ${this.count + 1}`);
  }

  private documentLocator(): string {
    return this.values > 1 ? `document ${this.values}` : 'document';
  }

  private scan(chunk: string, base: number): void {
    for (let j = 0; j < chunk.length; j++) {
      const c = chunk.charCodeAt(j);
      const i = base + j;
      if (this.inString) {
        if (c === 10) {
          this.brokenAt(i);
          continue;
        }
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) {
          this.inString = false;
          if (this.keyStart >= 0) {
            this.key = this.buf.slice(this.keyStart, i);
            this.keyStart = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        if (c === 10 && this.junkStart >= 0) this.closeJunk(i);
        if (c === 10) this.junkSkipping = false;
        continue;
      }
      if (this.depth === 0) {
        if (c === 123 || c === 91) {
          this.closeJunk(i);
          this.startValue(c === 91 ? 'array' : 'object', i);
        } else {
          if (c !== 44 && this.junkStart < 0 && !this.junkSkipping) this.junkStart = i; // commas between top-level values are tolerated
          continue;
        }
      }
      const atRecordLevel = this.depth === this.recordDepth;
      if (atRecordLevel && this.recordStart < 0 && c !== 44 && c !== 93) this.recordStart = i;
      if (c === 34) {
        this.inString = true;
        if (this.topKind === 'object' && this.depth === 1 && !this.recordsKey) this.keyStart = i + 1;
      } else if (c === 123 || c === 91) {
        if (
          c === 91 &&
          this.topKind === 'object' &&
          this.depth === 1 &&
          !this.recordsKey &&
          this.key !== null &&
          this.wrapperKeys.includes(this.key)
        ) {
          this.recordsKey = this.key;
          this.recordDepth = 2;
          this.topStart = -1; // a wrapper, not a record: its other keys are not kept
        }
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (this.oversize !== null && this.depth <= this.recordDepth) {
          this.dropOversize();
        } else if (this.recordStart >= 0 && this.depth === this.recordDepth) {
          this.finishRecord(i + 1);
        } else if (this.recordStart >= 0 && this.depth < this.recordDepth) {
          this.finishRecord(i); // a scalar element right before the closing bracket
        }
        if (this.depth < this.recordDepth) this.recordDepth = -1; // the records array closed
        if (this.depth === 0) this.endValue(i + 1);
        if (this.depth < 0) this.depth = 0;
      } else if (c === 44 && atRecordLevel && this.oversize !== null) {
        this.dropOversize();
      } else if (c === 44 && atRecordLevel && this.recordStart >= 0) {
        this.finishRecord(i); // a scalar element ends at the comma
      }
    }
    this.pos = this.buf.length;
  }

  /**
   * A raw line break inside a string never occurs in valid JSON: the value was cut short (a truncated line, a
   * damaged copy). It is reported and reading starts over at the next line, so one bad record costs only itself.
   */
  private brokenAt(i: number): void {
    const inRecord = this.recordStart >= 0;
    const start = inRecord ? this.recordStart : Math.max(this.topStart, 0);
    this.handlers.bad(
      inRecord || this.recordsKey ? this.locator() : this.documentLocator(),
      'invalid JSON: a line break inside a string (the record is cut short)',
      this.buf.slice(start, Math.min(i, start + 300)),
    );
    if (inRecord) this.count++;
    this.inString = false;
    this.escape = false;
    this.depth = 0;
    this.recordStart = -1;
    this.topStart = -1;
    this.topKind = null;
    this.recordDepth = -1;
    this.recordsKey = null;
    this.keyStart = -1;
    this.oversize = null;
  }

  private startValue(kind: 'array' | 'object', at: number): void {
    this.junkSkipping = false;
    this.values++;
    this.topKind = kind;
    this.count = 0;
    this.recordsKey = null;
    this.key = null;
    this.recordDepth = kind === 'array' ? 1 : -1;
    this.topStart = kind === 'object' ? at : -1;
    this.firstShape ??= kind === 'array' ? 'array' : 'document';
  }

  private endValue(end: number): void {
    if (this.documentTooBig) {
      this.documentTooBig = false;
      this.handlers.bad(this.documentLocator(), recordTooLarge(this.maxDocument), '');
    } else if (this.topKind === 'object') {
      if (this.recordsKey) {
        if (this.values === 1) this.firstShape = 'wrapper';
      } else if (this.topStart >= 0) {
        this.finishDocument(this.buf.slice(this.topStart, end));
      }
    }
    this.topKind = null;
    this.topStart = -1;
    this.recordDepth = -1;
    this.recordsKey = null;
  }

  private finishDocument(text: string): void {
    const locator = this.documentLocator();
    let doc: unknown;
    try {
      doc = parseRecord(text);
    } catch (e) {
      if (this.values === 1 && this.maxDocument === MAX_DOCUMENT)
        throw new ApiError('bad-input', `invalid JSON document: ${(e as Error).message.slice(0, 160)}`);
      this.handlers.bad(locator, `invalid JSON: ${(e as Error).message.slice(0, 120)}`, text.slice(0, 300));
      return;
    }
    // A document may still be a container the scanner cannot stream (Log Analytics tables[].rows).
    const container = this.wrapperKeys.length ? containerOf(doc, this.wrapperKeys) : null;
    if (!container) {
      this.handlers.record(doc, locator);
      return;
    }
    const prefix = this.values > 1 ? `${locator} ` : '';
    for (let i = 0; i < container.items.length; i++) this.handlers.record(container.items[i], `${prefix}${container.key}[${i}]`);
  }

  private closeJunk(end: number): void {
    if (this.junkStart < 0) return;
    const text = this.buf.slice(this.junkStart, end).trim();
    this.junkStart = -1;
    if (!text) return;
    this.values++;
    this.firstShape ??= 'document';
    this.handlers.bad(this.documentLocator(), 'not JSON: text outside any object or array', text.slice(0, 300));
  }

  private finishRecord(end: number): void {
    const text = this.buf.slice(this.recordStart, end).trim();
    const locator = this.locator();
    this.recordStart = -1;
    this.count++;
    if (!text) return;
    if (text.length > this.maxRecord) {
      this.handlers.bad(locator, recordTooLarge(this.maxRecord), text.slice(0, 300));
      return;
    }
    let value: unknown;
    try {
      value = parseRecord(text);
    } catch (e) {
      this.handlers.bad(locator, `invalid JSON: ${(e as Error).message.slice(0, 120)}`, text.slice(0, 300));
      return;
    }
    this.handlers.record(value, locator);
  }

  private dropOversize(): void {
    this.handlers.bad(this.locator(), recordTooLarge(this.maxRecord), this.oversize ?? '');
    this.oversize = null;
    this.count++;
  }

  /** Drops consumed text so memory holds at most the record (or undecided top-level object) being read. */
  private compact(): void {
    if (this.topStart >= 0 && this.buf.length - this.topStart > this.maxDocument) {
      if (this.maxDocument === MAX_DOCUMENT) throw new ApiError('bad-input', `single JSON document larger than ${MAX_DOCUMENT} characters`);
      // A streamed NDJSON line: the record is reported at the end of the line; stop holding it.
      this.documentTooBig = true;
      this.topStart = -1;
    }
    if (this.recordStart >= 0 && this.buf.length - this.recordStart > this.maxRecord) {
      this.oversize = this.buf.slice(this.recordStart, this.recordStart + 300);
      this.recordStart = -1;
    }
    // Nothing else may hold the buffer past the record limit either (a 700 MB string once did, through the key
    // tracking, before the record it was in was refused): a string at depth 1 longer than any key is a value, and
    // text outside any value is reported once and skipped to the end of its line.
    if (this.keyStart >= 0 && this.buf.length - this.keyStart > MAX_KEY) {
      this.keyStart = -1;
      this.key = null;
    }
    if (this.junkStart >= 0 && this.buf.length - this.junkStart > this.maxRecord) {
      this.closeJunk(this.junkStart + 300);
      this.junkSkipping = true;
    }
    let keep = this.pos;
    if (this.recordStart >= 0) keep = Math.min(keep, this.recordStart);
    if (this.topStart >= 0) keep = Math.min(keep, this.topStart);
    if (this.junkStart >= 0) keep = Math.min(keep, this.junkStart);
    if (this.keyStart >= 0) keep = Math.min(keep, this.keyStart - 1);
    // Always drop what is consumed: appending to a long buffer and slicing it flattens the whole buffer each
    // time, which made a 700 KB one-line object cost as much as parsing it several times over.
    if (keep <= 0) return;
    this.buf = this.buf.slice(keep);
    this.pos -= keep;
    if (this.recordStart >= 0) this.recordStart -= keep;
    if (this.topStart >= 0) this.topStart -= keep;
    if (this.junkStart >= 0) this.junkStart -= keep;
    if (this.keyStart >= 0) this.keyStart -= keep;
  }
}
