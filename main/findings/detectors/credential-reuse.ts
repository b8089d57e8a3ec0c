// credential-reuse: one credential (or one non-human identity without a recorded credential) used from
// many distinct networks, ASNs or client types. Raw IPs are never counted: pods and CI pools rotate
// addresses inside one network, and that is one workload, not reuse.
import { fact, isoTime, nodeEvidence, eventEvidence } from '../evidence.ts';
import { ANONYMISING, eventIdentity } from '../event-subjects.ts';
import { isNhi } from '../lifecycle.ts';
import type { EventRow } from '../case-data.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

/** The client family of a user agent: its first product token (`aws-cli/2.15 …` → `aws-cli`, browsers → `browser`). */
export function clientFamily(ua: string | null): string {
  if (!ua) return 'none';
  if (/^Mozilla\/\d/.test(ua)) return 'browser';
  const token = /^[\s"]*([A-Za-z0-9._-]+)/.exec(ua)?.[1];
  return (token ?? ua.slice(0, 20)).toLowerCase();
}

export const credentialReuse: Detector = {
  rule: 'credential-reuse',
  defaults: { minNetworks: 3, minAsns: 3, minClients: 3, maxEvents: 10 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, window }, t) {
    const groups = new Map<string, EventRow[]>();
    for (const e of data.events(window.from, window.to)) {
      if (e.outcome !== 1) continue;
      const identity = eventIdentity(data, e);
      const subject = e.credential ?? (identity && isNhi(identity) ? identity.key : null);
      if (!subject) continue;
      const list = groups.get(subject);
      if (list) list.push(e);
      else groups.set(subject, [e]);
    }
    const win = { from: isoTime(window.from), to: isoTime(window.to) };
    const out: FindingDraft[] = [];
    for (const [subject, events] of groups) {
      const networks = distinct(events, (e) => e.net.network);
      const asns = distinct(events, (e) => (e.net.asn !== null ? `AS${e.net.asn}` : null));
      const clients = distinct(events, (e) => clientFamily(e.userAgent));
      const ips = new Set(events.map((e) => e.ip)).size;
      const spread = networks.size >= t.minNetworks || asns.size >= t.minAsns || (clients.size >= t.minClients && networks.size >= 2);
      if (!spread) continue;
      const anonymous = events.some((e) => e.net.class && ANONYMISING.has(e.net.class));
      const severity: Severity = anonymous || networks.size >= 2 * t.minNetworks ? 'high' : 'medium';
      const node = data.nodeByKeyOf(subject);
      const holder = node?.kind === 'credential' ? data.holderOf(node.id) : undefined;
      out.push({
        subject, severity, window: win, scoreAdjust: Math.min(9, networks.size),
        severityBecause: anonymous ? 'one of the networks is anonymising (Tor, VPN or hosting)'
          : networks.size >= 2 * t.minNetworks ? `${networks.size} networks: far beyond one workload` : `${networks.size} networks, ${asns.size} ASNs, ${clients.size} client types`,
        title: `${node?.kind === 'credential' ? 'credential' : 'identity'} ${subject} used from ${networks.size} networks, ${asns.size} ASNs and ${clients.size} client types (${ips} IPs)`,
        evidence: [
          ...(node ? [nodeEvidence(node)] : []),
          ...(holder ? [nodeEvidence(holder)] : []),
          fact('networks', Object.fromEntries(networks), 'successful events per network in the detection window'),
          fact('asns', Object.fromEntries(asns)),
          fact('clients', Object.fromEntries(clients)),
          fact('distinct_ips', ips, 'not counted: addresses rotate inside one network'),
          // One example event per network shows where each use came from.
          ...[...new Map(events.map((e) => [e.net.network, e])).values()].slice(0, t.maxEvents).map(eventEvidence),
        ],
      });
    }
    return out;
  },
};

function distinct(events: EventRow[], key: (e: EventRow) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) {
    const k = key(e);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
