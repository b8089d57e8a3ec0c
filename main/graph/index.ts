// The graph engine's in-process API (issue 9). Everything other engine code needs goes through here.
//
//   const graph = graphOf(session)              // AnalysisGraph, cached per case generation (rebuilt after imports)
//   const graph = loadGraph(kase)               // the same, uncached
//   const ids = resolveNodeRef(kase, graph, 'alice' | 'arn:…' | 'Alice Analyst' | '@entry' | '@crown', entries)  // node indices
//                                               // (entries: the API's @entry candidates from marks and findings, api/entry-points.ts)
//   const reach = blastRadius(graph, ids)       // typed arrays: nodes, privilege (systems 1–3), hops; path(i), pathEdges(i)
//   const s = summarise(reach, crownMask(kase, graph))   // { reached, byKind, systems, crownJewels, maxPrivilege, score }
//   identityBlast(graph, i, crown)              // the same summary for one node index (what findings need)
//   exposure(graph, target)                     // identities that can reach target: identities, privilege, hops
//   allReachSizes(graph, identities)            // exact blast-radius size of every identity at once (SCC condensation)
//   kShortestPaths(graph, from, to, { k })      // attack paths: { cost, nodes, edges }
//   chokepoints(graph, entries, crowns)         // top edges/nodes by entry→crown paths, exposure cut, min cut
//   applyScenario(kase, graph, spec, entries) / measure  // what-if on a copy of the graph
//   entryPoints(graph, candidates) / crownJewels(kase, graph) / crownMask(kase, graph)
//   setMark / removeMark / listMarks            // audited analyst marks
//
// Node indices are positions in the graph (0..nodeCount-1); graph.keys[i] is the id the analyst sees,
// graph.indexOf(key) goes back. Semantics (docs/graph.md) live in semantics.ts only.
// The API methods over this (graph.blastRadius, graph.exposure, graph.paths, graph.mark, graph.unmark,
// graph.marks, graph.chokepoints, graph.whatIf, graph.scenarios.*, graph.neighbours, graph.node) are in
// shared/api/graph.ts; see docs/graph.md.
import type { CaseCache } from '../store/case-cache.ts';
import { blastRadius } from './blast-radius.ts';
import type { AnalysisGraph } from './csr.ts';
import { loadGraph } from './load.ts';
import { summarise, type BlastSummary } from './summary.ts';

export type { AnalysisGraph } from './csr.ts';
export { GraphBuilder } from './csr.ts';
export { blastRadius, type Reach } from './blast-radius.ts';
export { exposure } from './exposure.ts';
export { summarise, type BlastSummary } from './summary.ts';
export { loadGraph, exercisedAsOf } from './load.ts';
export {
  resolveNodeRef,
  resolveNodeRefs,
  entryPoints,
  crownJewels,
  crownMask,
  ENTRY_REF,
  CROWN_REF,
  type EntryCandidates,
  type EntrySource,
} from './refs.ts';
export { setMark, removeMark, listMarks } from '../store/marks.ts';
export { follow } from './semantics.ts';

/** The case's analysis graph, built once per case generation. */
export function graphOf(session: CaseCache): AnalysisGraph {
  return session.cached('graph', loadGraph);
}

/** Blast-radius summary of one node (reach size, crown jewels reached, max privilege, score). */
export function identityBlast(graph: AnalysisGraph, node: number, crown?: Uint8Array): BlastSummary {
  return summarise(blastRadius(graph, [node]), crown);
}
