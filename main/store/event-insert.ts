// How auth events are inserted: the writer (main/ingest/writer.ts) buffers events column by column in this order and
// writes them in multi-row batches. The source id is an integer the writer owns, never input.
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

/** Columns buffered per event, in this order (source_id is the writer's, written into the SQL). */
export const EVENT_COLUMNS = [
  'ts',
  'identity',
  'credential',
  'ip',
  'user_agent',
  'action',
  'target',
  'target_term',
  'outcome',
  'asn',
  'country',
  'locator',
  'props',
] as const;
export const EVENT_WIDTH = EVENT_COLUMNS.length;
/**
 * Columns most events leave empty (target, asn, country, props). Binding a value costs about as much as
 * storing it (a 9-value row inserts ~40% faster than a 13-value one, measured here), so each batch takes
 * a statement without the optional columns all its events leave null; they keep their NULL default.
 */
export const OPTIONAL_EVENT_COLUMNS = [6, 9, 10, 12];

/** `INSERT … VALUES (…), (…)` for `rows` events; the source id is an integer this writer owns, not input. */
// The source is one named parameter shared by every row: bound once per batch, and the statement stays the same
// from file to file (a folder of thousands of small files would otherwise prepare a 64-row insert for each).
function eventInsertSql(columns: readonly number[], rows: number): string {
  const row = `(${columns.map(() => '?').join(', ')}, @source)`;
  return `INSERT INTO auth_event (${columns.map((c) => EVENT_COLUMNS[c]).join(', ')}, source_id) VALUES ${Array(rows).fill(row).join(', ')}`;
}

/** The buffered columns a batch writes: all but the optional ones whose bit is clear in `present`. */
export function eventColumnsFor(present: number): number[] {
  return EVENT_COLUMNS.map((_, c) => c).filter((c) => !OPTIONAL_EVENT_COLUMNS.includes(c) || present & (1 << OPTIONAL_EVENT_COLUMNS.indexOf(c)));
}

/**
 * The insert of `rows` events of these columns (indexes into EVENT_COLUMNS), prepared once per connection.
 * Run it with the values row after row and `{ source }`.
 */
export function eventInsert(db: Database.Database, columns: readonly number[], rows: number): Database.Statement {
  return prepared(db, eventInsertSql(columns, rows));
}
