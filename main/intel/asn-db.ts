// IP → ASN and organisation from @ip-location-db/asn (RouteViews + DB-IP, CC BY 4.0), entirely offline.
// Loaded lazily, once per process, into sorted typed arrays (~412k IPv4 and ~103k IPv6 ranges);
// a lookup is a binary search. The attribution lives in shared/catalogs/attribution.ts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { RangeIndex } from './range-index.ts';
import type { ParsedIp } from './ip.ts';

export interface AsnInfo {
  asn: number;
  org: string;
}

export interface AsnDb {
  lookup(ip: ParsedIp): AsnInfo | null;
  /** Organisation name for an ASN (as written in the database), or null when the ASN is not in it. */
  orgOf(asn: number): string | null;
  readonly ranges: number;
  readonly loadMs: number;
}

let loaded: AsnDb | null = null;

/** The process-wide database; the first call reads the files (a few hundred ms). */
export function asnDb(): AsnDb {
  loaded ??= loadAsnDb(packageDir());
  return loaded;
}

function packageDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
  } catch {
    return path.resolve(import.meta.dirname, '..', '..', 'node_modules', '@ip-location-db', 'asn');
  }
}

export function loadAsnDb(dir: string): AsnDb {
  const started = performance.now();
  const orgs: string[] = [];
  const orgIds = new Map<string, number>();
  const asnOrg = new Map<number, number>();
  const orgId = (org: string) => {
    let id = orgIds.get(org);
    if (id === undefined) {
      id = orgs.length;
      orgs.push(org);
      orgIds.set(org, id);
    }
    return id;
  };
  // One payload per range: its ASN and the organisation named on that row (an ASN can be renamed between rows).
  const asns: number[] = [];
  const rangeOrgs: number[] = [];
  const payloadOf = (asn: number, org: string) => {
    const id = orgId(org);
    if (!asnOrg.has(asn)) asnOrg.set(asn, id);
    asns.push(asn);
    rangeOrgs.push(id);
    return asns.length - 1;
  };

  const v4 = readRows(path.join(dir, 'asn-ipv4-num.csv'));
  const s4 = new Uint32Array(v4.length);
  const e4 = new Uint32Array(v4.length);
  const p4 = new Int32Array(v4.length);
  let n4 = 0;
  let lastEnd = -1;
  for (const r of v4) {
    // The file is sorted; an occasional overlap is clipped so the arrays stay disjoint for binary search.
    const start = Math.max(Number(r.start), lastEnd + 1);
    const end = Number(r.end);
    if (!(end >= start) || end > 0xffffffff) continue;
    s4[n4] = start;
    e4[n4] = end;
    p4[n4++] = payloadOf(r.asn, r.org);
    lastEnd = end;
  }

  const v6 = readRows(path.join(dir, 'asn-ipv6-num.csv'));
  const s6: bigint[] = [];
  const e6: bigint[] = [];
  const p6: number[] = [];
  let lastEnd6 = -1n;
  for (const r of v6) {
    let start: bigint;
    let end: bigint;
    try {
      start = BigInt(r.start);
      end = BigInt(r.end);
    } catch {
      continue;
    }
    if (start <= lastEnd6) start = lastEnd6 + 1n;
    if (end < start) continue;
    s6.push(start);
    e6.push(end);
    p6.push(payloadOf(r.asn, r.org));
    lastEnd6 = end;
  }

  const index = RangeIndex.fromSorted(s4.subarray(0, n4), e4.subarray(0, n4), p4.subarray(0, n4), s6, e6, Int32Array.from(p6));
  const asnArr = Int32Array.from(asns);
  const payloadOrg = Int32Array.from(rangeOrgs);
  const loadMs = performance.now() - started;

  return {
    ranges: n4 + s6.length,
    loadMs,
    lookup(ip) {
      const p = ip.family === 4 ? index.find4(ip.n) : index.find6(ip.big);
      return p < 0 ? null : { asn: asnArr[p], org: orgs[payloadOrg[p]] };
    },
    orgOf(asn) {
      const id = asnOrg.get(asn);
      return id === undefined ? null : orgs[id];
    },
  };
}

interface AsnRow {
  start: string;
  end: string;
  asn: number;
  org: string;
}

/** `start,end,asn,org` lines; org may be quoted with doubled quotes. Malformed lines are skipped. */
function readRows(file: string): AsnRow[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const rows: AsnRow[] = [];
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.charCodeAt(nl - 1) === 13 ? text.slice(pos, nl - 1) : text.slice(pos, nl);
    pos = nl + 1;
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    if (c1 <= 0 || c2 < 0 || c3 < 0) continue;
    const asn = Number(line.slice(c2 + 1, c3));
    if (!Number.isInteger(asn)) continue;
    let org = line.slice(c3 + 1);
    if (org.startsWith('"') && org.endsWith('"')) org = org.slice(1, -1).replaceAll('""', '"');
    rows.push({ start: line.slice(0, c1), end: line.slice(c1 + 1, c2), asn, org });
  }
  return rows;
}
