// Builds the analysis graph from a case file: nodes, edges and which edges the auth logs show exercised.
// Read-only; callers cache the result per case generation (Session.cached('graph', loadGraph)).
import type { CaseFile } from '../store/case-file.ts';
import { graphEdgeRows, graphNodeRows, maxNodeId, usedPairRows } from '../store/graph-rows.ts';
import { GraphBuilder, type AnalysisGraph } from './csr.ts';
import { exercisedEdges } from './exercised.ts';

export function loadGraph(kase: CaseFile): AnalysisGraph {
  const db = kase.db;
  const b = new GraphBuilder();
  const indexOfId = new Int32Array(maxNodeId(db) + 1).fill(-1);
  for (const [id, key, kind, subkind, criticality] of graphNodeRows(db)) {
    indexOfId[id] = b.addNode(key, kind, subkind, criticality, id);
  }
  for (const [id, src, dst, kind, privilege] of graphEdgeRows(db)) {
    const s = indexOfId[src] ?? -1,
      d = indexOfId[dst] ?? -1;
    if (s < 0 || d < 0) continue; // dangling rows cannot be traversed
    b.addEdge(s, d, kind, privilege, false, id);
  }
  const graph = b.build();
  graph.exercised.set(exercisedEdges(graph, usedPairs(kase, graph)));
  return graph;
}

/** (actor, target) node-index pairs the auth logs show were used, optionally only by events up to `asOfMs`. */
function usedPairs(kase: CaseFile, g: AnalysisGraph, asOfMs?: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (const [src, dst] of usedPairRows(kase.db, asOfMs)) {
    const a = g.indexOfDbId(src),
      t = g.indexOfDbId(dst);
    if (a !== undefined && t !== undefined) pairs.push([a, t]);
  }
  return pairs;
}

/** Per-edge exercised flags recomputed from events up to `asOfMs` (for `paths --as-of`). */
export function exercisedAsOf(kase: CaseFile, graph: AnalysisGraph, asOfMs: number): Uint8Array {
  return exercisedEdges(graph, usedPairs(kase, graph, asOfMs));
}
