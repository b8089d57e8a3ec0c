// Which edges of the analysis graph hold only under a Condition the case cannot decide (AWS policy conditions,
// "potential" escalations without an inventory, superseded trusts), and the condition in words. Blast radius and
// paths use it to say what is uncertain instead of printing a conditional grant as a definite one.
import type { CaseFile } from '../store/case-file.ts';
import { conditionalEdgeRows } from '../store/graph-rows.ts';
import type { AnalysisGraph } from './csr.ts';

export interface ConditionalEdges {
  /** 1 for an edge that holds only under an undecided condition (edge index). */
  readonly mask: Uint8Array;
  readonly count: number;
  /** The condition of a conditional edge, in words. */
  condition(edge: number): string;
}

const cache = new WeakMap<AnalysisGraph, ConditionalEdges>();

export function conditionalEdges(kase: CaseFile, g: AnalysisGraph): ConditionalEdges {
  const cached = cache.get(g);
  if (cached) return cached;
  const rows = conditionalEdgeRows(kase.db);
  const mask = new Uint8Array(g.edgeCount);
  const text = new Map<number, string>();
  if (rows.length) {
    const byDb = new Map<number, string | null>(rows);
    for (let e = 0; e < g.edgeCount; e++) {
      const id = g.edgeDbId[e];
      if (!id || !byDb.has(id)) continue;
      mask[e] = 1;
      text.set(e, describe(byDb.get(id) ?? null));
    }
  }
  const result: ConditionalEdges = { mask, count: text.size, condition: (e) => text.get(e) ?? 'an undecided condition' };
  cache.set(g, result);
  return result;
}

/** The condition in words, from whatever the importer recorded on the edge. */
function describe(props: string | null): string {
  let p: Record<string, unknown> = {};
  try {
    p = props ? (JSON.parse(props) as Record<string, unknown>) : {};
  } catch {
    return 'an undecided condition';
  }
  if (p.potential === true)
    return `potential: ${typeof p.reason === 'string' ? p.reason : 'the export has no inventory of the resources this needs'}`;
  if (p.superseded) return 'a trust a later CloudTrail change no longer names';
  const c = p.conditions ?? p.condition;
  if (c !== undefined && c !== null) return `condition: ${typeof c === 'string' ? c : JSON.stringify(c).slice(0, 300)}`;
  return typeof p.reason === 'string' ? `conditional: ${p.reason}` : 'an undecided condition';
}
