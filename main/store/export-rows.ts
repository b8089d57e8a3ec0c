// The case as the exports read it (report/): the whole graph with provenance and exercised counts (GraphML,
// OpenGraph), and the rows of the inventory CSVs. Read-only; one pass over each table.
import type Database from 'better-sqlite3';

export interface ExportNode {
  id: number;
  key: string;
  kind: string;
  subkind: string | null;
  name: string | null;
  provider: string | null;
  environment: string | null;
  status: string | null;
  owner: string | null;
  criticality: string | null;
  unresolved: number;
  props: string | null;
}

export interface ExportEdge {
  src: string;
  dst: string;
  kind: string;
  privilege: number;
  conditional: number;
  props: string | null;
  sourceFile: string | null;
  locator: string | null;
  exercised: number | null;
  firstSeen: number | null;
  lastSeen: number | null;
}

/** Every node, by id. */
export function exportNodes(db: Database.Database): ExportNode[] {
  return db
    .prepare(
      `SELECT id, key, kind, subkind, name, provider, environment, status, owner, criticality, unresolved, props
    FROM node ORDER BY id`,
    )
    .all() as ExportNode[];
}

/** Every edge, by id, with its source file and what the usage roll-up shows exercised. */
export function exportEdges(db: Database.Database): ExportEdge[] {
  return db
    .prepare(
      `SELECT s.key AS src, d.key AS dst, e.kind, e.privilege, e.conditional, e.props,
      so.file_name AS sourceFile, e.locator, u.count AS exercised, u.first_seen AS firstSeen, u.last_seen AS lastSeen
    FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    LEFT JOIN source so ON so.id = e.source_id
    LEFT JOIN usage u ON u.src = e.src AND u.dst = e.dst AND e.kind NOT IN ('has_credential')
    ORDER BY e.id`,
    )
    .all() as ExportEdge[];
}

export type ExportCsvRow = Record<string, string | number | null>;

/** The entitlements CSV's rows: every grant (not credentials nor sign-ins), by principal and target. */
export function entitlementExportRows(db: Database.Database): ExportCsvRow[] {
  return db
    .prepare(
      `SELECT s.key AS principal, e.kind AS relation, d.key AS target, e.privilege, e.granted_at, e.last_used_at,
        u.count AS exercised, so.file_name AS source_file, e.locator
      FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      LEFT JOIN usage u ON u.src = e.src AND u.dst = e.dst LEFT JOIN source so ON so.id = e.source_id
      WHERE e.kind NOT IN ('has_credential', 'authenticates') ORDER BY s.key, d.key`,
    )
    .all() as ExportCsvRow[];
}

/** The identities, credentials or systems CSV's rows: the nodes of these kinds, by key. */
export function nodeExportRows(db: Database.Database, kinds: string[]): ExportCsvRow[] {
  return db
    .prepare(
      `SELECT key AS id, name, kind, subkind, owner, environment, status, criticality, provider, created_at, last_used_at, unresolved
    FROM node WHERE kind IN (${kinds.map(() => '?').join(',')}) ORDER BY key`,
    )
    .all(...kinds) as ExportCsvRow[];
}
