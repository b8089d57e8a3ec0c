// Analyst intel lists in their real formats (own small samples in test/fixtures/intel): parsing, import
// with provenance and staleness, precedence (analyst CIDRs > lists > ASN) and time-aware Tor exits.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseList } from '../../main/intel/lists/parse-list.ts';
import { splitCsvLine } from '../../main/intel/lists/csv-list.ts';
import { caseWith, ev, findingsOf } from '../fixtures/findings/build-case.ts';
import { FIXTURES, TestCase } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'intel');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
let t: TestCase | undefined;
afterEach(() => t?.close());

describe('list parsers', () => {
  it('reads Tor exit-addresses with per-address timestamps', () => {
    const l = parseList(read('exit-addresses.txt'));
    expect(l).toMatchObject({ format: 'tor-exit-addresses', class: 'tor', asOf: '2024-05-25T13:03:14.000Z', rejected: 0 });
    expect(l.entries.map((e) => e.cidr)).toEqual(['192.0.2.10/32', '192.0.2.11/32', '2001:db8::11/128', '192.0.2.12/32']);
    expect(l.entries[0].seenAt).toBe(Date.UTC(2024, 4, 25, 8, 10, 51));
  });

  it('reads comma-space Tor relay CSVs and bad-ASN CSVs with a space before the quote', () => {
    const relays = parseList(read('tor-relays.csv'));
    expect(relays).toMatchObject({ format: 'tor-relay-csv', class: 'tor', rejected: 1 });
    expect(relays.entries.map((e) => e.cidr)).toEqual(['198.51.100.7/32', '2001:db8:7::141/128']);
    const asns = parseList(read('bad-asn.csv'));
    expect(asns.format).toBe('asn-csv');
    expect(asns.entries).toEqual([
      { asn: 198375, label: 'INULOGIC SARL, FR' },
      { asn: 51447, label: 'RootLayer Web Services Ltd, NL' },
      { asn: 15497, label: 'COLOCALL Internet Data Center "ColoCALL", UA' },
    ]);
    expect(splitCsvLine('a, "b, c" ,d')).toEqual(['a', 'b, c', 'd']);
  });

  it('reads plain lists, skipping comments and counting junk', () => {
    const l = parseList(read('vpn-ranges.txt'));
    expect(l).toMatchObject({ format: 'ip-list', class: null, rejected: 1 });
    expect(l.entries.map((e) => e.cidr)).toEqual(['198.51.100.0/24', '203.0.113.64/26', '192.0.2.99/32']);
  });

  it('reads AWS, GCP and Azure (CRLF) range files with their dates', () => {
    const aws = parseList(read('aws-ip-ranges.json'));
    expect(aws).toMatchObject({ format: 'aws-ip-ranges', class: 'cloud', asOf: '2024-05-24T10:00:00.000Z' });
    expect(aws.entries.map((e) => e.label)).toEqual(['AWS AMAZON us-east-1', 'AWS EC2 us-east-1', 'AWS AMAZON eu-west-1']);
    const gcp = parseList(read('gcp-cloud.json'));
    expect(gcp).toMatchObject({ format: 'gcp-cloud', asOf: '2024-05-24T19:16:28.780Z' });
    expect(gcp.entries.map((e) => e.cidr)).toEqual(['198.19.0.0/17', '2001:db8:bbbb::/48']);
    const azure = parseList(read('azure-service-tags.json'));
    expect(azure).toMatchObject({ format: 'azure-service-tags', asOf: null });
    expect(azure.entries.map((e) => e.label)).toEqual(['Azure AzureCloud.westeurope', 'Azure AzureCloud.westeurope']);
  });

  it('refuses JSON it does not know and treats hostile text as junk, not code', () => {
    expect(() => parseList('{"hello": 1}')).toThrow(/neither AWS/);
    expect(() => parseList('{"prefixes": [')).toThrow(/not valid JSON/);
    expect(parseList('\u001b[31m1.2.3.4\u001b[0m\n').rejected).toBe(1);
  });
});

describe('intel lists in a case', () => {
  it('imports with name, as-of and sha256; same bytes twice is a no-op; plain lists need a class', async () => {
    t = await TestCase.create();
    const tor = await t.call('intel.import', { path: path.join(DIR, 'exit-addresses.txt') });
    expect(tor).toMatchObject({ name: 'exit-addresses.txt', class: 'tor', entries: 4, skipped: false, asOf: '2024-05-25T13:03:14.000Z' });
    expect(tor.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.call('intel.import', { path: path.join(DIR, 'exit-addresses.txt') })).skipped).toBe(true);
    const copy = path.join(t.dir, 'ranges.txt');
    fs.copyFileSync(path.join(DIR, 'vpn-ranges.txt'), copy);
    await expect(t.call('intel.import', { path: copy })).rejects.toMatchObject({ code: 'bad-request' });
    expect((await t.call('intel.import', { path: copy, class: 'vpn', asOf: '2024-05-01' })).class).toBe('vpn');
    expect((await t.call('intel.import', { path: path.join(DIR, 'vpn-ranges.txt') })).skipped).toBe(true);
    const audit = await t.call('case.audit', {});
    expect(audit.filter((a) => a.action === 'intel.import')).toHaveLength(2);
  });

  it('warns when a list is older than the events', async () => {
    t = await caseWith({ auth_events: [ev('2024-08-01T00:00:00Z', 'svc', { ip: '192.0.2.10' })] });
    const r = await t.call('intel.import', { path: path.join(DIR, 'aws-ip-ranges.json') });
    expect(r.warnings.join(' ')).toMatch(/2024-05-24, 69 days older than the newest events/);
    expect((await t.call('intel.lists', {}))[0].stale).toMatch(/older than the newest events/);
  });

  it('applies analyst CIDRs first, then lists by class, with Tor exits only around their time', async () => {
    t = await caseWith({ networks: ['198.51.100.0/25,corporate,Office,analyst'] });
    for (const f of ['exit-addresses.txt', 'vpn-ranges.txt', 'tor-relays.csv', 'aws-ip-ranges.json'])
      await t.call('intel.import', { path: path.join(DIR, f) });
    const at = '2024-05-25T09:00:00Z';
    const look = async (ip: string, when = at) => (await t!.call('intel.lookup', { ips: [ip], at: when }))[0];
    expect(await look('198.51.100.7')).toMatchObject({ class: 'corporate', classSource: 'analyst', network: 'net:198.51.100.0/25' });
    expect(await look('198.51.100.200')).toMatchObject({ class: 'vpn', classSource: 'list:vpn-ranges.txt' });
    expect(await look('192.0.2.10')).toMatchObject({ class: 'tor', classSource: 'list:exit-addresses.txt' });
    expect((await look('192.0.2.10', '2024-03-01T00:00:00Z')).class).toBeNull();
    expect((await look('192.0.2.12')).class).toBeNull();
    expect(await look('198.18.5.5')).toMatchObject({ class: 'cloud', network: '198.18.5.0/24' });
    expect(await look('8.8.8.8')).toMatchObject({ asn: 15169, classSource: 'asn:curated', network: 'AS15169' });
    expect(await look('not an ip')).toMatchObject({ valid: false, class: null });
  });

  it('drives anonymous-network: a Tor exit counts only if it was one around the event', async () => {
    t = await caseWith({
      identities: ['svc-x,X,service_account,,prod,active,2022-01-01,,aws,'],
      auth_events: [ev('2024-05-25T09:00:00Z', 'svc-x', { ip: '192.0.2.10' }), ev('2024-05-25T10:00:00Z', 'svc-x', { ip: '192.0.2.12' })],
    });
    await t.call('intel.import', { path: path.join(DIR, 'exit-addresses.txt') });
    const f = await findingsOf(t, 'anonymous-network', { asOf: '2024-05-26' });
    expect(f).toHaveLength(1);
    const ips = f[0].evidence.filter((e) => e.type === 'event').map((e) => (e.type === 'event' ? e.ip : null));
    expect(ips).toEqual(['192.0.2.10']);
  });
});

describe('hostile and odd list input', () => {
  it('survives prototype keys, wrong types and absurd lines in JSON and text lists', () => {
    const aws = parseList(
      JSON.stringify({
        createDate: 'x',
        prefixes: [
          { ip_prefix: 42 },
          { ip_prefix: '10.0.0.0/99' },
          { ['__proto__']: { ip_prefix: '1.1.1.1/32' } },
          null,
          { ip_prefix: '10.0.0.0/8' },
        ],
      }),
    );
    expect(aws.entries.map((e) => e.cidr)).toEqual(['10.0.0.0/8']);
    expect(aws.rejected).toBe(4);
    expect(({} as Record<string, unknown>).ip_prefix).toBeUndefined();
    const plain = parseList(`${'9'.repeat(100_000)}\n1.2.3.4/24 trailing words\nAS4294967296\nAS13335\n`);
    expect(plain.entries).toEqual([{ cidr: '1.2.3.0/24' }, { asn: 13335 }]);
    expect(plain.rejected).toBe(2);
  });

  it('answers lookups from the ASN data alone when no case is open', async () => {
    const t2 = new TestCase();
    try {
      const [r] = await t2.call('intel.lookup', { ips: ['8.8.8.8'] });
      expect(r).toMatchObject({ asn: 15169, class: 'cloud', classSource: 'asn:curated', lists: [] });
    } finally {
      t2.close();
    }
  });
});
