// Reads the whole case graph (nodes and edges with provenance and exercised counts) for exports.
// Read-only; one pass over each table.
import type { CaseFile } from '../store/case-file.ts';

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

export function readCaseGraph(kase: CaseFile): { nodes: ExportNode[]; edges: ExportEdge[] } {
  const nodes = kase.db.prepare(`SELECT id, key, kind, subkind, name, provider, environment, status, owner, criticality, unresolved, props
    FROM node ORDER BY id`).all() as ExportNode[];
  const edges = kase.db.prepare(`SELECT s.key AS src, d.key AS dst, e.kind, e.privilege, e.conditional, e.props,
      so.file_name AS sourceFile, e.locator, u.count AS exercised, u.first_seen AS firstSeen, u.last_seen AS lastSeen
    FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    LEFT JOIN source so ON so.id = e.source_id
    LEFT JOIN usage u ON u.src = e.src AND u.dst = e.dst AND e.kind NOT IN ('has_credential')
    ORDER BY e.id`).all() as ExportEdge[];
  return { nodes, edges };
}

/** Node props as a flat object of primitives (nested values dropped, keys made safe). */
export function flatProps(json: string | null): Record<string, string | number | boolean> {
  if (!json) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  const out: Record<string, string | number | boolean> = {};
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    const key = k.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
    if (!key || key === '__proto__') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = typeof v === 'string' ? v.slice(0, 2000) : v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) out[key] = v.join(';').slice(0, 2000);
  }
  return out;
}
