// Turning what the analyst types into graph nodes: a key, an alias (ARN, key id…), a unique name,
// or the sets @entry (entry points) and @crown (crown jewels).
import { ApiError } from '../../shared/api/contract.ts';
import { RULE_IDS, ruleKind } from '../../shared/catalogs/rules.ts';
import type { CaseFile } from '../store/case-file.ts';
import type { AnalysisGraph } from './csr.ts';
import { CRITICAL, IDENTITY, SYSTEM } from './semantics.ts';

export const ENTRY_REF = '@entry';
export const CROWN_REF = '@crown';

/** Node indices a reference names; throws ApiError('not-found') (or 'bad-input' when a name is ambiguous). */
export function resolveNodeRef(kase: CaseFile, graph: AnalysisGraph, ref: string): number[] {
  if (ref === ENTRY_REF) return entryPoints(kase, graph);
  if (ref === CROWN_REF) return crownJewels(kase, graph);
  return [resolveOne(kase, graph, ref)];
}

/** Several references, deduplicated, in the order given. */
export function resolveNodeRefs(kase: CaseFile, graph: AnalysisGraph, refs: readonly string[]): number[] {
  const seen = new Set<number>();
  for (const ref of refs) for (const i of resolveNodeRef(kase, graph, ref)) seen.add(i);
  return [...seen];
}

function resolveOne(kase: CaseFile, graph: AnalysisGraph, ref: string): number {
  const db = kase.db;
  const byKey = graph.indexOf(ref);
  if (byKey !== undefined) return byKey;
  const aliased = db.prepare('SELECT node_id FROM alias WHERE alias = ?').pluck().get(ref) as number | undefined;
  if (aliased !== undefined) {
    const i = graph.indexOfDbId(aliased);
    if (i !== undefined) return i;
  }
  const named = db.prepare('SELECT id FROM node WHERE name = ? LIMIT 2').pluck().all(ref) as number[];
  if (named.length > 1) throw new ApiError('bad-input', `"${ref.slice(0, 80)}" names several nodes; use the id`);
  const i = named.length ? graph.indexOfDbId(named[0]) : undefined;
  if (i === undefined) throw new ApiError('not-found', `no node with id, alias or name "${ref.slice(0, 80)}"`);
  return i;
}

/**
 * Entry points: nodes marked compromised, plus identities that are the subject of an open incident finding (the
 * logs show misuse, or a change of who can act as them) that the analyst has not triaged away (false positive,
 * fixed) nor marked trusted. Posture findings are not entry points: they say what a compromise would cost, not
 * that one happened. A credential subject stands for the identity holding it.
 */
export function entryPoints(kase: CaseFile, graph: AnalysisGraph): number[] {
  const incidentRules = RULE_IDS.filter((r) => ruleKind(r) === 'incident');
  const keys = kase.db.prepare(`SELECT node_key FROM mark WHERE mark = 'compromised'
    UNION SELECT coalesce((SELECT h.key FROM node c JOIN edge e ON e.dst = c.id AND e.kind = 'has_credential' JOIN node h ON h.id = e.src
        WHERE c.key = f.subject AND c.kind = 'credential' LIMIT 1), f.subject)
      FROM finding f LEFT JOIN triage t ON t.finding_id = f.id
      WHERE f.rule IN (SELECT value FROM json_each(?)) AND coalesce(t.status, 'open') NOT IN ('false-positive', 'fixed')`).pluck().all(JSON.stringify(incidentRules)) as string[];
  const trusted = new Set(kase.db.prepare(`SELECT node_key FROM mark WHERE mark = 'trusted'`).pluck().all() as string[]);
  const marked = new Set(kase.db.prepare(`SELECT node_key FROM mark WHERE mark = 'compromised'`).pluck().all() as string[]);
  const out = new Set<number>();
  for (const key of keys) {
    if (!marked.has(key) && trusted.has(key)) continue;
    const i = graph.indexOf(key);
    if (i !== undefined && (marked.has(key) || graph.kind[i] === IDENTITY)) out.add(i);
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
  for (const key of kase.db.prepare(`SELECT node_key FROM mark WHERE mark = 'crown-jewel'`).pluck().all() as string[]) {
    const i = graph.indexOf(key);
    if (i !== undefined) mask[i] = 1;
  }
  return mask;
}
