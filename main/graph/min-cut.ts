// A minimum edge cut between the entry points and the crown jewels: max-flow with unit capacities
// (Edmonds–Karp: each BFS augmenting path adds one unit), then the saturated edges leaving the part
// of the residual graph still reachable from the entries.
// The flow runs on nodes, each edge usable when the highest privilege the entry points reach on its
// source allows it (§3). Every real attack path uses only such edges, so the cut is always valid:
// removing it disconnects every entry point from every crown jewel.
import type { AnalysisGraph } from './csr.ts';
import { blastRadius } from './blast-radius.ts';
import { follow, MAX_PRIVILEGE, SYSTEM } from './semantics.ts';

export interface MinCut {
  /** Edge indices of the cut. */
  edges: number[];
  /** False when the augmenting-path budget ran out first (the cut is then not computed). */
  complete: boolean;
}

export function minEdgeCut(g: AnalysisGraph, entries: readonly number[], crowns: readonly number[], maxFlow = 10_000): MinCut {
  const isEntry = new Uint8Array(g.nodeCount);
  for (const s of entries) isEntry[s] = 1;
  const isCrown = new Uint8Array(g.nodeCount);
  for (const c of crowns) if (!isEntry[c]) isCrown[c] = 1;

  // Highest privilege the entries can hold on each node: which edges out of a system are usable.
  const reach = blastRadius(g, entries);
  const held = new Int16Array(g.nodeCount).fill(-1);
  for (const s of entries) held[s] = g.kind[s] === SYSTEM ? MAX_PRIVILEGE : 0;
  reach.nodes.forEach((v, i) => {
    held[v] = reach.privilege[i];
  });
  const usable = new Uint8Array(g.edgeCount);
  for (let e = 0; e < g.edgeCount; e++) {
    const u = g.source[e];
    if (held[u] >= 0 && held[g.target[e]] >= 0 && !isCrown[u] && follow(g, e, held[u]) >= 0) usable[e] = 1;
  }

  const flow = new Uint8Array(g.edgeCount);
  const prevEdge = new Int32Array(g.nodeCount);
  const seen = new Uint32Array(g.nodeCount);
  let epoch = 0;
  const queue = new Int32Array(g.nodeCount);

  /** BFS in the residual graph from all entries; returns the crown reached, or -1. */
  const augmentingSearch = (): number => {
    epoch++;
    let tail = 0;
    for (const s of entries) {
      if (seen[s] === epoch) continue;
      seen[s] = epoch;
      prevEdge[s] = -1;
      queue[tail++] = s;
    }
    for (let head = 0; head < tail; head++) {
      const u = queue[head];
      for (let e = g.outOffsets[u], end = g.outOffsets[u + 1]; e < end; e++) {
        if (!usable[e] || flow[e]) continue;
        const v = g.target[e];
        if (seen[v] === epoch) continue;
        seen[v] = epoch;
        prevEdge[v] = e;
        queue[tail++] = v;
        if (isCrown[v]) return v;
      }
      for (let i = g.inOffsets[u], end = g.inOffsets[u + 1]; i < end; i++) {
        const e = g.inEdges[i];
        if (!usable[e] || !flow[e]) continue; // undo flow: walk a saturated edge backwards
        const v = g.source[e];
        if (seen[v] === epoch) continue;
        seen[v] = epoch;
        prevEdge[v] = -2 - e;
        queue[tail++] = v;
      }
    }
    return -1;
  };

  let units = 0;
  for (;;) {
    const end = augmentingSearch();
    if (end < 0) break;
    if (++units > maxFlow) return { edges: [], complete: false };
    for (let v = end; prevEdge[v] !== -1;) {
      const p = prevEdge[v];
      if (p >= 0) {
        flow[p] = 1;
        v = g.source[p];
      } else {
        const e = -2 - p;
        flow[e] = 0;
        v = g.target[e];
      }
    }
  }
  // The last (failed) search marked the residual-reachable side with the current epoch.
  const edges: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    if (usable[e] && flow[e] && seen[g.source[e]] === epoch && seen[g.target[e]] !== epoch) edges.push(e);
  }
  return { edges, complete: true };
}
