// Single nodes by what the analyst typed or the graph holds: an alias, a name, one node's stored row and aliases.
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

/** The node an alias (ARN, key id, UPN…) names, or undefined. Prepared once per connection: findings ask per reference. */
export function nodeIdByAlias(db: Database.Database, alias: string): number | undefined {
  return prepared(db, 'SELECT node_id FROM alias WHERE alias = ?').pluck().get(alias) as number | undefined;
}

/** At most two nodes with this name: enough to tell a unique name from an ambiguous one. */
export function nodeIdsNamed(db: Database.Database, name: string): number[] {
  return db.prepare('SELECT id FROM node WHERE name = ? LIMIT 2').pluck().all(name) as number[];
}

export interface StoredNode {
  key: string; kind: string; subkind: string | null; name: string | null; environment: string | null; status: string | null;
  owner: string | null; criticality: string | null; unresolved: number; props: string | null; locator: string | null; file: string | null;
}

/** One node's row with the file it came from (the graph's node panel). */
export function storedNode(db: Database.Database, id: number): StoredNode | undefined {
  return db.prepare(`SELECT n.key, n.kind, n.subkind, n.name, n.environment, n.status, n.owner, n.criticality, n.unresolved, n.props,
      n.locator, s.file_name AS file FROM node n LEFT JOIN source s ON s.id = n.source_id WHERE n.id = ?`).get(id) as StoredNode | undefined;
}

/** A node's aliases, first 100 in order. */
export function nodeAliases(db: Database.Database, id: number): string[] {
  return db.prepare('SELECT alias FROM alias WHERE node_id = ? ORDER BY alias LIMIT 100').pluck().all(id) as string[];
}
