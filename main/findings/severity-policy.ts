// What a severity means across rules (docs/findings.md): posture is never critical on its own; an incident is
// critical only when the identity it concerns reaches a crown jewel or admin. Applied after every detector, so
// each rule keeps its own reasons and the case keeps one meaning of "critical".
import type { RuleId } from '../../shared/catalogs/rules.ts';
import { RULES } from '../../shared/catalogs/rules.ts';
import type { Severity } from '../../shared/model.ts';
import type { BlastLookup } from './blast.ts';
import { markedKeys } from '../store/marks.ts';
import type { CaseData } from './case-data.ts';
import type { FindingDraft } from './types.ts';

/** Persistence rules: a change that hands out access. Critical when what it hands out reaches a crown jewel or admin. */
const RAISED_BY_REACH = new Set<RuleId>(['credential-created-for-another', 'trust-opened-outward', 'mfa-removed']);

/** The identity a finding speaks for: itself, or the holder of a credential subject. */
export function subjectIdentity(data: CaseData, subject: string): string {
  const n = data.resolve(subject);
  if (n && n.kind === 'credential') return data.holderOf(n.id)?.key ?? subject;
  return n?.key ?? subject;
}

export function reachesCrownOrAdmin(blast: BlastLookup | null, key: string): boolean {
  const s = blast?.summary(key) ?? null;
  return !!s && (s.crownJewels.length > 0 || s.maxPrivilege === 'admin');
}

/** Identities the analyst marked compromised: posture about them is no longer hypothetical. */
export function compromisedKeys(data: CaseData): Set<string> {
  return new Set(markedKeys(data.kase.db, 'compromised'));
}

export function applySeverityPolicy(
  rule: RuleId,
  d: FindingDraft,
  data: CaseData,
  blast: BlastLookup | null,
  compromised: ReadonlySet<string> = new Set(),
): FindingDraft {
  const kind = RULES[rule].kind;
  let severity: Severity = d.severity;
  let because = d.severityBecause;
  if (kind === 'posture') {
    if (severity === 'critical' && !compromised.has(subjectIdentity(data, d.subject))) {
      severity = 'high';
      because += '; capped at high: a posture finding is never critical on its own';
    }
  } else {
    const wide = reachesCrownOrAdmin(blast, subjectIdentity(data, d.subject));
    if (severity === 'critical' && !wide) {
      severity = 'high';
      because += '; high, not critical: the identity reaches no crown jewel and no admin';
    } else if (severity === 'high' && wide && RAISED_BY_REACH.has(rule)) {
      severity = 'critical';
      because += '; critical: the identity it concerns reaches a crown jewel or admin';
    }
  }
  if (severity === d.severity) return d;
  // A capped finding keeps the top of its new band: it still outranks what was high to begin with.
  const capped = severity !== 'critical';
  return { ...d, severity, severityBecause: because, scoreAdjust: capped ? 9 : d.scoreAdjust };
}
