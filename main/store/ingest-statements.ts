// The statements of the import writer (main/ingest/writer.ts): nodes, aliases, edges, terms and rejects, each with
// provenance. Prepared once per connection (statement-cache.ts), so a folder of thousands of small files does not
// prepare them for each file. How a row lands (placeholders, kind conflicts, caches) is the writer's business.
import type Database from 'better-sqlite3';
import { eventColumnsFor, eventInsert, OPTIONAL_EVENT_COLUMNS } from './event-insert.ts';
import { prepared } from './statement-cache.ts';

export type WriterStatements = ReturnType<typeof writerStatements>;

export function writerStatements(caseDb: Database.Database) {
  const db = { prepare: (sql: string) => prepared(caseDb, sql) };
  return {
    nodeByKey: db.prepare('SELECT id FROM node WHERE key = ?').pluck(),
    nodeByAlias: db.prepare('SELECT node_id FROM alias WHERE alias = ?').pluck(),
    nodeInsert: db.prepare(`INSERT INTO node (key, kind, subkind, source_subkind, name, provider, environment, status, owner, criticality,
        created_at, last_used_at, unresolved, props, source_id, locator)
        VALUES (@key, @kind, @subkind, @subkind, @name, @provider, @environment, @status, @owner, @criticality,
        @createdAt, @lastUsedAt, @unresolved, @props, @sourceId, @locator)`),
    // An inventory row fills in (and corrects) what references or earlier rows left open.
    // What a row would change an existing node into is checked against this first (see CaseWriter.upsertNode).
    nodeIdentity: db.prepare(`SELECT n.kind, n.subkind, n.unresolved, n.locator, s.file_name FROM node n
        LEFT JOIN source s ON s.id = n.source_id WHERE n.id = ?`),
    // source_subkind is what the sources say; subkind is that until the classifier (main/kinds/) decides.
    nodeUpdate: db.prepare(`UPDATE node SET kind = @kind, subkind = coalesce(@subkind, subkind),
        source_subkind = coalesce(@subkind, source_subkind), name = coalesce(@name, name),
        provider = coalesce(@provider, provider), environment = coalesce(@environment, environment),
        status = coalesce(@status, status), owner = coalesce(@owner, owner), criticality = coalesce(@criticality, criticality),
        created_at = coalesce(@createdAt, created_at), last_used_at = coalesce(@lastUsedAt, last_used_at),
        props = CASE WHEN @props IS NULL THEN props WHEN props IS NULL THEN @props ELSE json_patch(props, @props) END,
        unresolved = 0, source_id = @sourceId, locator = @locator WHERE id = @id`),
    // Positional: bulk logs create tens of thousands of placeholders, and named binding costs more.
    placeholderInsert: db.prepare(
      'INSERT INTO node (key, kind, subkind, source_subkind, unresolved, source_id, locator) VALUES (?, ?, ?, ?, 1, ?, ?)',
    ),
    aliasInsert: db.prepare('INSERT OR IGNORE INTO alias (alias, node_id, source_id) VALUES (?, ?, ?)'),
    edgeUpsert: db.prepare(`INSERT INTO edge (src, dst, kind, privilege, conditional, props, source_id, locator, granted_at, last_used_at)
        VALUES (@src, @dst, @kind, @privilege, @conditional, @props, @sourceId, @locator, @grantedAt, @lastUsedAt)
        ON CONFLICT (src, dst, kind) DO UPDATE SET
          privilege = max(privilege, excluded.privilege),
          conditional = min(conditional, excluded.conditional),
          props = CASE WHEN excluded.props IS NULL THEN props WHEN props IS NULL THEN excluded.props ELSE json_patch(props, excluded.props) END,
          granted_at = coalesce(granted_at, excluded.granted_at),
          last_used_at = CASE WHEN excluded.last_used_at > coalesce(last_used_at, '') THEN excluded.last_used_at ELSE last_used_at END`),
    termByValue: db.prepare('SELECT id FROM term WHERE value = ?').pluck(),
    termInsert: db.prepare('INSERT INTO term (value) VALUES (?)'),
    /** One event with every column (flush writes what is left of a batch row by row). */
    eventInsert: eventInsert(caseDb, eventColumnsFor(2 ** OPTIONAL_EVENT_COLUMNS.length - 1), 1),
    rejectInsert: db.prepare('INSERT INTO reject (source_id, locator, reason, excerpt) VALUES (?, ?, ?, ?)'),
    ownerOfCredential: db.prepare(`SELECT src FROM edge WHERE dst = ? AND kind = 'has_credential' LIMIT 1`).pluck(),
  };
}

/** Keys per bulk lookup statement (well under SQLite's variable limit). */
const BULK = 256;

/** Node ids by key, for many keys at once (key → id; keys not in the case are absent). */
export function nodeIdsByKeys(db: Database.Database, keys: readonly string[]): Map<string, number> {
  return lookupMany(db, 'SELECT key, id FROM node WHERE key IN', keys);
}

/** Node ids by alias, for many aliases at once (alias → node id). */
export function nodeIdsByAliases(db: Database.Database, aliases: readonly string[]): Map<string, number> {
  return lookupMany(db, 'SELECT alias, node_id FROM alias WHERE alias IN', aliases);
}

/** Dictionary ids of many term values at once (value → id). */
export function termIdsByValues(db: Database.Database, values: readonly string[]): Map<string, number> {
  return lookupMany(db, 'SELECT value, id FROM term WHERE value IN', values);
}

/** `<select> (?, ?, …)` over keys, in chunks: key → value of the second column. */
function lookupMany(db: Database.Database, select: string, keys: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (let at = 0; at < keys.length; at += BULK) {
    const chunk = keys.slice(at, at + BULK);
    const stmt = prepared(db, `${select} (${Array(chunk.length).fill('?').join(', ')})`);
    for (const [key, id] of stmt.raw().all(chunk) as [string, number][]) if (!found.has(key)) found.set(key, id);
  }
  return found;
}
