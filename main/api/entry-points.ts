// @entry, the entry points of a case: what the analyst marked compromised, plus the identities that open incident
// findings name (the logs show misuse, or a change of who can act as them) unless triaged away (false positive,
// fixed) or marked trusted. Posture findings are not entry points: they say what a compromise would cost, not that
// one happened. Computed here, where marks and findings meet, and handed to graph/'s reference resolution.
import { RULE_IDS, ruleKind } from '../../shared/catalogs/rules.ts';
import { entryPoints, type AnalysisGraph, type EntryCandidates, type EntrySource } from '../graph/index.ts';
import type { CaseFile } from '../store/case-file.ts';
import { untriagedSubjectHolders } from '../store/findings-table.ts';
import { markedKeys } from '../store/marks.ts';

const INCIDENT_RULES = RULE_IDS.filter((r) => ruleKind(r) === 'incident');

export function entryCandidates(kase: CaseFile): EntryCandidates {
  const compromised = markedKeys(kase.db, 'compromised');
  const trusted = new Set(markedKeys(kase.db, 'trusted'));
  // A node both marked compromised and trusted stays an entry point: the compromised mark is the analyst's stronger word.
  const suspected = untriagedSubjectHolders(kase.db, INCIDENT_RULES).filter((key) => !trusted.has(key));
  return { compromised, suspected };
}

/** The entry set of this case, read only if a reference asks for @entry. */
export function entrySource(kase: CaseFile): EntrySource {
  return () => entryCandidates(kase);
}

/** The entry points as node indices of `graph`. */
export function entryPointsOf(kase: CaseFile, graph: AnalysisGraph): number[] {
  return entryPoints(graph, entryCandidates(kase));
}
