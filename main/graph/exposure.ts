// Exposure: every identity that can reach a target (the reverse of blast radius), with the highest
// privilege it can get there and the hops of the shortest way to that privilege.
// Reverse breadth-first search over (node, privilege) states, asking semantics.requiredPrivilege.
import type { TraversalOptions } from './blast-radius.ts';
import type { AnalysisGraph } from './csr.ts';
import { IDENTITY, MAX_PRIVILEGE, requiredPrivilege, SYSTEM } from './semantics.ts';

export interface Exposure {
  readonly target: number;
  /** Identity node indices that can reach the target, ordered by privilege (highest first) then hops. */
  readonly identities: Int32Array;
  /** Per identity: privilege reached on a system target (1–3), 0 for a non-system target (controlled). */
  readonly privilege: Uint8Array;
  readonly hops: Int32Array;
}

interface Scratch {
  epoch: number;
  stateStamp: Uint32Array;
  nodeStamp: Uint32Array;
}
const scratchByGraph = new WeakMap<AnalysisGraph, Scratch>();

function scratchFor(g: AnalysisGraph): Scratch {
  let s = scratchByGraph.get(g);
  if (!s || s.epoch >= 0xfffffff0) {
    s = { epoch: 0, stateStamp: new Uint32Array(g.nodeCount * 4), nodeStamp: new Uint32Array(g.nodeCount) };
    scratchByGraph.set(g, s);
  }
  return s;
}

export function exposure(g: AnalysisGraph, targetNode: number, options: TraversalOptions = {}): Exposure {
  const s = scratchFor(g);
  const found = ++s.epoch; // identities already credited with a higher privilege
  const ids: number[] = [], privs: number[] = [], hops: number[] = [];
  // A system is asked at admin, then write, then read: an identity takes the first (highest) level it reaches.
  const levels = g.kind[targetNode] === SYSTEM ? [3, 2, 1] : [0];
  for (const level of levels) {
    reverseSearch(g, s, startStates(g, [targetNode], level), options, (u, h) => {
      if (s.nodeStamp[u] === found) return;
      s.nodeStamp[u] = found;
      ids.push(u); privs.push(level); hops.push(h);
    });
  }
  return { target: targetNode, identities: Int32Array.from(ids), privilege: Uint8Array.from(privs), hops: Int32Array.from(hops) };
}

/** Reverse BFS from the given states; calls onIdentity(node, hops) once for each identity found. */
function reverseSearch(
  g: AnalysisGraph, s: Scratch, starts: readonly number[], options: TraversalOptions,
  onIdentity: (node: number, hops: number) => void,
): void {
  const epoch = ++s.epoch;
  const { stateStamp } = s;
  const { removedEdges, removedNodes } = options;
  const maxHops = options.maxHops ?? Number.MAX_SAFE_INTEGER;
  const queue: number[] = [];
  const depth: number[] = [];
  const visit = (node: number, priv: number, h: number) => {
    const st = node * 4 + priv;
    if (stateStamp[st] === epoch) return;
    stateStamp[st] = epoch;
    queue.push(st); depth.push(h);
    if (h > 0 && priv === 0 && g.kind[node] === IDENTITY) onIdentity(node, h);
  };
  for (const st of starts) visit(st >> 2, st & 3, 0);

  const { inOffsets, inEdges, source } = g;
  for (let head = 0; head < queue.length; head++) {
    const st = queue[head];
    const h = depth[head];
    if (h >= maxHops) continue;
    const v = st >> 2, pv = st & 3;
    for (let i = inOffsets[v], end = inOffsets[v + 1]; i < end; i++) {
      const e = inEdges[i];
      if (removedEdges !== undefined && removedEdges[e]) continue;
      const need = requiredPrivilege(g, e, pv);
      if (need < 0) continue;
      const u = source[e];
      if (removedNodes !== undefined && removedNodes[u]) continue;
      if (need === 0) visit(u, 0, h + 1);
      else for (let q = need; q <= MAX_PRIVILEGE; q++) visit(u, q, h + 1);
    }
  }
}

/** Identities that can reach at least one of `targets` (at any privilege): one reverse BFS from all of them. */
export function exposedToAny(g: AnalysisGraph, targets: readonly number[], options: TraversalOptions = {}): number[] {
  const s = scratchFor(g);
  const out: number[] = [];
  reverseSearch(g, s, startStates(g, targets, 1), options, (u) => {
    out.push(u);
  });
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
