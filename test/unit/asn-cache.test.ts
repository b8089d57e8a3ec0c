// The ASN tables are read from a binary copy after the first time (main/intel/asn-cache.ts). The copy must answer
// exactly as the package's CSVs do, and a damaged or foreign copy must be ignored and rebuilt, never trusted.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAsnDb, type AsnDb } from '../../main/intel/asn-db.ts';
import { formatIpv4, formatIpv6, parseIp } from '../../main/intel/ip.ts';
import { seeded, tmpDir } from '../helpers.ts';

const PACKAGE = path.dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
let dir = '';
let before: string | undefined;
beforeEach(() => {
  dir = tmpDir();
  before = process.env.BLASTMAP_CACHE_DIR;
  process.env.BLASTMAP_CACHE_DIR = dir;
});
afterEach(() => {
  if (before === undefined) delete process.env.BLASTMAP_CACHE_DIR;
  else process.env.BLASTMAP_CACHE_DIR = before;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Lookups of random IPv4 and IPv6 addresses (and of known ones), with the organisation of each ASN found. */
function answers(db: AsnDb): unknown[] {
  const random = seeded(20261208);
  const v4 = Array.from({ length: 3000 }, () => formatIpv4(Math.floor(random() * 2 ** 32)));
  // IPv6 from the allocated space (2000::/3) so most land in a range.
  const v6 = Array.from({ length: 1000 }, () => {
    let big = 0x2n;
    for (let i = 0; i < 31; i++) big = (big << 4n) | BigInt(Math.floor(random() * 16));
    return formatIpv6(big << 0n);
  });
  return [...v4, ...v6, '8.8.8.8', '2a0b:f4c0::1'].map((ip) => {
    const hit = db.lookup(parseIp(ip)!);
    return [ip, hit?.asn ?? null, hit?.org ?? null, hit ? db.orgOf(hit.asn) : null];
  });
}

describe('ASN cache', () => {
  it('answers from the binary copy exactly as from the CSVs', () => {
    const fromCsv = loadAsnDb(PACKAGE);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    const fromCache = loadAsnDb(PACKAGE);
    const a = answers(fromCsv);
    expect(answers(fromCache)).toEqual(a);
    expect(a.filter((x) => (x as unknown[])[1] !== null).length).toBeGreaterThan(1000);
    expect(fromCache.ranges).toBe(fromCsv.ranges);
  });

  it('ignores a damaged copy and writes a good one again', () => {
    const reference = answers(loadAsnDb(PACKAGE));
    const file = path.join(dir, fs.readdirSync(dir)[0]);
    const good = fs.readFileSync(file);
    for (const damaged of [
      good.subarray(0, good.length - 7),
      Buffer.from('not a cache'),
      Buffer.concat([good.subarray(0, 12), Buffer.from([0xff, 0xff, 0xff, 0x7f]), good.subarray(16)]),
    ]) {
      fs.writeFileSync(file, damaged);
      expect(answers(loadAsnDb(PACKAGE))).toEqual(reference);
      expect(fs.readFileSync(file).equals(good)).toBe(true);
    }
  });
});
