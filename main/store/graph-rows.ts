// The rows the analysis graph is built from (graph/load.ts): every node, every edge, and the (actor, target) pairs
// the auth logs show used. Row iterators, not arrays: a large case has millions of edges, read once each.
import type Database from 'better-sqlite3';

export type GraphNodeRow = [id: number, key: string, kind: string, subkind: string | null, criticality: string | null];
export type GraphEdgeRow = [id: number, src: number, dst: number, kind: string, privilege: number];

/** The highest node id (0 for an empty case): the size of an id → index table. */
export function maxNodeId(db: Database.Database): number {
  return db.prepare('SELECT coalesce(max(id), 0) FROM node').pluck().get() as number;
}

export function graphNodeRows(db: Database.Database): IterableIterator<GraphNodeRow> {
  return db.prepare('SELECT id, key, kind, subkind, criticality FROM node ORDER BY id').raw().iterate() as IterableIterator<GraphNodeRow>;
}

export function graphEdgeRows(db: Database.Database): IterableIterator<GraphEdgeRow> {
  return db.prepare('SELECT id, src, dst, kind, privilege FROM edge').raw().iterate() as IterableIterator<GraphEdgeRow>;
}

/**
 * (actor, target) node-id pairs the auth logs show were used: the usage roll-up, or, up to `asOfMs`, the successful
 * events themselves (identity → target, credential → identity).
 */
export function usedPairRows(db: Database.Database, asOfMs?: number): IterableIterator<[number, number]> {
  const rows =
    asOfMs === undefined
      ? db.prepare('SELECT src, dst FROM usage').raw().iterate()
      : db
          .prepare(
            `SELECT DISTINCT identity, target FROM auth_event WHERE outcome = 1 AND ts <= ? AND identity IS NOT NULL AND target IS NOT NULL
        UNION SELECT DISTINCT credential, identity FROM auth_event WHERE outcome = 1 AND ts <= ? AND credential IS NOT NULL AND identity IS NOT NULL`,
          )
          .raw()
          .iterate(asOfMs, asOfMs);
  return rows as IterableIterator<[number, number]>;
}

/** Edges that hold only under a condition the case cannot decide, with the props that say which: [edge id, props]. */
export function conditionalEdgeRows(db: Database.Database): [number, string | null][] {
  return db.prepare(`SELECT id, props FROM edge WHERE conditional = 1 OR props LIKE '%"potential":true%'`).raw().all() as [number, string | null][];
}
