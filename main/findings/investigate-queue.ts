// The "investigate first" queue: identities ranked by what the logs say happened to them (open incident
// findings) times what they can reach (blast radius), each with the reason in one line. Posture findings never
// enter it: they describe how bad a compromise would be, not that one happened.
import type { QueueEntry } from '../../shared/api/findings.ts';
import type { FindingHead } from '../store/findings-table.ts';
import { ruleKind } from '../../shared/catalogs/rules.ts';
import type { Severity } from '../../shared/model.ts';
import type { BlastLookup } from './blast.ts';
import type { CaseData } from './case-data.ts';
import { subjectIdentity } from './severity-policy.ts';

const WEIGHT: Record<Severity, number> = { critical: 100, high: 50, medium: 20, low: 5, info: 1 };

export function investigateQueue(findings: readonly FindingHead[], data: CaseData, blast: BlastLookup | null, limit = 50): QueueEntry[] {
  const byIdentity = new Map<string, FindingHead[]>();
  for (const f of findings) {
    if (ruleKind(f.rule) !== 'incident' || f.status === 'false-positive' || f.status === 'fixed') continue;
    const who = subjectIdentity(data, f.subject);
    const list = byIdentity.get(who);
    if (list) list.push(f);
    else byIdentity.set(who, [f]);
  }
  const out: QueueEntry[] = [];
  for (const [identity, list] of byIdentity) {
    list.sort((a, b) => b.score - a.score || WEIGHT[b.severity] - WEIGHT[a.severity]);
    // The strongest finding counts whole; corroborating ones (other rules) add, with diminishing weight.
    const rules = new Set<string>();
    let evidence = 0;
    let extra = 0;
    for (const f of list) {
      if (!evidence) evidence = WEIGHT[f.severity];
      else if (!rules.has(f.rule)) extra += WEIGHT[f.severity];
      rules.add(f.rule);
    }
    evidence += 0.3 * Math.min(extra, 150);
    const s = blast?.summary(identity) ?? null;
    const reach = 1 + (s?.crownJewels.length ? 1 : 0) + (s?.maxPrivilege === 'admin' ? 0.5 : 0) + Math.min(1, (s?.score ?? 0) / 100);
    const node = data.resolve(identity);
    const top = list[0];
    const reachWords = s
      ? `; reaches ${s.reached} node${s.reached === 1 ? '' : 's'}${s.crownJewels.length ? `, ${s.crownJewels.length} crown jewel${s.crownJewels.length > 1 ? 's' : ''}` : ''}${s.maxPrivilege ? `, up to ${s.maxPrivilege}` : ''}`
      : '';
    out.push({
      identity,
      name: node?.name ?? null,
      kind: node?.subkind ?? node?.kind ?? null,
      score: Math.round(evidence * reach),
      reason: `${top.title}${list.length > 1 ? ` (+${list.length - 1} more: ${[...rules].filter((r) => r !== top.rule).join(', ') || top.rule})` : ''}${reachWords}`,
      findings: list.map((f) => f.id),
      rules: [...rules],
    });
  }
  out.sort((a, b) => b.score - a.score || a.identity.localeCompare(b.identity));
  return out.slice(0, limit);
}
