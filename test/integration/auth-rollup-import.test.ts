// The auth-rollup importer: detected by its header, one event per day group with provenance, every success of a
// group in usage (exercised marks carry the real counts), rejects with reasons, the as-of time at the last event;
// and a roll-up's day groups never make a credential attack that only their collapsed times and networks suggest.
import { describe, expect, it } from 'vitest';
import { AUTH_ROLLUP_COLUMNS } from '../../shared/auth-rollup.ts';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, TestCase } from '../helpers.ts';

const HEADER = AUTH_ROLLUP_COLUMNS.join(',');

const INVENTORY = {
  identities: 'id,name,kind,owner\nsvc-etl,ETL,service_account,alice\nalice,Alice,human,\n',
  systems: 'id,name,kind,criticality\nprod-db,Prod DB,database,critical\n',
  credentials: 'id,identity,type\nkey-etl,svc-etl,access_key\n',
  entitlements: 'principal,relation,target,privilege\nsvc-etl,access,prod-db,write\n',
};

async function withInventory(): Promise<TestCase> {
  const t = await TestCase.create();
  for (const [name, text] of Object.entries(INVENTORY)) await t.importText(`${name}.csv`, text);
  return t;
}

describe('auth-rollup import', () => {
  it('detects the pushdown header and loads one event per group, usage counted per event', async () => {
    const t = await withInventory();
    const r = await t.importText(
      'result.csv',
      `${HEADER}
svc-etl,key-etl,198.51.100.0/24,64500,curl/8.5,s3:GetObject,prod-db,success,2024-05-01,120,2024-05-01T01:00:00Z,2024-05-01T22:00:00.5Z,3
svc-etl,key-etl,2001:db8:1::/48,,curl/8.5,s3:GetObject,prod-db,failure,2024-05-02,2,2024-05-02T03:00:00Z,2024-05-02T03:05:00Z,1
`,
    );
    expect(r).toMatchObject({ format: 'auth-rollup', rows: 2, loaded: 2, rejected: 0 });
    const events = t.db
      .prepare(
        `SELECT e.ts, e.outcome, e.asn, e.locator, COALESCE(address_text(e.ip), t.value) AS ip, json_extract(e.props, '$.rollup') AS rollup
      FROM auth_event e LEFT JOIN term t ON t.id = e.ip ORDER BY e.id`,
      )
      .all() as { ts: number; outcome: number; asn: number | null; locator: number; ip: string; rollup: string }[];
    expect(events.map((e) => [new Date(e.ts).toISOString(), e.outcome, e.asn, e.locator, e.ip])).toEqual([
      ['2024-05-01T01:00:00.000Z', 1, 64500, 2, '198.51.100.0'],
      ['2024-05-02T03:00:00.000Z', 0, null, 3, '2001:db8:1::'],
    ]);
    expect(JSON.parse(events[0].rollup)).toEqual({
      granularity: 'day',
      day: '2024-05-01',
      events: 120,
      first_seen: '2024-05-01T01:00:00.000Z',
      last_seen: '2024-05-01T22:00:00.500Z',
      addresses: 3,
      network: '198.51.100.0/24',
    });
    // Every success of the group, with its first and last seen; the failures exercise nothing.
    const usage = t.db
      .prepare(
        `SELECT s.key AS src, d.key AS dst, u.count, u.first_seen, u.last_seen FROM usage u
      JOIN node s ON s.id = u.src JOIN node d ON d.id = u.dst ORDER BY s.key`,
      )
      .all();
    expect(usage).toEqual([
      {
        src: 'key-etl',
        dst: 'svc-etl',
        count: 120,
        first_seen: Date.parse('2024-05-01T01:00:00Z'),
        last_seen: Date.parse('2024-05-01T22:00:00.500Z'),
      },
      {
        src: 'svc-etl',
        dst: 'prod-db',
        count: 120,
        first_seen: Date.parse('2024-05-01T01:00:00Z'),
        last_seen: Date.parse('2024-05-01T22:00:00.500Z'),
      },
    ]);
    // The as-of time is the last event a group stands for, not its first.
    expect((await t.call('case.info')).asOf).toBe('2024-05-02T03:05:00.000Z');
    // The events browser says what a row stands for, and from which network.
    const page = await t.call('events.list', { query: {}, ascending: true });
    expect(page.rows.map((e) => e.dayGroup)).toEqual([
      { day: '2024-05-01', events: 120, lastSeen: '2024-05-01T22:00:00.500Z', network: '198.51.100.0/24', addresses: 3 },
      { day: '2024-05-02', events: 2, lastSeen: '2024-05-02T03:05:00.000Z', network: '2001:db8:1::/48', addresses: 1 },
    ]);
    t.close();
  });

  it('a credential named with an identity becomes its own, as the vendor importers record it', async () => {
    const t = await TestCase.create();
    await t.importText(
      'r.csv',
      `${HEADER}
arn:aws:iam::1:role/deploy,ASIAEXAMPLETEMPKEY01,198.51.100.0/24,,aws-cli,s3:GetObject,bucket,success,2024-05-01,3,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,1
arn:aws:iam::1:role/deploy,ASIAEXAMPLETEMPKEY01,198.51.100.0/24,,aws-cli,s3:PutObject,bucket,failure,2024-05-01,1,2024-05-01T03:00:00Z,2024-05-01T03:00:00Z,1
`,
    );
    const edges = t.db
      .prepare(
        `SELECT s.key AS src, e.kind, d.key AS dst, e.locator FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst ORDER BY e.kind`,
      )
      .all();
    expect(edges).toEqual([
      { src: 'ASIAEXAMPLETEMPKEY01', kind: 'authenticates', dst: 'arn:aws:iam::1:role/deploy', locator: 'row 2' },
      { src: 'arn:aws:iam::1:role/deploy', kind: 'has_credential', dst: 'ASIAEXAMPLETEMPKEY01', locator: 'row 2' },
    ]);
    t.close();
  });

  it('rejects rows that cannot be a day group, with the reason, and loads the rest', async () => {
    const t = await TestCase.create();
    const r = await t.importText(
      'rollup.csv',
      `${HEADER}
svc-a,,198.51.100.0/24,,ua,act,db,success,2024-05-01,5,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,2
,,198.51.100.0/24,,ua,act,db,success,2024-05-01,5,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,2
svc-a,,198.51.100.0/24,,ua,act,db,success,2024-05-01,5,2024-05-01T01:00:00Z,2024-05-02T02:00:00Z,2
svc-a,,198.51.100.0/24,,ua,act,db,success,2024-05-01,0,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,0
svc-a,,198.51.100.0/24,,ua,act,db,success,2024-05-01,5,2024-05-01T03:00:00Z,2024-05-01T02:00:00Z,2
svc-a,,not-a-network,,ua,act,db,success,2024-05-01,5,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,2
svc-a,,198.51.100.0/24,,ua,act,db,maybe,2024-05-01,5,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,2
svc-a,,198.51.100.0/24,,ua,act,db,success,2024-05-01,5,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,9
svc-a,,198.51.100.0/24,,ua,act,db,success,May 1,5,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,2
svc-a,,198.51.100.0/24,,ua,act,db,success,2024-05-01,1e9,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z,2
`,
    );
    expect(r).toMatchObject({ format: 'auth-rollup', rows: 10, loaded: 1, rejected: 9 });
    const reasons = t.db.prepare('SELECT locator, reason FROM reject ORDER BY id').all();
    expect(reasons).toEqual([
      { locator: 'row 3', reason: 'missing identity and credential' },
      { locator: 'row 4', reason: 'first_seen/last_seen outside the day 2024-05-01' },
      { locator: 'row 5', reason: 'events must be at least 1' },
      { locator: 'row 6', reason: 'last_seen is before first_seen' },
      { locator: 'row 7', reason: 'invalid network "not-a-network" (expected a CIDR such as 198.51.100.0/24)' },
      { locator: 'row 8', reason: 'unknown outcome "maybe" (expected success|failure)' },
      { locator: 'row 9', reason: 'more distinct addresses than events' },
      { locator: 'row 10', reason: 'unparseable day "May 1" (expected YYYY-MM-DD)' },
      { locator: 'row 11', reason: 'events is not a whole number: "1e9"' },
    ]);
    t.close();
  });

  it('is not taken for single events, and single events are not taken for a roll-up', async () => {
    const t = await TestCase.create();
    const single = await t.importText(
      'events.csv',
      'timestamp,identity,source_ip,action,outcome\n2024-05-01T01:00:00Z,svc-a,198.51.100.7,act,success\n',
    );
    expect(single.format).toBe('auth-events-csv');
    // A roll-up whose day column is called `date` (a synonym auth_events also reads as its timestamp).
    const rollup = await t.importText(
      'r.csv',
      'identity,network,action,outcome,date,events,first_seen,last_seen\nsvc-a,198.51.100.0/24,act,success,2024-05-01,4,2024-05-01T01:00:00Z,2024-05-01T02:00:00Z\n',
    );
    expect(rollup.format).toBe('auth-rollup');
    t.close();
  });

  it('a day group from a whole network never reads as a password spray; the same failures as whole events do', async () => {
    // Six accounts each failed once from the office /24 on one day: in a roll-up these are six groups at their
    // first_seen, all with the network's first address. Whole events from one address spraying six accounts in
    // an hour are an attack; six groups of one network are not evidence of one.
    const ids = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    const rollup = await TestCase.create();
    await rollup.importText(
      'r.csv',
      `${HEADER}\n${ids.map((u, i) => `${u},,198.51.100.0/24,,ua,login,app,failure,2024-05-01,1,2024-05-01T09:0${i}:00Z,2024-05-01T09:0${i}:00Z,1`).join('\n')}\n`,
    );
    const fromRollup = await rollup.call('findings.run', { rules: ['credential-attack'], persist: false });
    expect(fromRollup.total).toBe(0);
    rollup.close();

    const whole = await TestCase.create();
    await whole.importText(
      'e.csv',
      `timestamp,identity,source_ip,action,target,outcome\n${ids.map((u, i) => `2024-05-01T09:0${i}:00Z,${u},198.51.100.0,login,app,failure`).join('\n')}\n`,
    );
    const fromEvents = await whole.call('findings.run', { rules: ['credential-attack'], persist: false });
    expect(fromEvents.total).toBe(6);
    whole.close();
  });
});

describe('auth-rollup: the source ASN', () => {
  // A service account's day group from a documentation /24 (no ASN database has it), with and without the ASN the
  // engine gave; the analyst imported a hosting-ASN list. Only the group that names the ASN is from hosting.
  async function run(asn: string, header = HEADER) {
    const t = await withInventory();
    const list = path.join(t.dir, 'hosting-asns.txt');
    fs.writeFileSync(list, '# anonymous hosting\nAS64512\n');
    await t.call('intel.import', { path: list, class: 'hosting' });
    const cells = [
      'svc-etl',
      'key-etl',
      '198.51.100.0/24',
      asn,
      'curl/8.5',
      's3:GetObject',
      'prod-db',
      'success',
      '2024-05-01',
      '4',
      '2024-05-01T01:00:00Z',
      '2024-05-01T02:00:00Z',
      '2',
    ];
    const columns = header.split(',');
    const row = AUTH_ROLLUP_COLUMNS.flatMap((c, i) => (columns.includes(c) ? [cells[i]] : []));
    const r = await t.importText('rollup.csv', `${header}\n${row.join(',')}\n`);
    const found = await t.call('findings.run', { rules: ['anonymous-network'], persist: false });
    const events = t.db.prepare('SELECT asn FROM auth_event').pluck().all();
    t.close();
    return { r, events, anonymous: (found.findings ?? []).filter((f) => f.rule === 'anonymous-network').map((f) => f.subject) };
  }

  it("is read into the event and classifies the group against the case's ASN intel", async () => {
    const withAsn = await run('AS64512');
    expect(withAsn.r).toMatchObject({ format: 'auth-rollup', loaded: 1, rejected: 0 });
    expect(withAsn.events).toEqual([64512]);
    expect(withAsn.anonymous).toContain('svc-etl');
    const without = await run('');
    expect(without.events).toEqual([null]);
    expect(without.anonymous).toEqual([]);
  });

  it('is optional: a roll-up written before the column existed still imports', async () => {
    const old = await run('', AUTH_ROLLUP_COLUMNS.filter((c) => c !== 'asn').join(','));
    expect(old.r).toMatchObject({ format: 'auth-rollup', rows: 1, loaded: 1, rejected: 0 });
    expect(old.events).toEqual([null]);
  });
});

describe('auth-rollup import of a real engine result', () => {
  it('loads the DuckDB roll-up of the demo Entra sign-ins (test/fixtures/pushdown) without a reject', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(FIXTURES, 'pushdown', 'entra-signin.auth-rollup.csv')] });
    expect(sources[0]).toMatchObject({ format: 'auth-rollup', rows: 24, loaded: 24, rejected: 0 });
    const keys = t.db.prepare(`SELECT DISTINCT n.key FROM auth_event e JOIN node n ON n.id = e.identity`).pluck().all() as string[];
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).toMatch(/^entra:(user|sp):[0-9a-f-]{36}$/);
    t.close();
  });
});
