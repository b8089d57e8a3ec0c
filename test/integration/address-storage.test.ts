// Source addresses are stored as themselves (IPv4 a number, IPv6 16 bytes; store/address-column.ts), text that is not
// an address as a term, and a case written before that encoding holds every address as a term. Every reader must
// give the same text and every filter the same events whichever form a row has.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addressText, addressValue } from '../../main/store/address-column.ts';
import { normaliseIp, parsedFromStored, parseIp } from '../../main/intel/ip.ts';
import { TestCase } from '../helpers.ts';

const HEADER = 'timestamp,identity,credential,source_ip,user_agent,action,target,outcome';

let t: TestCase | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

describe('address column encoding', () => {
  it('reads back every IPv4 and IPv6 address exactly, and never takes other text for an address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const v = addressValue(ip);
        expect(typeof v).toBe('number');
        expect(v as number).toBeLessThan(0);
        expect(addressText(v)).toBe(ip);
      }),
      { seed: 20261208, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = addressText(Buffer.from(bytes))!;
        const v = addressValue(text);
        // Text that reads back differently (an IPv4-mapped form) stays a term; everything else is the 16 bytes.
        if (v !== null) expect(Buffer.compare(v as Buffer, Buffer.from(bytes))).toBe(0);
        else expect(text).toMatch(/\./);
      }),
      { seed: 20261208, numRuns: 2000 },
    );
    // The intel layer reads the stored form as the same numbers it would parse from the text.
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        const text = normaliseIp(ip)!;
        const stored = addressValue(text);
        if (stored !== null) expect(parsedFromStored(stored)).toEqual(parseIp(text));
      }),
      { seed: 20261208, numRuns: 2000 },
    );
    expect(parsedFromStored(7)).toBeNull();
    for (const notCanonical of ['010.1.2.3', '1.2.3', '256.0.0.1', '1.2.3.4 ', '2001:0db8::1', 'fe80::1%eth0', 'UNKNOWN', '-', '1.2.3.4/24'])
      expect(addressValue(notCanonical), notCanonical).toBeNull();
    expect(addressText(5)).toBeNull(); // a term id is not an address
  });
});

describe('auth_event.ip in a case', () => {
  async function caseWithAddresses(): Promise<TestCase> {
    const c = await TestCase.create();
    const rows = [
      '2024-05-01T10:00:00Z,alice,,10.1.2.3,ua,Read,db,success',
      '2024-05-01T10:01:00Z,alice,,10.1.9.9,ua,Read,db,success',
      '2024-05-01T10:02:00Z,bob,,10.2.0.1,ua,Read,db,failure',
      '2024-05-01T10:03:00Z,bob,,2001:db8::7,ua,Read,db,success',
      '2024-05-01T10:04:00Z,bob,,2001:db9::7,ua,Read,db,success',
      '2024-05-01T10:05:00Z,carol,,not-an-address,ua,Read,db,success',
      '2024-05-01T10:06:00Z,carol,,255.255.255.255,ua,Read,db,success',
    ];
    const r = await c.importText('auth_events.csv', `${HEADER}\n${rows.join('\n')}\n`);
    expect(r).toMatchObject({ loaded: rows.length, rejected: 0 });
    // An event as a case written before the encoding holds it: the address as a term id.
    const db = c.db;
    const term = Number(
      db.prepare(`INSERT INTO term (value) VALUES ('10.1.2.3') ON CONFLICT DO UPDATE SET value = value RETURNING id`).pluck().get(),
    );
    db.prepare(
      `INSERT INTO auth_event (ts, identity, ip, outcome, source_id, locator)
       SELECT ts + 3600000, identity, ?, outcome, source_id, 99 FROM auth_event WHERE id = 1`,
    ).run(term);
    return c;
  }

  it('stores addresses as numbers and bytes, other text and old rows as terms', async () => {
    t = await caseWithAddresses();
    const forms = t.db.prepare(`SELECT typeof(ip) AS type, ip > 0 AS positive, address_text(ip) AS text FROM auth_event ORDER BY id`).all() as {
      type: string;
      positive: number | null;
      text: string | null;
    }[];
    expect(forms.map((f) => [f.type, f.type === 'integer' ? f.positive : null, f.text])).toEqual([
      ['integer', 0, '10.1.2.3'],
      ['integer', 0, '10.1.9.9'],
      ['integer', 0, '10.2.0.1'],
      ['blob', null, '2001:db8::7'],
      ['blob', null, '2001:db9::7'],
      ['integer', 1, null],
      ['integer', 0, '255.255.255.255'],
      ['integer', 1, null],
    ]);
    // No term was written for an address the case stores as itself.
    expect(t.db.prepare(`SELECT value FROM term WHERE value GLOB '[0-9]*.*' OR value GLOB '*:*' ORDER BY value`).pluck().all()).toEqual(['10.1.2.3']);
  });

  it('filters by exact address, CIDR and prefix across every stored form', async () => {
    t = await caseWithAddresses();
    const ips = async (ip: string) => {
      const page = await t!.call('events.list', { query: { ip }, ascending: true });
      return page.rows.map((r) => r.ip);
    };
    expect(await ips('10.1.2.3')).toEqual(['10.1.2.3', '10.1.2.3']);
    expect(await ips('10.1.0.0/16')).toEqual(['10.1.2.3', '10.1.9.9', '10.1.2.3']);
    expect(await ips('10.0.0.0/8')).toEqual(['10.1.2.3', '10.1.9.9', '10.2.0.1', '10.1.2.3']);
    expect(await ips('10.1.')).toEqual(['10.1.2.3', '10.1.9.9', '10.1.2.3']);
    expect(await ips('10.')).toEqual(['10.1.2.3', '10.1.9.9', '10.2.0.1', '10.1.2.3']);
    expect(await ips('2001:db8::/32')).toEqual(['2001:db8::7']);
    expect(await ips('2001:0db8:0000::7')).toEqual(['2001:db8::7']);
    expect(await ips('2001:db')).toEqual([]);
    expect(await ips('2001:')).toEqual(['2001:db8::7', '2001:db9::7']);
    expect(await ips('255.255.255.255')).toEqual(['255.255.255.255']);
    expect(await ips('0.0.0.0/0')).toEqual(['10.1.2.3', '10.1.9.9', '10.2.0.1', '255.255.255.255', '10.1.2.3']);
    expect(await ips('not-an-address')).toEqual(['not-an-address']);
  });

  it('shows the same text on the identity page, and the overview counts anonymous events in every form', async () => {
    t = await caseWithAddresses();
    // The analyst marks one IPv4 and one IPv6 network as Tor: the timeline finds their events by stored address.
    await t.importText('networks.csv', 'cidr,class,label\n10.1.2.0/24,tor,exit A\n2001:db8::/32,tor,exit B\n');
    const alice = await t.call('inventory.identity', { id: 'alice' });
    expect(alice.networks.map((n) => [n.ip, n.events, n.networkClass])).toEqual([
      ['10.1.2.3', 2, 'tor'],
      ['10.1.9.9', 1, null],
    ]);
    const { auth } = await t.call('inventory.overview', {});
    expect(auth.buckets.reduce((n, b) => n + b.success + b.failure, 0)).toBe(8);
    // 10.1.2.3 twice (stored, and as an old term) and 2001:db8::7 once.
    expect(auth.buckets.reduce((n, b) => n + b.anonymous, 0)).toBe(3);
    expect(auth.anonymous).toBe(3);
  });
});
