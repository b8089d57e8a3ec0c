// Value normalisers shared by importers. Each returns a clean value, null for "empty",
// or INVALID when the cell holds something that cannot be what the column says.

export const INVALID = Symbol('invalid');
export type Parsed<T> = T | null | typeof INVALID;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** Years outside this window are typos or hostile input, never real activity. */
const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);

/**
 * The canonical UTC form `YYYY-MM-DDTHH:MM:SS[.f…]Z` (up to nine fraction digits, as Entra writes seven)
 * dominates big logs: checked digit by digit, no regex. Fractions are truncated to milliseconds, as the
 * full path does.
 */
function fastUtcMillis(s: string): number | null {
  const n = s.length;
  if (n < 20 || n > 30 || n === 21 || s.charCodeAt(n - 1) !== 90 /* Z */ || s.charCodeAt(10) !== 84 /* T */) return null;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  let ms = 0;
  if (n > 20) {
    if (s.charCodeAt(19) !== 46 || digits(s, 20, n - 21) < 0) return null;
    ms = digits(s, 20, Math.min(3, n - 21)) * 10 ** Math.max(0, 24 - n);
  }
  return utcFromParts(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2), ms);
}

/**
 * fastUtcMillis over bytes[start, end) of UTF-8 text, for parsers that read cells as bytes; null when the
 * cell is not in that exact form (the caller then decodes it and uses parseIsoMillis).
 */
export function fastUtcMillisFromBytes(b: Uint8Array, start: number, end: number): number | null {
  const n = end - start;
  if (n < 20 || n > 30 || n === 21 || b[end - 1] !== 90 || b[start + 10] !== 84) return null;
  if (b[start + 4] !== 45 || b[start + 7] !== 45 || b[start + 13] !== 58 || b[start + 16] !== 58) return null;
  let ms = 0;
  if (n > 20) {
    if (b[start + 19] !== 46 || byteDigits(b, start + 20, n - 21) < 0) return null;
    ms = byteDigits(b, start + 20, Math.min(3, n - 21)) * 10 ** Math.max(0, 24 - n);
  }
  return utcFromParts(
    byteDigits(b, start, 4),
    byteDigits(b, start + 5, 2),
    byteDigits(b, start + 8, 2),
    byteDigits(b, start + 11, 2),
    byteDigits(b, start + 14, 2),
    byteDigits(b, start + 17, 2),
    ms,
  );
}

/** Epoch ms of checked parts; null when a part is out of range (or negative: a non-digit), leaving the rare cases to the full path. */
function utcFromParts(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (
    year < 0 ||
    ms < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return null;
  const t = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
  return t >= MIN_MS && t <= MAX_MS ? t : null;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil); cheaper than Date.UTC per row. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The decimal number in bytes[at, at + count), or -1 when a byte there is not a digit. */
function byteDigits(b: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** The decimal number in s[at, at + count), or -1 when a character there is not a digit. */
function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** ISO 8601 date or date-time → epoch ms (UTC when no zone is given). */
export function parseIsoMillis(cell: string | undefined | null): Parsed<number> {
  if (cell == null) return null;
  const fast = fastUtcMillis(cell);
  if (fast !== null) return fast;
  const s = cell.trim();
  if (!s) return null;
  const m = ISO_DATE.exec(s);
  if (!m) return INVALID;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const month = +mo,
    day = +d,
    hour = h ? +h : 0,
    minute = mi ? +mi : 0,
    second = sec ? +sec : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return INVALID;
  let ms = Date.UTC(+y, month - 1, day, hour, minute, second, frac ? Math.floor(+`0.${frac}` * 1000) : 0);
  if (new Date(Date.UTC(+y, month - 1, day)).getUTCDate() !== day) return INVALID; // 2024-02-31
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2, 4) : 0)) * 60_000;
    ms -= sign * offset;
  }
  if (ms < MIN_MS || ms > MAX_MS) return INVALID;
  return ms;
}

/** ISO date cell → normalised ISO string (UTC), for columns stored as text. */
export function parseIsoDate(cell: string | undefined | null): Parsed<string> {
  const ms = parseIsoMillis(cell);
  if (ms === null || ms === INVALID) return ms;
  return new Date(ms).toISOString();
}

/** A cell that must be one of a closed set (case-insensitive, spaces/dashes as underscores). */
export function parseEnum<T extends string>(cell: string | undefined | null, allowed: readonly T[], synonyms: Record<string, T> = {}): Parsed<T> {
  if (cell == null) return null;
  if ((allowed as readonly string[]).includes(cell)) return cell as T; // already canonical: most rows of big files
  const s = cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (!s) return null;
  if ((allowed as readonly string[]).includes(s)) return s as T;
  if (Object.prototype.hasOwnProperty.call(synonyms, s)) return synonyms[s];
  return INVALID;
}

export function clean(cell: string | undefined | null): string | null {
  if (cell == null) return null;
  const s = cell.trim();
  return s ? s : null;
}

// IP normalisation belongs to the intel layer (intel/ip.ts), which must not depend on ingest; importers keep
// getting it from here with the other cell normalisers.
export { normaliseIp } from '../intel/ip.ts';
