// Which grants the auth logs show were exercised. The logs name the acting identity and the target
// (or the credential and its identity), not the group or role the right came through: an identity
// that used prod-db via etl-operators → etl-admin leaves usage(identity, prod-db). So an edge u → v
// counts as exercised when someone who used v directly holds u: u itself, or a group, role or
// identity it reaches by member_of / has_role / can_assume / owns within a few hops.
import type { AnalysisGraph } from './csr.ts';
import { K_CAN_ASSUME, K_HAS_ROLE, K_MEMBER_OF, K_OWNS } from './semantics.ts';

const INHERIT_DEPTH = 4;
const INHERIT_CAP = 2_000;

/** `used`: node-index pairs (actor, target) from usage or auth events. Returns per-edge flags. */
export function exercisedEdges(g: AnalysisGraph, used: Iterable<[number, number]>): Uint8Array {
  const flags = new Uint8Array(g.edgeCount);
  const byActor = new Map<number, number[]>();
  for (const [a, t] of used) {
    const list = byActor.get(a);
    if (list) list.push(t);
    else byActor.set(a, [t]);
  }
  const held = new Uint32Array(g.nodeCount);
  let epoch = 0;
  for (const [actor, targets] of byActor) {
    epoch++;
    for (const u of inherited(g, actor)) held[u] = epoch;
    for (const v of targets) {
      for (let i = g.inOffsets[v]; i < g.inOffsets[v + 1]; i++) {
        const e = g.inEdges[i];
        if (held[g.source[e]] === epoch) flags[e] = 1;
      }
    }
  }
  return flags;
}

/** The actor and what it holds through inheritance edges, breadth first, bounded. */
function inherited(g: AnalysisGraph, actor: number): number[] {
  const out = [actor];
  const depth = [0];
  const seen = new Set(out);
  for (let head = 0; head < out.length && out.length < INHERIT_CAP; head++) {
    if (depth[head] >= INHERIT_DEPTH) continue;
    const u = out[head];
    for (let e = g.outOffsets[u]; e < g.outOffsets[u + 1]; e++) {
      const k = g.edgeKind[e];
      if (k !== K_MEMBER_OF && k !== K_HAS_ROLE && k !== K_CAN_ASSUME && k !== K_OWNS) continue;
      const v = g.target[e];
      if (seen.has(v)) continue;
      seen.add(v);
      out.push(v);
      depth.push(depth[head] + 1);
    }
  }
  return out;
}
