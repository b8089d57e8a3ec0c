// Drops the blank rows of a CSV text stream before papaparse sees them. papaparse (with skipEmptyLines 'greedy')
// builds, joins and throws away a row for every line of only whitespace and delimiters, about a microsecond each:
// a .csv.gz of a header and 64 MB of newlines (inside the inflation allowance) kept an import busy for half a
// minute and more. Dropping such a line costs a character comparison, and changes nothing papaparse reports: it
// skipped the row anyway, and rows are numbered among the rows it keeps.
// Only a line that starts a row outside a quoted field is a blank row: newlines inside a quoted field are the
// field's value. So the quoting is followed exactly as papaparse reads it with this delimiter and newline (a field
// is quoted when its first character is the quote; inside, `""` is a quote, and a quote ends the field only when
// whitespace then the delimiter or the newline follows; any other quote is part of the value).
import { Transform } from 'node:stream';

/** The delimiter and newline papaparse reads a stream with. */
export interface StreamDialect {
  delimiter: string;
  newline: string;
}

/**
 * A transform of text chunks (object mode, strings in and out). The dialect is decided on the first chunk, as
 * papaparse decides it when it guesses (`dialectOf`), and handed to `onDialect` before any text goes out, so the
 * parser can be started with that dialect named and read exactly what it would have guessed.
 */
export function dropBlankRows(dialectOf: (first: string) => StreamDialect, onDialect: (d: StreamDialect) => void): Transform {
  let rows: BlankRows | null = null;
  const start = (first: string) => {
    const dialect = dialectOf(first);
    onDialect(dialect);
    return new BlankRows(dialect.delimiter, dialect.newline);
  };
  return new Transform({
    objectMode: true,
    transform(chunk: string, _enc, done) {
      rows ??= start(chunk);
      const out = rows.feed(chunk, false);
      done(null, out || undefined);
    },
    flush(done) {
      rows ??= start('');
      const out = rows.feed('', true);
      done(null, out || undefined);
    },
  });
}

/** Where the reader is. */
const At = {
  /** Outside quotes, at the start of a row. */
  RowStart: 0,
  /** In a row that so far holds only whitespace and delimiters (kept aside until its end says whether it is blank). */
  Blank: 1,
  /** Outside quotes, at the start of a field that is not the first of its row. */
  FieldStart: 2,
  /** In an unquoted field. */
  Unquoted: 3,
  /** In a quoted field. */
  Quoted: 4,
  /** In a quoted field, after a quote and then only whitespace: the field ends if the delimiter or newline comes next. */
  AfterQuote: 5,
} as const;
type Where = (typeof At)[keyof typeof At];

const QUOTE = 34;

/** Whitespace as String.prototype.trim sees it (papaparse's test of an empty row and of spaces after a quote). */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export class BlankRows {
  private at: Where = At.RowStart;
  /** Text not yet decided: a possible start of the delimiter or newline at the end of the last chunk. */
  private carry = '';
  /** The blank row so far (At.Blank), in pieces from earlier chunks. */
  private pending: string[] = [];
  /** In At.Blank: whether the current field is still empty (a quote there would open a quoted field). */
  private fieldEmpty = true;
  /** In At.AfterQuote: whether a character came after the quote (a second quote right after it is an escaped quote). */
  private afterQuoteChars = 0;
  private readonly delimiter: string;
  private readonly newline: string;
  private readonly longest: number;

  constructor(delimiter: string, newline: string) {
    this.delimiter = delimiter;
    this.newline = newline;
    this.longest = Math.max(delimiter.length, newline.length);
  }

  /** The text to pass on for this chunk; `end` once the input is over. */
  feed(chunk: string, end: boolean): string {
    const s = this.carry + chunk;
    this.carry = '';
    const out: string[] = [];
    let emitFrom = 0;
    let blankFrom = 0; // At.Blank: where the blank row starts in `s` (its earlier part is in `pending`)
    const n = s.length;
    const d = this.delimiter;
    const nl = this.newline;
    const nl0 = nl.charCodeAt(0);
    let nextDelim = -2;
    let nextNewline = -2;
    let i = 0;
    const startsAt = (text: string, k: number) => (text.length === 1 ? s.charCodeAt(k) === text.charCodeAt(0) : s.startsWith(text, k));
    // Near the end, a delimiter or newline may continue in the next chunk: wait for it.
    const undecided = (k: number) => !end && n - k < this.longest && (nl.startsWith(s.slice(k)) || d.startsWith(s.slice(k)));
    while (i < n) {
      switch (this.at) {
        case At.RowStart:
        case At.Blank: {
          if (this.at === At.RowStart && s.charCodeAt(i) === nl0 && i + nl.length <= n && startsAt(nl, i)) {
            // A run of empty rows (the shape of a newline bomb): dropped in one step.
            let j = i + nl.length;
            if (nl.length === 1) while (j < n && s.charCodeAt(j) === nl0) j++;
            else while (j + nl.length <= n && startsAt(nl, j)) j += nl.length;
            if (i > emitFrom) out.push(s.slice(emitFrom, i));
            i = emitFrom = j;
            break;
          }
          if (undecided(i)) {
            this.carry = s.slice(i);
            i = n;
            break;
          }
          if (this.at === At.RowStart) {
            this.at = At.Blank;
            this.fieldEmpty = true;
            blankFrom = i;
          }
          if (startsAt(nl, i)) {
            // A blank row: dropped, with what was kept aside of it.
            if (blankFrom > emitFrom) out.push(s.slice(emitFrom, blankFrom));
            this.pending = [];
            i += nl.length;
            emitFrom = i;
            this.at = At.RowStart;
            break;
          }
          if (startsAt(d, i)) {
            this.fieldEmpty = true;
            i += d.length;
            break;
          }
          const c = s.charCodeAt(i);
          if (isSpace(c)) {
            this.fieldEmpty = false;
            i++;
            break;
          }
          // Not blank: what was kept aside goes out, and the row goes on as what it is.
          if (this.pending.length) {
            if (blankFrom > emitFrom) out.push(s.slice(emitFrom, blankFrom));
            out.push(...this.pending);
            this.pending = [];
            emitFrom = blankFrom;
          }
          this.at = c === QUOTE && this.fieldEmpty ? At.Quoted : At.Unquoted;
          i++;
          break;
        }
        case At.FieldStart:
          if (s.charCodeAt(i) === QUOTE) {
            this.at = At.Quoted;
            i++;
          } else this.at = At.Unquoted;
          break;
        case At.Unquoted: {
          // To the next delimiter or newline, whichever comes first (positions kept, as papaparse does).
          if (nextDelim !== -1 && nextDelim < i) nextDelim = s.indexOf(d, i);
          if (nextNewline !== -1 && nextNewline < i) nextNewline = s.indexOf(nl, i);
          const stop = nextDelim === -1 ? nextNewline : nextNewline === -1 ? nextDelim : Math.min(nextDelim, nextNewline);
          if (stop === -1) {
            // The field goes on past this chunk; keep a possible start of the delimiter or newline for the next one.
            i = Math.max(i, n - this.longest + 1);
            while (i < n && !undecided(i)) i++;
            if (i < n) {
              this.carry = s.slice(i);
              i = n;
            }
            break;
          }
          if (stop === nextDelim) {
            i = stop + d.length;
            this.at = At.FieldStart;
          } else {
            i = stop + nl.length;
            this.at = At.RowStart;
          }
          break;
        }
        case At.Quoted: {
          const q = s.indexOf('"', i);
          if (q === -1) {
            i = n;
            break;
          }
          i = q + 1;
          this.at = At.AfterQuote;
          this.afterQuoteChars = 0;
          break;
        }
        case At.AfterQuote: {
          if (this.afterQuoteChars === 0 && s.charCodeAt(i) === QUOTE) {
            this.at = At.Quoted;
            i++;
            break;
          } // "" is a quote
          if (undecided(i)) {
            this.carry = s.slice(i);
            i = n;
            break;
          }
          if (startsAt(d, i)) {
            this.at = At.FieldStart;
            i += d.length;
            break;
          }
          if (startsAt(nl, i)) {
            this.at = At.RowStart;
            i += nl.length;
            break;
          }
          const c = s.charCodeAt(i);
          if (isSpace(c)) {
            this.afterQuoteChars++;
            i++;
            break;
          }
          // Anything else: that quote was part of the value; this character is read again inside the field.
          this.at = At.Quoted;
          break;
        }
      }
    }
    if (this.at === At.Blank && !end) {
      // The blank row so far waits for its end; the carry (if any) comes after it.
      const upTo = n - this.carry.length;
      if (blankFrom < emitFrom) blankFrom = emitFrom;
      if (blankFrom > emitFrom) out.push(s.slice(emitFrom, blankFrom));
      if (upTo > blankFrom) this.pending.push(s.slice(blankFrom, upTo));
      return out.join('');
    }
    if (this.pending.length) {
      out.push(...this.pending);
      this.pending = [];
    }
    out.push(s.slice(emitFrom, n - this.carry.length));
    if (end && this.carry) {
      out.push(this.carry);
      this.carry = '';
    }
    return out.join('');
  }
}
