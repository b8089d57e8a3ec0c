// The analyst's imported intel lists (tables intel_list and intel_entry): what intel/list-store.ts and
// intel/network-intel.ts read and write. Parsing, staleness and the import's audit stay in intel/.
import type Database from 'better-sqlite3';
import type { IntelList } from '../../shared/api/intel.ts';
import type { NetworkClass } from '../../shared/model.ts';

/** A list as the lookups use it: its class, its date and every entry. */
export interface StoredList {
  id: number;
  name: string;
  class: NetworkClass;
  asOf: string | null;
  entries: { cidr: string | null; asn: number | null; label: string | null; seenAt: number | null }[];
}

/** The list row written once per imported file. */
export interface IntelListRow {
  name: string;
  format: string;
  class: NetworkClass;
  asOf: string;
  sha256: string;
  fileName: string;
  importedAt: string;
  entries: number;
  rejected: number;
}

export interface IntelEntryRow {
  cidr: string | null;
  asn: number | null;
  label: string | null;
  seenAt: number | null;
}

/** Cases created before intel lists have no such tables until opened writable (migrations). */
export function hasIntelTables(db: Database.Database): boolean {
  return !!db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'intel_list'`).get();
}

/** The list already imported from these bytes, if any. */
export function intelListIdBySha256(db: Database.Database, sha256: string): number | undefined {
  return db.prepare('SELECT id FROM intel_list WHERE sha256 = ?').pluck().get(sha256) as number | undefined;
}

/**
 * Writes a list and its entries; returns the list's id. Runs inside the caller's transaction (the import audits in
 * the same one). The entry insert is prepared once for all entries.
 */
export function insertIntelList(db: Database.Database, list: IntelListRow, entries: Iterable<IntelEntryRow>): number {
  const insertEntry = db.prepare('INSERT INTO intel_entry (list_id, cidr, asn, label, seen_at) VALUES (?, ?, ?, ?, ?)');
  const listId = Number(
    db
      .prepare(
        `INSERT INTO intel_list (name, format, class, as_of, sha256, file_name, imported_at, entries, rejected)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(list.name, list.format, list.class, list.asOf, list.sha256, list.fileName, list.importedAt, list.entries, list.rejected).lastInsertRowid,
  );
  for (const e of entries) insertEntry.run(listId, e.cidr, e.asn, e.label, e.seenAt);
  return listId;
}

/** Every list, oldest first, without its staleness (intel/ judges that against the events). */
export function intelListRows(db: Database.Database): Omit<IntelList, 'stale'>[] {
  return db
    .prepare(
      `SELECT id, name, format, class, as_of AS asOf, sha256, file_name AS fileName, imported_at AS importedAt,
    entries, rejected FROM intel_list ORDER BY id`,
    )
    .all() as Omit<IntelList, 'stale'>[];
}

/** Every list with its entries, oldest first. */
export function storedLists(db: Database.Database): StoredList[] {
  const lists = db.prepare('SELECT id, name, class, as_of AS asOf FROM intel_list ORDER BY id').all() as Omit<StoredList, 'entries'>[];
  const entries = db.prepare('SELECT cidr, asn, label, seen_at AS seenAt FROM intel_entry WHERE list_id = ?');
  return lists.map((l) => ({ ...l, entries: entries.all(l.id) as StoredList['entries'] }));
}

/** The newest auth event's time (epoch ms), what a list's age is measured against; null without events. */
export function newestEventTime(db: Database.Database): number | null {
  return (db.prepare('SELECT max(ts) FROM auth_event').pluck().get() as number | null) ?? null;
}
