// Auth activity counted in SQL for the timelines (inventory/timeline.ts buckets and classifies): per hour and
// outcome, the distinct source addresses, and per bucket and address. `identity` null means the whole case.
import type Database from 'better-sqlite3';
import { addressText, type StoredAddress } from './address-column.ts';

const HOUR = 3_600_000;

/** [hour, success (1|0), events, first ts, last ts] per hour and outcome: a few thousand rows at most. */
export function hourlyOutcomeCounts(db: Database.Database, identity: number | null): [number, number, number, number, number][] {
  const whole = identity === null ? '' : 'WHERE identity = @identity';
  const args = identity === null ? {} : { identity };
  return db
    .prepare(
      `SELECT CAST(ts / ${HOUR} AS INTEGER) AS h, outcome = 1 AS ok, count(*) AS n, min(ts) AS lo, max(ts) AS hi
      FROM auth_event ${whole} GROUP BY 1, 2`,
    )
    .raw()
    .all(args) as [number, number, number, number, number][];
}

/** [stored address, text] of every distinct source address (store/address-column.ts: an address or a term id). */
export function sourceAddresses(db: Database.Database, identity: number | null): [StoredAddress, string][] {
  const scope = identity === null ? '' : 'AND identity = @identity';
  const args = identity === null ? {} : { identity };
  const stored = db.prepare(`SELECT DISTINCT ip FROM auth_event WHERE ip IS NOT NULL ${scope}`).pluck().all(args) as StoredAddress[];
  // Decoded here rather than by address_text() in SQL: a JavaScript call per row from SQLite costs more than the decoding.
  const term = db.prepare<[StoredAddress]>('SELECT value FROM term WHERE id = ?').pluck();
  return stored.map((ip) => [ip, addressText(ip) ?? (term.get(ip) as string | undefined) ?? '']);
}

/** [bucket, stored address, events] for the events from these addresses, in buckets of `size` ms. */
export function addressBucketCounts(
  db: Database.Database,
  identity: number | null,
  size: number,
  ips: StoredAddress[],
): [number, StoredAddress, number][] {
  const scope = identity === null ? '' : 'AND identity = @identity';
  const args = identity === null ? {} : { identity };
  // JSON carries numbers as they are and IPv6 bytes as hex text, turned back into bytes for the comparison.
  const list = JSON.stringify(ips.map((ip) => (typeof ip === 'number' ? ip : ip.toString('hex'))));
  return db
    .prepare(
      `SELECT CAST(ts / @size AS INTEGER) AS b, ip, count(*) AS n FROM auth_event
        WHERE ip IN (SELECT CASE WHEN type = 'text' THEN unhex(value) ELSE value END FROM json_each(@ips)) ${scope} GROUP BY 1, 2`,
    )
    .raw()
    .all({ ...args, size, ips: list }) as [number, StoredAddress, number][];
}
