// Single nodes by what the analyst typed or the graph holds: an alias, a name, one node's stored row and aliases.
import type Database from 'better-sqlite3';

/** The node an alias (ARN, key id, UPN…) names: a lookup prepared once, for callers that ask per reference. */
export function aliasLookup(db: Database.Database): (alias: string) => number | undefined {
  const stmt = db.prepare('SELECT node_id FROM alias WHERE alias = ?').pluck();
  return (alias) => stmt.get(alias) as number | undefined;
}

/** At most two nodes with this name: enough to tell a unique name from an ambiguous one. */
export function nodeIdsNamed(db: Database.Database, name: string): number[] {
  return db.prepare('SELECT id FROM node WHERE name = ? LIMIT 2').pluck().all(name) as number[];
}

export interface StoredNode {
  key: string;
  kind: string;
  subkind: string | null;
  name: string | null;
  environment: string | null;
  status: string | null;
  owner: string | null;
  criticality: string | null;
  unresolved: number;
  props: string | null;
  locator: string | null;
  file: string | null;
}

/** One node's row with the file it came from (the graph's node panel). */
export function storedNode(db: Database.Database, id: number): StoredNode | undefined {
  return db
    .prepare(
      `SELECT n.key, n.kind, n.subkind, n.name, n.environment, n.status, n.owner, n.criticality, n.unresolved, n.props,
      n.locator, s.file_name AS file FROM node n LEFT JOIN source s ON s.id = n.source_id WHERE n.id = ?`,
    )
    .get(id) as StoredNode | undefined;
}

/** A node's aliases, first 100 in order. */
export function nodeAliases(db: Database.Database, id: number): string[] {
  return db.prepare('SELECT alias FROM alias WHERE node_id = ? ORDER BY alias LIMIT 100').pluck().all(id) as string[];
}

export type NodeTuple = [
  id: number,
  key: string,
  kind: string,
  subkind: string | null,
  name: string | null,
  provider: string | null,
  environment: string | null,
  status: string | null,
  owner: string | null,
  criticality: string | null,
  createdAt: string | null,
  lastUsedAt: string | null,
  unresolved: number,
  props: string | null,
  sourceId: number | null,
  locator: string | null,
];

/** Every node, by key, as raw rows off the cursor (a large case has millions: never an array of them). */
export function allNodeTuples(db: Database.Database): IterableIterator<NodeTuple> {
  return db
    .prepare(
      `SELECT id, key, kind, subkind, name, provider, environment, status, owner, criticality,
        created_at, last_used_at, unresolved, props, source_id, locator FROM node ORDER BY key`,
    )
    .raw()
    .iterate() as IterableIterator<NodeTuple>;
}

/** A node's name and subkind by key: a lookup prepared once, asked per ranked identity. */
export function nameAndSubkindLookup(db: Database.Database): (key: string) => { name: string | null; subkind: string | null } | undefined {
  const stmt = db.prepare('SELECT name, subkind FROM node WHERE key = ?');
  return (key) => stmt.get(key) as { name: string | null; subkind: string | null } | undefined;
}
