// Attack paths: the k cheapest loopless paths from any entry point to any target (Yen's algorithm),
// over (node, privilege) states so every path obeys §3. A hop the auth logs show exercised costs 1,
// a hop that is merely granted costs 2, so paths attackers (or anyone) actually walked rank first.
// Each shortest-path search is A* guided by costs to the targets in a relaxed graph (all traversable
// edges, privilege conditions ignored): a lower bound, so results stay exact while searches stay local.
import type { TraversalOptions } from './blast-radius.ts';
import type { AnalysisGraph } from './csr.ts';
import { follow, MAX_PRIVILEGE, SYSTEM } from './semantics.ts';

export const EXERCISED_COST = 1;
export const GRANTED_COST = 2;

export interface PathOptions extends TraversalOptions {
  /** How many paths (default 5). */
  k?: number;
  /** Per-edge exercised flags overriding the graph's (e.g. recomputed for --as-of). */
  exercised?: Uint8Array;
}

export interface FoundPath {
  cost: number;
  /** Node indices from the entry point to the target. */
  nodes: number[];
  /** Edge indices, one per hop. */
  edges: number[];
}

interface State {
  states: number[];
  edges: number[];
  cost: number;
}

export function kShortestPaths(g: AnalysisGraph, sources: readonly number[], targets: readonly number[], options: PathOptions = {}): FoundPath[] {
  const k = options.k ?? 5;
  if (!sources.length || !targets.length) return [];
  const targetMask = new Uint8Array(g.nodeCount);
  for (const t of targets) targetMask[t] = 1;
  const search = new Search(g, targetMask, boundsFor(g, targets, targetMask, options), options);
  const startStates = [...new Set(sources)].filter((s) => !options.removedNodes?.[s]).map((s) => s * 4 + (g.kind[s] === SYSTEM ? MAX_PRIVILEGE : 0));

  const found: State[] = [];
  const first = search.run(startStates, 0, new Set(), new Set());
  if (!first) return [];
  found.push(first);
  const candidates: State[] = [];
  const seen = new Set<string>([pathKey(first)]);
  while (found.length < k) {
    const last = found[found.length - 1];
    // Spur at the virtual source (a different entry point), then at every state of the last path.
    for (let i = -1; i < last.edges.length; i++) {
      const blockedEdges = new Set<number>();
      const blockedNodes = new Set<number>();
      let rootCost = 0;
      for (let j = 0; j < i; j++) rootCost += search.cost(last.edges[j]);
      let starts: number[];
      if (i < 0) {
        const used = new Set(found.map((p) => p.states[0]));
        starts = startStates.filter((s) => !used.has(s));
      } else {
        starts = [last.states[i]];
        for (let j = 0; j <= i; j++) blockedNodes.add(last.states[j] >> 2);
        for (const p of found) if (sharesRoot(p, last, i)) blockedEdges.add(p.edges[i]);
      }
      const spur = search.run(starts, rootCost, blockedEdges, blockedNodes);
      if (!spur) continue;
      const full: State =
        i < 0
          ? spur
          : {
              states: [...last.states.slice(0, i), ...spur.states],
              edges: [...last.edges.slice(0, i), ...spur.edges],
              cost: spur.cost,
            };
      const key = pathKey(full);
      if (!seen.has(key)) {
        seen.add(key);
        candidates.push(full);
      }
    }
    if (!candidates.length) break;
    candidates.sort((a, b) => a.cost - b.cost || a.edges.length - b.edges.length);
    found.push(candidates.shift()!);
  }
  return found.map((p) => ({ cost: p.cost, nodes: p.states.map((s) => s >> 2), edges: p.edges }));
}

function sharesRoot(p: State, q: State, i: number): boolean {
  if (p.edges.length <= i) return false;
  if (p.states[0] !== q.states[0]) return false;
  for (let j = 0; j < i; j++) if (p.edges[j] !== q.edges[j]) return false;
  return true;
}

function pathKey(p: State): string {
  return `${p.states[0]}|${p.edges.join(',')}`;
}

/** One A* search at a time over a graph; buffers are reused between the searches of one query. */
class Search {
  private readonly g: AnalysisGraph;
  private readonly target: Uint8Array;
  private readonly options: PathOptions;
  private readonly used: Uint8Array;
  /** Lower bound on the cost from a node to any target (relaxed graph); -1 = cannot reach any. */
  private readonly bound: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly dist: Int32Array;
  private readonly parent: Int32Array;
  private readonly via: Int32Array;
  private epoch = 0;

  constructor(g: AnalysisGraph, target: Uint8Array, bound: Int32Array, options: PathOptions) {
    this.g = g;
    this.target = target;
    this.options = options;
    this.used = options.exercised ?? g.exercised;
    this.bound = bound;
    const states = g.nodeCount * 4;
    this.stamp = new Uint32Array(states);
    this.dist = new Int32Array(states);
    this.parent = new Int32Array(states);
    this.via = new Int32Array(states);
  }

  cost(e: number): number {
    return this.used[e] ? EXERCISED_COST : GRANTED_COST;
  }

  run(starts: readonly number[], baseCost: number, blockedEdges: Set<number>, blockedNodes: Set<number>): State | null {
    const { g, bound, stamp, dist, parent, via, target } = this;
    const { removedEdges, removedNodes } = this.options;
    const epoch = ++this.epoch;
    const heap = new MinHeap();
    for (const s of starts) {
      if (bound[s >> 2] < 0) continue;
      stamp[s] = epoch;
      dist[s] = baseCost;
      parent[s] = -1;
      via[s] = -1;
      heap.push(priority(baseCost + bound[s >> 2], baseCost), s);
    }
    while (heap.size) {
      const [pri, st] = heap.pop();
      const d = dist[st];
      if (pri !== priority(d + bound[st >> 2], d)) continue; // stale entry
      const u = st >> 2,
        p = st & 3;
      if (target[u] && via[st] >= 0) return this.trace(st); // a path has at least one hop
      for (let e = g.outOffsets[u], end = g.outOffsets[u + 1]; e < end; e++) {
        if ((removedEdges && removedEdges[e]) || blockedEdges.has(e)) continue;
        const q = follow(g, e, p);
        if (q < 0) continue;
        const v = g.target[e];
        if (bound[v] < 0 || blockedNodes.has(v) || (removedNodes && removedNodes[v])) continue;
        const sv = v * 4 + q;
        const nd = d + this.cost(e);
        if (stamp[sv] === epoch && dist[sv] <= nd) continue;
        stamp[sv] = epoch;
        dist[sv] = nd;
        parent[sv] = st;
        via[sv] = e;
        heap.push(priority(nd + bound[v], nd), sv);
      }
    }
    return null;
  }

  private trace(end: number): State {
    const states: number[] = [],
      edges: number[] = [];
    for (let s = end; s !== -1; s = this.parent[s]) {
      states.push(s);
      if (this.via[s] >= 0) edges.push(this.via[s]);
    }
    return { states: states.reverse(), edges: edges.reverse(), cost: this.dist[end] };
  }
}

/** f first; among equal f, the deeper state first (straight to the target instead of fanning out). */
function priority(f: number, g: number): number {
  return f * 1_048_576 + (1_048_575 - Math.min(g, 1_048_575));
}

const boundCache = new WeakMap<AnalysisGraph, Map<string, Int32Array>>();

/**
 * Lower bounds for a target set. The crown-jewel set rarely changes between queries, so bounds for the
 * graph's own exercised flags and no removals are cached per graph (a few target sets).
 */
function boundsFor(g: AnalysisGraph, targets: readonly number[], targetMask: Uint8Array, options: PathOptions): Int32Array {
  const cacheable = !options.exercised && !options.removedEdges && !options.removedNodes;
  if (!cacheable) return costBounds(g, targetMask, options.exercised ?? g.exercised, options);
  let cache = boundCache.get(g);
  if (!cache) boundCache.set(g, (cache = new Map()));
  const key = [...new Set(targets)].sort((a, b) => a - b).join(',');
  let bound = cache.get(key);
  if (!bound) {
    bound = costBounds(g, targetMask, g.exercised, options);
    if (cache.size >= 4) cache.delete(cache.keys().next().value!);
    cache.set(key, bound);
  }
  return bound;
}

/**
 * Cheapest cost from each node to any target in a relaxed graph (every edge some state could traverse,
 * privilege conditions ignored): never more than the true cost, so A* stays exact. Dial's buckets
 * (costs are 1 or 2). -1 = no target reachable.
 */
function costBounds(g: AnalysisGraph, target: Uint8Array, used: Uint8Array, options: TraversalOptions): Int32Array {
  const bound = new Int32Array(g.nodeCount).fill(-1);
  const { inOffsets, inEdges, inSource, inNeed } = g;
  const removedEdges = options.removedEdges,
    removedNodes = options.removedNodes;
  const buckets: number[][] = [[]];
  for (let v = 0; v < g.nodeCount; v++)
    if (target[v] && !removedNodes?.[v]) {
      bound[v] = 0;
      buckets[0].push(v);
    }
  for (let d = 0; d < buckets.length; d++) {
    const bucket = buckets[d];
    for (let b = 0; b < bucket.length; b++) {
      const v = bucket[b];
      if (bound[v] !== d) continue; // settled cheaper already
      for (let i = inOffsets[v], end = inOffsets[v + 1]; i < end; i++) {
        if (inNeed[i] < 0) continue; // no state can traverse it (semantics.everTraversable)
        const e = inEdges[i];
        if (removedEdges !== undefined && removedEdges[e]) continue;
        const u = inSource[i];
        const nd = d + (used[e] ? EXERCISED_COST : GRANTED_COST);
        const old = bound[u];
        if (old >= 0 && old <= nd) continue;
        if (removedNodes !== undefined && removedNodes[u]) continue;
        bound[u] = nd;
        while (buckets.length <= nd) buckets.push([]);
        buckets[nd].push(u);
      }
    }
  }
  return bound;
}

/** Binary min-heap of (priority, value) pairs in parallel arrays. */
class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, value: number): void {
    const keys = this.keys,
      values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (keys[up] <= key) break;
      keys[i] = keys[up];
      values[i] = values[up];
      i = up;
    }
    keys[i] = key;
    values[i] = value;
  }
  pop(): [number, number] {
    const keys = this.keys,
      values = this.values;
    const top: [number, number] = [keys[0], values[0]];
    const lastKey = keys.pop()!,
      lastValue = values.pop()!;
    const n = keys.length;
    if (n) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= lastKey) break;
        keys[i] = keys[c];
        values[i] = values[c];
        i = c;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}
