// Questions about the imported sources that steps after an import ask (which file a conclusion is drawn from).
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

/** The newest completely imported source of one of `formats`, or null when the case holds none. */
export function newestSourceOf(db: Database.Database, formats: readonly string[]): number | null {
  if (!formats.length) return null;
  const marks = formats.map(() => '?').join(', ');
  return prepared(db, `SELECT max(id) FROM source WHERE status = 'complete' AND format IN (${marks})`)
    .pluck()
    .get(...formats) as number | null;
}
