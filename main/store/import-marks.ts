// Where the case stood before an import, by the newest row ids: whatever lies past them, the import added.
// The import runner compares them after the load to learn whether the identity-kind classifier has anything to do.
import type Database from 'better-sqlite3';

/** The id of the newest auth event (0 in an empty case): the ids an import assigns follow it. */
export function lastEventId(db: Database.Database): number {
  return db.prepare('SELECT coalesce(max(id), 0) FROM auth_event').pluck().get() as number;
}

/** The id of the newest edge (0 in an empty case). */
export function lastEdgeId(db: Database.Database): number {
  return db.prepare('SELECT coalesce(max(id), 0) FROM edge').pluck().get() as number;
}

/** Whether an identity node was created after the node with this id. */
export function identityAddedAfter(db: Database.Database, nodeId: number): boolean {
  return !!db.prepare(`SELECT 1 FROM node WHERE id > ? AND kind = 'identity' LIMIT 1`).get(nodeId);
}
