// Auth activity bucketed by hour or day, split into success / failure / anonymous-network events.
import type { TimeBucket } from '../../shared/api/inventory.ts';
import type { CaseFile } from '../store/case-file.ts';
import { ANONYMOUS_CLASSES } from './networks.ts';

/** Network class of a source address at a time (analyst networks, intel lists, ASN table), or null. */
export type ClassOf = (ip: string | null, atMs: number) => string | null;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Hourly when the events span three days or less, else daily: enough bars to read, few enough to draw. */
export function authTimeline(kase: CaseFile, classOf: ClassOf, identity: number | null): { unit: 'hour' | 'day'; buckets: TimeBucket[] } {
  const scope = identity === null ? '' : 'WHERE identity = @identity';
  const span = kase.db.prepare(`SELECT min(ts) AS lo, max(ts) AS hi FROM auth_event ${scope}`).get(identity === null ? {} : { identity }) as { lo: number | null; hi: number | null };
  if (span.lo === null || span.hi === null) return { unit: 'day', buckets: [] };
  const unit = span.hi - span.lo <= 3 * DAY ? 'hour' : 'day';
  const size = unit === 'hour' ? HOUR : DAY;
  const rows = kase.db.prepare(`SELECT CAST(ts / @size AS INTEGER) AS b, t.value AS ip, outcome, count(*) AS n FROM auth_event
      LEFT JOIN term t ON t.id = auth_event.ip ${scope} GROUP BY b, auth_event.ip, outcome`)
    .raw().all(identity === null ? { size } : { identity, size }) as [number, string | null, number, number][];
  const buckets = new Map<number, TimeBucket>();
  const first = Math.floor(span.lo / size);
  const last = Math.floor(span.hi / size);
  // Empty buckets are kept so quiet periods show as gaps, not as compressed time.
  if (last - first <= 5000) for (let b = first; b <= last; b++) buckets.set(b, bucket(b, size));
  for (const [b, ip, outcome, n] of rows) {
    const entry = buckets.get(b) ?? bucket(b, size);
    buckets.set(b, entry);
    if (outcome === 1) entry.success += n;
    else entry.failure += n;
    const cls = classOf(ip, b * size);
    if (cls && ANONYMOUS_CLASSES.has(cls)) entry.anonymous += n;
  }
  return { unit, buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v) };
}

function bucket(b: number, size: number): TimeBucket {
  return { t: new Date(b * size).toISOString(), success: 0, failure: 0, anonymous: 0 };
}
