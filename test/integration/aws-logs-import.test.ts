import crypto from 'node:crypto';
// CloudTrail (JSON, NDJSON, .gz, Sentinel CSV) and credential-report imports through the real API, checked in the case:
// identity resolution (users, assumed roles, keys, root, services), outcomes, observed can_assume, credential changes, rejects.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'aws-logs');
const A = '111122223333';

let t: TestCase;
beforeEach(async () => {
  t = await TestCase.create();
});
afterEach(() => t.close());

async function importFixture(name: string, format?: string) {
  const { sources } = await t.call('import.files', { paths: [path.join(DIR, name)], format });
  return sources[0];
}

interface EventRow {
  ts: number;
  identity: string | null;
  credential: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  targetText: string | null;
  outcome: number;
  props: Record<string, unknown>;
}

function events(): EventRow[] {
  const rows = t.db
    .prepare(
      `SELECT e.ts, i.key AS identity, c.key AS credential, COALESCE(address_text(e.ip), ip.value) AS ip, a.value AS action, n.key AS target,
      tt.value AS targetText, e.outcome, e.props
    FROM auth_event e LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential LEFT JOIN term ip ON ip.id = e.ip
    LEFT JOIN term a ON a.id = e.action LEFT JOIN node n ON n.id = e.target LEFT JOIN term tt ON tt.id = e.target_term ORDER BY e.id`,
    )
    .all() as (EventRow & { props: string })[];
  return rows.map((r) => ({ ...r, props: JSON.parse(r.props ?? '{}') as Record<string, unknown> }));
}

function node(key: string) {
  return t.db.prepare('SELECT * FROM node WHERE key = ?').get(key) as
    | {
        id: number;
        kind: string;
        subkind: string | null;
        status: string | null;
        created_at: string | null;
        last_used_at: string | null;
        props: string | null;
        name: string | null;
      }
    | undefined;
}

function edge(src: string, dst: string, kind: string) {
  return t.db
    .prepare(`SELECT e.* FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst WHERE s.key = ? AND d.key = ? AND e.kind = ?`)
    .get(src, dst, kind) as { props: string | null; last_used_at: string | null } | undefined;
}

function rejects(): { locator: string; reason: string }[] {
  return t.db.prepare('SELECT locator, reason FROM reject ORDER BY id').all() as { locator: string; reason: string }[];
}

describe('CloudTrail {"Records":[…]} file', () => {
  it('loads each record as an event and rejects the two without a usable eventTime', async () => {
    const s = await importFixture('records-wrapper.json');
    expect(s).toMatchObject({ format: 'cloudtrail', rows: 11, loaded: 9, rejected: 2 });
    expect(rejects().map((r) => r.reason)).toEqual(['missing eventTime', expect.stringContaining('unparseable eventTime "yesterday at noon"')]);
  });

  it('charges IAM users by ARN, with their access key as a credential that authenticates as them', async () => {
    await importFixture('records-wrapper.json');
    const first = events()[0];
    const alice = `arn:aws:iam::${A}:user/ops/alice`;
    expect(first).toMatchObject({
      identity: alice,
      credential: 'AKIAEXAMPLEALICE0001',
      ip: '198.51.100.7',
      action: 's3.amazonaws.com:ListBuckets',
      outcome: 1,
    });
    expect(first.props).toMatchObject({ event_id: 'evt-1', region: 'eu-west-1', read_only: true });
    expect(edge(alice, 'AKIAEXAMPLEALICE0001', 'has_credential')).toBeDefined();
    expect(edge('AKIAEXAMPLEALICE0001', alice, 'authenticates')).toBeDefined();
    const aliases = t.db.prepare('SELECT alias FROM alias WHERE node_id = ?').pluck().all(node(alice)!.id);
    expect(aliases).toEqual(expect.arrayContaining([`aws:user:${A}:alice`, 'AIDAEXAMPLEALICE0001']));
  });

  it('resolves assumed-role sessions to the role, keeps the session name, and records observed can_assume', async () => {
    await importFixture('records-wrapper.json');
    const role = `arn:aws:iam::${A}:role/deploy`;
    const secret = events().find((e) => e.action.endsWith(':GetSecretValue'))!;
    expect(secret).toMatchObject({ identity: role, credential: 'ASIAEXAMPLESESSION01', targetText: 'prod/db/password' });
    expect(secret.props).toMatchObject({ session: 'ci-run-42', identity_type: 'AssumedRole', mfa: false });
    expect(node(role)).toMatchObject({ kind: 'role', subkind: 'role' });
    const assume = edge(`arn:aws:iam::${A}:user/ops/alice`, role, 'can_assume');
    expect(JSON.parse(assume!.props!)).toMatchObject({ observed: true, count: 1 });
    expect(assume!.last_used_at).toBe('2024-05-02T10:00:00.000Z');
    expect(edge('ASIAEXAMPLESESSION01', role, 'authenticates')).toBeDefined();
    const assumeEvent = events().find((e) => e.action === 'sts.amazonaws.com:AssumeRole')!;
    expect(assumeEvent.target).toBe(role);
  });

  it('merges a new observation into an existing can_assume edge without losing its props or condition', async () => {
    await importFixture('records-wrapper.json');
    const role = `arn:aws:iam::${A}:role/deploy`;
    const alice = `arn:aws:iam::${A}:user/ops/alice`;
    t.db
      .prepare(
        `UPDATE edge SET conditional = 1, props = ? WHERE kind = 'can_assume' AND dst = (SELECT id FROM node WHERE key = ?)
      AND src = (SELECT id FROM node WHERE key = ?)`,
      )
      .run(JSON.stringify({ conditions: ['aws:MultiFactorAuthPresent'], first_seen: '2024-01-01T00:00:00.000Z', count: 5 }), role, alice);
    const again = fs.readFileSync(path.join(DIR, 'records-wrapper.json'), 'utf8').replaceAll('"evt-', '"again-');
    await t.importText('again.json', again);
    const e = t.db
      .prepare(
        `SELECT e.props, e.conditional FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      WHERE s.key = ? AND d.key = ? AND e.kind = 'can_assume'`,
      )
      .get(alice, role) as { props: string; conditional: number };
    expect(e.conditional).toBe(1);
    expect(JSON.parse(e.props)).toEqual({
      conditions: ['aws:MultiFactorAuthPresent'],
      observed: true,
      first_seen: '2024-01-01T00:00:00.000Z',
      count: 6,
    });
  });

  it('marks failures with the error, and keeps AWS service callers and their service "IPs" as text', async () => {
    await importFixture('records-wrapper.json');
    const denied = events().find((e) => e.action === 's3.amazonaws.com:GetObject')!;
    expect(denied).toMatchObject({ outcome: 0, targetText: 'arn:aws:s3:::payroll-exports' });
    expect(denied.props).toMatchObject({ error: 'AccessDenied', error_message: expect.stringContaining('not authorized') });
    const service = events().find((e) => e.identity === 'aws:service:ec2.amazonaws.com')!;
    expect(service).toMatchObject({ ip: 'ec2.amazonaws.com', outcome: 1 });
    expect(service.props.ip_is_service).toBe(true);
    expect(edge('aws:service:ec2.amazonaws.com', `arn:aws:iam::${A}:role/web-instance`, 'can_assume')).toBeDefined();
  });

  it('turns credential changes into change events and nodes: created user and key, then the key deleted', async () => {
    await importFixture('records-wrapper.json');
    const kinds = events()
      .filter((e) => e.props.change)
      .map((e) => [e.action.split(':')[1], e.props.change, e.outcome]);
    expect(kinds).toEqual([
      ['CreateUser', 'user_created', 1],
      ['CreateAccessKey', 'access_key_created', 1],
      ['DeleteAccessKey', 'access_key_deleted', 1],
    ]);
    const backdoor = `arn:aws:iam::${A}:user/backdoor`;
    expect(node(backdoor)).toMatchObject({ kind: 'identity', status: 'active', created_at: '2024-05-02T10:04:00.000Z' });
    expect(node('AKIAEXAMPLEBACKDOOR1')).toMatchObject({
      kind: 'credential',
      subkind: 'access_key',
      status: 'deleted',
      created_at: '2024-05-02T10:05:00.000Z',
    });
    expect(JSON.parse(node('AKIAEXAMPLEBACKDOOR1')!.props!)).toMatchObject({ deleted_at: '2024-05-03T08:00:00.000Z' });
    expect(edge(backdoor, 'AKIAEXAMPLEBACKDOOR1', 'has_credential')).toBeDefined();
  });

  it('charges a console login to a hidden user name to nobody, as a failure', async () => {
    await importFixture('records-wrapper.json');
    const login = events().find((e) => e.action === 'signin.amazonaws.com:ConsoleLogin')!;
    expect(login).toMatchObject({ identity: null, outcome: 0 });
    expect(login.props).toMatchObject({
      error: 'No username found in supplied account',
      attempted_user: 'HIDDEN_DUE_TO_SECURITY_REASONS',
      mfa: false,
    });
  });
});

describe('CloudTrail NDJSON, arrays, gzip, digests', () => {
  it('reads Logstash NDJSON by @timestamp and rejects a broken line', async () => {
    const s = await importFixture('logstash.ndjson');
    expect(s).toMatchObject({ format: 'cloudtrail', rows: 4, loaded: 3, rejected: 1 });
    expect(rejects()[0]).toMatchObject({ locator: 'line 3', reason: expect.stringContaining('invalid JSON') });
    const e = events();
    expect(e.map((x) => x.ts)).toEqual([Date.UTC(2024, 5, 1, 0, 0), Date.UTC(2024, 5, 1, 0, 1), Date.UTC(2024, 5, 1, 0, 2)]);
    expect(e[0].props.mfa).toBe(true);
  });

  it('reads gzip-compressed NDJSON on the fly', async () => {
    const s = await importFixture('logstash-copy.ndjson.gz');
    expect(s).toMatchObject({ format: 'cloudtrail', rows: 4, loaded: 3, rejected: 1 });
    expect(new Set(events().map((e) => e.identity))).toEqual(new Set([`arn:aws:iam::${A}:user/carol`]));
  });

  it('keeps the records of a truncated .gz and says so in the result and on the source row', async () => {
    const line = fs.readFileSync(path.join(DIR, 'logstash.ndjson'), 'utf8').split('\r\n')[0];
    const text = Array.from({ length: 400 }, (_, i) => line.replace('"eventID": "evt-100"', `"eventID": "evt-${i}"`)).join('\n');
    const gz = zlib.gzipSync(text);
    const file = path.join(t.dir, 'cut.ndjson.gz');
    fs.writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { sources } = await t.call('import.files', { paths: [file] });
    expect(sources[0].format).toBe('cloudtrail');
    expect(sources[0].loaded).toBeGreaterThan(50);
    expect(sources[0].loaded).toBeLessThan(400);
    expect(sources[0].warnings).toEqual([expect.stringMatching(/gzip data ends early or is corrupt.*records before the damage were read/)]);
    const row = t.db.prepare('SELECT warnings FROM source ORDER BY id DESC LIMIT 1').pluck().get() as string;
    expect(JSON.parse(row)).toEqual(sources[0].warnings);
    // The record the cut went through is a reject of its own; every record before it loaded.
    expect(sources[0].rows - sources[0].loaded).toBeLessThanOrEqual(1);
  });

  it('reads a truncated .gz too big to hold in memory the same way (streamed, in the parse worker)', async () => {
    const line = fs.readFileSync(path.join(DIR, 'logstash.ndjson'), 'utf8').split('\r\n')[0];
    // Random request ids keep the gzip from compressing to nothing: the file must be past the in-memory size.
    const text = Array.from({ length: 60000 }, (_, i) =>
      line.replace('"eventID": "evt-100"', `"eventID": "evt-${i}-${crypto.randomBytes(120).toString('hex')}"`),
    ).join('\n');
    const gz = zlib.gzipSync(text, { level: 1 });
    const file = path.join(t.dir, 'cut-big.ndjson.gz');
    fs.writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.7)));
    expect(fs.statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
    const { sources } = await t.call('import.files', { paths: [file] });
    expect(sources[0].loaded).toBeGreaterThan(10000);
    expect(sources[0].loaded).toBeLessThan(60000);
    expect(sources[0].warnings).toEqual([expect.stringMatching(/gzip data ends early or is corrupt/)]);
  });

  it('reads a bare array, drops __proto__ keys, and charges AWSAccount callers to that account root', async () => {
    const s = await importFixture('array.json');
    expect(s).toMatchObject({ format: 'cloudtrail', rows: 2, loaded: 2, rejected: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [cross, local] = events();
    expect(cross.identity).toBe('arn:aws:iam::444455556666:root');
    expect(JSON.parse(node('arn:aws:iam::444455556666:root')!.props!)).toMatchObject({ root: true });
    expect(local.ts).toBe(Date.UTC(2024, 6, 1, 10, 1)); // +02:00 offset honoured
  });

  it('reads `aws cloudtrail lookup-events` output, whose records are JSON strings', async () => {
    const s = await importFixture('lookup-events.json');
    expect(s).toMatchObject({ format: 'cloudtrail', rows: 2, loaded: 2, rejected: 0 });
    expect(events().map((e) => [e.identity, e.action, e.targetText])).toEqual([
      [`arn:aws:iam::${A}:user/frank`, 'iam.amazonaws.com:GetUser', `arn:aws:iam::${A}:user/frank`],
      [`arn:aws:iam::${A}:user/frank`, 'iam.amazonaws.com:ListAccessKeys', `arn:aws:iam::${A}:user/frank`],
    ]);
  });

  it('recognises a digest file and imports nothing from it', async () => {
    const s = await importFixture('digest.json');
    expect(s).toMatchObject({ format: 'cloudtrail', rows: 0, loaded: 0, rejected: 0 });
  });

  it('imports a big NDJSON file through the parse worker with the same results as in-thread', async () => {
    const dir = t.dir;
    const big = path.join(dir, 'big.ndjson');
    const line = fs.readFileSync(path.join(DIR, 'logstash.ndjson'), 'utf8').split('\r\n')[0];
    const fd = fs.openSync(big, 'w');
    for (let i = 0; i < 26_000; i++) fs.writeSync(fd, `${line.replace('"eventID": "evt-100"', `"eventID": "evt-${i}"`)}\n`);
    fs.writeSync(fd, 'not json\n');
    fs.closeSync(fd);
    expect(fs.statSync(big).size).toBeGreaterThan(16 * 1024 * 1024); // above the worker threshold
    const { sources } = await t.call('import.files', { paths: [big] });
    expect(sources[0]).toMatchObject({ rows: 26_001, loaded: 26_000, rejected: 1 });
    expect(new Set(events().map((e) => e.props.event_id)).size).toBe(26_000);
    expect(rejects()[0]).toMatchObject({ locator: 'line 26001', reason: expect.stringContaining('invalid JSON') });
  });
});

describe('Sentinel AWSCloudTrail CSV export', () => {
  it('reads day-first locale dates, doubled-quote JSON cells, failures and hidden users', async () => {
    const s = await importFixture('sentinel-awscloudtrail.csv');
    expect(s).toMatchObject({ format: 'cloudtrail-sentinel-csv', rows: 6, loaded: 5, rejected: 1 });
    expect(rejects()[0]).toMatchObject({ locator: 'row 7', reason: expect.stringContaining('unparseable TimeGenerated "31/13/2025') });
    const [ok, wrongPassword, hidden, root, denied] = events();
    const erin = `arn:aws:iam::${A}:user/erin`;
    expect(ok).toMatchObject({ ts: Date.UTC(2025, 3, 3, 14, 5, 9), identity: erin, outcome: 1 });
    expect(ok.props.mfa).toBe(true);
    // No ARN on a failed login: the user is found by its unique id, whatever case the name was typed in.
    expect(wrongPassword).toMatchObject({ identity: erin, outcome: 0, ip: '203.0.113.10' });
    expect(hidden).toMatchObject({ identity: null, outcome: 0 });
    expect(root).toMatchObject({ identity: `arn:aws:iam::${A}:root`, outcome: 1 });
    expect(denied).toMatchObject({
      identity: `arn:aws:iam::${A}:role/audit/auditor`,
      credential: 'ASIAEXAMPLEAUDITKEY1',
      outcome: 0,
      targetText: 'arn:aws:s3:::finance-reports',
    });
    expect(denied.props).toMatchObject({ session: 'audit-session', error: 'AccessDenied', read_only: true });
  });
});

describe('IAM credential report', () => {
  it('loads users, root and their credentials from the raw CSV, rejecting a row with a bad date', async () => {
    const s = await importFixture('credential-report.csv');
    expect(s).toMatchObject({ format: 'aws-credential-report', rows: 4, loaded: 3, rejected: 1 });
    expect(rejects()[0].reason).toContain('user_creation_time: unparseable date "2019-13-45');
    const svc = `arn:aws:iam::${A}:user/automation/svc-backup`;
    expect(node(svc)).toMatchObject({ kind: 'identity', subkind: 'service_account', name: 'svc-backup', last_used_at: '2024-04-30T23:00:00.000Z' });
    expect(node(`${svc}#access_key_1`)).toMatchObject({
      subkind: 'access_key',
      status: 'active',
      created_at: '2021-03-04T05:10:00.000Z',
      last_used_at: '2024-04-30T23:00:00.000Z',
    });
    expect(JSON.parse(node(`${svc}#access_key_1`)!.props!)).toMatchObject({ last_used_service: 's3', last_used_region: 'us-east-1' });
    expect(node(`${svc}#access_key_2`)).toMatchObject({ status: 'disabled' });
    expect(node(`${svc}#password`)).toBeUndefined();
    expect(edge(`${svc}#access_key_1`, svc, 'authenticates')).toBeDefined();
    const dana = `arn:aws:iam::${A}:user/dana`;
    expect(node(dana)).toMatchObject({ subkind: 'human' });
    expect(JSON.parse(node(dana)!.props!)).toMatchObject({ mfa_active: true, password_last_used: 'no_information' });
    expect(node(`${dana}#password`)).toMatchObject({ subkind: 'password', last_used_at: null });
    expect(node(`${dana}#cert_1`)).toMatchObject({ subkind: 'certificate', status: 'active' });
    const root = node(`arn:aws:iam::${A}:root`)!;
    expect(root).toMatchObject({ subkind: 'human', last_used_at: '2024-04-01T08:00:00.000Z' });
    expect(JSON.parse(root.props!)).toMatchObject({ root: true, mfa_active: true });
  });

  it('decodes the CLI JSON wrapper with base64 Content and takes GeneratedTime as the as-of time', async () => {
    const s = await importFixture('credential-report-base64.json');
    expect(s).toMatchObject({ format: 'aws-credential-report', rows: 4, loaded: 3, rejected: 1 });
    expect(node(`arn:aws:iam::${A}:user/dana2`)).toBeDefined();
    const asOf = t.db.prepare(`SELECT value FROM meta WHERE key = 'data_max_time'`).pluck().get();
    expect(Number(asOf)).toBe(Date.UTC(2024, 4, 1, 12));
  });

  it('lands on the same nodes CloudTrail created: users by ARN, root by its alias', async () => {
    await importFixture('sentinel-awscloudtrail.csv');
    const before = t.db.prepare(`SELECT count(*) FROM node WHERE key = ?`).pluck().get(`arn:aws:iam::${A}:root`);
    expect(before).toBe(1);
    await importFixture('credential-report.csv');
    expect(t.db.prepare(`SELECT count(*) FROM node WHERE key LIKE '%:root'`).pluck().get()).toBe(1);
    expect(JSON.parse(node(`arn:aws:iam::${A}:root`)!.props!)).toMatchObject({ root: true, mfa_active: true });
  });
});
