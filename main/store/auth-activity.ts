// Auth activity counted in SQL for the timelines (inventory/timeline.ts buckets and classifies): per hour and
// outcome, the distinct source addresses, and per bucket and address. `identity` null means the whole case.
import type Database from 'better-sqlite3';

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

/** [term id, address] of every distinct source address. */
export function sourceAddresses(db: Database.Database, identity: number | null): [number, string][] {
  const scope = identity === null ? '' : 'AND identity = @identity';
  const args = identity === null ? {} : { identity };
  return db
    .prepare(`SELECT t.id, t.value FROM term t WHERE t.id IN (SELECT DISTINCT ip FROM auth_event WHERE ip IS NOT NULL ${scope})`)
    .raw()
    .all(args) as [number, string][];
}

/** [bucket, address term id, events] for the events from these addresses, in buckets of `size` ms. */
export function addressBucketCounts(db: Database.Database, identity: number | null, size: number, ips: number[]): [number, number, number][] {
  const scope = identity === null ? '' : 'AND identity = @identity';
  const args = identity === null ? {} : { identity };
  return db
    .prepare(
      `SELECT CAST(ts / @size AS INTEGER) AS b, ip, count(*) AS n FROM auth_event
        WHERE ip IN (SELECT value FROM json_each(@ips)) ${scope} GROUP BY 1, 2`,
    )
    .raw()
    .all({ ...args, size, ips: JSON.stringify(ips) }) as [number, number, number][];
}
