// Address parsing, range lookups (checked against brute force), the offline ASN database and ASN classes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asnDb } from '../../main/intel/asn-db.ts';
import { classifyAsn } from '../../main/intel/asn-class.ts';
import { coarsePrefix, parseCidr, parseIp } from '../../main/intel/ip.ts';
import { RangeIndex } from '../../main/intel/range-index.ts';
import { DATA_ATTRIBUTIONS, IP_ASN_ATTRIBUTION } from '../../shared/catalogs/attribution.ts';

const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

describe('parseIp', () => {
  it('reads plain, padded, bracketed, ported, zoned and mapped forms', () => {
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, n: v4(10, 0, 0, 1) });
    expect(parseIp('010.000.000.001')).toEqual({ family: 4, n: v4(10, 0, 0, 1) });
    expect(parseIp('203.0.113.9:443')).toEqual({ family: 4, n: v4(203, 0, 113, 9) });
    expect(parseIp('::ffff:198.51.100.1')).toEqual({ family: 4, n: v4(198, 51, 100, 1) });
    expect(parseIp('[2001:db8::1]')).toEqual({ family: 6, big: 0x20010db8000000000000000000000001n });
    expect(parseIp('fe80::1%eth0')).toEqual({ family: 6, big: 0xfe800000000000000000000000000001n });
  });

  it('returns null for anything that is not an address', () => {
    for (const s of ['', '256.1.1.1', '1.2.3', 'example.com', '1.2.3.4.5', ':::', 'x'.repeat(200), null, undefined]) expect(parseIp(s)).toBeNull();
  });
});

describe('parseCidr', () => {
  it('masks host bits and canonicalises', () => {
    expect(parseCidr('10.1.2.3/8')).toMatchObject({ family: 4, start: v4(10, 0, 0, 0), end: v4(10, 255, 255, 255), text: '10.0.0.0/8' });
    expect(parseCidr('192.0.2.7')).toMatchObject({ text: '192.0.2.7/32' });
    expect(parseCidr('2001:db8:1:2::5/48')?.text).toBe('2001:db8:1::/48');
    expect(parseCidr('1.2.3.4/33')).toBeNull();
    expect(parseCidr('1.2.3.4/x')).toBeNull();
  });

  it('gives the coarse network of last resort', () => {
    expect(coarsePrefix(parseIp('203.0.113.77')!)).toBe('203.0.113.0/24');
    expect(coarsePrefix(parseIp('2001:db8:1:2::5')!)).toBe('2001:db8:1::/48');
  });
});

describe('RangeIndex', () => {
  it('answers like a brute-force scan, earliest-added range winning overlaps', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 300 })).map(([s, len]) => ({ start: s, end: s + len }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 2400 }), { maxLength: 50 }), (ranges, probes) => {
        const index = RangeIndex.build(
          ranges.map((r, i) => ({ ...r, payload: i })),
          [],
        );
        for (const p of probes) {
          const expected = ranges.findIndex((r) => r.start <= p && p <= r.end);
          expect(index.find4(p)).toBe(expected);
        }
      }),
    );
  });

  it('handles IPv6 and the edges of the address space', () => {
    const index = RangeIndex.build([{ start: 0, end: 0xffffffff, payload: 7 }], [{ start: 0n, end: (1n << 128n) - 1n, payload: 9 }]);
    expect(index.find4(0)).toBe(7);
    expect(index.find4(0xffffffff)).toBe(7);
    expect(index.find6((1n << 128n) - 1n)).toBe(9);
    expect(RangeIndex.build([], []).find4(5)).toBe(-1);
  });
});

describe('ASN database (@ip-location-db/asn)', () => {
  it('maps addresses to ASN and organisation, IPv4 and IPv6', () => {
    const db = asnDb();
    expect(db.lookup(parseIp('8.8.8.8')!)).toMatchObject({ asn: 15169 });
    expect(db.lookup(parseIp('185.220.101.1')!)?.asn).toBe(60729);
    expect(db.lookup(parseIp('2a0b:f4c0::1')!)?.asn).toBe(205100);
    expect(db.lookup(parseIp('10.0.0.1')!)).toBeNull();
    expect(db.orgOf(15169)).toMatch(/Google/);
    expect(db.ranges).toBeGreaterThan(400_000);
  });

  it('classifies ASNs from the curated table, then by organisation name', () => {
    expect(classifyAsn(60729, null)).toMatchObject({ class: 'tor', basis: 'curated' });
    expect(classifyAsn(16509, 'Amazon.com, Inc.')).toMatchObject({ class: 'cloud' });
    expect(classifyAsn(4_200_000_001, 'Example Secure VPN Ltd')).toMatchObject({ class: 'vpn', basis: 'org-name' });
    expect(classifyAsn(4_200_000_002, 'Cheap Dedicated Servers GmbH')).toMatchObject({ class: 'hosting', basis: 'org-name' });
    expect(classifyAsn(4_200_000_003, 'Deutsche Telekom AG')).toBeNull();
  });

  it('credits the data source for About and README', () => {
    expect(IP_ASN_ATTRIBUTION).toMatch(/CC BY 4\.0/);
    expect(DATA_ATTRIBUTIONS[0]).toMatchObject({ name: '@ip-location-db/asn', licence: 'CC BY 4.0' });
  });
});
