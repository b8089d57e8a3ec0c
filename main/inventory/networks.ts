// Which imported network (networks.csv CIDR → class) an event's source IP falls in. Longest prefix wins.
// Built once per case generation; lookups are one Map probe per distinct prefix length.
import ipaddr from 'ipaddr.js';
import type { CaseFile } from '../store/case-file.ts';
import { networkNodeRows } from '../store/network-nodes.ts';

export interface NetworkMatch {
  cidr: string;
  networkClass: string | null;
  label: string | null;
}

export interface NetworkClassifier {
  lookup(ip: string | null): NetworkMatch | null;
}

export function buildClassifier(kase: CaseFile): NetworkClassifier {
  const rows = networkNodeRows(kase.db);
  // family → prefix length → masked address → match
  const tables = new Map<string, Map<number, Map<string, NetworkMatch>>>();
  for (const row of rows) {
    if (!row.cidr) continue;
    try {
      const [addr, bits] = ipaddr.parseCIDR(row.cidr);
      const family = addr.kind();
      const byLength = tables.get(family) ?? new Map<number, Map<string, NetworkMatch>>();
      tables.set(family, byLength);
      const entries = byLength.get(bits) ?? new Map<string, NetworkMatch>();
      byLength.set(bits, entries);
      entries.set(masked(addr, bits), { cidr: row.cidr, networkClass: row.subkind, label: row.name });
    } catch {
      // A network row that no longer parses cannot classify anything; the importer already validated it.
    }
  }
  const lengths = new Map([...tables].map(([family, byLength]) => [family, [...byLength.keys()].sort((a, b) => b - a)]));
  const cache = new Map<string, NetworkMatch | null>();
  return {
    lookup(ip) {
      if (!ip) return null;
      const hit = cache.get(ip);
      if (hit !== undefined) return hit;
      let found: NetworkMatch | null = null;
      try {
        let addr = ipaddr.parse(ip);
        if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
        const byLength = tables.get(addr.kind());
        for (const bits of lengths.get(addr.kind()) ?? []) {
          found = byLength?.get(bits)?.get(masked(addr, bits)) ?? null;
          if (found) break;
        }
      } catch {
        found = null;
      }
      if (cache.size < 1_000_000) cache.set(ip, found);
      return found;
    },
  };
}

function masked(addr: ipaddr.IPv4 | ipaddr.IPv6, bits: number): string {
  const bytes = addr.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    bytes[i] &= keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
  }
  return bytes.join('.');
}
