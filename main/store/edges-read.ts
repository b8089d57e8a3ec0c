// Edges as the findings run holds them (findings/edge-table.ts): the numeric columns of every edge read once off
// the cursor into typed arrays, and the text columns of one edge read only when a finding's evidence needs them.
import type Database from 'better-sqlite3';

export function edgeCount(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM edge').pluck().get() as number;
}

export type EdgeColumnsRow = [id: number, src: number, dst: number, kind: string, privilege: number, sourceId: number | null];

/** Every edge's numeric columns, by id, as raw rows off the cursor (millions on a large case). */
export function edgeColumnRows(db: Database.Database): IterableIterator<EdgeColumnsRow> {
  return db.prepare(`SELECT id, src, dst, kind, privilege, source_id FROM edge ORDER BY id`).raw().iterate() as IterableIterator<EdgeColumnsRow>;
}

export interface EdgeText {
  props: string | null;
  grantedAt: string | null;
  lastUsedAt: string | null;
  locator: string | null;
}

/** One edge's text columns by id: a lookup prepared once, asked per edge. */
export function edgeTextLookup(db: Database.Database): (id: number) => EdgeText | undefined {
  const stmt = db.prepare<[number], EdgeText>('SELECT props, granted_at AS grantedAt, last_used_at AS lastUsedAt, locator FROM edge WHERE id = ?');
  return (id) => stmt.get(id);
}
