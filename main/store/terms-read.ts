// The text behind a term id (addresses, user agents, actions, unresolved targets that auth events store as ids).
import type Database from 'better-sqlite3';

/** A term's text by id, or undefined: a lookup prepared once, asked for each term a findings run meets first. */
export function termTextLookup(db: Database.Database): (id: number) => string | undefined {
  const stmt = db.prepare<[number]>('SELECT value FROM term WHERE id = ?').pluck();
  return (id) => stmt.get(id) as string | undefined;
}
