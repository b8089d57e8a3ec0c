// What-if: apply hypothetical changes (remove or add edges and nodes) to an in-memory copy of the
// analysis graph and measure blast radius, exposure and entry→crown paths before and after.
// The case is never altered; named scenarios are stored in the `scenario` table (audited).
import { ApiError } from '../../shared/api/contract.ts';
import type { EdgeSpec, ScenarioSpec, WhatIfMeasure } from '../../shared/api/graph.ts';
import { PRIVILEGE_LEVEL } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';
import { blastRadius } from './blast-radius.ts';
import { builderFrom, edgeKindCode, type AnalysisGraph } from './csr.ts';
import { exposedToAny } from './exposure.ts';
import { countShortestPaths } from './path-counts.ts';
import { resolveNodeRef, type EntrySource } from './refs.ts';
import { criticalityLevel } from './semantics.ts';
import { summarise } from './summary.ts';

export interface AppliedScenario {
  graph: AnalysisGraph;
  applied: { removedEdges: number; addedEdges: number; removedNodes: number; addedNodes: number };
}

/**
 * The graph with `spec` applied. Existing nodes keep their indices; added nodes come after them. `entries`: what
 * @entry means in this case (the API's, api/entry-points.ts), should a scenario name it.
 */
export function applyScenario(kase: CaseFile, g: AnalysisGraph, spec: ScenarioSpec, entries: EntrySource): AppliedScenario {
  const one = (ref: string): number => {
    const found = resolveNodeRef(kase, g, ref, entries);
    if (found.length !== 1) throw new ApiError('bad-input', `a what-if needs single nodes, not ${ref}`);
    return found[0];
  };
  const dropEdge = new Uint8Array(g.edgeCount);
  let removedEdges = 0;
  for (const r of spec.remove ?? []) {
    const e = findEdge(g, one(r.from), one(r.to), r.kind);
    if (e < 0) throw new ApiError('not-found', `no ${r.kind} edge from ${r.from} to ${r.to}`);
    if (!dropEdge[e]) removedEdges++;
    dropEdge[e] = 1;
  }
  const dropNode = new Uint8Array(g.nodeCount);
  for (const ref of spec.removeNodes ?? []) dropNode[one(ref)] = 1;
  const b = builderFrom(g, (e) => !dropEdge[e] && !dropNode[g.source[e]] && !dropNode[g.target[e]]);

  const added = new Map<string, number>();
  for (const n of spec.addNodes ?? []) {
    if (g.indexOf(n.id) !== undefined || added.has(n.id)) throw new ApiError('bad-input', `node ${n.id} already exists`);
    const i = b.addNode(n.id, n.kind, n.subkind ?? null, null);
    b.setCriticality(i, criticalityLevel(n.criticality));
    added.set(n.id, i);
  }
  const endpoint = (ref: string) => added.get(ref) ?? one(ref);
  for (const a of spec.add ?? []) {
    b.addEdge(endpoint(a.from), endpoint(a.to), edgeKindCode(a.kind), addedPrivilege(a), false, 0);
  }
  return {
    graph: b.build(),
    applied: { removedEdges, addedEdges: spec.add?.length ?? 0, removedNodes: spec.removeNodes?.length ?? 0, addedNodes: added.size },
  };
}

function addedPrivilege(a: EdgeSpec): number {
  return a.kind === 'access' ? PRIVILEGE_LEVEL[a.privilege ?? 'read'] : 0;
}

export function findEdge(g: AnalysisGraph, from: number, to: number, kind: string): number {
  const code = edgeKindCode(kind);
  for (let e = g.outOffsets[from]; e < g.outOffsets[from + 1]; e++) if (g.target[e] === to && g.edgeKind[e] === code) return e;
  return -1;
}

/** The figures a what-if compares; `entries` and `crowns` are node indices (valid in both graphs). */
export function measure(g: AnalysisGraph, entries: readonly number[], crowns: readonly number[]): WhatIfMeasure {
  const crown = new Uint8Array(g.nodeCount);
  for (const c of crowns) crown[c] = 1;
  const summary = summarise(blastRadius(g, entries), crown);
  const counts = countShortestPaths(g, entries, crowns);
  return {
    blastRadius: summary.reached,
    score: summary.score,
    exposed: exposedToAny(g, crowns).length,
    paths: counts.total,
    crownJewelsReached: counts.crownJewelsReached,
  };
}

export function difference(after: WhatIfMeasure, before: WhatIfMeasure): WhatIfMeasure {
  return {
    blastRadius: after.blastRadius - before.blastRadius,
    score: after.score - before.score,
    exposed: after.exposed - before.exposed,
    paths: after.paths - before.paths,
    crownJewelsReached: after.crownJewelsReached - before.crownJewelsReached,
  };
}

/** Two specs as one (a saved scenario plus ad-hoc changes). */
export function combineSpecs(a: ScenarioSpec, b: ScenarioSpec): ScenarioSpec {
  return {
    remove: [...(a.remove ?? []), ...(b.remove ?? [])],
    add: [...(a.add ?? []), ...(b.add ?? [])],
    removeNodes: [...(a.removeNodes ?? []), ...(b.removeNodes ?? [])],
    addNodes: [...(a.addNodes ?? []), ...(b.addNodes ?? [])],
  };
}
