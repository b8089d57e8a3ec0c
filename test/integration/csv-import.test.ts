import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, TestCase } from '../helpers.ts';

const CSV = path.join(FIXTURES, 'csv');

function node(t: TestCase, key: string) {
  return t.db.prepare('SELECT * FROM node WHERE key = ?').get(key) as Record<string, any> | undefined;
}
function edges(t: TestCase, kind: string) {
  return t.db
    .prepare(
      `SELECT s.key AS src, d.key AS dst, e.privilege FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE e.kind = ? ORDER BY s.key, d.key`,
    )
    .all(kind) as { src: string; dst: string; privilege: number }[];
}
function rejects(t: TestCase) {
  return t.db.prepare('SELECT locator, reason FROM reject ORDER BY id').all() as { locator: string; reason: string }[];
}

describe('canonical CSV import', () => {
  it('detects and loads all six files, each by its header', async () => {
    const t = await TestCase.create();
    const files = ['identities', 'systems', 'credentials', 'entitlements', 'auth_events', 'networks'].map((f) => path.join(CSV, `${f}.csv`));
    const { sources } = await t.call('import.files', { paths: files });
    expect(sources.map((s) => s.format)).toEqual([
      'identities-csv',
      'systems-csv',
      'credentials-csv',
      'entitlements-csv',
      'auth-events-csv',
      'networks-csv',
    ]);
    expect(sources.map((s) => s.loaded)).toEqual([7, 3, 2, 6, 3, 2]);
    expect(sources.every((s) => s.rejected === 0 && !s.skipped)).toBe(true);
    const info = await t.call('case.info');
    expect(info.nodes).toEqual({ credential: 2, group: 1, identity: 5, network: 2, role: 1, system: 3 });
    expect(info.authEvents).toBe(3);
    expect(info.asOf).toBe('2024-05-31T23:00:00.000Z');
    expect(edges(t, 'stores')).toEqual([
      { src: 'build-host', dst: 'AKIAEXAMPLE1', privilege: 0 },
      { src: 'vault', dst: 'AKIAEXAMPLE1', privilege: 0 },
    ]);
    expect(edges(t, 'runs_as')).toEqual([{ src: 'build-host', dst: 'svc-deploy', privilege: 0 }]);
    expect(edges(t, 'access').find((e) => e.src === 'etl-admin')).toEqual({ src: 'etl-admin', dst: 'prod-db', privilege: 3 });
    // An event with only a credential is attributed to the credential's identity.
    const attributed = t.db.prepare(`SELECT n.key FROM auth_event e JOIN node n ON n.id = e.identity WHERE e.locator = 3`).pluck().get();
    expect(attributed).toBe('svc-deploy');
    t.close();
  });

  it('accepts synonyms, reordered and extra columns, in any case', async () => {
    const t = await TestCase.create();
    const r = await t.importText(
      'people.csv',
      'Extra Col,Display Name,Identity_Type,Identity ID,ENV,State\nx,Carol,user,carol,PROD,enabled\ny,Dan,service,svc-dan,dev,inactive\n',
    );
    expect(r.format).toBe('identities-csv');
    expect(r.loaded).toBe(2);
    expect(node(t, 'carol')).toMatchObject({ name: 'Carol', subkind: 'human', environment: 'prod', status: 'active' });
    expect(node(t, 'svc-dan')).toMatchObject({ subkind: 'service_account', status: 'disabled' });
    t.close();
  });

  it('handles a BOM, CRLF line endings and quoted fields with commas and newlines', async () => {
    const t = await TestCase.create();
    const text = '\uFEFFid,name,kind,owner\r\n"svc-a","Service, with comma",service_account,alice\r\n"svc-b","Line one\r\nline two",api_key,\r\n';
    const r = await t.importText('bom.csv', text);
    expect(r).toMatchObject({ format: 'identities-csv', rows: 2, loaded: 2, rejected: 0 });
    expect(node(t, 'svc-a')?.name).toBe('Service, with comma');
    expect(node(t, 'svc-b')?.name).toBe('Line one\r\nline two');
    t.close();
  });

  it('rejects unusable rows with a reason and loads the rest', async () => {
    const t = await TestCase.create();
    const r = await t.importText(
      'mixed.csv',
      [
        'id,name,kind,created_at',
        'ok-1,Fine,human,2024-01-01',
        ',No id,human,2024-01-01',
        'bad-kind,Odd,spaceship,2024-01-01',
        'bad-date,When,human,yesterday',
        'bad-day,When,human,2024-02-31',
        'ok-2,Also fine,workload,',
      ].join('\n'),
    );
    expect(r).toMatchObject({ rows: 6, loaded: 2, rejected: 4 });
    expect(rejects(t)).toEqual([
      { locator: 'row 3', reason: 'missing id' },
      {
        locator: 'row 4',
        reason: 'unknown kind "spaceship" (expected human|service_account|api_key|oauth_app|workload|ci_token|ai_agent|certificate|group|role)',
      },
      { locator: 'row 5', reason: 'unparseable created_at "yesterday" (expected ISO 8601)' },
      { locator: 'row 6', reason: 'unparseable created_at "2024-02-31" (expected ISO 8601)' },
    ]);
    const excerpt = t.db.prepare('SELECT excerpt FROM reject WHERE locator = ?').pluck().get('row 4');
    expect(excerpt).toBe('bad-kind,Odd,spaceship,2024-01-01');
    t.close();
  });

  it('creates unresolved placeholders for references not (yet) in the inventory, then resolves them', async () => {
    const t = await TestCase.create();
    await t.importText('ent.csv', 'principal,relation,target,privilege\nghost-svc,access,ghost-db,write\nghost-svc,member_of,ghost-group,\n');
    expect(node(t, 'ghost-svc')).toMatchObject({ kind: 'identity', unresolved: 1 });
    expect(node(t, 'ghost-db')).toMatchObject({ kind: 'system', unresolved: 1 });
    expect(node(t, 'ghost-group')).toMatchObject({ kind: 'group', unresolved: 1 });
    expect((await t.call('case.info')).unresolved).toBe(3);
    await t.importText('sys.csv', 'id,name,kind,criticality\nghost-db,Ghost DB,database,critical\n');
    expect(node(t, 'ghost-db')).toMatchObject({ unresolved: 0, name: 'Ghost DB', criticality: 'critical' });
    expect(edges(t, 'access')).toEqual([{ src: 'ghost-svc', dst: 'ghost-db', privilege: 2 }]);
    t.close();
  });

  it('treats re-importing the same bytes as a no-op that says so', async () => {
    const t = await TestCase.create();
    const file = path.join(CSV, 'identities.csv');
    await t.call('import.files', { paths: [file] });
    const again = (await t.call('import.files', { paths: [file] })).sources[0];
    expect(again).toMatchObject({ skipped: true, rows: 0, loaded: 0 });
    expect(again.message).toMatch(/already imported/);
    expect((await t.call('case.info')).sources).toBe(1);
    t.close();
  });

  it('loads a header-only file as zero rows and refuses an empty file', async () => {
    const t = await TestCase.create();
    expect(await t.importText('h.csv', 'cidr,class,label\n')).toMatchObject({ format: 'networks-csv', rows: 0, loaded: 0 });
    await expect(t.importText('e.csv', '')).rejects.toThrow(/empty/);
    t.close();
  });

  it('names the missing columns when a forced format does not fit', async () => {
    const t = await TestCase.create();
    await expect(t.importText('x.csv', 'principal,target\na,b\n', 'entitlements-csv')).rejects.toThrow(/missing column\(s\) relation/);
    await expect(t.importText('y.csv', 'foo,bar\n1,2\n')).rejects.toThrow(/unrecognised format/);
    expect((await t.call('case.info')).sources).toBe(0);
    t.close();
  });

  it('checks every canonical kind for its own reject reasons', async () => {
    const t = await TestCase.create();
    // Each file also holds one good row: a file whose every row is rejected is a failed import (tested below).
    expect(await t.importText('s.csv', 'id,name,kind,criticality\ndb1,DB,database,extreme\ndb2,DB,database,high\n')).toMatchObject({
      rejected: 1,
      loaded: 1,
    });
    expect(await t.importText('c.csv', 'id,identity,type\nk1,svc,magic\nk2,,token\nk3,svc,token\n')).toMatchObject({ rejected: 2, loaded: 1 });
    expect(await t.importText('en.csv', 'principal,relation,target,privilege\na,access,b,\na,befriends,b,\na,member_of,g,\n')).toMatchObject({
      rejected: 2,
      loaded: 1,
    });
    expect(
      await t.importText(
        'a.csv',
        'timestamp,identity,source_ip,outcome\n2024-01-01T00:00:00Z,,1.2.3.4,success\nnot-a-date,x,1.2.3.4,success\n2024-01-01T00:00:00Z,x,1.2.3.4,maybe\n2024-01-01T00:00:00Z,x,1.2.3.4,success\n',
      ),
    ).toMatchObject({ rejected: 3, loaded: 1 });
    expect(await t.importText('n.csv', 'cidr,class\n10.0.0.0/33,corporate\n10.0.0.0/8,moon\n192.168.0.0/16,corporate\n')).toMatchObject({
      rejected: 2,
      loaded: 1,
    });
    const reasons = rejects(t).map((r) => r.reason);
    expect(reasons).toEqual([
      'unknown criticality "extreme" (expected low|medium|high|critical)',
      'unknown type "magic" (expected access_key|client_secret|certificate|token|ssh_key|password)',
      'missing identity',
      'access without privilege (expected read|write|admin)',
      'unknown relation "befriends" (expected member_of|has_role|can_assume|owns|access|runs_as)',
      'missing identity and credential',
      'unparseable timestamp "not-a-date" (expected ISO 8601)',
      'unknown outcome "maybe" (expected success|failure)',
      'invalid cidr "10.0.0.0/33"',
      'unknown class "moon" (expected corporate|ci_runner|cloud|hosting|vpn|tor|residential|corporate_vpn)',
    ]);
    t.close();
  });

  it('fails a recognised file whose every row is rejected, names the first reasons, and leaves the case unchanged', async () => {
    const t = await TestCase.create();
    await t.importText('ok.csv', 'id,kind\ndb,database\n');
    const before = t.db
      .prepare('SELECT (SELECT count(*) FROM source) AS s, (SELECT count(*) FROM reject) AS r, (SELECT count(*) FROM node) AS n')
      .get();
    await expect(t.importText('bad.csv', 'id,name,kind,criticality\ndb1,DB,database,extreme\ndb2,DB,database,urgent\n')).rejects.toThrow(
      /recognised as systems-csv, but all 2 of its records were rejected.*row 2: unknown criticality "extreme".*row 3: unknown criticality "urgent"/,
    );
    expect(
      t.db.prepare('SELECT (SELECT count(*) FROM source) AS s, (SELECT count(*) FROM reject) AS r, (SELECT count(*) FROM node) AS n').get(),
    ).toEqual(before);
    t.close();
  });

  it('rolls exercised grants up into usage whichever file arrives first', async () => {
    const t = await TestCase.create();
    await t.importText(
      'ev.csv',
      'timestamp,identity,target,outcome\n2024-01-01T00:00:00Z,svc,db,success\n2024-01-02T00:00:00Z,svc,db,success\n2024-01-03T00:00:00Z,svc,db,failure\n',
    );
    await t.importText('sys.csv', 'id,kind\ndb,database\n');
    await t.importText('ent.csv', 'principal,relation,target,privilege\nsvc,access,db,read\n');
    const usage = t.db
      .prepare(
        `SELECT u.count, u.first_seen, u.last_seen FROM usage u JOIN node s ON s.id = u.src JOIN node d ON d.id = u.dst
      WHERE s.key = 'svc' AND d.key = 'db'`,
      )
      .get();
    expect(usage).toEqual({ count: 2, first_seen: Date.UTC(2024, 0, 1), last_seen: Date.UTC(2024, 0, 2) });
    t.close();
  });

  it('parses large auth_events files in a worker with the same results and rejects', async () => {
    const t = await TestCase.create();
    const lines = ['Time,User,Key_ID,Src_IP,Result'];
    for (let i = 0; i < 170_000; i++) {
      if (i === 70_000) lines.push('31/12/2024,svc-x,,1.2.3.4,success');
      else if (i === 90_000) lines.push('2024-01-01T00:00:00Z,,,1.2.3.4,success');
      else
        lines.push(`2024-01-01T00:${String(i % 60).padStart(2, '0')}:00Z,svc-${i % 97},k-${i % 13},075.050.${i % 250}.1,${i % 5 ? 'ok' : 'denied'}`);
    }
    const text = lines.join('\r\n');
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const r = await t.importText('big.csv', text);
    expect(r).toMatchObject({ format: 'auth-events-csv', rows: 170_000, loaded: 169_998, rejected: 2 });
    expect(rejects(t)).toEqual([
      { locator: 'row 70002', reason: 'unparseable timestamp "31/12/2024" (expected ISO 8601)' },
      { locator: 'row 90002', reason: 'missing identity and credential' },
    ]);
    const failures = t.db.prepare('SELECT count(*) FROM auth_event WHERE outcome = 0').pluck().get();
    expect(failures).toBe(lines.slice(1).filter((l) => l.endsWith(',denied')).length);
    // Zero-padded octets are read as the address they mean, and stored as it (store/address-column.ts).
    const addresses = t.db.prepare(`SELECT DISTINCT address_text(ip) FROM auth_event`).pluck().all() as string[];
    expect(addresses).toHaveLength(250);
    for (const a of addresses) expect(a).toMatch(/^75\.50\.\d+\.1$/);
    t.close();
  });

  it('skips whitespace-only records in the worker as the streaming parser does, with the same row numbers', async () => {
    const lines = ['timestamp,identity,source_ip,outcome'];
    for (let i = 0; i < 200_000; i++) {
      if (i === 10) lines.push('   ');
      else if (i === 20) lines.push(' , ,');
      else if (i === 100_000) lines.push('not-a-date,svc-1,10.0.0.1,success');
      else lines.push(`2024-01-01T00:${String(i % 60).padStart(2, '0')}:00Z,svc-${i % 97},10.0.${i % 250}.1,success`);
    }
    const big = lines.join('\n');
    expect(big.length).toBeGreaterThan(8 * 1024 * 1024);
    const small = [...lines.slice(0, 30), lines[100_001]].join('\n');
    const worker = await TestCase.create();
    const streaming = await TestCase.create();
    const r = await worker.importText('big.csv', big);
    await streaming.importText('small.csv', small);
    expect(r).toMatchObject({ rows: 199_998, loaded: 199_997, rejected: 1 });
    // In the small file the bad row comes right after the same 30 lines, so its number is 31 minus the two blank ones.
    expect(rejects(streaming)).toEqual([{ locator: 'row 29', reason: 'unparseable timestamp "not-a-date" (expected ISO 8601)' }]);
    expect(rejects(worker)).toEqual([{ locator: `row ${100_002 - 2}`, reason: 'unparseable timestamp "not-a-date" (expected ISO 8601)' }]);
    const locatorOf = (t: TestCase, ts: string) =>
      t.db.prepare(`SELECT locator FROM auth_event WHERE ts = ? ORDER BY id LIMIT 1`).pluck().get(Date.parse(ts));
    expect(locatorOf(worker, '2024-01-01T00:21:00Z')).toBe(locatorOf(streaming, '2024-01-01T00:21:00Z'));
    worker.close();
    streaming.close();
  });

  it('completes credential-only events when the credential inventory arrives later', async () => {
    const t = await TestCase.create();
    await t.importText(
      'ev.csv',
      'timestamp,credential,target,outcome\n2024-01-01T00:00:00Z,AKIA1,db,success\n2024-01-05T00:00:00Z,AKIA1,db,success\n2024-01-06T00:00:00Z,AKIA1,db,failure\n',
    );
    expect(t.db.prepare('SELECT count(*) FROM auth_event WHERE identity IS NULL').pluck().get()).toBe(3);
    await t.importText('sys.csv', 'id,kind\ndb,database\n');
    await t.importText('cred.csv', 'id,identity,type\nAKIA1,svc-etl,access_key\n');
    expect(t.db.prepare('SELECT count(*) FROM auth_event WHERE identity IS NULL').pluck().get()).toBe(0);
    const usage = t.db
      .prepare(`SELECT s.key AS src, d.key AS dst, u.count FROM usage u JOIN node s ON s.id = u.src JOIN node d ON d.id = u.dst ORDER BY s.key`)
      .all();
    expect(usage).toEqual([
      { src: 'AKIA1', dst: 'svc-etl', count: 2 },
      { src: 'svc-etl', dst: 'db', count: 2 },
    ]);
    expect(t.db.prepare('SELECT count(*) FROM pending_ref').pluck().get()).toBe(0);
    t.close();
  });

  it('resolves many late targets in one pass and leaves unmatched ones pending', async () => {
    const t = await TestCase.create();
    const rows = ['timestamp,identity,target,outcome'];
    for (let i = 0; i < 300; i++) rows.push(`2024-01-01T00:${String(i % 60).padStart(2, '0')}:00Z,svc-${i % 3},sys-${i % 30},success`);
    await t.importText('ev.csv', rows.join('\n'));
    expect(t.db.prepare(`SELECT count(*) FROM pending_ref WHERE kind = 'target'`).pluck().get()).toBe(30);
    const systems = ['id,kind', ...Array.from({ length: 20 }, (_, i) => `sys-${i},database`)].join('\n');
    await t.importText('sys.csv', systems);
    expect(t.db.prepare('SELECT count(*) FROM auth_event WHERE target IS NOT NULL').pluck().get()).toBe(200);
    expect(t.db.prepare(`SELECT count(*) FROM pending_ref WHERE kind = 'target'`).pluck().get()).toBe(10);
    expect(t.db.prepare('SELECT sum(count) FROM usage').pluck().get()).toBe(200);
    t.close();
  });
});
