// dormant-identity: an active identity with live credentials and no use for N days (as of the analysis time).
// In a findings run, each identity's latest successful event comes from the run's shared pass (last-success.ts);
// run on its own (the lifecycle metrics count dormant identities too), it asks the case per identity, which is
// cheaper than a pass over every event when nothing else reads them.
import { ageDays, isActive, isLiveCredential, isTemporary, lastUse, ms } from '../lifecycle.ts';
import { LastSuccess } from '../last-success.ts';
import { fact, isoDay, nodeEvidence } from '../evidence.ts';
import { raise } from '../severity.ts';
import type { DetectContext, Detector, FindingDraft, Thresholds } from '../types.ts';
import { DAY_MS } from '../types.ts';

export const dormantIdentity: Detector = {
  rule: 'dormant-identity',
  defaults: { dormantDays: 90, highDays: 365 },
  detect: (ctx, t) => drafts(ctx, t, (id) => ctx.data.lastEventOf(id, ctx.asOf)),
  watch(ctx, t) {
    const span = ctx.data.eventSpan();
    const last = new LastSuccess(ctx.data, ctx.asOf);
    // Every success up to as-of; none to read when the case has no events (then no identity was used by an event).
    return {
      from: span?.from ?? 1,
      to: span ? ctx.asOf : 0,
      outcome: 1,
      inAnyOrder: true,
      see: (e) => last.see(e),
      finish: () => drafts(ctx, t, (id) => last.of(id)),
    };
  },
};

/** `lastEvent`: an identity's latest successful event up to as-of, by itself or with a credential it holds. */
function drafts({ data, asOf, blast }: DetectContext, t: Thresholds, lastEvent: (identityId: number) => number | null): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const n of data.identities()) {
    if (!isActive(n) || n.unresolved) continue;
    const created = ms(n.createdAt);
    if (created !== null && asOf - created < t.dormantDays * DAY_MS) continue; // too new to be dormant
    // A session key or a pod's rotated token is short-lived by construction: it does not keep an idle identity usable.
    const live = data.credentialsOf(n.id).filter((c) => isLiveCredential(c, asOf) && !isTemporary(c));
    if (!live.length) continue;
    const use = lastUse(data, n, asOf, lastEvent(n.id));
    const idle = ageDays(use.at, asOf);
    if (idle !== null && idle < t.dormantDays) continue;

    const summary = blast?.summary(n.key) ?? null;
    let severity: 'medium' | 'high' | 'critical' = idle === null || idle > t.highDays ? 'high' : 'medium';
    let because =
      idle === null
        ? 'it has never been seen in use'
        : idle > t.highDays
          ? `unused for ${idle} days, beyond ${t.highDays}`
          : `unused for ${idle} days, beyond ${t.dormantDays}`;
    if (summary?.maxPrivilege === 'admin' || (summary?.crownJewels.length ?? 0) > 0) {
      severity = raise(severity) as typeof severity;
      because += ', and it still reaches admin rights or a crown jewel';
    }
    out.push({
      subject: n.key,
      severity,
      severityBecause: because,
      title: `${n.subkind ?? 'identity'} ${n.key} ${idle === null ? 'never used' : `unused for ${idle} days`} but active with ${live.length} live credential${live.length > 1 ? 's' : ''}`,
      evidence: [
        nodeEvidence(n),
        ...live.map((c) => nodeEvidence(c)),
        fact('last_use', use.at !== null ? new Date(use.at).toISOString() : null, use.basis ?? 'no use recorded up to the as-of time'),
        fact('idle_days', idle),
        ...(summary
          ? [fact('blast_radius', { reached: summary.reached, maxPrivilege: summary.maxPrivilege, crownJewels: summary.crownJewels })]
          : []),
        fact('threshold', `${t.dormantDays} days before ${isoDay(asOf)}`),
      ],
    });
  }
  return out;
}
