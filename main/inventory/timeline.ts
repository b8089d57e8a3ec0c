// Auth activity bucketed by hour or day, split into success / failure / anonymous-network events.
import type { TimeBucket } from '../../shared/api/inventory.ts';
import { addressBucketCounts, hourlyOutcomeCounts, sourceAddresses } from '../store/auth-activity.ts';
import type { CaseFile } from '../store/case-file.ts';
import type { StoredAddress } from '../store/address-column.ts';
import { isAnonymisingClass } from '../../shared/predicates.ts';

/**
 * Network class of a source address (analyst networks, intel lists, ASN table), or null. `atMs` null answers for
 * any time: an address a time-stamped list holds (a Tor exit seen on some days) then counts as listed.
 */
export interface NetworkClasses {
  classOf(ip: string | null, atMs: number | null, stored?: StoredAddress): string | null;
  /** Whether the class of this address can differ between event times. */
  dependsOnTime(ip: string | null, stored?: StoredAddress): boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Hourly when the events span three days or less, else daily: enough bars to read, few enough to draw.
 *
 * Counted in passes so a case with a million distinct addresses is not a million groups: successes and
 * failures per hour in SQL (rolled up to days here); then each distinct address is classified once, and only the events of the
 * anonymising ones are bucketed again (per event time only where a list's timing can change the answer).
 */
export function authTimeline(kase: CaseFile, classes: NetworkClasses, identity: number | null): { unit: 'hour' | 'day'; buckets: TimeBucket[] } {
  // Hourly counts first (a few thousand rows at most): they give the span too, so the table is read once for both.
  const hourly = hourlyOutcomeCounts(kase.db, identity);
  if (!hourly.length) return { unit: 'day', buckets: [] };
  const lo = Math.min(...hourly.map((r) => r[3]));
  const hi = Math.max(...hourly.map((r) => r[4]));
  const unit = hi - lo <= 3 * DAY ? 'hour' : 'day';
  const size = unit === 'hour' ? HOUR : DAY;
  const buckets = new Map<number, TimeBucket>();
  const first = Math.floor(lo / size);
  const last = Math.floor(hi / size);
  // Empty buckets are kept so quiet periods show as gaps, not as compressed time.
  if (last - first <= 5000) for (let b = first; b <= last; b++) buckets.set(b, bucket(b, size));
  const at = (b: number) => {
    let entry = buckets.get(b);
    if (!entry) buckets.set(b, (entry = bucket(b, size)));
    return entry;
  };
  for (const [h, ok, n] of hourly) {
    const b = Math.floor((h * HOUR) / size);
    if (ok) at(b).success += n;
    else at(b).failure += n;
  }

  const addresses = sourceAddresses(kase.db, identity);
  const anonymous: StoredAddress[] = [];
  const timed = new Map<number | string, string>();
  for (const [stored, ip] of addresses) {
    const cls = classes.classOf(ip, null, stored);
    if (!isAnonymisingClass(cls)) continue;
    anonymous.push(stored);
    if (classes.dependsOnTime(ip, stored)) timed.set(addressKey(stored), ip);
  }
  if (anonymous.length) {
    const rows = addressBucketCounts(kase.db, identity, size, anonymous);
    for (const [b, stored, n] of rows) {
      const text = timed.get(addressKey(stored));
      if (text !== undefined) {
        const cls = classes.classOf(text, b * size);
        if (!isAnonymisingClass(cls)) continue;
      }
      at(b).anonymous += n;
    }
  }
  return { unit, buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v) };
}

/** A stored address as a map key: IPv6 bytes are a new Buffer per row, so they are keyed by their hex. */
function addressKey(stored: StoredAddress): number | string {
  return typeof stored === 'number' ? stored : stored.toString('hex');
}

function bucket(b: number, size: number): TimeBucket {
  return { t: new Date(b * size).toISOString(), success: 0, failure: 0, anonymous: 0 };
}
