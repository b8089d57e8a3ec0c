// Syslog timestamps ("Feb 21 21:54:44") carry neither a year nor a time zone. This turns them into epoch ms
// with a reference year and an IANA time zone chosen by the analyst (or defaulted, and said so by the caller).
// SyslogYears picks each line's year (the rules are on the class); syslogMillis is the stateless primitive.
import { ApiError } from '../../../shared/api/contract.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface SyslogClock {
  year: number;
  timeZone: string;
  /** When the year is a default from the file's mtime: months after the mtime's month belong to the year before. */
  rollbackAfterMonth: number | null;
}

/** Refuses an unknown time zone up front: silently reading it as UTC would shift every event. */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    return timeZone;
  } catch {
    throw new ApiError('bad-input', `unknown time zone "${timeZone}" (expected an IANA name such as UTC or Europe/Paris)`);
  }
}

/** "Feb", "21", "21:54:44" → epoch ms, or null when the parts are not a real date-time. */
export function syslogMillis(clock: SyslogClock, mon: string, day: string, time: string): number | null {
  const parts = wallClock(mon, day, time);
  if (!parts) return null;
  const year = clock.rollbackAfterMonth !== null && parts.month > clock.rollbackAfterMonth ? clock.year - 1 : clock.year;
  return millisIn(parts, year, clock.timeZone);
}

const DAY = 86_400_000;
/** A line this far (or more) before the previous one is in the next year: Dec → Jan, not a late line. */
const WRAP_BACK = 183 * DAY;
/** A line this far after the previous one is a late December line among January ones, not a jump of ten months. */
const LATE_FORWARD = 300 * DAY;
/** Lines may be up to a day after the file's mtime: the zone we read them in may not be the writer's (±14 h). */
const MTIME_SLACK = DAY;

export type YearRule = { kind: 'option'; year: number; timeZone: string } | { kind: 'mtime'; mtimeMs: number; timeZone: string };

/**
 * Chooses the year of each classic syslog line, in file order.
 * - mtime (no --year): a file cannot hold lines written after it was last modified, so a line takes the latest year
 *   that does not put it more than a day after the mtime: a January file's "Dec 30" lines are the December before,
 *   and a log running Dec → Jan lands on both sides of New Year. A Feb 29 goes back to the last leap year before.
 * - --year Y: Y is the year of the first line. Each later line takes the year of the line before it, except that
 *   a line six months or more before that one starts the next year (Dec → Jan), and a line more than ten months
 *   after it belongs to the year before (a late "Dec 31" among the first January lines). A small step back (lines
 *   out of order by seconds or minutes, as merged logs are) stays in the same year.
 */
export class SyslogYears {
  private readonly rule: YearRule;
  /** mtime rule: the mtime's year in the zone; --year rule: the previous line's year. */
  private prevYear: number;
  /** --year rule: the previous line's wall clock (as if UTC: the zone does not move a line by months). */
  private prevWall: number | null = null;

  constructor(rule: YearRule) {
    this.rule = rule;
    this.prevYear = rule.kind === 'option' ? rule.year : wallYear(rule.mtimeMs, rule.timeZone);
  }

  /** Epoch ms and the year chosen, or null when the parts are not a real date-time (Feb 30, "Foo"). */
  millis(mon: string, day: string, time: string): { ts: number; year: number } | null {
    const parts = wallClock(mon, day, time);
    if (!parts) return null;
    const tz = this.rule.timeZone;
    if (this.rule.kind === 'mtime') {
      const limit = this.rule.mtimeMs + MTIME_SLACK;
      // Four years back at most: enough to reach a leap year for Feb 29; never an unbounded loop.
      for (let year = this.prevYear; year > this.prevYear - 5; year--) {
        const ts = millisIn(parts, year, tz);
        if (ts !== null && ts <= limit) return { ts, year };
      }
      return null;
    }
    const year = this.follow(parts);
    const ts = year === null ? null : millisIn(parts, year, tz);
    return ts === null || year === null ? null : { ts, year };
  }

  /**
   * A line that is not a record (kernel, cron…) still moves the --year rule along, so that a Dec → Jan turn is seen
   * even when no auth line falls near it. Cheap: no zone arithmetic.
   */
  observe(mon: string, day: string, time: string): void {
    if (this.rule.kind !== 'option') return;
    const parts = wallClock(mon, day, time);
    if (parts) this.follow(parts);
  }

  private follow(p: WallClock): number | null {
    const base = this.prevWall === null && this.rule.kind === 'option' ? this.rule.year : this.prevYear;
    let year = base;
    let wall = wallMillis(p, base);
    if (this.prevWall !== null) {
      const prev = this.prevWall;
      const next = wallMillis(p, base + 1);
      const before = wallMillis(p, base - 1);
      if ((wall === null || wall <= prev - WRAP_BACK) && next !== null) [year, wall] = [base + 1, next];
      else if ((wall === null || wall >= prev + LATE_FORWARD) && before !== null) [year, wall] = [base - 1, before];
    }
    if (wall === null) return null;
    this.prevWall = wall;
    this.prevYear = year;
    return year;
  }
}

interface WallClock {
  month: number;
  day: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function wallClock(mon: string, day: string, time: string): WallClock | null {
  const month = MONTHS.indexOf(mon.toLowerCase());
  const d = Number(day);
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(time);
  if (month < 0 || !m || !(d >= 1 && d <= 31)) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || s > 60) return null;
  return { month, day: d, h, mi, s, ms: m[4] ? Math.floor(Number(`0.${m[4]}`) * 1000) : 0 };
}

/** The wall clock read as UTC, or null when the day does not exist that year (Feb 30, Feb 29 of a common year). */
function wallMillis(p: WallClock, year: number): number | null {
  if (new Date(Date.UTC(year, p.month, p.day)).getUTCDate() !== p.day) return null;
  return Date.UTC(year, p.month, p.day, p.h, p.mi, p.s, p.ms);
}

function millisIn(p: WallClock, year: number, timeZone: string): number | null {
  const local = wallMillis(p, year);
  return local === null ? null : local - zoneOffset(timeZone, local);
}

/** The calendar year of an instant as a wall clock in the zone reads it. */
function wallYear(ms: number, timeZone: string): number {
  return new Date(ms + offsetAt(timeZone, ms)).getUTCFullYear();
}

/** Offset (ms) of the zone at a wall-clock time, resolved in two passes so DST changes land right. */
function zoneOffset(timeZone: string, wallClock: number): number {
  if (timeZone === 'UTC') return 0;
  const first = offsetAt(timeZone, wallClock);
  return offsetAt(timeZone, wallClock - first);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetAt(timeZone: string, utc: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(utc)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(utc / 1000) * 1000;
}
