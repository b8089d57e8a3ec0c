// anonymous-network: a non-human identity (or its credential) authenticates from Tor, a consumer VPN or
// anonymous hosting. Higher when the network is new for the identity and when its blast radius is large.
import { fact, isoTime, sampleEvents, nodeEvidence } from '../evidence.ts';
import { ANONYMISING, nhiEventsByIdentity } from '../event-subjects.ts';
import { isLargeBlast } from '../blast.ts';
import { raise } from '../severity.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

const BASE: Record<string, Severity> = { tor: 'high', vpn: 'high', hosting: 'medium' };

export const anonymousNetwork: Detector = {
  rule: 'anonymous-network',
  defaults: { largeBlastScore: 20, maxEvents: 20 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, window, blast }, t) {
    const baseline = nhiEventsByIdentity(data, data.events(window.baselineFrom, window.baselineTo - 1));
    const recent = nhiEventsByIdentity(data, data.events(window.from, window.to));
    const win = { from: isoTime(window.from), to: isoTime(window.to), baselineFrom: isoTime(window.baselineFrom), baselineTo: isoTime(window.baselineTo) };
    const out: FindingDraft[] = [];
    for (const [key, { identity, events }] of recent) {
      const seenBefore = new Set((baseline.get(key)?.events ?? []).map((e) => e.net.network));
      const byClass = new Map<string, typeof events>();
      for (const e of events) {
        if (!e.net.class || !ANONYMISING.has(e.net.class)) continue;
        const list = byClass.get(e.net.class);
        if (list) list.push(e);
        else byClass.set(e.net.class, [e]);
      }
      for (const [cls, hits] of byClass) {
        const successes = hits.filter((e) => e.outcome === 1).length;
        const networks = [...new Set(hits.map((e) => e.net.network))];
        const firstSeen = networks.some((n) => !seenBefore.has(n));
        const summary = blast?.summary(key) ?? null;
        const large = isLargeBlast(summary, t.largeBlastScore);
        let severity = BASE[cls];
        const why: string[] = [`${cls === 'hosting' ? 'anonymous hosting' : cls === 'tor' ? 'Tor' : 'a consumer VPN'}`];
        if (firstSeen) { severity = raise(severity); why.push('never seen for this identity in its baseline'); }
        if (large) { severity = raise(severity); why.push('a large blast radius'); }
        if (!successes) { severity = raise(severity, -1); why.push('but every attempt failed'); }
        const sources = [...new Set(hits.map((e) => e.net.classSource))];
        out.push({
          subject: key, key: cls, severity, window: win, severityBecause: why.join(', '),
          scoreAdjust: Math.min(9, Math.round((summary?.score ?? 0) / 10)),
          title: `${identity.subkind} ${key} authenticated ${hits.length}× from ${cls} (${networks.slice(0, 3).join(', ')}${networks.length > 3 ? ', …' : ''})${successes ? '' : ', all failed'}`,
          evidence: [
            nodeEvidence(identity),
            ...sampleEvents(hits, t.maxEvents),
            fact('classified_by', sources, 'analyst = networks.csv; list:<name> = imported list; asn:curated / asn:org-name = ASN table or heuristic'),
            fact('first_seen_in_window', firstSeen),
            ...(summary ? [fact('blast_radius', { reached: summary.reached, maxPrivilege: summary.maxPrivilege, crownJewels: summary.crownJewels, score: summary.score })] : []),
          ],
        });
      }
    }
    return out;
  },
};

