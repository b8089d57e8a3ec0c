// An identity's kind as stored: node.subkind and node.kind_because (written by the classifier, main/kinds/), and the
// analyst's choice in kind_override, kept by node key so it survives re-import. The rules of choosing stay in kinds/.
import type Database from 'better-sqlite3';

export interface KindOverrideRow {
  nodeKey: string;
  kind: string;
  reason: string | null;
  actor: string;
  at: string;
}

/** The node's kind column ('identity', 'system', …), undefined when no node has the key. */
export function nodeKindByKey(db: Database.Database, nodeKey: string): string | undefined {
  return db.prepare('SELECT kind FROM node WHERE key = ?').pluck().get(nodeKey) as string | undefined;
}

/** The identity kind the case holds now (node.subkind). */
export function identitySubkind(db: Database.Database, nodeKey: string): string | null {
  return db.prepare('SELECT subkind FROM node WHERE key = ?').pluck().get(nodeKey) as string | null;
}

/** The kind and why (the classifier's JSON), for the API's answer after a change. */
export function identityKindRow(db: Database.Database, nodeKey: string): { subkind: string | null; kind_because: string | null } {
  return db.prepare('SELECT subkind, kind_because FROM node WHERE key = ?').get(nodeKey) as { subkind: string | null; kind_because: string | null };
}

/** The key of the node named by key or by another name (UPN, ARN, object id), or undefined. */
export function nodeKeyByRef(db: Database.Database, ref: string): string | undefined {
  return db
    .prepare(
      `SELECT key FROM node WHERE key = ? UNION ALL
    SELECT n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = ? LIMIT 1`,
    )
    .pluck()
    .get(ref, ref) as string | undefined;
}

/** Sets (or replaces) the analyst's choice for a node. */
export function upsertKindOverride(db: Database.Database, row: KindOverrideRow): void {
  db.prepare(
    `INSERT INTO kind_override (node_key, kind, reason, actor, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (node_key) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
  ).run(row.nodeKey, row.kind, row.reason, row.actor, row.at);
}

/** Removes the analyst's choice; returns whether there was one. */
export function deleteKindOverride(db: Database.Database, nodeKey: string): boolean {
  return db.prepare('DELETE FROM kind_override WHERE node_key = ?').run(nodeKey).changes > 0;
}

/** Every choice an analyst made, for the classifier. */
export function kindOverrides(db: Database.Database): { node_key: string; kind: string; reason: string | null; actor: string }[] {
  return db.prepare('SELECT node_key, kind, reason, actor FROM kind_override').all() as {
    node_key: string;
    kind: string;
    reason: string | null;
    actor: string;
  }[];
}
