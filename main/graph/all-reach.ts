// Blast-radius size for every identity at once (for ranking and findings on big cases), exact.
//
// 1. States: (node, privilege) as in §3, but a system's privilege levels that open the same edges are
//    merged (a database with no outgoing edges has one state, a host that runs a workload two or three).
// 2. Strongly connected components of the state graph (iterative Tarjan): every state in a component
//    reaches the same set, so the graph becomes a DAG of components, usually far smaller.
// 3. The hub: the largest component. Its reach is computed once (as a component bitset and a node
//    count). A source that can reach the hub (known for every component by one pass in topological
//    order) counts |reach(hub)| plus whatever else it reaches outside it; only that remainder is walked.
//    Others are walked in full: without the hub their reach is small.
// Sizes count distinct nodes: a system whose states fall in different components is counted once.
import type { AnalysisGraph } from './csr.ts';
import { follow, MAX_PRIVILEGE, SYSTEM } from './semantics.ts';

export interface AllReach {
  /** Per node: how many nodes its blast radius holds (itself excluded). */
  size: Int32Array;
  components: number;
  states: number;
  hubSize: number;
}

export function allReachSizes(g: AnalysisGraph, sources?: Iterable<number>): AllReach {
  const sg = compactStates(g);
  const comp = tarjan(sg.offsets, sg.targets, sg.count);
  const dag = condense(sg, comp);
  return countReach(g, sg, dag, comp, sources ?? range(g.nodeCount));
}

function* range(n: number): Iterable<number> {
  for (let i = 0; i < n; i++) yield i;
}

interface StateGraph {
  count: number;
  /** Compact state id of (node, privilege): stateOf[node * 4 + privilege], -1 when that state is not used. */
  stateOf: Int32Array;
  nodeOf: Int32Array;
  offsets: Int32Array;
  targets: Int32Array;
}

function compactStates(g: AnalysisGraph): StateGraph {
  const stateOf = new Int32Array(g.nodeCount * 4).fill(-1);
  const nodeOfList: number[] = [];
  const reprPriv: number[] = [];
  for (let u = 0; u < g.nodeCount; u++) {
    if (g.kind[u] !== SYSTEM) {
      stateOf[u * 4] = nodeOfList.length;
      nodeOfList.push(u);
      reprPriv.push(0);
      continue;
    }
    // Levels with the same usable out-edges behave identically: one state for each distinct behaviour.
    let last = '';
    for (let p = 1; p <= MAX_PRIVILEGE; p++) {
      let sig = '';
      for (let e = g.outOffsets[u]; e < g.outOffsets[u + 1]; e++) sig += follow(g, e, p) >= 0 ? '1' : '0';
      if (p === 1 || sig !== last) {
        nodeOfList.push(u);
        reprPriv.push(p);
      } else reprPriv[reprPriv.length - 1] = p;
      stateOf[u * 4 + p] = nodeOfList.length - 1;
      last = sig;
    }
  }
  const count = nodeOfList.length;
  const nodeOf = Int32Array.from(nodeOfList);
  const offsets = new Int32Array(count + 1);
  const out: number[] = [];
  for (let x = 0; x < count; x++) {
    const u = nodeOf[x],
      p = reprPriv[x];
    for (let e = g.outOffsets[u]; e < g.outOffsets[u + 1]; e++) {
      const q = follow(g, e, p);
      if (q >= 0) out.push(stateOf[g.target[e] * 4 + q]);
    }
    offsets[x + 1] = out.length;
  }
  return { count, stateOf, nodeOf, offsets, targets: Int32Array.from(out) };
}

/** Iterative Tarjan. Components are numbered in reverse topological order (sinks first). */
function tarjan(offsets: Int32Array, targets: Int32Array, n: number): Int32Array {
  const index = new Int32Array(n).fill(-1),
    low = new Int32Array(n),
    comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n),
    callStack = new Int32Array(n),
    edgeAt = new Int32Array(n);
  let sp = 0,
    next = 0,
    comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    let cp = 0;
    callStack[cp++] = root;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    edgeAt[root] = offsets[root];
    while (cp > 0) {
      const v = callStack[cp - 1];
      if (edgeAt[v] < offsets[v + 1]) {
        const w = targets[edgeAt[v]++];
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          edgeAt[w] = offsets[w];
          callStack[cp++] = w;
        } else if (comp[w] < 0 && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      cp--;
      if (cp > 0) {
        const parent = callStack[cp - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === index[v]) {
        let w;
        do {
          w = stack[--sp];
          comp[w] = comps;
        } while (w !== v);
        comps++;
      }
    }
  }
  return comp;
}

interface Dag {
  count: number;
  offsets: Int32Array;
  targets: Int32Array;
  /** Per component: its states (CSR). */
  memberOffsets: Int32Array;
  members: Int32Array;
}

function condense(sg: StateGraph, comp: Int32Array): Dag {
  let count = 0;
  for (let x = 0; x < sg.count; x++) if (comp[x] + 1 > count) count = comp[x] + 1;
  const memberOffsets = new Int32Array(count + 1);
  for (let x = 0; x < sg.count; x++) memberOffsets[comp[x] + 1]++;
  for (let c = 0; c < count; c++) memberOffsets[c + 1] += memberOffsets[c];
  const fill = memberOffsets.slice(0, count);
  const members = new Int32Array(sg.count);
  for (let x = 0; x < sg.count; x++) members[fill[comp[x]]++] = x;
  const offsets = new Int32Array(count + 1);
  const out: number[] = [];
  const seen = new Int32Array(count).fill(-1);
  for (let c = 0; c < count; c++) {
    for (let m = memberOffsets[c]; m < memberOffsets[c + 1]; m++) {
      const x = members[m];
      for (let i = sg.offsets[x]; i < sg.offsets[x + 1]; i++) {
        const d = comp[sg.targets[i]];
        if (d !== c && seen[d] !== c) {
          seen[d] = c;
          out.push(d);
        }
      }
    }
    offsets[c + 1] = out.length;
  }
  return { count, offsets, targets: Int32Array.from(out), memberOffsets, members };
}

function countReach(g: AnalysisGraph, sg: StateGraph, dag: Dag, comp: Int32Array, sources: Iterable<number>): AllReach {
  const { count } = dag;
  let hub = 0;
  for (let c = 1; c < count; c++) if (dag.memberOffsets[c + 1] - dag.memberOffsets[c] > dag.memberOffsets[hub + 1] - dag.memberOffsets[hub]) hub = c;

  // Components come sinks first, so a component's children always have smaller numbers.
  const reachesHub = new Uint8Array(count);
  for (let c = 0; c < count; c++) {
    if (c === hub) {
      reachesHub[c] = 1;
      continue;
    }
    for (let i = dag.offsets[c]; i < dag.offsets[c + 1]; i++)
      if (reachesHub[dag.targets[i]]) {
        reachesHub[c] = 1;
        break;
      }
  }
  const nodeStamp = new Uint32Array(g.nodeCount);
  const compStamp = new Uint32Array(count);
  const queue = new Int32Array(count);
  let epoch = 1;
  // Walks the DAG from `start`, skipping components marked in `skip`; returns distinct nodes seen.
  const walk = (start: number, skip: Uint8Array | null, skipNodes: Uint8Array | null, mark: Uint8Array | null): number => {
    epoch++;
    let head = 0,
      tail = 0,
      nodes = 0;
    queue[tail++] = start;
    compStamp[start] = epoch;
    while (head < tail) {
      const c = queue[head++];
      if (mark) mark[c] = 1;
      for (let m = dag.memberOffsets[c]; m < dag.memberOffsets[c + 1]; m++) {
        const u = sg.nodeOf[dag.members[m]];
        if (nodeStamp[u] === epoch || (skipNodes && skipNodes[u])) continue;
        nodeStamp[u] = epoch;
        nodes++;
      }
      for (let i = dag.offsets[c]; i < dag.offsets[c + 1]; i++) {
        const d = dag.targets[i];
        if (compStamp[d] === epoch || (skip && skip[d])) continue;
        compStamp[d] = epoch;
        queue[tail++] = d;
      }
    }
    return nodes;
  };
  const inHubReach = new Uint8Array(count);
  const hubReach = walk(hub, null, null, inHubReach);
  const hubNodes = new Uint8Array(g.nodeCount);
  for (let c = 0; c < count; c++) {
    if (!inHubReach[c]) continue;
    for (let m = dag.memberOffsets[c]; m < dag.memberOffsets[c + 1]; m++) hubNodes[sg.nodeOf[dag.members[m]]] = 1;
  }

  const size = new Int32Array(g.nodeCount);
  for (const u of sources) {
    const x = sg.stateOf[u * 4 + (g.kind[u] === SYSTEM ? MAX_PRIVILEGE : 0)];
    const c = comp[x];
    const n = reachesHub[c] && c !== hub ? hubReach + walk(c, inHubReach, hubNodes, null) : walk(c, null, null, null);
    size[u] = n - 1; // the source itself
  }
  return { size, components: count, states: sg.count, hubSize: hubReach };
}
