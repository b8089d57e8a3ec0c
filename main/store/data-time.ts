// The newest time the case's data speaks of (meta data_max_time, epoch ms as text): the case's as-of time when
// the analyst gave none. An import only ever moves it forward.
import type Database from 'better-sqlite3';

export function raiseDataMaxTime(db: Database.Database, maxTime: number): void {
  db.prepare(
    `INSERT INTO meta (key, value) VALUES ('data_max_time', ?)
        ON CONFLICT (key) DO UPDATE SET value = CASE WHEN CAST(excluded.value AS INTEGER) > CAST(value AS INTEGER) THEN excluded.value ELSE value END`,
  ).run(String(maxTime));
}
