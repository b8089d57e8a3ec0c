// unused-entitlement: a grant held by an identity that no log shows exercised in the observed window
// (the span of the imported auth events). We only know what the logs cover, and the title says so.
// Grants the usage roll-up and the inventory already show used are settled first; the rest are settled by the
// run's shared pass over the events (a success by the identity, or with a credential it holds, against the
// grant's target), where one question per grant read every event of the identity and its credentials again.
import { edgeEvidence, fact, isoDay, nodeEvidence } from '../evidence.ts';
import { ms } from '../lifecycle.ts';
import { runAlone } from '../shared-pass.ts';
import type { EdgeRow, EventRow, NodeRow } from '../case-data.ts';
import type { DetectContext, Detector, EventWatch, FindingDraft, Thresholds } from '../types.ts';
import { DAY_MS } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

const CHECKED = new Set(['access', 'has_role', 'can_assume']);

/** A grant no roll-up or inventory date shows used: it is a finding unless an event in the pass shows it used. */
interface Unsettled {
  identity: NodeRow;
  grant: EdgeRow;
  used: { lastSeen: number } | null;
  inventoryUse: number | null;
}

export const unusedEntitlement: Detector = {
  rule: 'unused-entitlement',
  defaults: { graceDays: 14, minObservedDays: 7 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case: nothing shows which grants are used';
  },
  detect: (ctx, t) => runAlone(ctx.data, watch(ctx, t)),
  watch,
};

function watch({ data, asOf }: DetectContext, t: Thresholds): EventWatch {
  const span = data.eventSpan();
  const none: EventWatch = { from: 1, to: 0, see: () => {}, finish: () => [] };
  if (!span) return none;
  const from = span.from;
  const to = Math.min(span.to, asOf);
  if (to - from < t.minObservedDays * DAY_MS) return none;
  const unsettled: Unsettled[] = [];
  for (const n of data.identities()) {
    if (n.status === 'disabled' || n.status === 'deleted') continue;
    for (const e of data.edgesFrom(n.id)) {
      if (!CHECKED.has(e.kind)) continue;
      const granted = ms(e.grantedAt);
      if (granted !== null && granted > to - t.graceDays * DAY_MS) continue; // too new to judge
      const used = data.usage(e.src, e.dst);
      const inventoryUse = ms(e.lastUsedAt);
      if ((used && used.lastSeen >= from) || (inventoryUse !== null && inventoryUse >= from)) continue;
      unsettled.push({ identity: n, grant: e, used, inventoryUse });
    }
  }
  // Targets of the unsettled grants by identity, and the identities holding each credential of theirs: events
  // imported before the credential inventory name only the credential, so those count too.
  const wanted = new Map<number, Set<number>>();
  const holders = new Map<number, number[]>();
  for (const { identity, grant } of unsettled) {
    let targets = wanted.get(identity.id);
    if (!targets) {
      wanted.set(identity.id, (targets = new Set()));
      for (const c of data.edgesFrom(identity.id, 'has_credential')) {
        const list = holders.get(c.dst);
        if (!list) holders.set(c.dst, [identity.id]);
        else if (!list.includes(identity.id)) list.push(identity.id);
      }
    }
    targets.add(grant.dst);
  }
  const exercised = new Map<number, Set<number>>();
  const mark = (identity: number, target: number) => {
    if (!wanted.get(identity)?.has(target)) return;
    const seen = exercised.get(identity);
    if (seen) seen.add(target);
    else exercised.set(identity, new Set([target]));
  };
  const see = (e: EventRow) => {
    const target = e.targetId;
    if (target == null) return;
    if (e.identityId !== null) mark(e.identityId, target);
    if (e.credentialId !== null) for (const holder of holders.get(e.credentialId) ?? []) mark(holder, target);
  };
  const finish = () =>
    drafts(
      unsettled.filter((u) => !exercised.get(u.identity.id)?.has(u.grant.dst)),
      from,
      to,
      data,
    );
  // Every success up to the end of the observed window (the events start at `from`, the first of the case).
  return { from, to, outcome: 1, inAnyOrder: true, see, finish };
}

function drafts(unused: Unsettled[], from: number, to: number, data: DetectContext['data']): FindingDraft[] {
  const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const out: FindingDraft[] = [];
  for (const { identity: n, grant: e, used, inventoryUse } of unused) {
    const target = data.node(e.dst);
    const what =
      e.kind === 'access' ? `${['', 'read', 'write', 'admin'][e.privilege] || 'read'} access to` : e.kind === 'has_role' ? 'role' : 'can assume';
    const severity: Severity = e.kind !== 'access' ? 'medium' : e.privilege >= 3 ? 'high' : e.privilege === 2 ? 'medium' : 'low';
    out.push({
      subject: n.key,
      key: `${e.kind}:${target?.key ?? e.dst}`,
      severity,
      window,
      severityBecause:
        e.kind === 'access'
          ? `the unused grant is ${what.split(' ')[0]} privilege`
          : 'an unused role or assumption widens reach without being needed',
      title: `${n.key}: ${what} ${target?.key ?? e.dst} not used in the observed window (${isoDay(from)} to ${isoDay(to)})`,
      evidence: [
        nodeEvidence(n),
        edgeEvidence(data, e),
        fact('observed_window', window, 'span of the imported auth events, up to the as-of time'),
        fact(
          'last_use',
          used ? new Date(used.lastSeen).toISOString() : e.lastUsedAt,
          used || inventoryUse ? 'before the observed window' : 'never seen in use',
        ),
      ],
    });
  }
  return out;
}
