// Turning what the analyst types into graph nodes: a key, an alias (ARN, key id…), a unique name,
// or the sets @entry (entry points) and @crown (crown jewels).
import { ApiError } from '../../shared/api/contract.ts';
import type { CaseFile } from '../store/case-file.ts';
import { markedKeys } from '../store/marks.ts';
import { aliasLookup, nodeIdsNamed } from '../store/nodes-read.ts';
import type { AnalysisGraph } from './csr.ts';
import { CRITICAL, IDENTITY, SYSTEM } from './semantics.ts';

export const ENTRY_REF = '@entry';
export const CROWN_REF = '@crown';

/**
 * Who the case says may be compromised, as node keys. The API computes it from marks and findings
 * (api/entry-points.ts): graph/ reads neither findings nor their triage, it only decides which keys are nodes.
 */
export interface EntryCandidates {
  /** Nodes the analyst marked compromised: entry points whatever their kind. */
  compromised: readonly string[];
  /** Keys the evidence points at (subjects of open incident findings), those marked trusted already left out. */
  suspected: readonly string[];
}

/** Asked only when a reference names @entry. */
export type EntrySource = () => EntryCandidates;

/** Node indices a reference names; throws ApiError('not-found') (or 'bad-input' when a name is ambiguous). */
export function resolveNodeRef(kase: CaseFile, graph: AnalysisGraph, ref: string, entries: EntrySource): number[] {
  if (ref === ENTRY_REF) return entryPoints(graph, entries());
  if (ref === CROWN_REF) return crownJewels(kase, graph);
  return [resolveOne(kase, graph, ref)];
}

/** Several references, deduplicated, in the order given. */
export function resolveNodeRefs(kase: CaseFile, graph: AnalysisGraph, refs: readonly string[], entries: EntrySource): number[] {
  const seen = new Set<number>();
  for (const ref of refs) for (const i of resolveNodeRef(kase, graph, ref, entries)) seen.add(i);
  return [...seen];
}

function resolveOne(kase: CaseFile, graph: AnalysisGraph, ref: string): number {
  const db = kase.db;
  const byKey = graph.indexOf(ref);
  if (byKey !== undefined) return byKey;
  const aliased = aliasLookup(db)(ref);
  if (aliased !== undefined) {
    const i = graph.indexOfDbId(aliased);
    if (i !== undefined) return i;
  }
  const named = nodeIdsNamed(db, ref);
  if (named.length > 1) throw new ApiError('bad-input', `"${ref.slice(0, 80)}" names several nodes; use the id`);
  const i = named.length ? graph.indexOfDbId(named[0]) : undefined;
  if (i === undefined) throw new ApiError('not-found', `no node with id, alias or name "${ref.slice(0, 80)}"`);
  return i;
}

/**
 * Entry points: nodes marked compromised, plus suspected keys that are identities in the graph (a finding about a
 * system or a network is no way in). Which findings make a key suspected is the API's call (api/entry-points.ts).
 */
export function entryPoints(graph: AnalysisGraph, candidates: EntryCandidates): number[] {
  const out = new Set<number>();
  for (const key of candidates.compromised) {
    const i = graph.indexOf(key);
    if (i !== undefined) out.add(i);
  }
  for (const key of candidates.suspected) {
    const i = graph.indexOf(key);
    if (i !== undefined && graph.kind[i] === IDENTITY) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Crown jewels: nodes marked crown-jewel, plus systems of criticality `critical`. */
export function crownJewels(kase: CaseFile, graph: AnalysisGraph): number[] {
  const mask = crownMask(kase, graph);
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
  return out;
}

export function crownMask(kase: CaseFile, graph: AnalysisGraph): Uint8Array {
  const mask = new Uint8Array(graph.nodeCount);
  for (let i = 0; i < graph.nodeCount; i++) if (graph.kind[i] === SYSTEM && graph.criticality[i] === CRITICAL) mask[i] = 1;
  for (const key of markedKeys(kase.db, 'crown-jewel')) {
    const i = graph.indexOf(key);
    if (i !== undefined) mask[i] = 1;
  }
  return mask;
}
