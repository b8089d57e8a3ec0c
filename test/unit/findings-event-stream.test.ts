// The auth-event stream the behavioural rules read (CaseData.eachEvent): term strings and node keys
// resolved, oldest first with inclusive window bounds, the outcome filter, lazily parsed props, and network
// verdicts equal to classifying each event at its own time, shared between events only where time cannot
// change them (a time-stamped Tor exit is classified per event).
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caseWith } from '../fixtures/findings/build-case.ts';
import { FIXTURES, type TestCase } from '../helpers.ts';
import { BoundedCache } from '../../main/findings/bounded-cache.ts';
import { CaseData, type EventRow } from '../../main/findings/case-data.ts';
import { TermStrings } from '../../main/findings/term-strings.ts';
import { NetworkIntel } from '../../main/intel/network-intel.ts';

let t: TestCase | undefined;
afterEach(() => t?.close());

const ms = (iso: string) => Date.parse(iso);

/** auth_events.csv rows: timestamp,identity,credential,source_ip,user_agent,action,target,outcome,asn,country (written out of time order). */
const EVENTS = [
  '2024-05-25T12:00:00Z,svc-etl,,192.0.2.10,aws-cli/2.15,GetObject,prod-db,success,,',
  '2024-05-25T09:00:00Z,svc-etl,AKIA-ETL,8.8.8.8,aws-cli/2.15,GetObject,prod-db,success,,',
  '2024-05-25T09:00:00Z,svc-etl,,8.8.8.8,aws-cli/2.15,ListBuckets,some-bucket,failure,,',
  '2024-05-24T23:59:59.999Z,svc-etl,,10.1.0.1,aws-cli/2.15,GetObject,,success,,',
  '2024-05-25T00:00:00Z,,AKIA-ETL,10.1.0.1,Mozilla/5.0 (Windows NT 10.0) Chrome/124.0,ConsoleLogin,,success,,',
  '2024-03-01T09:00:00Z,svc-etl,,192.0.2.10,aws-cli/2.15,GetObject,,success,,',
  '2024-05-26T00:00:00Z,svc-etl,,not-an-ip,aws-cli/2.15,GetObject,,failure,,',
  '2024-05-26T00:00:00.001Z,svc-etl,,192.0.2.50,aws-cli/2.15,GetObject,,success,60068,',
  '2024-05-26T00:00:00.002Z,svc-etl,,192.0.2.50,aws-cli/2.15,GetObject,,success,,',
];

async function streamCase(): Promise<{ data: CaseData; intel: NetworkIntel }> {
  t = await caseWith({
    identities: ['svc-etl,ETL,service_account,,prod,active,2022-01-01,,aws,'],
    credentials: ['AKIA-ETL,svc-etl,access_key,2024-01-01,,,,active,'],
    systems: ['prod-db,Prod DB,database,prod,critical,,'],
    networks: ['10.0.0.0/8,corporate,Corporate,analyst'],
    auth_events: EVENTS,
  });
  // 192.0.2.10 was seen as a Tor exit on 2024-05-25 08:10: a Tor exit around then, not in March.
  await t.call('intel.import', { path: path.join(FIXTURES, 'intel', 'exit-addresses.txt') });
  const kase = t.session.requireCase();
  const intel = NetworkIntel.forCase(kase);
  return { data: new CaseData(kase, () => intel), intel };
}

describe('CaseData.eachEvent', () => {
  it('streams every event of the window oldest first, bounds inclusive, with terms and node keys resolved', async () => {
    const { data } = await streamCase();
    const events = [...data.eachEvent(ms('2024-05-25T00:00:00Z'), ms('2024-05-26T00:00:00Z'))];
    expect(events.map((e) => new Date(e.ts).toISOString())).toEqual([
      '2024-05-25T00:00:00.000Z',
      '2024-05-25T09:00:00.000Z',
      '2024-05-25T09:00:00.000Z',
      '2024-05-25T12:00:00.000Z',
      '2024-05-26T00:00:00.000Z',
    ]);
    expect(events[1].id).toBeLessThan(events[2].id); // equal times: by id
    expect(events.map((e) => e.ip)).toEqual(['10.1.0.1', '8.8.8.8', '8.8.8.8', '192.0.2.10', 'not-an-ip']);

    const console = events[0];
    // The row names only the key; the import knows its holder.
    expect(console).toMatchObject({
      identity: 'svc-etl',
      credential: 'AKIA-ETL',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/124.0',
      action: 'ConsoleLogin',
      target: null,
      outcome: 1,
      asn: null,
      source: 'auth_events.csv',
    });
    expect(console.identityId).toBe(data.nodeByKeyOf('svc-etl')!.id);
    expect(console.credentialId).toBe(data.nodeByKeyOf('AKIA-ETL')!.id);
    const [success, failure] = events.slice(1, 3).sort((a, b) => b.outcome - a.outcome);
    expect(success).toMatchObject({ identity: 'svc-etl', credential: 'AKIA-ETL', action: 'GetObject', target: 'prod-db', outcome: 1 });
    // A target the case does not know keeps the text the log gave.
    expect(failure).toMatchObject({ identity: 'svc-etl', credential: null, action: 'ListBuckets', target: 'some-bucket', outcome: 0 });
    expect(failure.locator).toEqual(expect.any(Number));

    // Just outside either bound: nothing.
    expect([...data.eachEvent(ms('2024-05-25T00:00:00.001Z'), ms('2024-05-25T08:59:59.999Z'))]).toEqual([]);
    expect([...data.eachEvent(ms('2024-05-24T23:59:59.999Z'), ms('2024-05-24T23:59:59.999Z'))].map((e) => e.ip)).toEqual(['10.1.0.1']);
  });

  it('keeps only failures or only successes when asked', async () => {
    const { data } = await streamCase();
    const all = [...data.eachEvent(0, ms('2025-01-01T00:00:00Z'))];
    expect(all).toHaveLength(EVENTS.length);
    const failures = [...data.eachEvent(0, ms('2025-01-01T00:00:00Z'), { outcome: 0 })];
    expect(failures.map((e) => e.action)).toEqual(['ListBuckets', 'GetObject']);
    expect(failures.every((e) => e.outcome === 0)).toBe(true);
    const successes = [...data.eachEvent(0, ms('2025-01-01T00:00:00Z'), { outcome: 1 })];
    expect(successes.map((e) => e.id)).toEqual(all.filter((e) => e.outcome === 1).map((e) => e.id));
  });

  it('gives each event the verdict classify gives at its own time; a time-stamped Tor exit is not shared across times', async () => {
    const { data, intel } = await streamCase();
    const all = [...data.eachEvent(0, ms('2025-01-01T00:00:00Z'))];
    for (const e of all) expect(e.net).toEqual(intel.classify(e.ip, e.ts, e.asn));

    const tor = all.filter((e) => e.ip === '192.0.2.10');
    expect(tor.map((e) => e.net.class)).toEqual([null, 'tor']); // March: not an exit then; May 25: around its exit time
    expect(intel.dependsOnTime('192.0.2.10')).toBe(true);
    expect(intel.dependsOnTime('8.8.8.8')).toBe(false);

    // Elsewhere the verdict is shared by events from the same address and logged ASN.
    const google = all.filter((e) => e.ip === '8.8.8.8');
    expect(google[0].net).toBe(google[1].net);
    expect(google[0].net).toMatchObject({ network: 'AS15169', asn: 15169 });
    const [withAsn, without] = all.filter((e) => e.ip === '192.0.2.50');
    expect(withAsn.net.asn).toBe(60068);
    expect(without.net.asn).toBeNull();
    expect(all.find((e) => e.ip === '10.1.0.1')?.net).toMatchObject({ class: 'corporate', classSource: 'analyst' });
    expect(all.find((e) => e.ip === 'not-an-ip')?.net).toMatchObject({ valid: false, network: null, class: null });
  });

  it('reads props for passes that ask for them (the unparsed address note), and refuses them to passes that did not', async () => {
    const { data } = await streamCase();
    const props = [...data.eachEvent(0, ms('2025-01-01T00:00:00Z'), { props: true })].map((e) => [e.ip, e.props] as const);
    expect(props.find(([ip]) => ip === 'not-an-ip')?.[1]).toEqual({ unparsed_ip: true });
    expect(props.find(([ip]) => ip === '8.8.8.8')?.[1]).toEqual({});
    const [first] = data.eachEvent(0, ms('2025-01-01T00:00:00Z'));
    expect(() => first.props).toThrow(/did not read props/);
  });

  it('streams the same events whatever the options (in time order unless any order is allowed)', async () => {
    const { data } = await streamCase();
    const end = ms('2025-01-01T00:00:00Z');
    const ordered = [...data.eachEvent(0, end)].map((e) => e.id);
    expect([...data.eachEvent(0, end, { props: true })].map((e) => e.id)).toEqual(ordered);
    expect([...data.eachEvent(0, end, { inAnyOrder: true })].map((e) => e.id).sort((a, b) => a - b)).toEqual([...ordered].sort((a, b) => a - b));
  });

  it('lets a pass stop early or run inside another, and keeps the events a rule holds on to', async () => {
    const { data } = await streamCase();
    const end = ms('2025-01-01T00:00:00Z');
    let kept: EventRow | undefined;
    for (const e of data.eachEvent(0, end)) {
      kept = e;
      break;
    }
    const pairs: number[][] = [];
    for (const a of data.eachEvent(0, end, { outcome: 0 })) for (const b of data.eachEvent(0, end, { outcome: 0 })) pairs.push([a.id, b.id]);
    expect(pairs).toHaveLength(4);
    expect([...data.eachEvent(0, end)]).toHaveLength(EVENTS.length);
    expect(kept).toMatchObject({ ip: '192.0.2.10', identity: 'svc-etl', ts: ms('2024-03-01T09:00:00Z') });
    expect(kept!.net.network).toEqual(expect.any(String));
  });
});

describe('bounded caches', () => {
  it('never holds more than its limit, keeps values in steady use, and never answers with a stale value', () => {
    const cache = new BoundedCache<string, number>(100);
    cache.set('hot', 1);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`once-${i}`, i);
      expect(cache.get('hot')).toBe(i === 0 ? 1 : 2);
      if (i === 0) cache.set('hot', 2); // an update replaces the value
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.get('once-9999')).toBe(9999);
    expect(cache.get('once-0')).toBeUndefined(); // long forgotten
  });

  it('resolves term ids to their text through a small cache, still right after forgetting', async () => {
    const { data } = await streamCase();
    const db = data.kase.db;
    const rows = db.prepare('SELECT id, value FROM term ORDER BY id').raw().all() as [number, string][];
    expect(rows.length).toBeGreaterThan(3);
    const terms = new TermStrings(db, 2);
    for (let round = 0; round < 2; round++) for (const [id, value] of rows) expect(terms.text(id)).toBe(value);
    expect(terms.text(null)).toBeNull();
    expect(terms.text(999_999)).toBeNull();
  });
});
