// Syslog timestamps ("Feb 21 21:54:44") carry neither a year nor a time zone. This turns them into epoch ms
// with a reference year and an IANA time zone chosen by the analyst (or defaulted, and said so by the caller).
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
  const month = MONTHS.indexOf(mon.toLowerCase());
  const d = Number(day);
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(time);
  if (month < 0 || !m || d < 1 || d > 31) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || s > 60) return null;
  const year = clock.rollbackAfterMonth !== null && month > clock.rollbackAfterMonth ? clock.year - 1 : clock.year;
  const local = Date.UTC(year, month, d, h, mi, s, m[4] ? Math.floor(Number(`0.${m[4]}`) * 1000) : 0);
  if (new Date(Date.UTC(year, month, d)).getUTCDate() !== d) return null; // Feb 30
  return local - zoneOffset(clock.timeZone, local);
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
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(utc)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(utc / 1000) * 1000;
}
