// Handlers for the graph area of the API: thin glue between the contract and main/graph.
// Analysis uses the cached graph (rebuilt after imports); marks and scenarios write to the case, audited.
import { ApiError, type Params, type Result } from '../../../shared/api/contract.ts';
import type { GraphResults, ScenarioSpec, WhatIfResult } from '../../../shared/api/graph.ts';
import { parseIsoMillis } from '../../ingest/normalise.ts';
import type { CaseFile } from '../../store/case-file.ts';
import { chokepoints } from '../../graph/chokepoints.ts';
import {
  blastRadius,
  CROWN_REF,
  crownMask,
  ENTRY_REF,
  exercisedAsOf,
  exposure,
  graphOf,
  listMarks,
  removeMark,
  resolveNodeRef,
  resolveNodeRefs,
  setMark,
  summarise,
  type AnalysisGraph,
} from '../../graph/index.ts';
import { conditionalEdges } from '../../graph/conditional.ts';
import { kShortestPaths } from '../../graph/paths.ts';
import { neighbours, nodeDetail, presentBlastRadius, presentChokepoints, presentExposure, presentPaths } from '../../graph/present.ts';
import { applyScenario, combineSpecs, difference, measure } from '../../graph/what-if.ts';
import { discardScenario, getScenario, listScenarios, saveScenario } from '../../store/scenarios.ts';
import { displayNames, nameRecord } from '../../store/display-name.ts';
import { entrySource } from '../entry-points.ts';
import type { Handler, Session } from '../session.ts';

type GraphHandlers = { [M in keyof GraphResults]: Handler<M> };

export const graphHandlers: GraphHandlers = {
  'graph.blastRadius': (p, s) => {
    const { kase, g } = open(s);
    const sources = nonEmpty(resolveNodeRefs(kase, g, p.ids, entrySource(kase)), p.ids);
    const reach = blastRadius(g, sources);
    const conditions = conditionalEdges(kase, g);
    const certain = conditions.count ? { reach: blastRadius(g, sources, { removedEdges: conditions.mask }), conditions } : undefined;
    const result = presentBlastRadius(reach, summarise(reach, crownMask(kase, g)), p.limit, certain);
    const names = displayNames(kase, [...result.sources, ...result.reach.flatMap((r) => r.path), ...result.summary.crownJewels]);
    for (const r of result.reach) r.name = names.get(r.id) ?? r.id;
    return { ...result, identityName: names.get(result.identity) ?? result.identity, names: Object.fromEntries(names) };
  },
  'graph.exposure': (p, s) => {
    const { kase, g } = open(s);
    const result = presentExposure(g, exposure(g, single(kase, g, p.id)), p.limit);
    const names = displayNames(kase, [result.target, ...result.identities.map((i) => i.id), ...(result.principals ?? []).map((i) => i.id)]);
    for (const i of result.identities) i.name = names.get(i.id) ?? i.id;
    for (const i of result.principals ?? []) i.name = names.get(i.id) ?? i.id;
    return { ...result, targetName: names.get(result.target) ?? result.target };
  },
  'graph.paths': (p, s) => {
    const { kase, g } = open(s);
    const from = nonEmpty(resolveNodeRefs(kase, g, p.from, entrySource(kase)), p.from);
    const to = nonEmpty(resolveNodeRefs(kase, g, p.to, entrySource(kase)), p.to);
    const asOfMs = p.asOf === undefined ? undefined : parseAsOf(p.asOf);
    const exercised = asOfMs === undefined ? undefined : exercisedAsOf(kase, g, asOfMs);
    const paths = kShortestPaths(g, from, to, { k: p.k ?? 5, exercised });
    return presentPaths(kase, g, paths, asOfMs, p.eventsPerHop ?? 5);
  },
  'graph.mark': (p, s) => {
    const kase = s.requireWritable();
    const g = graphOf(s);
    return setMark(kase, g.keys[single(kase, g, p.id)], p.mark, p.reason ?? null);
  },
  'graph.unmark': (p, s) => {
    const kase = s.requireWritable();
    const g = graphOf(s);
    const v = resolveNodeRef(kase, g, p.id, entrySource(kase));
    const key = v.length === 1 ? g.keys[v[0]] : p.id;
    return { removed: removeMark(kase, key, p.mark) };
  },
  'graph.marks': (p, s) => {
    const { kase, g } = open(s);
    return listMarks(kase, p.id === undefined ? undefined : g.keys[single(kase, g, p.id)]);
  },
  // The walker asks for these on every visit; they are whole-graph passes that change only with the facts, the
  // marks or the findings (every mark and findings run is audited), so they are kept until then.
  'graph.chokepoints': (p, s) => s.cachedUntilAudit(`graph.chokepoints:${JSON.stringify(p)}`, () => chokepointsOf(p, s)),
  'graph.whatIf': (p, s) => {
    const kase = s.requireCase();
    // Only the baseline (no change, no saved scenario) is kept: the analyst's own what-ifs are each asked once.
    const baseline = p.scenario === undefined && Object.values(p.spec ?? {}).every((changes) => !changes?.length);
    const run = () =>
      whatIf(s, combineSpecs(p.scenario === undefined ? {} : getScenario(kase, p.scenario).spec, p.spec ?? {}), p.scenario ?? null, p.from, p.to);
    return baseline ? s.cachedUntilAudit(`graph.whatIf:${JSON.stringify([p.from, p.to])}`, run) : run();
  },
  'graph.scenarios.save': (p, s) => {
    const kase = s.requireWritable();
    applyScenario(kase, graphOf(s), p.spec, entrySource(kase)); // refuse a scenario that does not apply to this case
    return saveScenario(kase, p.name, p.spec);
  },
  'graph.scenarios.list': (_p, s) => listScenarios(s.requireCase()),
  'graph.scenarios.compare': (p, s) => p.names.map((name) => whatIf(s, getScenario(s.requireCase(), name).spec, name, p.from, p.to)),
  'graph.scenarios.discard': (p, s) => ({ discarded: discardScenario(s.requireWritable(), p.name) }),
  'graph.neighbours': (p, s) => {
    const { kase, g } = open(s);
    const result = neighbours(g, single(kase, g, p.id), p.direction ?? 'both', p.kinds, p.limit ?? 200);
    const names = displayNames(
      kase,
      result.nodes.map((n) => n.id),
    );
    for (const n of result.nodes) n.name = names.get(n.id) ?? n.id;
    return result;
  },
  'graph.node': (p, s) => {
    const { kase, g } = open(s);
    return nodeDetail(kase, g, single(kase, g, p.id));
  },
};

function chokepointsOf(p: Params<'graph.chokepoints'>, s: Session): Result<'graph.chokepoints'> {
  const { kase, g } = open(s);
  const entries = nonEmpty(resolveNodeRefs(kase, g, p.from ?? [ENTRY_REF], entrySource(kase)), p.from ?? [ENTRY_REF]);
  const crowns = nonEmpty(resolveNodeRefs(kase, g, p.to ?? [CROWN_REF], entrySource(kase)), p.to ?? [CROWN_REF]);
  const result = presentChokepoints(g, chokepoints(g, entries, crowns, p.limit ?? 10), entries, crowns);
  const keys = [
    ...result.entries,
    ...result.crownJewels,
    ...result.nodes.map((n) => n.id),
    ...[...result.edges, ...result.minCut].flatMap((e) => [e.from, e.to]),
  ];
  return { ...result, names: nameRecord(kase, keys) };
}

function open(s: Session): { kase: CaseFile; g: AnalysisGraph } {
  const kase = s.requireCase();
  return { kase, g: graphOf(s) };
}

function single(kase: CaseFile, g: AnalysisGraph, ref: string): number {
  const found = resolveNodeRef(kase, g, ref, entrySource(kase));
  if (found.length !== 1) throw new ApiError('bad-input', `${ref} names ${found.length} nodes here; give one node id`);
  return found[0];
}

function nonEmpty(nodes: number[], refs: readonly string[]): number[] {
  if (nodes.length) return nodes;
  if (refs.includes(ENTRY_REF)) {
    throw new ApiError('bad-input', 'no entry points: mark identities with `blastmap mark <case> <id> --as compromised` (or run findings)');
  }
  throw new ApiError('bad-input', 'no crown jewels: mark systems with `blastmap mark <case> <id> --as crown-jewel` or set criticality critical');
}

/** A date means the end of that day (UTC); a date-time is taken as given. */
export function parseAsOf(text: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const ms = parseIsoMillis(dateOnly ? `${text.trim()}T23:59:59.999Z` : text);
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new ApiError('bad-request', `--as-of: not an ISO 8601 date: ${text.slice(0, 40)}`);
  return ms;
}

function whatIf(s: Session, spec: ScenarioSpec, name: string | null, from?: string[], to?: string[]): WhatIfResult {
  const { kase, g } = open(s);
  const entries = nonEmpty(resolveNodeRefs(kase, g, from ?? [ENTRY_REF], entrySource(kase)), from ?? [ENTRY_REF]);
  const crowns = nonEmpty(resolveNodeRefs(kase, g, to ?? [CROWN_REF], entrySource(kase)), to ?? [CROWN_REF]);
  const changed = applyScenario(kase, g, spec, entrySource(kase));
  const crownsAfter = [...crowns];
  for (let v = g.nodeCount; v < changed.graph.nodeCount; v++) if (changed.graph.criticality[v] === 4) crownsAfter.push(v);
  const before = measure(g, entries, crowns);
  const after = measure(changed.graph, entries, crownsAfter);
  return { scenario: name, applied: changed.applied, before, after, delta: difference(after, before) };
}
