// credential-reuse: one credential (or one non-human identity without a recorded credential) used from
// many distinct networks, ASNs or client types. Raw IPs are never counted: pods and CI pools rotate
// addresses inside one network, and that is one workload, not reuse.
// Two reads: the shared pass over the detection window finds the subjects that spread, counting distinct
// values only up to the thresholds (a large case has hundreds of thousands of short-lived credentials,
// nearly all used from one place); a second read of those subjects' events only gathers the evidence.
import { fact, isoTime, nodeEvidence, eventEvidence } from '../evidence.ts';
import { eventNhi, isAnonymous, isOwnNetwork } from '../event-subjects.ts';
import { before, type StreamPosition } from '../stream-position.ts';
import type { CaseData, EventRow, NodeRow } from '../case-data.ts';
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

/** The three kinds of value whose spread is counted, as columns of SpreadCount.firstValue. */
const NETWORK = 0;
const ASN = 1;
const CLIENT = 2;

/**
 * Finds the subjects whose successful use spreads past the thresholds, counting distinct values only up to
 * the count that decides. Fed events in any order; answers in order of first successful use.
 * A large case has a million credentials nearly all used from one place, so the state is held in columns by
 * node id (typed arrays, no object or string key per subject): the first distinct network, ASN and client of
 * each subject, interned as numbers; only the few subjects with a second value get a list.
 */
class SpreadCount {
  private readonly data: CaseData;
  private readonly t: Thresholds;
  private readonly upTo: [networks: number, asns: number, clients: number];
  /** By node id: 0 never seen, 1 seen, 2 spread (counting stops). */
  private readonly state: Uint8Array;
  /** By node id: the subject's first successful use in stream order (time, then event id). */
  private readonly firstTs: Float64Array;
  private readonly firstId: Float64Array;
  /** Three per node id (network, ASN, client): the first distinct value seen, -1 for none yet. */
  private readonly firstValue: Int32Array;
  /** The distinct values after the first, by node id, for subjects that have any. */
  private readonly more = new Map<number, [number[], number[], number[]]>();
  private readonly interned: [Map<string, number>, Map<number, number>, Map<string, number>] = [new Map(), new Map(), new Map()];

  constructor(data: CaseData, t: Thresholds) {
    this.data = data;
    this.t = t;
    // Counting further than these never changes the answer.
    this.upTo = [Math.max(t.minNetworks, 2), t.minAsns, t.minClients];
    const slots = data.maxNodeId() + 1;
    this.state = new Uint8Array(slots);
    this.firstTs = new Float64Array(slots);
    this.firstId = new Float64Array(slots);
    this.firstValue = new Int32Array(slots * 3).fill(-1);
  }

  see(e: EventRow): void {
    const subject = subjectNode(this.data, e);
    if (!subject) return;
    const s = subject.id;
    if (!this.state[s]) {
      this.state[s] = 1;
      this.firstTs[s] = e.ts;
      this.firstId[s] = e.id;
    } else if (e.ts < this.firstTs[s] || (e.ts === this.firstTs[s] && e.id < this.firstId[s])) {
      this.firstTs[s] = e.ts;
      this.firstId[s] = e.id;
    }
    if (this.state[s] === 2) return;
    const net = e.net;
    // The organisation's declared ranges (a CI fleet across its runner ranges) are one place, not many.
    if (isOwnNetwork(net)) return;
    const { t } = this;
    const n = net.network !== null ? this.addUpTo(s, NETWORK, intern(this.interned[NETWORK], net.network)) : this.count(s, NETWORK);
    const asns = net.asn !== null ? this.addUpTo(s, ASN, intern(this.interned[ASN], net.asn)) : this.count(s, ASN);
    const clients = this.addUpTo(s, CLIENT, intern(this.interned[CLIENT], clientFamily(e.userAgent)));
    if (n >= t.minNetworks || asns >= t.minAsns || (clients >= t.minClients && n >= 2)) {
      this.state[s] = 2;
      this.more.delete(s);
    }
  }

  spreading(): string[] {
    const found: { key: string; first: StreamPosition }[] = [];
    for (let s = 0; s < this.state.length; s++) {
      if (this.state[s] === 2) found.push({ key: this.data.node(s)!.key, first: { ts: this.firstTs[s], id: this.firstId[s] } });
    }
    return found.sort((a, b) => (before(a.first, b.first) ? -1 : before(b.first, a.first) ? 1 : 0)).map((f) => f.key);
  }

  /** How many distinct values of one kind the subject has so far. */
  private count(s: number, kind: number): number {
    if (this.firstValue[s * 3 + kind] === -1) return 0;
    return 1 + (this.more.get(s)?.[kind].length ?? 0);
  }

  /** Adds a value of one kind to the subject's distinct values unless it holds the limit already; returns how many it holds. */
  private addUpTo(s: number, kind: number, value: number): number {
    const limit = this.upTo[kind];
    const at = s * 3 + kind;
    const first = this.firstValue[at];
    if (first === -1) {
      if (limit < 1) return 0;
      this.firstValue[at] = value;
      return 1;
    }
    let more = this.more.get(s);
    const held = 1 + (more?.[kind].length ?? 0);
    if (first === value || held >= limit || more?.[kind].includes(value)) return held;
    if (!more) this.more.set(s, (more = [[], [], []]));
    more[kind].push(value);
    return held + 1;
  }
}

/** The number standing for a value in one subject's lists (values of a case are a few thousand distinct). */
function intern<K>(ids: Map<K, number>, value: K): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = ids.size));
  return id;
}

/** The node whose reuse this event counts toward: its credential, else the non-human identity it speaks for. */
function subjectNode(data: CaseData, e: EventRow): NodeRow | undefined {
  return data.node(e.credentialId) ?? eventNhi(data, e);
}

function count(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}
