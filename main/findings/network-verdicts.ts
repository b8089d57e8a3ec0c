// Network verdicts for auth events, computed once per (address, logged ASN) and reused: classifying an
// address (parse, ASN lookup, analyst CIDRs, every list) costs far more than a map lookup, and a case has
// millions of events from a few thousand addresses. The one exception is an address some list holds as a
// time-stamped Tor exit: whether it counts depends on the event's time, so it is classified per event.
import type { NetworkIntel, NetworkVerdict } from '../intel/network-intel.ts';
import { BoundedCache } from './bounded-cache.ts';

export const VERDICT_CACHE_SIZE = 200_000;

export class NetworkVerdicts {
  private readonly intel: () => NetworkIntel;
  private loaded: NetworkIntel | null = null;
  /** null marks an address whose verdict depends on time (never cached). */
  private readonly cache: BoundedCache<string, NetworkVerdict | null>;

  private readonly limit: number;

  constructor(intel: () => NetworkIntel, limit = VERDICT_CACHE_SIZE) {
    this.intel = intel;
    this.limit = limit;
    this.cache = new BoundedCache(limit);
  }

  /** Verdicts by (logged ASN, address term id): number keys, so the hot path builds and hashes no string per event. */
  private readonly byTerm = new Map<number, BoundedCache<number, NetworkVerdict | null>>();

  /**
   * As `of`, for an event whose address the case stores as term `ipTerm` (the findings pass): the same verdict,
   * found by numbers.
   */
  ofTerm(ipTerm: number | null, ip: string | null, ts: number, asn: number | null): NetworkVerdict {
    if (ipTerm === null) return this.of(ip, ts, asn);
    const asnKey = asn ?? -1;
    let byIp = this.byTerm.get(asnKey);
    if (!byIp) {
      // Bounded however many ASNs a hostile log names: past the limit the per-ASN caches start again.
      if (this.byTerm.size >= 10_000) this.byTerm.clear();
      this.byTerm.set(asnKey, (byIp = new BoundedCache(this.limit)));
    }
    const hit = byIp.get(ipTerm);
    if (hit) return hit;
    const intel = (this.loaded ??= this.intel());
    if (hit === undefined) {
      if (intel.dependsOnTime(ip)) {
        byIp.set(ipTerm, null);
      } else {
        const verdict = intel.classify(ip, ts, asn);
        byIp.set(ipTerm, verdict);
        return verdict;
      }
    }
    return intel.classify(ip, ts, asn);
  }

  /** The verdict for an event from `ip` at `ts` with the ASN its log gave. Shared between events: do not modify. */
  of(ip: string | null, ts: number, asn: number | null): NetworkVerdict {
    const intel = (this.loaded ??= this.intel());
    // The ASN (digits or nothing) goes first, so no address text can make two keys collide.
    const key = `${asn ?? ''}|${ip ?? ''}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (hit === undefined) {
      if (intel.dependsOnTime(ip)) {
        this.cache.set(key, null);
      } else {
        const verdict = intel.classify(ip, ts, asn);
        this.cache.set(key, verdict);
        return verdict;
      }
    }
    return intel.classify(ip, ts, asn);
  }
}
