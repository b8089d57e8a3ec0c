// Reads the whole case graph (nodes and edges with provenance and exercised counts) for exports.
// Read-only; one pass over each table.
import type { CaseFile } from '../store/case-file.ts';
import { exportEdges, exportNodes, type ExportEdge, type ExportNode } from '../store/export-rows.ts';

export function readCaseGraph(kase: CaseFile): { nodes: ExportNode[]; edges: ExportEdge[] } {
  return { nodes: exportNodes(kase.db), edges: exportEdges(kase.db) };
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
