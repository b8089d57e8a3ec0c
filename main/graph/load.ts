// Builds the analysis graph from a case file: nodes, edges and which edges the auth logs show exercised.
// Read-only; callers cache the result per case generation (Session.cached('graph', loadGraph)).
import type { CaseFile } from '../store/case-file.ts';
import { GraphBuilder, type AnalysisGraph } from './csr.ts';
import { exercisedEdges } from './exercised.ts';

export function loadGraph(kase: CaseFile): AnalysisGraph {
  const db = kase.db;
  const b = new GraphBuilder();
  const maxId = (db.prepare('SELECT coalesce(max(id), 0) FROM node').pluck().get() as number);
  const indexOfId = new Int32Array(maxId + 1).fill(-1);
  const nodes = db.prepare('SELECT id, key, kind, subkind, criticality FROM node ORDER BY id').raw();
  for (const [id, key, kind, subkind, criticality] of nodes.iterate() as Iterable<[number, string, string, string | null, string | null]>) {
    indexOfId[id] = b.addNode(key, kind, subkind, criticality, id);
  }
  const edges = db.prepare('SELECT id, src, dst, kind, privilege FROM edge').raw();
  for (const [id, src, dst, kind, privilege] of edges.iterate() as Iterable<[number, number, number, string, number]>) {
    const s = indexOfId[src] ?? -1, d = indexOfId[dst] ?? -1;
    if (s < 0 || d < 0) continue; // dangling rows cannot be traversed
    b.addEdge(s, d, kind, privilege, false, id);
  }
  const graph = b.build();
  graph.exercised.set(exercisedEdges(graph, usedPairs(kase, graph)));
  return graph;
}

/** (actor, target) node-index pairs the auth logs show were used, optionally only by events up to `asOfMs`. */
function usedPairs(kase: CaseFile, g: AnalysisGraph, asOfMs?: number): [number, number][] {
  const rows = asOfMs === undefined
    ? kase.db.prepare('SELECT src, dst FROM usage').raw().iterate()
    : kase.db.prepare(`SELECT DISTINCT identity, target FROM auth_event WHERE outcome = 1 AND ts <= ? AND identity IS NOT NULL AND target IS NOT NULL
        UNION SELECT DISTINCT credential, identity FROM auth_event WHERE outcome = 1 AND ts <= ? AND credential IS NOT NULL AND identity IS NOT NULL`)
      .raw().iterate(asOfMs, asOfMs);
  const pairs: [number, number][] = [];
  for (const [src, dst] of rows as Iterable<[number, number]>) {
    const a = g.indexOfDbId(src), t = g.indexOfDbId(dst);
    if (a !== undefined && t !== undefined) pairs.push([a, t]);
  }
  return pairs;
}

/** Per-edge exercised flags recomputed from events up to `asOfMs` (for `paths --as-of`). */
export function exercisedAsOf(kase: CaseFile, graph: AnalysisGraph, asOfMs: number): Uint8Array {
  return exercisedEdges(graph, usedPairs(kase, graph, asOfMs));
}
