// Nodes a derive step made (an evaluation's systems such as "all S3 buckets in 1111…", the placeholders its edges
// named) that nothing refers to any more once the step re-derived its edges. Without this, the graph after a re-run
// would depend on what earlier runs had concluded: an SCP imported after the export would leave the systems only
// the uncapped evaluation reached. Nodes any fact refers to (an edge, an alias, an event, usage, a mark) stay.
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

/** Deletes the unreferenced nodes that sources of `formats` derived; returns their keys. */
export function dropUnreferencedDerivedNodes(db: Database.Database, formats: readonly string[]): string[] {
  if (!formats.length) return [];
  const marks = formats.map(() => '?').join(', ');
  const candidates = prepared(
    db,
    `SELECT n.id, n.key FROM node n JOIN source s ON s.id = n.source_id
    WHERE s.format IN (${marks}) AND (n.locator = 'derived' OR n.unresolved = 1)
      AND NOT EXISTS (SELECT 1 FROM edge e WHERE e.src = n.id) AND NOT EXISTS (SELECT 1 FROM edge e WHERE e.dst = n.id)`,
  ).all(...formats) as { id: number; key: string }[];
  if (!candidates.length) return [];
  const ids = new Set(candidates.map((c) => c.id));
  const keep = (sql: string, args: unknown[] = []) => {
    for (const id of prepared(db, sql)
      .pluck()
      .all(...args) as number[])
      ids.delete(id);
  };
  const list = JSON.stringify([...ids]);
  // One pass each over the tables without an index on the node column (few candidates, large tables).
  keep(`SELECT node_id FROM alias WHERE node_id IN (SELECT value FROM json_each(?))`, [list]);
  keep(`SELECT DISTINCT target FROM auth_event WHERE target IN (SELECT value FROM json_each(?))`, [list]);
  keep(`SELECT DISTINCT identity FROM auth_event WHERE identity IN (SELECT value FROM json_each(?))`, [list]);
  keep(`SELECT DISTINCT credential FROM auth_event WHERE credential IN (SELECT value FROM json_each(?))`, [list]);
  keep(
    `SELECT src FROM usage WHERE src IN (SELECT value FROM json_each(?)) UNION SELECT dst FROM usage WHERE dst IN (SELECT value FROM json_each(?))`,
    [list, list],
  );
  const marked = new Set(prepared(db, 'SELECT node_key FROM mark').pluck().all() as string[]);
  const gone = candidates.filter((c) => ids.has(c.id) && !marked.has(c.key));
  const remove = prepared(db, 'DELETE FROM node WHERE id = ?');
  for (const c of gone) remove.run(c.id);
  return gone.map((c) => c.key);
}
