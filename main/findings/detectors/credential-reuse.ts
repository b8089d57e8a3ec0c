// credential-reuse: one credential (or one non-human identity without a recorded credential) used from
// many distinct networks, ASNs or client types. Raw IPs are never counted: pods and CI pools rotate
// addresses inside one network, and that is one workload, not reuse.
// Two reads: the shared pass over the detection window finds the subjects that spread, counting distinct
// values only up to the thresholds (a large case has hundreds of thousands of short-lived credentials,
// nearly all used from one place); a second read of those subjects' events only gathers the evidence.
import { fact, isoTime, nodeEvidence, eventEvidence } from '../evidence.ts';
import { eventNhi, isAnonymous, isOwnNetwork } from '../event-subjects.ts';
import { before, type StreamPosition } from '../stream-position.ts';
import type { CaseData, EventRow } from '../case-data.ts';
import type { Detector, FindingDraft, Thresholds } from '../types.ts';
import { behaviouralRule } from '../behavioural-rule.ts';
import { BoundedCache } from '../bounded-cache.ts';
import type { DetectionWindow } from '../windows.ts';
import type { Severity } from '../../../shared/model.ts';

/** Families of the user agents seen (a case has a few thousand distinct agents and millions of events). */
const families = new BoundedCache<string, string>(50_000);

/** The client family of a user agent: its first product token (`aws-cli/2.15 …` → `aws-cli`, browsers → `browser`). */
export function clientFamily(ua: string | null): string {
  if (!ua) return 'none';
  let family = families.get(ua);
  if (family === undefined) families.set(ua, (family = familyOf(ua)));
  return family;
}

function familyOf(ua: string): string {
  if (/^Mozilla\/\d/.test(ua)) return 'browser';
  const token = /^[\s"]*([A-Za-z0-9._-]+)/.exec(ua)?.[1];
  return (token ?? ua.slice(0, 20)).toLowerCase();
}

/** Distinct networks, ASNs and clients of one subject so far, each kept only up to the count that decides. */
interface Spread {
  networks: string[];
  asns: string[];
  clients: string[];
  spread: boolean;
  /** The subject's first successful use (the pass reads events in any order). */
  first: StreamPosition;
}

/** Everything the finding shows about one subject's successful use. */
interface Use {
  networks: Map<string, number>;
  asns: Map<string, number>;
  clients: Map<string, number>;
  ips: Set<string | null>;
  anonymous: boolean;
  /** The last event per network (network null included), for the first maxEvents networks. */
  examples: Map<string | null, EventRow>;
}

export const credentialReuse: Detector = behaviouralRule({
  rule: 'credential-reuse',
  defaults: { minNetworks: 3, minAsns: 3, minClients: 3, maxEvents: 10 },
  watch({ data, window }, t) {
    const spread = new SpreadCount(data, t);
    return { from: window.from, to: window.to, outcome: 1, see: (e) => spread.see(e), finish: () => drafts(data, window, t, spread.spreading()) };
  },
});

function drafts(data: CaseData, window: DetectionWindow, t: Thresholds, spreading: string[]): FindingDraft[] {
  if (!spreading.length) return [];
  const uses = new Map<string, Use>(
    spreading.map((s) => [s, { networks: new Map(), asns: new Map(), clients: new Map(), ips: new Set(), anonymous: false, examples: new Map() }]),
  );
  const maxExamples = Math.floor(t.maxEvents);
  // The second look reads only these subjects' events (through the identity and credential indexes).
  const nodes = spreading.map((key) => data.nodeByKeyOf(key)).filter((n) => n !== undefined);
  const subjects = {
    identities: nodes.filter((n) => n.kind !== 'credential').map((n) => n.id),
    credentials: nodes.filter((n) => n.kind === 'credential').map((n) => n.id),
  };
  for (const e of data.eachEvent(window.from, window.to, { outcome: 1, subjects })) {
    const subject = subjectOf(data, e);
    const use = subject !== null ? uses.get(subject) : undefined;
    if (!use) continue;
    const net = e.net;
    if (isOwnNetwork(net)) continue;
    if (net.network !== null) count(use.networks, net.network);
    if (net.asn !== null) count(use.asns, `AS${net.asn}`);
    count(use.clients, clientFamily(e.userAgent));
    use.ips.add(e.ip);
    if (isAnonymous(net)) use.anonymous = true;
    if (use.examples.has(net.network) || use.examples.size < maxExamples) use.examples.set(net.network, e);
  }

  const win = { from: isoTime(window.from), to: isoTime(window.to) };
  const out: FindingDraft[] = [];
  for (const [subject, { networks, asns, clients, ips, anonymous, examples }] of uses) {
    const severity: Severity = anonymous || networks.size >= 2 * t.minNetworks ? 'high' : 'medium';
    const node = data.nodeByKeyOf(subject);
    const holder = node?.kind === 'credential' ? data.holderOf(node.id) : undefined;
    out.push({
      subject,
      severity,
      window: win,
      scoreAdjust: Math.min(9, networks.size),
      severityBecause: anonymous
        ? 'one of the networks is anonymising (Tor, VPN or hosting)'
        : networks.size >= 2 * t.minNetworks
          ? `${networks.size} networks: far beyond one workload`
          : `${networks.size} networks, ${asns.size} ASNs, ${clients.size} client types`,
      title: `${node?.kind === 'credential' ? 'credential' : 'identity'} ${subject} used from ${networks.size} networks, ${asns.size} ASNs and ${clients.size} client types (${ips.size} IPs)`,
      evidence: [
        ...(node ? [nodeEvidence(node)] : []),
        ...(holder ? [nodeEvidence(holder)] : []),
        fact('networks', Object.fromEntries(networks), 'successful events per network in the detection window'),
        fact('asns', Object.fromEntries(asns)),
        fact('clients', Object.fromEntries(clients)),
        fact('distinct_ips', ips.size, 'not counted: addresses rotate inside one network'),
        // One example event per network shows where each use came from.
        ...[...examples.values()].map(eventEvidence),
      ],
    });
  }
  return out;
}

/** Whose reuse this event counts toward: its credential, else the non-human identity it speaks for. */
function subjectOf(data: CaseData, e: EventRow): string | null {
  return e.credential ?? eventNhi(data, e)?.key ?? null;
}

/**
 * Finds the subjects whose successful use spreads past the thresholds, counting distinct values only up to
 * the count that decides. Fed events in any order; answers in order of first successful use.
 */
class SpreadCount {
  private readonly seen = new Map<string, Spread>();
  private readonly upTo: { networks: number; asns: number; clients: number };
  private readonly data: CaseData;
  private readonly t: Thresholds;

  constructor(data: CaseData, t: Thresholds) {
    this.data = data;
    this.t = t;
    // Counting further than these never changes the answer.
    this.upTo = { networks: Math.max(t.minNetworks, 2), asns: t.minAsns, clients: t.minClients };
  }

  see(e: EventRow): void {
    const subject = subjectOf(this.data, e);
    if (subject === null) return;
    let s = this.seen.get(subject);
    if (!s) this.seen.set(subject, (s = { networks: [], asns: [], clients: [], spread: false, first: { ts: e.ts, id: e.id } }));
    else if (before(e, s.first)) s.first = { ts: e.ts, id: e.id };
    if (s.spread) return;
    const net = e.net;
    // The organisation's declared ranges (a CI fleet across its runner ranges) are one place, not many.
    if (isOwnNetwork(net)) return;
    const { upTo, t } = this;
    if (net.network !== null) addUpTo(s.networks, net.network, upTo.networks);
    if (net.asn !== null) addUpTo(s.asns, `AS${net.asn}`, upTo.asns);
    addUpTo(s.clients, clientFamily(e.userAgent), upTo.clients);
    const n = s.networks.length;
    if (n >= t.minNetworks || s.asns.length >= t.minAsns || (s.clients.length >= t.minClients && n >= 2)) {
      s.spread = true;
      s.networks = s.asns = s.clients = [];
    }
  }

  spreading(): string[] {
    return [...this.seen]
      .filter(([, s]) => s.spread)
      .sort(([, a], [, b]) => (before(a.first, b.first) ? -1 : before(b.first, a.first) ? 1 : 0))
      .map(([subject]) => subject);
  }
}

function addUpTo(values: string[], value: string, limit: number): void {
  if (values.length < limit && !values.includes(value)) values.push(value);
}

function count(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}
