// Imported source files as the findings read them: which file an id names, which sources are of one format.
import type Database from 'better-sqlite3';

/** Ids of the sources imported as this format (e.g. the auth roll-up). */
export function sourceIdsOfFormat(db: Database.Database, format: string): number[] {
  return db.prepare('SELECT id FROM source WHERE format = ?').pluck().all(format) as number[];
}

/** Every source's file name, by id. */
export function sourceFileNames(db: Database.Database): Map<number, string> {
  return new Map(db.prepare('SELECT id, file_name FROM source').raw().all() as [number, string][]);
}
