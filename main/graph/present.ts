// Turns engine results (node and edge indices, typed arrays) into the API's result shapes (ids the
// analyst sees, privilege names, evidence). The only place that decides ordering and caps for output.
import type {
  AttackPath,
  BlastRadiusResult,
  ChokepointsResult,
  ExposureResult,
  NeighbourEdge,
  NeighboursResult,
  NodeResult,
} from '../../shared/api/graph.ts';
import { privilegeName, type EdgeKind } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';
import type { Reach } from './blast-radius.ts';
import type { Chokepoints } from './chokepoints.ts';
import { edgeKindCode, edgeKindName, nodeKindName, type AnalysisGraph } from './csr.ts';
import { hopEvidence, hopEventQuery } from './evidence.ts';
import { displayNames } from '../store/display-name.ts';
import type { Exposure } from './exposure.ts';
import { conditionalEdges, type ConditionalEdges } from './conditional.ts';
import { listMarks } from '../store/marks.ts';
import { nodeAliases, storedNode } from '../store/nodes-read.ts';
import type { FoundPath } from './paths.ts';
import { accessPrivilege, IDENTITY, K_ACCESS, SYSTEM } from './semantics.ts';
import type { BlastSummary } from './summary.ts';

/**
 * `certain`: the same search without conditional edges. A row it does not reach, or reaches at a lower privilege,
 * is conditional, and says on which condition.
 */
export function presentBlastRadius(
  reach: Reach,
  summary: BlastSummary,
  limit = Number.MAX_SAFE_INTEGER,
  certain?: { reach: Reach; conditions: ConditionalEdges },
): BlastRadiusResult {
  const g = reach.graph;
  const sure = new Map<number, number>();
  if (certain) for (let i = 0; i < certain.reach.nodes.length; i++) sure.set(certain.reach.nodes[i], certain.reach.privilege[i]);
  const order = Array.from(reach.nodes.keys()).sort((a, b) => reach.hops[a] - reach.hops[b] || cmp(g.keys[reach.nodes[a]], g.keys[reach.nodes[b]]));
  const rows = order.slice(0, limit).map((i) => {
    const v = reach.nodes[i];
    return {
      id: g.keys[v],
      kind: nodeKindName(g.kind[v]),
      privilege: g.kind[v] === SYSTEM ? privilegeName(reach.privilege[i]) : null,
      hops: reach.hops[i],
      path: reach.path(i).map((u) => g.keys[u]),
      edges: reach.pathEdges(i).map((e) => edgeKindName(g.edgeKind[e])),
      exercised: reach.pathEdges(i).map((e) => g.exercised[e] === 1),
      name: g.keys[v],
      ...(certain && !(sure.has(v) && sure.get(v)! >= reach.privilege[i]) ? conditionalOf(reach, i, certain.conditions) : {}),
    };
  });
  const identity = g.keys[reach.sources[0]];
  return {
    identity,
    sources: reach.sources.map((s) => g.keys[s]),
    reach: rows,
    summary,
    truncated: rows.length < order.length,
    identityName: identity,
    names: {},
  };
}

function conditionalOf(reach: Reach, i: number, conditions: ConditionalEdges): { conditional: true; condition: string } {
  const e = reach.pathEdges(i).find((x) => conditions.mask[x]);
  return { conditional: true, condition: e === undefined ? 'every way there holds only under an undecided condition' : conditions.condition(e) };
}

export function presentExposure(g: AnalysisGraph, exp: Exposure, limit = Number.MAX_SAFE_INTEGER): ExposureResult {
  const order = Array.from(exp.identities.keys()).sort(
    (a, b) => exp.privilege[b] - exp.privilege[a] || exp.hops[a] - exp.hops[b] || cmp(g.keys[exp.identities[a]], g.keys[exp.identities[b]]),
  );
  const isSystem = g.kind[exp.target] === SYSTEM;
  const identities = order.slice(0, limit).map((i) => ({
    id: g.keys[exp.identities[i]],
    privilege: isSystem ? privilegeName(exp.privilege[i]) : null,
    hops: exp.hops[i],
    name: g.keys[exp.identities[i]],
  }));
  const all = [...identities.map((x) => ({ ...x, kind: 'identity' }))];
  const p = exp.principals;
  for (let i = 0; i < p.nodes.length && all.length < limit + p.nodes.length; i++) {
    all.push({
      id: g.keys[p.nodes[i]],
      kind: nodeKindName(g.kind[p.nodes[i]]),
      privilege: isSystem ? privilegeName(p.privilege[i]) : null,
      hops: p.hops[i],
      name: g.keys[p.nodes[i]],
    });
  }
  const principals = all.sort((a, b) => privOrder(b.privilege) - privOrder(a.privilege) || a.hops - b.hops || cmp(a.id, b.id)).slice(0, limit);
  return {
    target: g.keys[exp.target],
    identities,
    principals,
    total: order.length,
    truncated: identities.length < order.length,
    targetName: g.keys[exp.target],
  };
}

function privOrder(p: string | null): number {
  return p === 'admin' ? 3 : p === 'write' ? 2 : p === 'read' ? 1 : 0;
}

export function presentPaths(kase: CaseFile, g: AnalysisGraph, paths: FoundPath[], asOfMs: number | undefined, events: number): AttackPath[] {
  const conditions = conditionalEdges(kase, g);
  const names = displayNames(
    kase,
    paths.flatMap((p) => p.nodes.map((v) => g.keys[v])),
  );
  return paths.map((p) => {
    let actor = p.nodes[0];
    return {
      cost: p.cost,
      nodes: p.nodes.map((v) => g.keys[v]),
      hops: p.edges.map((e) => {
        const u = g.source[e];
        if (g.kind[u] === IDENTITY) actor = u;
        return {
          from: g.keys[u],
          to: g.keys[g.target[e]],
          edge: edgeKindName(g.edgeKind[e]),
          evidence: hopEvidence(kase, g, e, { asOfMs, events, actor }),
          events: hopEventQuery(g, e, actor, asOfMs),
          ...(conditions.mask[e] ? { conditional: true, condition: conditions.condition(e) } : {}),
        };
      }),
      names: Object.fromEntries(p.nodes.map((v) => [g.keys[v], names.get(g.keys[v]) ?? g.keys[v]])),
    };
  });
}

export function presentChokepoints(g: AnalysisGraph, c: Chokepoints, entries: number[], crowns: number[]): ChokepointsResult {
  const edgeRef = (e: number) => ({ from: g.keys[g.source[e]], to: g.keys[g.target[e]], edge: edgeKindName(g.edgeKind[e]) });
  return {
    entries: entries.map((v) => g.keys[v]),
    crownJewels: crowns.map((v) => g.keys[v]),
    paths: c.paths,
    exposed: c.exposed,
    edges: c.edges.map((x) => ({ ...edgeRef(x.edge), paths: x.paths, exposureCut: x.exposureCut })),
    nodes: c.nodes.map((x) => ({ id: g.keys[x.node], kind: nodeKindName(g.kind[x.node]), paths: x.paths, exposureCut: x.exposureCut })),
    minCut: c.minCut.map(edgeRef),
    names: {},
  };
}

/** A node's edges, grouped by direction and kind, at most `limit` per group. */
export function neighbours(
  g: AnalysisGraph,
  v: number,
  direction: 'out' | 'in' | 'both',
  kinds: EdgeKind[] | undefined,
  limit: number,
): NeighboursResult {
  const allowed = kinds ? new Set(kinds.map(edgeKindCode)) : null;
  const counts: Record<string, number> = {};
  const edges: NeighbourEdge[] = [];
  let truncated = false;
  const take = (e: number, dir: 'out' | 'in') => {
    if (allowed && !allowed.has(g.edgeKind[e])) return;
    const group = `${dir}:${edgeKindName(g.edgeKind[e])}`;
    counts[group] = (counts[group] ?? 0) + 1;
    if (counts[group] > limit) {
      truncated = true;
      return;
    }
    edges.push({
      from: g.keys[g.source[e]],
      to: g.keys[g.target[e]],
      kind: edgeKindName(g.edgeKind[e]),
      privilege: g.edgeKind[e] === K_ACCESS ? privilegeName(accessPrivilege(g, e)) : null,
      exercised: g.exercised[e] === 1,
      direction: dir,
    });
  };
  const endpoints = new Set<number>([v]);
  const take2 = (e: number, dir: 'out' | 'in') => {
    const before = edges.length;
    take(e, dir);
    if (edges.length > before) endpoints.add(dir === 'out' ? g.target[e] : g.source[e]);
  };
  if (direction !== 'in') for (let e = g.outOffsets[v]; e < g.outOffsets[v + 1]; e++) take2(e, 'out');
  if (direction !== 'out') for (let i = g.inOffsets[v]; i < g.inOffsets[v + 1]; i++) take2(g.inEdges[i], 'in');
  const nodes = [...endpoints].map((u) => ({
    id: g.keys[u],
    kind: nodeKindName(g.kind[u]),
    subkind: g.subkind[u],
    criticality: CRITICALITY_NAMES[g.criticality[u]] ?? null,
    name: g.keys[u],
  }));
  return { id: g.keys[v], edges, nodes, counts, truncated };
}

export function nodeDetail(kase: CaseFile, g: AnalysisGraph, v: number): NodeResult {
  const row = storedNode(kase.db, g.dbIds[v]);
  const aliases = nodeAliases(kase.db, g.dbIds[v]);
  return {
    id: g.keys[v],
    kind: row?.kind ?? nodeKindName(g.kind[v]),
    subkind: row?.subkind ?? g.subkind[v],
    name: row?.name ?? null,
    environment: row?.environment ?? null,
    status: row?.status ?? null,
    owner: row?.owner ?? null,
    criticality: row?.criticality ?? null,
    unresolved: row?.unresolved === 1,
    props: row?.props ? (JSON.parse(row.props) as Record<string, unknown>) : null,
    aliases,
    marks: listMarks(kase, g.keys[v]),
    source: row?.file ? { file: row.file, locator: row.locator } : null,
    displayName: displayNames(kase, [g.keys[v]]).get(g.keys[v]) ?? g.keys[v],
  };
}

const CRITICALITY_NAMES = [null, 'low', 'medium', 'high', 'critical'];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
