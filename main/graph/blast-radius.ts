// Blast radius: everything reachable from a set of nodes under the §3 rules, each system with the
// highest privilege reached, each node with its hop count and one shortest explaining path.
// A breadth-first search over (node, privilege) states; buffers are reused per graph so a query
// allocates only in proportion to what it reaches.
import type { AnalysisGraph } from './csr.ts';
import { MAX_PRIVILEGE, SYSTEM } from './semantics.ts';

export interface TraversalOptions {
  /** Edges (by index) treated as absent: what-if removals and choke-point trials. */
  removedEdges?: Uint8Array;
  /** Nodes treated as absent. */
  removedNodes?: Uint8Array;
  /** Stop expanding after this many hops. */
  maxHops?: number;
}

export interface Reach {
  readonly graph: AnalysisGraph;
  readonly sources: readonly number[];
  /** Reached node indices (the sources themselves excluded), in discovery order. */
  readonly nodes: Int32Array;
  /** Per reached node: the highest privilege reached on a system (1–3), 0 for other nodes (controlled). */
  readonly privilege: Uint8Array;
  /** Per reached node: hops of the shortest path reaching it at that privilege. */
  readonly hops: Int32Array;
  /** Node indices from a source to nodes[i], one shortest explaining path. */
  path(i: number): number[];
  /** Edge indices along path(i). */
  pathEdges(i: number): number[];
}

interface Scratch {
  epoch: number;
  nodeStamp: Uint32Array;
  seenPrivilege: Uint8Array;
  /** Position in the state list of a node's best (highest-privilege) state. */
  bestAt: Int32Array;
}

const scratchByGraph = new WeakMap<AnalysisGraph, Scratch>();

function scratchFor(g: AnalysisGraph): Scratch {
  let s = scratchByGraph.get(g);
  if (!s || s.epoch >= 0xfffffff0) {
    s = { epoch: 0, nodeStamp: new Uint32Array(g.nodeCount), seenPrivilege: new Uint8Array(g.nodeCount), bestAt: new Int32Array(g.nodeCount) };
    scratchByGraph.set(g, s);
  }
  return s;
}

/** Growable list of visited states: the BFS queue and the parent links for path reconstruction at once. */
class StateList {
  node: Int32Array;
  priv: Uint8Array;
  parent: Int32Array;
  edge: Int32Array;
  hops: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.node = new Int32Array(capacity);
    this.priv = new Uint8Array(capacity);
    this.parent = new Int32Array(capacity);
    this.edge = new Int32Array(capacity);
    this.hops = new Int32Array(capacity);
  }
  push(node: number, priv: number, parent: number, edge: number, hops: number): number {
    if (this.length === this.node.length) this.grow();
    const i = this.length++;
    this.node[i] = node;
    this.priv[i] = priv;
    this.parent[i] = parent;
    this.edge[i] = edge;
    this.hops[i] = hops;
    return i;
  }
  private grow(): void {
    const cap = this.node.length * 2;
    const n = new Int32Array(cap);
    n.set(this.node);
    this.node = n;
    const p = new Uint8Array(cap);
    p.set(this.priv);
    this.priv = p;
    const a = new Int32Array(cap);
    a.set(this.parent);
    this.parent = a;
    const e = new Int32Array(cap);
    e.set(this.edge);
    this.edge = e;
    const h = new Int32Array(cap);
    h.set(this.hops);
    this.hops = h;
  }
}

/**
 * Everything reachable from `sources`. A source that is a system is taken as fully held (admin);
 * any other source as controlled.
 */
export function blastRadius(g: AnalysisGraph, sources: readonly number[], options: TraversalOptions = {}): Reach {
  const s = scratchFor(g);
  const epoch = ++s.epoch;
  const { nodeStamp, seenPrivilege, bestAt } = s;
  const { removedEdges, removedNodes } = options;
  const maxHops = options.maxHops ?? Number.MAX_SAFE_INTEGER;
  // Small start: callers such as the findings run traverse from every identity, mostly with small reaches.
  const list = new StateList(Math.max(1024, Math.min(g.nodeCount, 1 << 12)));
  let order = new Int32Array(1024);
  let reachedCount = 0;
  const { outOffsets, target, kind, need, gives } = g;

  for (const src of sources) {
    if (nodeStamp[src] === epoch || removedNodes?.[src]) continue;
    const p = kind[src] === SYSTEM ? MAX_PRIVILEGE : 0;
    nodeStamp[src] = epoch;
    seenPrivilege[src] = p;
    bestAt[src] = list.push(src, p, -1, -1, 0);
  }

  for (let head = 0; head < list.length; head++) {
    const u = list.node[head];
    const hops = list.hops[head];
    if (hops >= maxHops) continue;
    const p = list.priv[head];
    for (let e = outOffsets[u], end = outOffsets[u + 1]; e < end; e++) {
      const needed = need[e]; // semantics.follow, inlined: this loop is the hot path
      if (needed < 0 || p < needed || (removedEdges !== undefined && removedEdges[e])) continue;
      const q = gives[e];
      const v = target[e];
      if (nodeStamp[v] !== epoch) {
        if (removedNodes !== undefined && removedNodes[v]) continue;
        nodeStamp[v] = epoch;
        seenPrivilege[v] = q;
        bestAt[v] = list.push(v, q, head, e, hops + 1);
        if (reachedCount === order.length) {
          const bigger = new Int32Array(order.length * 2);
          bigger.set(order);
          order = bigger;
        }
        order[reachedCount++] = v;
      } else if (q > seenPrivilege[v]) {
        // A higher privilege on a system can open edges (stores, runs_as) the lower one could not.
        seenPrivilege[v] = q;
        bestAt[v] = list.push(v, q, head, e, hops + 1);
      }
    }
  }

  const nodes = order.slice(0, reachedCount);
  const privilege = new Uint8Array(nodes.length);
  const hopsOut = new Int32Array(nodes.length);
  const at = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i];
    at[i] = bestAt[v];
    privilege[i] = seenPrivilege[v];
    hopsOut[i] = list.hops[at[i]];
  }
  const walk = (i: number): number[] => {
    const states: number[] = [];
    for (let x = at[i]; x >= 0; x = list.parent[x]) states.push(x);
    return states.reverse();
  };
  return {
    graph: g,
    sources: [...sources],
    nodes,
    privilege,
    hops: hopsOut,
    path: (i) => walk(i).map((x) => list.node[x]),
    pathEdges: (i) =>
      walk(i)
        .slice(1)
        .map((x) => list.edge[x]),
  };
}
