// What importers read back about nodes already in the case, and the prop patches they make without taking over a
// node's provenance: beyond the CaseWriter's own statements (store/ingest-statements.ts). All run inside the
// import's transaction; statements are prepared once per connection (statement-cache.ts).
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

/** The node's identity kind (subkind); undefined when there is no such node. */
export function nodeSubkindById(db: Database.Database, id: number): string | null | undefined {
  return prepared(db, 'SELECT subkind FROM node WHERE id = ?').pluck().get(id) as string | null | undefined;
}

/** The node's kind ('identity', 'system', …); undefined when there is no such node. */
export function nodeKindById(db: Database.Database, id: number): string | undefined {
  return prepared(db, 'SELECT kind FROM node WHERE id = ?').pluck().get(id) as string | undefined;
}

/** The node's key and whether it is still a placeholder. */
export function nodeKeyAndUnresolved(db: Database.Database, id: number): { key: string; unresolved: number } | undefined {
  return prepared(db, 'SELECT key, unresolved FROM node WHERE id = ?').get(id) as { key: string; unresolved: number } | undefined;
}

/** The node's key and props (JSON). */
export function nodeKeyAndProps(db: Database.Database, id: number): { key: string; props: string | null } | undefined {
  return prepared(db, 'SELECT key, props FROM node WHERE id = ?').get(id) as { key: string; props: string | null } | undefined;
}

/** Props on a node without taking over its provenance; null members remove a prop (json_patch). `props`: JSON. */
export function patchNodeProps(db: Database.Database, id: number, props: string): void {
  prepared(db, "UPDATE node SET props = json_patch(coalesce(props, '{}'), ?) WHERE id = ?").run(props, id);
}

/** Drops the "external principal" mark a resource or trust policy put on a node the account's own export describes. */
export function clearExternalMark(db: Database.Database, id: number): void {
  prepared(db, `UPDATE node SET props = json_remove(props, '$.external') WHERE id = ? AND json_extract(props, '$.external') IS NOT NULL`).run(id);
}

/** Keys of role nodes matching a LIKE pattern (escape character `\`). */
export function roleKeysLike(db: Database.Database, pattern: string): string[] {
  return prepared(db, `SELECT key FROM node WHERE key LIKE ? ESCAPE '\\' AND kind = 'role'`).pluck().all(pattern) as string[];
}

/** The rules (JSON) stored on a Kubernetes role node. */
export function storedRoleRules(db: Database.Database, key: string): string | null | undefined {
  return prepared(db, `SELECT json_extract(props, '$.rules') FROM node WHERE key = ?`).pluck().get(key) as string | null | undefined;
}

/** Whether the node is a resource whose own policy was imported; prepared once for a loop. */
export function resourcePolicyHolderCheck(db: Database.Database): (id: number) => boolean {
  const stmt = prepared(db, `SELECT 1 FROM node WHERE id = ? AND json_extract(props, '$.resource_policy') = 1`).pluck();
  return (id) => !!stmt.get(id);
}

export interface AwsPrincipalRow {
  id: number;
  key: string;
  kind: string;
  name: string | null;
  props: string | null;
  created_at: string | null;
  last_used_at: string | null;
  locator: string | null;
}

/** AWS users, roles and groups an authorization export described (they list their managed policies), oldest first. */
export function awsPrincipalRows(db: Database.Database): AwsPrincipalRow[] {
  return prepared(
    db,
    `SELECT id, key, kind, name, props, created_at, last_used_at, locator FROM node
    WHERE provider = 'aws' AND kind IN ('identity', 'role', 'group') AND json_extract(props, '$.managed_policies') IS NOT NULL ORDER BY id`,
  ).all() as AwsPrincipalRow[];
}

/** The ARN aliases of a node; prepared once for a loop. */
export function arnAliasesReader(db: Database.Database): (nodeId: number) => string[] {
  const stmt = prepared(db, `SELECT alias FROM alias WHERE node_id = ? AND alias LIKE 'arn:%'`).pluck();
  return (nodeId) => stmt.all(nodeId) as string[];
}
