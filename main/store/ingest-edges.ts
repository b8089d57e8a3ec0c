// What importers read back about edges already in the case, and the edits of derived edges they re-derive:
// beyond the CaseWriter's own upsert (store/ingest-statements.ts). All run inside the import's transaction;
// statements are prepared once per connection (statement-cache.ts).
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

/** A role-assumption edge's props (JSON) and conditional flag; prepared once for a loop. */
export function canAssumeEdgeReader(db: Database.Database): (src: number, dst: number) => { props: string | null; conditional: number } | undefined {
  const stmt = prepared(db, `SELECT props, conditional FROM edge WHERE src = ? AND dst = ? AND kind = 'can_assume'`);
  return (src, dst) => stmt.get(src, dst) as { props: string | null; conditional: number } | undefined;
}

/** A role-assumption edge's props (JSON); undefined when there is no such edge. */
export function canAssumeProps(db: Database.Database, src: number, dst: number): string | null | undefined {
  return prepared(db, `SELECT props FROM edge WHERE src = ? AND dst = ? AND kind = 'can_assume'`).pluck().get(src, dst) as string | null | undefined;
}

/** Every role-assumption edge into a role. */
export function canAssumeEdgesInto(db: Database.Database, role: number): { id: number; src: number; props: string | null; locator: string | null }[] {
  return prepared(db, `SELECT id, src, props, locator FROM edge WHERE dst = ? AND kind = 'can_assume'`).all(role) as {
    id: number;
    src: number;
    props: string | null;
    locator: string | null;
  }[];
}

/** Makes an edge conditional and patches its props (JSON; json_patch); prepared once for a loop. */
export function edgeConditionalPatcher(db: Database.Database): (id: number, props: string) => void {
  const stmt = prepared(db, "UPDATE edge SET conditional = 1, props = json_patch(coalesce(props, '{}'), ?) WHERE id = ?");
  return (id, props) => {
    stmt.run(props, id);
  };
}

/**
 * The access edges into a node that sources of these formats made (what a re-derivation owns), and their removal
 * and replacement; prepared once for a loop over many resources.
 */
export function derivedAccessEdges(db: Database.Database, formats: readonly string[]) {
  const marks = formats.map(() => '?').join(', ');
  const derived = prepared(
    db,
    `SELECT e.id, e.src FROM edge e JOIN source s ON s.id = e.source_id
    WHERE e.dst = ? AND e.kind = 'access' AND s.format IN (${marks})`,
  );
  const remove = prepared(db, 'DELETE FROM edge WHERE id = ?');
  const replace = prepared(db, `UPDATE edge SET privilege = ?, conditional = ?, props = ?, source_id = ?, locator = ? WHERE id = ?`);
  return {
    into: (dst: number) => derived.all(dst, ...formats) as { id: number; src: number }[],
    remove: (id: number) => {
      remove.run(id);
    },
    replace: (id: number, e: { privilege: number; conditional: boolean; props: string; sourceId: number; locator: string }) => {
      replace.run(e.privilege, e.conditional ? 1 : 0, e.props, e.sourceId, e.locator, id);
    },
  };
}
