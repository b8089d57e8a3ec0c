// new-network: a non-human identity uses a source network (analyst CIDR, ASN, or /24 when no ASN is
// known) that it never used in its baseline window. Counting networks, not IPs, keeps pod pools and CI
// fleets that rotate addresses inside one network quiet.
import { fact, isoTime, nodeEvidence, sampleEvents } from '../evidence.ts';
import { ANONYMISING, nhiEventsByIdentity } from '../event-subjects.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

export const newNetwork: Detector = {
  rule: 'new-network',
  defaults: { minBaselineEvents: 5, maxEvents: 10 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, window }, t) {
    const baseline = nhiEventsByIdentity(data, data.events(window.baselineFrom, window.baselineTo - 1));
    const recent = nhiEventsByIdentity(data, data.events(window.from, window.to));
    const win = { from: isoTime(window.from), to: isoTime(window.to), baselineFrom: isoTime(window.baselineFrom), baselineTo: isoTime(window.baselineTo) };
    const out: FindingDraft[] = [];
    for (const [key, { identity, events }] of recent) {
      const before = (baseline.get(key)?.events ?? []).filter((e) => e.outcome === 1);
      if (before.length < t.minBaselineEvents) continue; // no habit to compare against
      const knownNetworks = new Set(before.map((e) => e.net.network));
      const knownClasses = new Set(before.map((e) => e.net.class ?? 'unknown'));
      const fresh = new Map<string, typeof events>();
      for (const e of events) {
        if (e.outcome !== 1 || !e.net.network || knownNetworks.has(e.net.network)) continue;
        const list = fresh.get(e.net.network);
        if (list) list.push(e);
        else fresh.set(e.net.network, [e]);
      }
      for (const [network, hits] of fresh) {
        const cls = hits[0].net.class ?? 'unknown';
        const newClass = !knownClasses.has(cls);
        const severity: Severity = newClass && ANONYMISING.has(cls) ? 'high' : newClass ? 'medium' : 'low';
        out.push({
          subject: key, key: network, severity, window: win,
          severityBecause: newClass ? `both the network and its class (${cls}) are new for this identity` : `the network is new but its class (${cls}) is usual for this identity`,
          title: `${identity.subkind} ${key} used from new network ${network} (${cls}${hits[0].net.org ? `, ${hits[0].net.org}` : ''}) ${hits.length}× since ${hits[0] ? isoTime(hits[0].ts).slice(0, 10) : ''}`,
          evidence: [
            nodeEvidence(identity),
            ...sampleEvents(hits, t.maxEvents),
            fact('baseline_networks', [...knownNetworks], `${before.length} successful events between ${win.baselineFrom.slice(0, 10)} and ${win.baselineTo.slice(0, 10)}`),
            fact('baseline_classes', [...knownClasses]),
          ],
        });
      }
    }
    return out;
  },
};

