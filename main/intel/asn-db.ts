// IP → ASN and organisation from @ip-location-db/asn (RouteViews + DB-IP, CC BY 4.0), entirely offline.
// Loaded lazily, once per process, into sorted typed arrays (~412k IPv4 ranges, ~103k IPv6 ranges), from a
// binary copy of the package's CSVs after the first time (asn-cache.ts); a lookup is a binary search. The
// attribution lives in shared/catalogs/attribution.ts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { RangeIndex } from './range-index.ts';
import { asnCacheFile, fromWords, readAsnCache, toWords, writeAsnCache, type AsnTables } from './asn-cache.ts';
import type { ParsedIp } from './ip.ts';

export interface AsnInfo {
  asn: number;
  org: string;
}

export interface AsnDb {
  lookup(ip: ParsedIp): AsnInfo | null;
  /** The hot path: ASN of an IPv4 number, or -1; allocates nothing. */
  asnOfV4(n: number): number;
  /** Organisation name for an ASN (as written in the database), or null when the ASN is not in it. */
  orgOf(asn: number): string | null;
  readonly ranges: number;
  readonly loadMs: number;
}

let loaded: AsnDb | null = null;

/** The process-wide database; the first call reads the IPv4 file (a few hundred ms). */
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

/** Organisation names, deduplicated. */
class Orgs {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  id(asn: number, org: string): number {
    let id = this.ids.get(org);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(org);
      this.ids.set(org, id);
    }
    return id;
  }
}

export function loadAsnDb(dir: string): AsnDb {
  const started = performance.now();
  const sources = [path.join(dir, 'asn-ipv4-num.csv'), path.join(dir, 'asn-ipv6-num.csv')];
  const cache = asnCacheFile(sources);
  let tables = cache ? readAsnCache(cache) : null;
  if (!tables) {
    tables = readCsvTables(sources[0], sources[1]);
    if (cache && tables.v4.starts.length) writeAsnCache(cache, tables);
  }
  const { v4, v6, orgs } = tables;
  const v4Index = RangeIndex.fromSorted(v4.starts, v4.ends, positions(v4.asn.length), [], [], new Int32Array(0));
  // IPv6 ranges become BigInts, and ASNs get their organisation map, only when first asked for.
  let v6Index: RangeIndex | null = null;
  const v6Ranges = () =>
    (v6Index ??= RangeIndex.fromSorted(
      new Uint32Array(0),
      new Uint32Array(0),
      new Int32Array(0),
      fromWords(v6.starts),
      fromWords(v6.ends),
      positions(v6.asn.length),
    ));
  let byAsn: Map<number, number> | null = null;
  const orgIdOf = (asn: number) => {
    if (!byAsn) {
      byAsn = new Map();
      for (const t of [v4, v6]) for (let i = 0; i < t.asn.length; i++) if (!byAsn.has(t.asn[i])) byAsn.set(t.asn[i], t.org[i]);
    }
    return byAsn.get(asn);
  };
  const loadMs = performance.now() - started;

  return {
    get ranges() {
      return v4.asn.length + v6.asn.length;
    },
    loadMs,
    lookup(ip) {
      if (ip.family === 4) {
        const p = v4Index.find4(ip.n);
        return p < 0 ? null : { asn: v4.asn[p], org: orgs[v4.org[p]] };
      }
      const p = v6Ranges().find6(ip.big);
      return p < 0 ? null : { asn: v6.asn[p], org: orgs[v6.org[p]] };
    },
    asnOfV4(n) {
      const p = v4Index.find4(n);
      return p < 0 ? -1 : v4.asn[p];
    },
    orgOf(asn) {
      const id = orgIdOf(asn);
      return id === undefined ? null : orgs[id];
    },
  };
}

/** 0, 1, 2… n-1: each range's payload is its own position. */
function positions(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Both tables from the package's CSVs (the slow path, once per package version and machine). */
function readCsvTables(v4File: string, v6File: string): AsnTables {
  const orgs = new Orgs();
  const v4 = readV4(v4File, orgs);
  const v6 = readV6(v6File, orgs);
  return { v4, v6, orgs: orgs.names };
}

/** `start,end,asn,org` lines (numeric bounds), parsed straight into typed arrays. Malformed lines are skipped. */
function readV4(file: string, orgs: Orgs): AsnTables['v4'] {
  const text = readText(file);
  const cap = countLines(text);
  const starts = new Uint32Array(cap);
  const ends = new Uint32Array(cap);
  const asns = new Int32Array(cap);
  const orgIds = new Int32Array(cap);
  let n = 0;
  let lastEnd = -1;
  forEachRow(text, (startText, endText, asn, org) => {
    // The file is sorted; an occasional overlap is clipped so binary search stays exact.
    const start = Math.max(Number(startText), lastEnd + 1);
    const end = Number(endText);
    if (!(end >= start) || end > 0xffffffff) return;
    starts[n] = start;
    ends[n] = end;
    asns[n] = asn;
    orgIds[n] = orgs.id(asn, org);
    n++;
    lastEnd = end;
  });
  return { starts: starts.slice(0, n), ends: ends.slice(0, n), asn: asns.slice(0, n), org: orgIds.slice(0, n) };
}

function readV6(file: string, orgs: Orgs): AsnTables['v6'] {
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  const asns: number[] = [];
  const orgIds: number[] = [];
  let lastEnd = -1n;
  forEachRow(readText(file), (startText, endText, asn, org) => {
    let start: bigint;
    let end: bigint;
    try {
      start = BigInt(startText);
      end = BigInt(endText);
    } catch {
      return;
    }
    if (start <= lastEnd) start = lastEnd + 1n;
    if (end < start) return;
    starts.push(start);
    ends.push(end);
    asns.push(asn);
    orgIds.push(orgs.id(asn, org));
    lastEnd = end;
  });
  return { starts: toWords(starts), ends: toWords(ends), asn: Int32Array.from(asns), org: Int32Array.from(orgIds) };
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Calls back with (start, end, asn, org) per well-formed line; org may be quoted with doubled quotes. */
function forEachRow(text: string, row: (start: string, end: string, asn: number, org: string) => void): void {
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const lineEnd = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const c1 = text.indexOf(',', pos);
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : text.indexOf(',', c2 + 1);
    if (c1 > pos && c3 > 0 && c3 < lineEnd) {
      const asn = Number(text.slice(c2 + 1, c3));
      if (Number.isInteger(asn)) {
        let org = text.slice(c3 + 1, lineEnd);
        if (org.length >= 2 && org.startsWith('"') && org.endsWith('"')) org = org.slice(1, -1).replaceAll('""', '"');
        row(text.slice(pos, c1), text.slice(c1 + 1, c2), asn, org);
      }
    }
    pos = nl + 1;
  }
}
