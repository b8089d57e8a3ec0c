// unused-entitlement: a grant held by an identity that no log shows exercised in the observed window
// (the span of the imported auth events). We only know what the logs cover, and the title says so.
import { edgeEvidence, fact, isoDay, nodeEvidence } from '../evidence.ts';
import { ms } from '../lifecycle.ts';
import type { Detector, FindingDraft } from '../types.ts';
import { DAY_MS } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

const CHECKED = new Set(['access', 'has_role', 'can_assume']);

export const unusedEntitlement: Detector = {
  rule: 'unused-entitlement',
  defaults: { graceDays: 14, minObservedDays: 7 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case: nothing shows which grants are used';
  },
  detect({ data, asOf }, t) {
    const span = data.eventSpan();
    if (!span) return [];
    const from = span.from;
    const to = Math.min(span.to, asOf);
    if (to - from < t.minObservedDays * DAY_MS) return [];
    const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    const out: FindingDraft[] = [];
    for (const n of data.identities()) {
      if (n.status === 'disabled' || n.status === 'deleted') continue;
      for (const e of data.edgesFrom(n.id)) {
        if (!CHECKED.has(e.kind)) continue;
        const granted = ms(e.grantedAt);
        if (granted !== null && granted > to - t.graceDays * DAY_MS) continue; // too new to judge
        const used = data.usage(e.src, e.dst);
        const inventoryUse = ms(e.lastUsedAt);
        if ((used && used.lastSeen >= from) || (inventoryUse !== null && inventoryUse >= from)) continue;
        // Events imported before the credential inventory name only the credential: count those too.
        const byCredential = data.lastEventOf(n.id, to, e.dst);
        if (byCredential !== null && byCredential >= from) continue;
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
    }
    return out;
  },
};
