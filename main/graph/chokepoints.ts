// Choke points: the grants (edges) and nodes that most entry→crown paths run through, each with how
// many identities would lose all reach to the crown jewels if it were removed, plus a minimum edge cut.
// Ranking is by shortest paths through (path-counts.ts); the exposure cut is measured exactly, by
// re-running exposure with the candidate removed, for the top candidates only.
import type { AnalysisGraph } from './csr.ts';
import { exposedToAny } from './exposure.ts';
import { minEdgeCut } from './min-cut.ts';
import { countShortestPaths } from './path-counts.ts';

export interface Chokepoints {
  paths: number;
  exposed: number;
  edges: { edge: number; paths: number; exposureCut: number }[];
  nodes: { node: number; paths: number; exposureCut: number }[];
  minCut: number[];
  minCutComplete: boolean;
}

export function chokepoints(g: AnalysisGraph, entries: readonly number[], crowns: readonly number[], limit = 10): Chokepoints {
  const counts = countShortestPaths(g, entries, crowns);
  const exposedBefore = new Set(exposedToAny(g, crowns));
  const baseline = exposedBefore.size;
  const isEntryOrCrown = new Uint8Array(g.nodeCount);
  for (const v of entries) isEntryOrCrown[v] = 1;
  for (const v of crowns) isEntryOrCrown[v] = 1;

  const topEdges = topIndices(counts.edges, limit);
  const removedEdges = new Uint8Array(g.edgeCount);
  const edges = topEdges.map((e) => {
    removedEdges[e] = 1;
    const after = exposedToAny(g, crowns, { removedEdges }).length;
    removedEdges[e] = 0;
    return { edge: e, paths: counts.edges[e], exposureCut: baseline - after };
  });

  const nodeScores = counts.nodes.map((c, v) => (isEntryOrCrown[v] ? 0 : c));
  const removedNodes = new Uint8Array(g.nodeCount);
  const nodes = topIndices(nodeScores, limit).map((v) => {
    removedNodes[v] = 1;
    const after = exposedToAny(g, crowns, { removedNodes }).length;
    removedNodes[v] = 0;
    // A removed identity stops counting as exposed by itself; that is not a cut, so it is not credited.
    return { node: v, paths: counts.nodes[v], exposureCut: baseline - (exposedBefore.has(v) ? 1 : 0) - after };
  });

  const cut = minEdgeCut(g, entries, crowns);
  return { paths: counts.total, exposed: baseline, edges, nodes, minCut: cut.edges, minCutComplete: cut.complete };
}

/** Indices of the `limit` largest positive values, largest first (ties by index). */
function topIndices(values: Float64Array, limit: number): number[] {
  const picked: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] > 0) picked.push(i);
  picked.sort((a, b) => values[b] - values[a] || a - b);
  return picked.slice(0, limit);
}
