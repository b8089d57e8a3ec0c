// Imported source files as analysis reads them: which file an id names, which sources are of one format, and which
// is the newest of some formats (the file a derived conclusion is drawn from).
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

/** Ids of the sources imported as this format (e.g. the auth roll-up). */
export function sourceIdsOfFormat(db: Database.Database, format: string): number[] {
  return db.prepare('SELECT id FROM source WHERE format = ?').pluck().all(format) as number[];
}

/** Every source's file name, by id. */
export function sourceFileNames(db: Database.Database): Map<number, string> {
  return new Map(db.prepare('SELECT id, file_name FROM source').raw().all() as [number, string][]);
}

/** The newest completely imported source of one of `formats`, or null when the case holds none. */
export function newestSourceOf(db: Database.Database, formats: readonly string[]): number | null {
  if (!formats.length) return null;
  const marks = formats.map(() => '?').join(', ');
  return prepared(db, `SELECT max(id) FROM source WHERE status = 'complete' AND format IN (${marks})`)
    .pluck()
    .get(...formats) as number | null;
}
