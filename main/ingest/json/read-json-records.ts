// Streams the records of a JSON log file, whatever its shape: NDJSON (one value per line), a bare
// array of records, a wrapper object holding the records array ({"Records":[…]}, {"value":[…]}…), or one
// document. Records are parsed one at a time, so a multi-gigabyte file never sits in memory.
// It never throws on a bad record: it reports it with a locator and goes on. A bad NDJSON line
// cannot spill into the next one, because lines are cut before anything is parsed.
import { ApiError } from '../../../shared/api/contract.ts';
import { openText } from '../file-source.ts';

export type JsonShape = 'ndjson' | 'array' | 'wrapper' | 'document';

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

export const DEFAULT_WRAPPER_KEYS = ['Records', 'records', 'value', 'items', 'events', 'data', 'logs', 'entries', 'results'] as const;
export const DEFAULT_MAX_RECORD = 16 * 1024 * 1024;
const MAX_DOCUMENT = 256 * 1024 * 1024;

/** Parses JSON so that `__proto__` keys are dropped: nothing downstream can pollute a prototype. */
export function parseRecord(text: string): unknown {
  // The reviver costs about a third of parse time, so it runs only when the key can be there at all.
  return text.includes('__proto__') ? JSON.parse(text, dropProtoKeys) : JSON.parse(text);
}

function dropProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

/** The shape of a JSON file from its first characters (a detection sample is enough). */
export function jsonShape(head: string): JsonShape | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'array';
  if (!text.startsWith('{')) return null;
  const newline = text.indexOf('\n');
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  try {
    JSON.parse(firstLine);
    return 'ndjson'; // a complete value on line one: one record per line (a one-line document reads the same)
  } catch {
    return 'wrapper';
  }
}

/** Reads every record; resolves with the shape found. */
export async function readJsonRecords(path: string, options: JsonReadOptions, handlers: JsonRecordHandlers): Promise<JsonShape> {
  const maxRecord = options.maxRecordChars ?? DEFAULT_MAX_RECORD;
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
      const shape = head.trim() ? jsonShape(head) : undefined;
      if (shape === undefined) continue;
      if (shape === null) {
        source.destroy();
        throw new ApiError('bad-input', 'not JSON: the content does not start with an object or an array');
      }
      reader = shape === 'ndjson' ? new LineReader(handlers, maxRecord) : new NestedReader(shape, handlers, maxRecord, options.wrapperKeys ?? DEFAULT_WRAPPER_KEYS);
      reader.push(head);
      continue;
    }
    reader.push(chunk as string);
  }
  if (!reader) throw new ApiError('bad-input', 'the file is empty');
  return reader.end();
}

export interface ChunkReader {
  push(chunk: string): void;
  end(): JsonShape;
}

/** NDJSON: cut at newlines, parse each non-empty line on its own. */
export class LineReader implements ChunkReader {
  private rest = '';
  private line = 0;
  private skipping = false;
  private readonly handlers: JsonRecordHandlers;
  private readonly maxRecord: number;

  constructor(handlers: JsonRecordHandlers, maxRecord: number) {
    this.handlers = handlers;
    this.maxRecord = maxRecord;
  }

  push(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      this.finish(this.rest + chunk.slice(start, nl));
      this.rest = '';
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (this.skipping) return;
    this.rest += chunk.slice(start);
    if (this.rest.length > this.maxRecord) {
      // An absurdly long line: reject it once, then skip to its end without holding it.
      this.handlers.bad(`line ${this.line + 1}`, `line longer than ${this.maxRecord} characters`, this.rest.slice(0, 300));
      this.rest = '';
      this.skipping = true;
    }
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
    this.handlers.record(value, locator);
  }

  end(): JsonShape {
    if (!this.skipping && this.rest) this.finish(this.rest);
    return 'ndjson';
  }
}

/**
 * Arrays and wrapper objects: a character scanner tracking strings and nesting depth cuts out each
 * element at the depth where records live (1 in a bare array, 2 inside the wrapper's records array).
 * An object without a records array is one document, buffered up to MAX_DOCUMENT.
 */
class NestedReader implements ChunkReader {
  private buf = '';
  private pos = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  private recordDepth: number;
  private recordStart = -1;
  private count = 0;
  private keyStart = -1;
  private key: string | null = null;
  private recordsKey: string | null = null;
  private shape: JsonShape;
  private finished = false;
  private readonly handlers: JsonRecordHandlers;
  private readonly maxRecord: number;
  private readonly wrapperKeys: readonly string[];

  constructor(shape: JsonShape, handlers: JsonRecordHandlers, maxRecord: number, wrapperKeys: readonly string[]) {
    this.shape = shape;
    this.recordDepth = shape === 'array' ? 1 : -1;
    this.handlers = handlers;
    this.maxRecord = maxRecord;
    this.wrapperKeys = wrapperKeys;
  }

  push(chunk: string): void {
    // Scan the new chunk itself: indexing into the growing buffer would flatten it on every chunk (quadratic).
    const base = this.buf.length;
    this.buf += chunk;
    this.scan(chunk, base);
    this.compact();
  }

  end(): JsonShape {
    if (this.shape === 'document' || (this.shape === 'wrapper' && !this.recordsKey)) {
      const text = this.buf.trim();
      if (this.depth !== 0 || this.inString) throw new ApiError('bad-input', 'truncated JSON document (the file ends inside a value)');
      let doc: unknown;
      try {
        doc = parseRecord(text);
      } catch (e) {
        throw new ApiError('bad-input', `invalid JSON document: ${(e as Error).message.slice(0, 160)}`);
      }
      this.handlers.record(doc, 'document');
      return 'document';
    }
    if (this.recordStart >= 0 || (!this.finished && this.depth > 0)) {
      const excerpt = this.recordStart >= 0 ? this.buf.slice(this.recordStart, this.recordStart + 300) : '';
      this.handlers.bad(this.locator(), 'truncated: the file ends inside this record', excerpt);
    }
    return this.shape;
  }

  private locator(): string {
    return this.recordsKey ? `${this.recordsKey}[${this.count}]` : `record ${this.count + 1}`;
  }

  private scan(chunk: string, base: number): void {
    for (let j = 0; j < chunk.length; j++) {
      const c = chunk.charCodeAt(j);
      const i = base + j;
      if (this.inString) {
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
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (this.finished) continue;
      const atRecordLevel = this.depth === this.recordDepth;
      if (atRecordLevel && this.recordStart < 0 && c !== 44 && c !== 93) this.recordStart = i;
      if (c === 34) {
        this.inString = true;
        if (this.shape === 'wrapper' && this.depth === 1 && !this.recordsKey) this.keyStart = i + 1;
      } else if (c === 123 || c === 91) {
        if (c === 91 && this.shape === 'wrapper' && this.depth === 1 && !this.recordsKey && this.key !== null && this.wrapperKeys.includes(this.key)) {
          this.recordsKey = this.key;
          this.recordDepth = 2;
        }
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (this.recordStart >= 0 && this.depth === this.recordDepth) {
          this.finishRecord(i + 1);
        } else if (this.recordStart >= 0 && this.depth < this.recordDepth) {
          this.finishRecord(i); // a scalar element right before the closing bracket
        }
        if (this.depth < this.recordDepth && this.recordsKey !== null || (this.shape === 'array' && this.depth === 0)) {
          this.finished = this.shape === 'array' || this.depth <= 1;
          if (this.shape === 'wrapper') this.recordDepth = -1;
        }
        if (this.depth < 0) this.depth = 0;
      } else if (c === 44 && atRecordLevel && this.recordStart >= 0) {
        this.finishRecord(i); // a scalar element ends at the comma
      }
    }
    this.pos = this.buf.length;
  }

  private finishRecord(end: number): void {
    const text = this.buf.slice(this.recordStart, end).trim();
    const locator = this.locator();
    this.recordStart = -1;
    this.count++;
    if (!text) return;
    if (text.length > this.maxRecord) {
      this.handlers.bad(locator, `record larger than ${this.maxRecord} characters`, text.slice(0, 300));
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

  /** Drops consumed text so memory holds at most the record being read (documents are kept whole). */
  private compact(): void {
    if (this.shape === 'wrapper' && !this.recordsKey) {
      if (this.buf.length > MAX_DOCUMENT) throw new ApiError('bad-input', `single JSON document larger than ${MAX_DOCUMENT} characters`);
      return;
    }
    const keep = this.recordStart >= 0 ? this.recordStart : this.pos;
    if (keep < 1 << 20) return;
    this.buf = this.buf.slice(keep);
    this.pos -= keep;
    if (this.recordStart >= 0) this.recordStart = 0;
    if (this.keyStart >= 0) this.keyStart = Math.max(0, this.keyStart - keep);
  }
}
