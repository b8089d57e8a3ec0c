// The numbers an analyst (and the findings engine) reads first about a blast radius:
// how much is reached, of which kinds, which crown jewels, the highest privilege, and the score.
import { NODE_KINDS, privilegeName } from '../../shared/model.ts';
import type { BlastSummaryResult } from '../../shared/api/graph.ts';
import type { Reach } from './blast-radius.ts';
import { SYSTEM, systemScore } from './semantics.ts';

/** The contract type is the one definition: engine code and API results cannot drift apart. */
export type BlastSummary = BlastSummaryResult;

/** `crown`: per-node flag of crown jewels (see refs.crownMask). */
export function summarise(reach: Reach, crown?: Uint8Array): BlastSummary {
  const g = reach.graph;
  const byKind: Record<string, number> = {};
  const systems = { read: 0, write: 0, admin: 0 };
  const crownJewels: string[] = [];
  let maxPrivilege = 0;
  let score = 0;
  const counts = new Int32Array(NODE_KINDS.length);
  for (let i = 0; i < reach.nodes.length; i++) {
    const v = reach.nodes[i];
    counts[g.kind[v]]++;
    if (g.kind[v] !== SYSTEM) continue;
    const p = reach.privilege[i];
    if (p === 1) systems.read++;
    else if (p === 2) systems.write++;
    else if (p === 3) systems.admin++;
    if (p > maxPrivilege) maxPrivilege = p;
    score += systemScore(g.criticality[v], p);
    if (crown?.[v]) crownJewels.push(g.keys[v]);
  }
  NODE_KINDS.forEach((k, i) => {
    if (counts[i]) byKind[k] = counts[i];
  });
  return { reached: reach.nodes.length, byKind, systems, crownJewels: crownJewels.sort(), maxPrivilege: privilegeName(maxPrivilege), score };
}
