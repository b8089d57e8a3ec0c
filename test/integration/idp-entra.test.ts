// Entra ID sign-in and audit imports: identities, credentials, consent edges and events from each export shape.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'entra');

function node(t: TestCase, key: string) {
  return t.db.prepare('SELECT key, kind, subkind, name, unresolved FROM node WHERE key = ?').get(key) as Record<string, any> | undefined;
}
function aliasOf(t: TestCase, alias: string) {
  return t.db.prepare('SELECT n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = ?').pluck().get(alias);
}
function edges(t: TestCase, kind: string) {
  return t.db
    .prepare(
      `SELECT s.key AS src, d.key AS dst, e.privilege FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE e.kind = ? ORDER BY s.key, d.key`,
    )
    .all(kind);
}
function events(t: TestCase) {
  return t.db
    .prepare(
      `SELECT e.ts, i.key AS identity, c.key AS credential, tg.key AS target, COALESCE(address_text(e.ip), ip.value) AS ip, e.outcome, e.country, e.props
    FROM auth_event e LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential LEFT JOIN node tg ON tg.id = e.target
    LEFT JOIN term ip ON ip.id = e.ip ORDER BY e.ts`,
    )
    .all() as Record<string, any>[];
}

describe('entra-signin', () => {
  it('loads Graph signIns: users by object id with UPN aliases, managed identities as workloads, offsets honoured', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'graph-signins.json')] });
    expect(sources[0]).toMatchObject({ format: 'entra-signin', rows: 4, loaded: 3, rejected: 1 });
    expect(t.db.prepare('SELECT locator, reason FROM reject').get()).toEqual({ locator: 'value[3]', reason: 'missing createdDateTime' });
    expect(node(t, 'entra:user:d3b1f4c2-1111-4a5b-9c8d-0e1f2a3b4c5d')).toMatchObject({ subkind: 'human', name: 'Alice Martin' });
    expect(aliasOf(t, 'alice@contoso.example')).toBe('entra:user:d3b1f4c2-1111-4a5b-9c8d-0e1f2a3b4c5d');
    expect(aliasOf(t, 'entra:upn:alice@contoso.example')).toBe('entra:user:d3b1f4c2-1111-4a5b-9c8d-0e1f2a3b4c5d');
    expect(node(t, 'entra:sp:0f0e0d0c-5555-4e4e-9d9d-3b4c5d6e7f80')).toMatchObject({ subkind: 'workload', name: 'vm-backup-identity' });
    expect(aliasOf(t, 'entra:app:6f1c1a9e-4444-4d4d-8c8c-2a3b4c5d6e7f')).toBe('entra:sp:0f0e0d0c-5555-4e4e-9d9d-3b4c5d6e7f80');
    const ev = events(t);
    // +02:00 offset: 08:14:02 local is 06:14:02Z, the earliest of the three.
    expect(new Date(ev[0].ts).toISOString()).toBe('2024-04-02T06:14:02.123Z');
    expect(ev[0]).toMatchObject({ outcome: 0, ip: '198.51.100.9', target: 'entra:resource:00000002-0000-0ff1-ce00-000000000000' });
    expect(JSON.parse(ev[0].props)).toMatchObject({ resultCode: '50126', failureReason: 'Invalid username or password.', interactive: true });
    expect(ev[1]).toMatchObject({ outcome: 1, country: 'FR', target: 'entra:resource:00000003-0000-0000-c000-000000000000' });
    expect(ev[2]).toMatchObject({ identity: 'entra:sp:0f0e0d0c-5555-4e4e-9d9d-3b4c5d6e7f80', ip: null });
    t.close();
  });

  it('loads the portal CSV download by its header', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'portal-signins.csv')] });
    expect(sources[0]).toMatchObject({ format: 'entra-signin', rows: 2, loaded: 2, rejected: 0 });
    const ev = events(t);
    expect(ev.map((e) => [e.identity, e.outcome])).toEqual([
      ['entra:user:e4c3b2a1-6666-4f6f-8e8e-9d8c7b6a5f4e', 0],
      ['entra:user:e4c3b2a1-6666-4f6f-8e8e-9d8c7b6a5f4e', 1],
    ]);
    expect(JSON.parse(ev[0].props)).toMatchObject({ resultCode: '50053', failureReason: 'Account is locked', app: 'Azure CLI' });
    t.close();
  });
});

describe('entra-signin (Log Analytics)', () => {
  it('reads PascalCase rows with dynamic columns as JSON strings, and the resource from ResourceIdentity', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'la-signinlogs.json')] });
    expect(sources[0]).toMatchObject({ format: 'entra-signin', rows: 1, loaded: 1, rejected: 0 });
    const [e] = events(t);
    expect(e).toMatchObject({
      identity: 'entra:user:d3b1f4c2-1111-4a5b-9c8d-0e1f2a3b4c5d',
      target: 'entra:resource:00000003-0000-0000-c000-000000000000',
      outcome: 0,
      country: 'FR',
    });
    expect(JSON.parse(e.props)).toMatchObject({ resultCode: '50074', interactive: false, failureReason: 'Strong Authentication is required.' });
    t.close();
  });
});

describe('entra-audit', () => {
  it('turns credential additions and group membership into edges, and every record into an event', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'diag-audit.ndjson')] });
    expect(sources[0]).toMatchObject({ format: 'entra-audit', rows: 4, loaded: 3, rejected: 1 });
    expect(t.db.prepare('SELECT reason FROM reject').pluck().get()).toBe('unparseable activityDateTime "yesterday"');
    expect(node(t, 'entra:cred:4f4f4f4f-aaaa-4bbb-8ccc-dddddddddddd')).toMatchObject({ kind: 'credential', subkind: 'certificate' });
    expect(edges(t, 'authenticates')).toEqual([
      { src: 'entra:cred:4f4f4f4f-aaaa-4bbb-8ccc-dddddddddddd', dst: 'entra:sp:2b2b2b2b-5555-4666-8777-988888888888', privilege: 0 },
    ]);
    expect(edges(t, 'owns')).toEqual([
      { src: 'entra:sp:7e7e7e7e-1111-4222-8333-944444444444', dst: 'entra:sp:2b2b2b2b-5555-4666-8777-988888888888', privilege: 0 },
      // "Add owner to application": the new owner (not the admin who added them) owns the app.
      { src: 'entra:user:e4c3b2a1-6666-4f6f-8e8e-9d8c7b6a5f4e', dst: 'entra:application:5a5a5a5a-1111-4222-8333-944444444444', privilege: 0 },
    ]);
    expect(edges(t, 'member_of')).toEqual([
      { src: 'entra:user:e4c3b2a1-6666-4f6f-8e8e-9d8c7b6a5f4e', dst: 'entra:group:9a9a9a9a-7777-4888-8999-aaaaaaaaaaaa', privilege: 0 },
    ]);
    const ev = events(t);
    expect(ev.map((e) => e.identity)).toEqual([
      'entra:sp:7e7e7e7e-1111-4222-8333-944444444444',
      'entra:user:d3b1f4c2-1111-4a5b-9c8d-0e1f2a3b4c5d',
      'entra:user:d3b1f4c2-1111-4a5b-9c8d-0e1f2a3b4c5d',
    ]);
    t.close();
  });
});
