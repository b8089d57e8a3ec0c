// Okta System Log and GitHub audit log imports: identities, tokens, membership edges, duplicates and rejects.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';

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
      `SELECT e.ts, a.value AS action, i.key AS identity, c.key AS credential, tg.key AS target, COALESCE(address_text(e.ip), ip.value) AS ip, e.outcome, e.country, e.props
    FROM auth_event e LEFT JOIN term a ON a.id = e.action LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential
    LEFT JOIN node tg ON tg.id = e.target LEFT JOIN term ip ON ip.id = e.ip ORDER BY e.id`,
    )
    .all() as Record<string, any>[];
}
function rejects(t: TestCase) {
  return t.db.prepare('SELECT locator, reason FROM reject ORDER BY id').all();
}

describe('okta-system-log', () => {
  it('dedupes real uuids only, reads "null" strings as absent, and records tokens and membership', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(FIXTURES, 'okta', 'system-log.json')] });
    expect(sources[0]).toMatchObject({ format: 'okta-system-log', rows: 9, loaded: 7, rejected: 2 });
    expect(rejects(t)).toEqual([
      {
        locator: 'record 2',
        reason:
          'duplicate event: uuid 5d8d7f20-1c2b-11ef-9a1b-0242ac120002 (user.session.start at 2024-05-28T09:00:00.000Z) already loaded from record 1',
      },
      { locator: 'record 9', reason: 'unparseable published "last tuesday"' },
    ]);
    const ev = events(t);
    // The two "null"-uuid failures are both kept: a placeholder uuid says nothing about identity of events.
    const bob = ev.filter((e) => e.identity === 'okta:user:00u1bob' && e.action === 'okta:user.session.start');
    expect(bob.map((e) => [e.outcome, e.ip])).toEqual([
      [0, null],
      [0, null],
    ]);
    expect(ev.find((e) => e.action === 'okta:user.authentication.sso')).toMatchObject({ target: 'okta:app:0oa1aws', outcome: 1 });
    expect(ev.find((e) => e.action === 'okta:system.api_token.create')).toMatchObject({ credential: 'okta:token:00Tabc123' });
    expect(edges(t, 'authenticates')).toEqual([{ src: 'okta:token:00Tabc123', dst: 'okta:user:00u1alice', privilege: 0 }]);
    expect(edges(t, 'member_of')).toEqual([{ src: 'okta:user:00u1bob', dst: 'okta:group:00g1admins', privilege: 0 }]);
    expect(
      t.db.prepare(`SELECT n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = 'okta:login:alice@example.com'`).pluck().get(),
    ).toBe('okta:user:00u1alice');
    // A hostile actor type becomes an ordinary identity key, never a prototype lookup.
    expect(ev.find((e) => e.identity === 'okta:constructor:x')).toBeDefined();
    t.close();
  });
});

describe('okta-system-log: the API token that acted', () => {
  it('attaches requestApiTokenId to the event as its credential, held by the token creator the actor names', async () => {
    const t = await TestCase.create();
    const event = (uuid: string, published: string, eventType: string, token: string | null) => ({
      uuid,
      published,
      eventType,
      version: '0',
      severity: 'INFO',
      displayMessage: eventType,
      actor: { id: '00uADMIN1', type: 'User', alternateId: 'admin@example.com', displayName: 'Ada Admin' },
      client: { ipAddress: '203.0.113.9', userAgent: { rawUserAgent: 'okta-sdk-python/2.9.1 python/3.11' } },
      outcome: { result: 'SUCCESS', reason: null },
      transaction: { type: 'WEB', id: `tx-${uuid.slice(0, 4)}`, detail: token ? { requestApiTokenId: token } : {} },
      target: [{ id: '00uBOB', type: 'User', alternateId: 'bob@example.com', displayName: 'Bob' }],
    });
    const lines = [
      event('7d1f2a10-0000-4000-8000-000000000001', '2024-05-01T10:00:00.000Z', 'user.lifecycle.deactivate', '00T9TOKEN1'),
      event('7d1f2a10-0000-4000-8000-000000000002', '2024-05-01T10:05:00.000Z', 'user.account.update_profile', '00T9TOKEN1'),
      event('7d1f2a10-0000-4000-8000-000000000003', '2024-05-01T11:00:00.000Z', 'user.session.start', null),
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const s = await t.importText('okta.ndjson', lines);
    expect(s).toMatchObject({ format: 'okta-system-log', rows: 3, loaded: 3 });
    const rows = t.db
      .prepare(
        `SELECT a.value AS action, c.key AS credential FROM auth_event e JOIN term a ON a.id = e.action
      LEFT JOIN node c ON c.id = e.credential ORDER BY e.ts`,
      )
      .all();
    expect(rows).toEqual([
      { action: 'okta:user.lifecycle.deactivate', credential: 'okta:token:00T9TOKEN1' },
      { action: 'okta:user.account.update_profile', credential: 'okta:token:00T9TOKEN1' },
      { action: 'okta:user.session.start', credential: null },
    ]);
    const holders = t.db
      .prepare(
        `SELECT s.key AS holder, d.kind, d.subkind FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      WHERE e.kind = 'has_credential'`,
      )
      .all();
    expect(holders).toEqual([{ holder: 'okta:user:00uADMIN1', kind: 'credential', subkind: 'token' }]);
    t.close();
  });
});

describe('github-audit', () => {
  it('loads entries with epoch-ms or ISO times, tokens as credentials, membership and repo permissions', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(FIXTURES, 'github', 'audit-log.json')] });
    expect(sources[0]).toMatchObject({ format: 'github-audit', rows: 9, loaded: 8, rejected: 1 });
    expect(rejects(t)).toEqual([{ locator: 'record 8', reason: 'no actor, user or token in the entry' }]);
    const ev = events(t);
    expect(ev[0]).toMatchObject({ identity: 'github:user:octo-admin', ip: '203.0.113.77', outcome: 1, country: 'DE' });
    expect(ev[1]).toMatchObject({ action: 'github:user.failed_login', outcome: 0 });
    expect(new Date(ev[2].ts).toISOString()).toBe('2024-05-29T16:30:00.000Z');
    expect(ev[3]).toMatchObject({ action: 'github:git.clone', credential: 'github:token:555', target: 'github:repo:acme/payments' });
    expect(edges(t, 'authenticates')).toEqual([{ src: 'github:token:555', dst: 'github:user:octo-admin', privilege: 0 }]);
    // A hostile permission name ("constructor") is an unknown permission: read, never a prototype lookup.
    expect(edges(t, 'access')).toEqual([
      { src: 'github:user:intern', dst: 'github:repo:acme/payments', privilege: 1 },
      { src: 'github:user:new-dev', dst: 'github:repo:acme/payments', privilege: 2 },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(edges(t, 'member_of')).toEqual([{ src: 'github:user:new-dev', dst: 'github:team:acme/platform', privilege: 0 }]);
    expect(ev[6]).toMatchObject({ identity: 'github:app:dependabot' });
    expect(
      t.db.prepare(`SELECT n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = 'github:token:abcHASHED/token='`).pluck().get(),
    ).toBe('github:token:555');
    t.close();
  });
});
