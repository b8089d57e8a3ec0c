// Exposure: every identity that can reach a target (the reverse of blast radius), with the highest
// privilege it can get there and the hops of the shortest way to that privilege.
// Reverse breadth-first search over (node, privilege) states, asking semantics.requiredPrivilege.
import type { TraversalOptions } from './blast-radius.ts';
import type { AnalysisGraph } from './csr.ts';
import { IDENTITY, MAX_PRIVILEGE, SYSTEM } from './semantics.ts';

export interface Exposure {
  readonly target: number;
  /** Identity node indices that can reach the target, ordered by privilege (highest first) then hops. */
  readonly identities: Int32Array;
  /** Per identity: privilege reached on a system target (1–3), 0 for a non-system target (controlled). */
  readonly privilege: Uint8Array;
  readonly hops: Int32Array;
  /** Roles and groups that reach the target: whoever can assume the role or join the group can become what it reaches. */
  readonly principals: { nodes: Int32Array; privilege: Uint8Array; hops: Int32Array };
}

interface Scratch {
  epoch: number;
  stateStamp: Uint32Array;
  /** The BFS queue of states and their depths (each state enters at most once per search). */
  queue: Int32Array;
  depth: Int32Array;
}
const scratchByGraph = new WeakMap<AnalysisGraph, Scratch>();

function scratchFor(g: AnalysisGraph): Scratch {
  let s = scratchByGraph.get(g);
  if (!s || s.epoch >= 0xfffffff0) {
    s = { epoch: 0, stateStamp: new Uint32Array(g.nodeCount * 4), queue: new Int32Array(g.nodeCount * 4), depth: new Int32Array(g.nodeCount * 4) };
    scratchByGraph.set(g, s);
  }
  return s;
}

export function exposure(g: AnalysisGraph, targetNode: number, options: TraversalOptions = {}): Exposure {
  const ids: number[] = [],
    privs: number[] = [],
    hops: number[] = [];
  const others: number[] = [],
    otherPrivs: number[] = [],
    otherHops: number[] = [];
  // A system is asked at admin, then write, then read, in one growing search: whatever reaches the target
  // at admin also reaches it at write or more, so each level only has to explore the states the previous
  // ones did not, and an identity is credited with the first (highest) level that finds it.
  const levels = g.kind[targetNode] === SYSTEM ? [3, 2, 1] : [0];
  let level = levels[0];
  const search = new ReverseSearch(g, options, (u, h) => {
    if (g.kind[u] === IDENTITY) {
      ids.push(u);
      privs.push(level);
      hops.push(h);
    } else {
      others.push(u);
      otherPrivs.push(level);
      otherHops.push(h);
    }
  });
  for (level of levels) {
    search.seed(level === 0 ? targetNode * 4 : targetNode * 4 + level);
    search.run();
  }
  return {
    target: targetNode,
    identities: Int32Array.from(ids),
    privilege: Uint8Array.from(privs),
    hops: Int32Array.from(hops),
    principals: { nodes: Int32Array.from(others), privilege: Uint8Array.from(otherPrivs), hops: Int32Array.from(otherHops) },
  };
}

/** Who "can become" the target besides identities: roles and groups whose holders reach it (node kinds 1 and 2). */
const PRINCIPAL_KINDS = new Set([IDENTITY, 1, 2]);

/** Reverse BFS over (node, privilege) states; seeds can be added between runs and the search continues. */
class ReverseSearch {
  private readonly g: AnalysisGraph;
  private readonly options: TraversalOptions;
  private readonly onIdentity: (node: number, hops: number) => void;
  private readonly s: Scratch;
  private readonly epoch: number;
  private readonly queue: Int32Array;
  private readonly depth: Int32Array;
  private head = 0;
  private tail = 0;

  constructor(g: AnalysisGraph, options: TraversalOptions, onIdentity: (node: number, hops: number) => void) {
    this.g = g;
    this.options = options;
    this.onIdentity = onIdentity;
    this.s = scratchFor(g);
    this.epoch = ++this.s.epoch;
    this.queue = this.s.queue;
    this.depth = this.s.depth;
  }

  seed(state: number): void {
    const stamp = this.s.stateStamp;
    if (stamp[state] === this.epoch) return;
    stamp[state] = this.epoch;
    this.queue[this.tail] = state;
    this.depth[this.tail++] = 0;
  }

  /** Runs until the queue is empty; locals rather than fields, since this loop is the hot path. */
  run(): void {
    const g = this.g;
    const { inOffsets, inEdges, inSource, inNeed, inGives, kind } = g;
    const { removedEdges, removedNodes } = this.options;
    const maxHops = this.options.maxHops ?? Number.MAX_SAFE_INTEGER;
    const stamp = this.s.stateStamp,
      queue = this.queue,
      depth = this.depth,
      epoch = this.epoch,
      onIdentity = this.onIdentity;
    let head = this.head,
      tail = this.tail;
    for (; head < tail; head++) {
      const st = queue[head];
      const h = depth[head];
      if (h >= maxHops) continue;
      const v = st >> 2,
        pv = st & 3;
      for (let i = inOffsets[v], end = inOffsets[v + 1]; i < end; i++) {
        // semantics.requiredPrivilege, inlined, on the reverse-ordered copies.
        const needed = inNeed[i];
        if (needed < 0 || inGives[i] !== pv || (removedEdges !== undefined && removedEdges[inEdges[i]])) continue;
        const u = inSource[i];
        if (removedNodes !== undefined && removedNodes[u]) continue;
        for (let q = needed; q <= MAX_PRIVILEGE; q++) {
          const su = u * 4 + q;
          if (stamp[su] !== epoch) {
            stamp[su] = epoch;
            queue[tail] = su;
            depth[tail++] = h + 1;
            if (q === 0 && PRINCIPAL_KINDS.has(kind[u])) onIdentity(u, h + 1);
          }
          if (needed === 0) break; // a controlled source has the one state
        }
      }
    }
    this.head = head;
    this.tail = tail;
  }
}

/** Identities that can reach at least one of `targets` (at any privilege): one reverse BFS from all of them. */
export function exposedToAny(g: AnalysisGraph, targets: readonly number[], options: TraversalOptions = {}): number[] {
  const out: number[] = [];
  const search = new ReverseSearch(g, options, (u) => {
    if (g.kind[u] === IDENTITY) out.push(u);
  });
  for (const st of startStates(g, targets, 1)) search.seed(st);
  search.run();
  return out;
}

/** The states meaning "reached `targets` at `level` or more" (level ignored for non-systems). */
function startStates(g: AnalysisGraph, targets: readonly number[], level: number): number[] {
  const states: number[] = [];
  for (const t of targets) {
    if (g.kind[t] !== SYSTEM) states.push(t * 4);
    else for (let q = MAX_PRIVILEGE; q >= Math.max(level, 1); q--) states.push(t * 4 + q);
  }
  return states;
}
