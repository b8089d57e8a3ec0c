// Posture findings grouped by rule and pattern ("306 CI tokens hold admin-equivalent access"), so a case
// shows tens of groups instead of thousands of rows. The pattern is the kind of subject (its identity or
// credential subkind); members keep their own findings, ranked most severe and widest-reaching first.
import type { PostureGroup } from '../../shared/api/findings.ts';
import type { FindingHead } from '../store/findings-table.ts';
import { RULES, isRuleId, ruleKind } from '../../shared/catalogs/rules.ts';
import { SEVERITIES } from '../../shared/model.ts';
import type { BlastLookup } from './blast.ts';
import type { CaseData } from './case-data.ts';
import { subjectIdentity } from './severity-policy.ts';

/**
 * Members rank by severity, then by how much the subject's identity reaches (blast score: what a compromise of
 * it would cost), then by how many different rules flag it (corroboration), then by the finding's own score.
 */
export function postureGroups(findings: readonly FindingHead[], data: CaseData, blast: BlastLookup | null = null): PostureGroup[] {
  const groups = new Map<string, PostureGroup>();
  const rulesOf = new Map<string, Set<string>>();
  for (const f of findings) {
    const who = subjectIdentity(data, f.subject);
    let set = rulesOf.get(who);
    if (!set) rulesOf.set(who, (set = new Set()));
    set.add(f.rule);
  }
  const rank = new Map<string, [number, number]>();
  const rankOf = (subject: string): [number, number] => {
    let r = rank.get(subject);
    if (!r) {
      const who = subjectIdentity(data, subject);
      rank.set(subject, (r = [blast?.summary(who)?.score ?? 0, rulesOf.get(who)?.size ?? 0]));
    }
    return r;
  };
  for (const f of findings) {
    if (ruleKind(f.rule) !== 'posture') continue;
    const n = data.resolve(f.subject);
    const pattern = n ? `${n.kind === 'identity' ? '' : `${n.kind} `}${n.subkind ?? n.kind}`.trim() : 'unknown subject';
    const id = `${f.rule}|${pattern}`;
    let g = groups.get(id);
    if (!g) {
      g = { id, rule: f.rule, kind: 'posture', pattern, severity: f.severity, count: 0, open: 0, title: '', members: [] };
      groups.set(id, g);
    }
    g.count++;
    if (f.status === 'open') g.open++;
    if (SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf(g.severity)) g.severity = f.severity;
    g.members.push({
      finding: f.id,
      subject: f.subject,
      name: n?.name ?? null,
      severity: f.severity,
      score: f.score,
      title: f.title,
      status: f.status,
    });
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.members.sort(
      (a, b) =>
        SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
        rankOf(b.subject)[0] - rankOf(a.subject)[0] ||
        rankOf(b.subject)[1] - rankOf(a.subject)[1] ||
        b.score - a.score ||
        a.subject.localeCompare(b.subject),
    );
    const title = isRuleId(g.rule) ? RULES[g.rule].title : g.rule;
    g.title = `${g.count} ${g.pattern}${g.count === 1 ? '' : 's'}: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  }
  out.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || b.count - a.count || a.id.localeCompare(b.id));
  return out;
}
