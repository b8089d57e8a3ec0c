// Statements prepared once per connection, not once per use: a folder of thousands of small files (an S3
// CloudTrail tree) imports a file every few milliseconds, and preparing the same statements for each of them
// cost more than loading them. better-sqlite3 statements are reusable and safe to share on one connection.
import type Database from 'better-sqlite3';

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** A bound on what a long session can accumulate (SQL built from data, e.g. IN lists of many lengths). */
const MAX_CACHED = 500;

export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(sql, (s = db.prepare(sql)));
  }
  return s;
}
