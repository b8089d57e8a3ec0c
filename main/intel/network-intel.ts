// Decides what network an address belongs to and what kind it is, for one case at one time:
// 1. the analyst's CIDRs (networks.csv nodes; the most specific wins) — they always take precedence;
// 2. imported lists (Tor > VPN > cloud > hosting > the rest); time-stamped Tor exits count only
//    within `torWindowMs` of the event;
// 3. the ASN database, classified by the curated table and organisation-name heuristics.
// The network *key* (for baselines) is the analyst CIDR node, else `AS<n>`, else the /24 or /48.
import type { IpIntel } from '../../shared/api/intel.ts';
import type { NetworkClass } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';
import { hasIntelTables as intelTablesExist } from '../store/intel-lists.ts';
import { networkNodeRows } from '../store/intel-networks.ts';
import { asnDb, type AsnDb } from './asn-db.ts';
import { classifyAsn } from './asn-class.ts';
import { coarsePrefix, parseCidr, parseIp, type ParsedIp } from './ip.ts';
import { loadLists, type StoredList } from './list-store.ts';
import { RangeIndex, type RangeInput4, type RangeInput6 } from './range-index.ts';

export const DEFAULT_TOR_WINDOW_MS = 2 * 86_400_000;
const LIST_PRIORITY: NetworkClass[] = ['tor', 'vpn', 'cloud', 'hosting', 'ci_runner', 'corporate', 'residential'];

export interface NetworkVerdict extends IpIntel {
  /** Label of the matching analyst CIDR or list entry, or the ASN note. */
  label: string | null;
}

interface AnalystNet {
  key: string;
  class: NetworkClass;
  label: string | null;
}
interface ListIndex {
  list: StoredList;
  ranges: RangeIndex;
  asns: Map<number, string | null>;
  timed: Map<string, number[]>;
}

export class NetworkIntel {
  private readonly analyst: AnalystNet[];
  private readonly analystIndex: RangeIndex;
  private readonly lists: ListIndex[];
  private readonly torWindowMs: number;
  private db: AsnDb | null = null;
  private readonly useAsnDb: boolean;

  constructor(
    analyst: { cidr: string; key: string; class: NetworkClass; label: string | null }[],
    lists: StoredList[],
    options: { torWindowMs?: number; useAsnDb?: boolean } = {},
  ) {
    this.torWindowMs = options.torWindowMs ?? DEFAULT_TOR_WINDOW_MS;
    this.useAsnDb = options.useAsnDb ?? true;
    const parsed = analyst
      .map((a) => ({ a, range: parseCidr(a.cidr) }))
      .filter((x) => x.range)
      .sort((x, y) => prefixBits(y.range!.text) - prefixBits(x.range!.text));
    this.analyst = parsed.map((x) => x.a);
    this.analystIndex = buildIndex(parsed.map((x) => x.range!.text));
    this.lists = lists.sort((a, b) => LIST_PRIORITY.indexOf(a.class) - LIST_PRIORITY.indexOf(b.class)).map((list) => indexList(list));
  }

  /** The analyst's networks (node kind 'network') and the imported lists of this case. */
  static forCase(kase: CaseFile, options: { torWindowMs?: number; useAsnDb?: boolean } = {}): NetworkIntel {
    const nodes = networkNodeRows(kase.db);
    const analyst = nodes.flatMap((n) => {
      const cidr = safeProps(n.props).cidr;
      return typeof cidr === 'string' && n.subkind ? [{ cidr, key: n.key, class: n.subkind as NetworkClass, label: n.name }] : [];
    });
    return new NetworkIntel(analyst, hasIntelTables(kase) ? loadLists(kase) : [], options);
  }

  /**
   * Everything known about one address at one time (`at` epoch ms; null = ignore time-stamped lists' timing).
   * `parsed`, when the caller already holds the address as numbers (a stored address), saves parsing the text.
   */
  classify(ipText: string | null, at: number | null = null, eventAsn: number | null = null, parsed: ParsedIp | null = null): NetworkVerdict {
    const verdict: NetworkVerdict = {
      ip: ipText ?? '',
      valid: false,
      network: null,
      class: null,
      classSource: null,
      asn: null,
      org: null,
      lists: [],
      label: null,
    };
    const ip = parsed ?? parseIp(ipText);
    if (!ip) return verdict;
    verdict.valid = true;
    const asnHit = this.useAsnDb ? this.asn().lookup(ip) : null;
    verdict.asn = asnHit?.asn ?? eventAsn ?? null;
    verdict.org = asnHit?.org ?? (verdict.asn !== null && this.useAsnDb ? this.asn().orgOf(verdict.asn) : null);

    const analyst = find(this.analystIndex, ip);
    if (analyst >= 0) {
      const net = this.analyst[analyst];
      Object.assign(verdict, { network: net.key, class: net.class, classSource: 'analyst', label: net.label });
    }
    for (const l of this.lists) {
      const label = matchList(l, ip, verdict.asn, at, this.torWindowMs);
      if (label === undefined) continue;
      verdict.lists.push(l.list.name);
      if (!verdict.class) Object.assign(verdict, { class: l.list.class, classSource: `list:${l.list.name}`, label });
    }
    if (!verdict.class && verdict.asn !== null) {
      const c = classifyAsn(verdict.asn, verdict.org);
      if (c) Object.assign(verdict, { class: c.class, classSource: `asn:${c.basis}`, label: c.note });
    }
    verdict.network ??= verdict.asn !== null ? `AS${verdict.asn}` : coarsePrefix(ip);
    return verdict;
  }

  /**
   * Whether `classify` can answer differently for this address at different times: only when some list
   * holds it as a time-stamped Tor exit. Every other verdict can be reused for any event time.
   */
  dependsOnTime(ipText: string | null, parsed: ParsedIp | null = null): boolean {
    if (!this.lists.some((l) => l.timed.size)) return false;
    const ip = parsed ?? parseIp(ipText);
    if (!ip) return false;
    const key = ip.family === 4 ? String(ip.n) : ip.big.toString();
    return this.lists.some((l) => l.timed.has(key));
  }

  private asn(): AsnDb {
    this.db ??= asnDb();
    return this.db;
  }
}

export function hasIntelTables(kase: CaseFile): boolean {
  return intelTablesExist(kase.db);
}

/** Label of the matching entry (null when unlabeled), or undefined when the list does not match. */
function matchList(l: ListIndex, ip: ParsedIp, asn: number | null, at: number | null, windowMs: number): string | null | undefined {
  const hit = find(l.ranges, ip);
  if (hit >= 0) return l.list.entries[hit].label;
  if (asn !== null && l.asns.has(asn)) return l.asns.get(asn) ?? null;
  if (!l.timed.size) return undefined;
  const seen = l.timed.get(ip.family === 4 ? String(ip.n) : ip.big.toString());
  if (!seen) return undefined;
  // An address was a Tor exit only around when it was seen exiting.
  if (at === null) return 'Tor exit';
  return seen.some((t) => Math.abs(t - at) <= windowMs) ? 'Tor exit (seen around the event time)' : undefined;
}

function indexList(list: StoredList): ListIndex {
  const v4: RangeInput4[] = [];
  const v6: RangeInput6[] = [];
  const asns = new Map<number, string | null>();
  const timed = new Map<string, number[]>();
  list.entries.forEach((e, i) => {
    if (e.asn !== null) {
      if (!asns.has(e.asn)) asns.set(e.asn, e.label);
      return;
    }
    const range = e.cidr ? parseCidr(e.cidr) : null;
    if (!range) return;
    if (e.seenAt !== null) {
      const key = String(range.start);
      const times = timed.get(key);
      if (times) times.push(e.seenAt);
      else timed.set(key, [e.seenAt]);
      return;
    }
    if (range.family === 4) v4.push({ start: range.start as number, end: range.end as number, payload: i });
    else v6.push({ start: range.start as bigint, end: range.end as bigint, payload: i });
  });
  return { list, ranges: RangeIndex.build(v4, v6), asns, timed };
}

function buildIndex(cidrs: string[]): RangeIndex {
  const v4: RangeInput4[] = [];
  const v6: RangeInput6[] = [];
  cidrs.forEach((c, i) => {
    const r = parseCidr(c)!;
    if (r.family === 4) v4.push({ start: r.start as number, end: r.end as number, payload: i });
    else v6.push({ start: r.start as bigint, end: r.end as bigint, payload: i });
  });
  return RangeIndex.build(v4, v6);
}

function find(index: RangeIndex, ip: ParsedIp): number {
  return ip.family === 4 ? index.find4(ip.n) : index.find6(ip.big);
}

function prefixBits(cidr: string): number {
  return Number(cidr.slice(cidr.indexOf('/') + 1));
}

function safeProps(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
