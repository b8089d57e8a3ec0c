// The case's own naming conventions for the identity-kind classifier, kept in meta as JSON
// (main/kinds/name-patterns.ts reads, validates and falls back to the defaults).
import type Database from 'better-sqlite3';

const META_KEY = 'identity_kind.name_patterns';

/** The saved list as written, undefined when the case uses the defaults. */
export function savedNamePatternsJson(db: Database.Database): string | undefined {
  return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY) as string | undefined;
}

export function hasSavedNamePatterns(db: Database.Database): boolean {
  return db.prepare('SELECT 1 FROM meta WHERE key = ?').pluck().get(META_KEY) !== undefined;
}

/** Saves the list (JSON); null removes it, back to the defaults. */
export function saveNamePatternsJson(db: Database.Database, json: string | null): void {
  if (json === null) db.prepare('DELETE FROM meta WHERE key = ?').run(META_KEY);
  else db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(META_KEY, json);
}
