// Counting entry→crown shortest paths, and how many of them run through each edge and node
// (Brandes-style: paths through an edge a→b = σ(a) · τ(b), with σ counted forward from the entry
// points and τ backward from the crown jewels, over the states of §3). Counts are floating point:
// in dense graphs they exceed 2^53 and only their ratios matter.
import type { TraversalOptions } from './blast-radius.ts';
import type { AnalysisGraph } from './csr.ts';
import { follow, MAX_PRIVILEGE, SYSTEM } from './semantics.ts';

export interface PathCounts {
  /** Shortest paths from the entry set to each crown jewel, summed over crown jewels. */
  total: number;
  /** Per edge index: shortest entry→crown paths through it. */
  edges: Float64Array;
  /** Per node index: shortest entry→crown paths passing through it (not starting or ending there). */
  nodes: Float64Array;
  /** Crown jewels reached from the entry set. */
  crownJewelsReached: number;
}

export function countShortestPaths(
  g: AnalysisGraph,
  entries: readonly number[],
  crowns: readonly number[],
  options: TraversalOptions = {},
): PathCounts {
  const states = g.nodeCount * 4;
  const dist = new Int32Array(states).fill(-1);
  const sigma = new Float64Array(states);
  const order: number[] = [];
  const isEntry = new Uint8Array(g.nodeCount);
  for (const s of entries) {
    if (options.removedNodes?.[s]) continue;
    const st = s * 4 + (g.kind[s] === SYSTEM ? MAX_PRIVILEGE : 0);
    if (dist[st] >= 0) continue;
    isEntry[s] = 1;
    dist[st] = 0;
    sigma[st] = 1;
    order.push(st);
  }
  const { removedEdges, removedNodes } = options;
  for (let head = 0; head < order.length; head++) {
    const a = order[head];
    const u = a >> 2,
      p = a & 3;
    for (let e = g.outOffsets[u], end = g.outOffsets[u + 1]; e < end; e++) {
      if (removedEdges?.[e]) continue;
      const q = follow(g, e, p);
      if (q < 0) continue;
      const v = g.target[e];
      if (removedNodes?.[v]) continue;
      const b = v * 4 + q;
      if (dist[b] < 0) {
        dist[b] = dist[a] + 1;
        order.push(b);
      }
      if (dist[b] === dist[a] + 1) sigma[b] += sigma[a];
    }
  }

  // A crown jewel's paths end at its nearest state(s); entry points that are crown jewels are not counted.
  const terminal = new Float64Array(states);
  let total = 0,
    crownJewelsReached = 0;
  for (const c of new Set(crowns)) {
    if (isEntry[c]) continue;
    let best = -1;
    for (let q = 0; q <= MAX_PRIVILEGE; q++) {
      const d = dist[c * 4 + q];
      if (d >= 0 && (best < 0 || d < best)) best = d;
    }
    if (best < 0) continue;
    crownJewelsReached++;
    for (let q = 0; q <= MAX_PRIVILEGE; q++) {
      const st = c * 4 + q;
      if (dist[st] === best) {
        terminal[st] = 1;
        total += sigma[st];
      }
    }
  }

  const tau = new Float64Array(states);
  const edgeCounts = new Float64Array(g.edgeCount);
  const nodeCounts = new Float64Array(g.nodeCount);
  for (let i = order.length - 1; i >= 0; i--) {
    const a = order[i];
    const u = a >> 2,
      p = a & 3;
    let t = terminal[a];
    for (let e = g.outOffsets[u], end = g.outOffsets[u + 1]; e < end; e++) {
      if (removedEdges?.[e]) continue;
      const q = follow(g, e, p);
      if (q < 0) continue;
      const b = g.target[e] * 4 + q;
      if (dist[b] !== dist[a] + 1 || tau[b] === 0) continue;
      t += tau[b];
      edgeCounts[e] += sigma[a] * tau[b];
    }
    tau[a] = t;
    if (!isEntry[u]) nodeCounts[u] += sigma[a] * (t - terminal[a]);
  }
  return { total, edges: edgeCounts, nodes: nodeCounts, crownJewelsReached };
}
