// A CSV tokenizer over raw UTF-8 bytes, for the bulk auth_events path: records come out as byte
// ranges and a field becomes a JS string only when the caller asks for it, so repeated values can be
// recognised by their bytes (see ByteMemo). It follows papaparse's rules exactly (papaparse reads
// every other CSV here, and a file must mean the same whichever path reads it):
// - a field is quoted only when its first character is the quote; `""` inside is one quote;
// - a closing quote may be followed by whitespace before the delimiter or newline; any other quote
//   inside a quoted field is kept as text;
// - a quoted field still open at the end of the file takes the rest of the file, unescaped;
// - the newline is one fixed sequence (`\n`, `\r\n` or `\r`), sniffed once per file.
// test/unit/byte-csv.test.ts compares it with papaparse on hostile and random inputs.

export type Newline = '\n' | '\r\n' | '\r';

export interface CsvDialect {
  /** One ASCII character. */
  delimiter: string;
  newline: Newline;
}

const QUOTE = 34;
/** scan() results besides a position. */
const NEED_MORE = -1;
const MALFORMED = -2;

/** How a field was written; Unterminated: a quoted field the file ended inside. */
export const FieldKind = { Plain: 0, Quoted: 1, Unterminated: 2 } as const;
export type FieldKind = (typeof FieldKind)[keyof typeof FieldKind];

/** The record the tokenizer just read; valid only during the callback (its arrays are reused). */
export class CsvRecord {
  bytes: Buffer = Buffer.alloc(0);
  count = 0;
  /** Some field is Unterminated (only ever the last record of a file). */
  unterminated = false;
  /** Content ranges: inside the quotes for quoted fields. */
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  kinds = new Uint8Array(32);

  add(start: number, end: number, kind: FieldKind): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.kinds[this.count++] = kind;
    if (kind === FieldKind.Unterminated) this.unterminated = true;
  }

  /** The field as text, or undefined when the record has fewer fields. */
  text(i: number): string | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const raw = this.bytes.toString('utf8', this.starts[i], this.ends[i]);
    return this.kinds[i] === FieldKind.Quoted && raw.includes('""') ? raw.replace(/""/g, '"') : raw;
  }

  /** Start of the field's bytes as written, quotes included: two fields with equal keys have equal text. */
  keyStart(i: number): number {
    return this.kinds[i] === FieldKind.Plain ? this.starts[i] : this.starts[i] - 1;
  }

  keyEnd(i: number): number {
    return this.kinds[i] === FieldKind.Quoted ? this.ends[i] + 1 : this.ends[i];
  }

  strings(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.text(i)!;
    return out;
  }

  reset(bytes: Buffer): void {
    this.bytes = bytes;
    this.count = 0;
    this.unterminated = false;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n),
      ends = new Int32Array(n),
      kinds = new Uint8Array(n);
    starts.set(this.starts);
    ends.set(this.ends);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }
}

export class CsvByteTokenizer {
  private readonly delimiter: number;
  private readonly newline: number;
  /** Second byte of a two-byte newline (`\r\n`), or -1. */
  private readonly newline2: number;
  private readonly newlineLength: number;
  private readonly record = new CsvRecord();
  private carry: Buffer | null = null;
  private readonly onRecord: (record: CsvRecord) => void;
  private readonly maxRecordBytes: number;

  constructor(dialect: CsvDialect, onRecord: (record: CsvRecord) => void, maxRecordBytes: number) {
    if (dialect.delimiter.length !== 1 || dialect.delimiter.charCodeAt(0) > 127 || dialect.delimiter === '"') {
      throw new Error(`unsupported delimiter ${JSON.stringify(dialect.delimiter)}`);
    }
    this.delimiter = dialect.delimiter.charCodeAt(0);
    this.newline = dialect.newline.charCodeAt(0);
    this.newline2 = dialect.newline.length === 2 ? dialect.newline.charCodeAt(1) : -1;
    this.newlineLength = dialect.newline.length;
    this.onRecord = onRecord;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Reads every record the bytes complete; an unfinished one waits for the next chunk. */
  push(chunk: Buffer): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let pos = 0;
    while (pos < bytes.length) {
      const next = this.scan(bytes, pos, false);
      if (next === NEED_MORE) break;
      this.onRecord(this.record);
      pos = next;
    }
    if (pos < bytes.length) {
      this.carry = bytes.subarray(pos);
      if (this.carry.length > this.maxRecordBytes) {
        throw new Error(
          `a record runs on for more than ${Math.round(this.maxRecordBytes / 2 ** 20)} MB (a quote never closed?); this is not a file this format allows`,
        );
      }
    }
  }

  /** The end of the file: the unfinished record, if any, is complete now. */
  end(): void {
    const bytes = this.carry;
    this.carry = null;
    if (!bytes) return;
    for (let pos = 0; pos < bytes.length;) {
      pos = this.scan(bytes, pos, true);
      this.onRecord(this.record);
    }
  }

  /** Reads one record from pos into this.record: the position after it, or NEED_MORE. */
  private scan(bytes: Buffer, pos: number, final: boolean): number {
    const n = bytes.length,
      delimiter = this.delimiter,
      newline = this.newline,
      newline2 = this.newline2;
    const record = this.record;
    record.reset(bytes);
    let i = pos;
    for (;;) {
      if (i < n && bytes[i] === QUOTE) {
        for (let q = i; ;) {
          q = bytes.indexOf(QUOTE, q + 1);
          if (q < 0) {
            if (!final) return NEED_MORE;
            record.add(i + 1, n, FieldKind.Unterminated);
            return n;
          }
          if (q === n - 1) {
            if (!final) return NEED_MORE;
            record.add(i + 1, q, FieldKind.Quoted);
            return n;
          }
          if (bytes[q + 1] === QUOTE) {
            q++;
            continue;
          }
          const stop = this.afterClosingQuote(bytes, q + 1, final);
          if (stop === NEED_MORE) return NEED_MORE;
          if (stop === MALFORMED) continue; // papaparse keeps such a quote as text and looks further
          record.add(i + 1, q, FieldKind.Quoted);
          if (bytes[stop] === delimiter) {
            i = stop + 1;
            break;
          }
          return stop + this.newlineLength;
        }
        continue;
      }
      let j = i;
      for (; j < n; j++) {
        const b = bytes[j];
        if (b === delimiter) break;
        if (b === newline) {
          if (newline2 < 0) break;
          if (j + 1 < n) {
            if (bytes[j + 1] === newline2) break;
          } else if (!final) {
            return NEED_MORE;
          }
        }
      }
      if (j === n) {
        if (!final) return NEED_MORE;
        record.add(i, n, FieldKind.Plain);
        return n;
      }
      record.add(i, j, FieldKind.Plain);
      if (bytes[j] === delimiter) {
        i = j + 1;
        continue;
      }
      return j + this.newlineLength;
    }
  }

  /**
   * After a closing-quote candidate: the delimiter or newline it closes the field at, when only
   * whitespace (as String.prototype.trim sees it) stands between; otherwise MALFORMED or NEED_MORE.
   */
  private afterClosingQuote(bytes: Buffer, from: number, final: boolean): number {
    const n = bytes.length;
    for (let k = from; ; k++) {
      if (k >= n) return final ? MALFORMED : NEED_MORE;
      const b = bytes[k];
      const stop = this.stopAt(bytes, k, final);
      if (stop !== MALFORMED) return stop;
      if (b === 32 || (b >= 9 && b <= 13)) continue;
      if (b < 128) return MALFORMED;
      return this.unicodeGap(bytes, from, final);
    }
  }

  /** k if a delimiter or newline starts at k, NEED_MORE if that depends on bytes not read yet, else MALFORMED. */
  private stopAt(bytes: Buffer, k: number, final: boolean): number {
    const b = bytes[k];
    if (b === this.delimiter) return k;
    if (b !== this.newline) return MALFORMED;
    if (this.newline2 < 0) return k;
    if (k + 1 < bytes.length) return bytes[k + 1] === this.newline2 ? k : MALFORMED;
    return final ? MALFORMED : NEED_MORE;
  }

  /** A gap with non-ASCII bytes (e.g. a no-break space): decoded and judged by trim(), as papaparse does. */
  private unicodeGap(bytes: Buffer, from: number, final: boolean): number {
    for (let k = from; k < bytes.length; k++) {
      const stop = this.stopAt(bytes, k, final);
      if (stop === NEED_MORE) return NEED_MORE;
      if (stop !== MALFORMED) return bytes.toString('utf8', from, k).trim() === '' ? k : MALFORMED;
    }
    return final ? MALFORMED : NEED_MORE;
  }
}
