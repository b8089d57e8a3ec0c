// The credential that acted is an actor (issue 25, part 3): an Okta API token or a GitHub personal access token is
// logged under its creator's name, but the behavioural rules judge the token itself. Records follow the vendors'
// shapes (shared/fixtures: Okta System Log events with transaction.detail.requestApiTokenId; GitHub audit entries
// with hashed_token and programmatic_access_type). Addresses are real: 203.0.113.0/24 is declared the office,
// 3.5.140.1 is AWS (AS16509), 185.220.101.1 a Tor exit (AS60729), 159.89.0.1 DigitalOcean, 73.162.10.5 Comcast.
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/api/findings.ts';
import { caseWith, ev, series } from '../fixtures/findings/build-case.ts';
import { TestCase } from '../helpers.ts';

const AS_OF = '2024-06-01T00:00:00Z';
let t: TestCase | undefined;
afterEach(() => t?.close());

interface OktaUser {
  id: string;
  login: string;
  name: string;
}
const ALICE: OktaUser = { id: '00u1a1iceADM1N', login: 'alice@northwind.example', name: 'Alice Admin' };
const BOB: OktaUser = { id: '00u2b0bOPS0000', login: 'bob@northwind.example', name: 'Bob Ops' };
const CAROL: OktaUser = { id: '00u3car0lHR000', login: 'carol@northwind.example', name: 'Carol HR' };
const TARGET: OktaUser = { id: '00u9target0000', login: 'sam@northwind.example', name: 'Sam' };

let uuidSerial = 0;
/** One Okta System Log event as /api/v1/logs returns it. */
function okta(
  published: string,
  eventType: string,
  actor: OktaUser,
  ip: string,
  o: { token?: string; targets?: object[]; ua?: string; result?: string } = {},
) {
  const n = (++uuidSerial).toString(16).padStart(12, '0');
  return {
    actor: { id: actor.id, type: 'User', alternateId: actor.login, displayName: actor.name, detailEntry: null },
    client: {
      userAgent: {
        rawUserAgent:
          o.ua ??
          (o.token
            ? 'okta-sdk-python/2.9.2 python/3.11.4 Linux/5.15'
            : 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15'),
        os: 'Unknown',
        browser: 'UNKNOWN',
      },
      zone: 'null',
      device: o.token ? 'Unknown' : 'Computer',
      id: null,
      ipAddress: ip,
      geographicalContext: {
        city: 'Seattle',
        state: 'Washington',
        country: 'United States',
        postalCode: '98101',
        geolocation: { lat: 47.6, lon: -122.3 },
      },
    },
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: o.token ? 'trs-api' : `102abc${n.slice(-6)}`,
    },
    displayMessage: eventType,
    eventType,
    outcome: { result: o.result ?? 'SUCCESS', reason: null },
    published,
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: false },
    severity: 'INFO',
    debugContext: {
      debugData: { requestId: `Zk${n}`, requestUri: o.token ? '/api/v1/users' : '/api/v1/authn', threatSuspected: 'false', url: '/api/v1/users?' },
    },
    legacyEventType: null,
    transaction: { type: 'WEB', id: `Zk${n}`, detail: o.token ? { requestApiTokenId: o.token } : {} },
    uuid: `5f1c2a10-1f00-11ef-9000-${n}`,
    version: '0',
    request: { ipChain: [{ ip, geographicalContext: { city: 'Seattle', country: 'United States' }, version: 'V4', source: null }] },
    target: o.targets ?? null,
  };
}
const userTarget = (u: OktaUser) => ({ id: u.id, type: 'User', alternateId: u.login, displayName: u.name, detailEntry: null });
const tokenTarget = (id: string, name: string) => ({ id, type: 'Token', alternateId: 'unknown', displayName: name, detailEntry: null });

/** Every `everyHours` from `start` for `days` days: one event per slot. */
function daily(start: string, days: number, make: (ts: string, i: number) => object, everyHours = 24): object[] {
  const t0 = Date.parse(start);
  return Array.from({ length: Math.floor((days * 24) / everyHours) }, (_, i) => make(new Date(t0 + i * everyHours * 3_600_000).toISOString(), i));
}

const NETWORKS = 'cidr,class,label,source\n203.0.113.0/24,corporate,Seattle office,analyst\n';

async function oktaCase(events: object[]): Promise<TestCase> {
  const c = await TestCase.create();
  await c.importText('networks.csv', NETWORKS);
  const sorted = [...events].sort((a, b) => String((a as { published: string }).published).localeCompare((b as { published: string }).published));
  const s = await c.importText('okta-system-log.ndjson', sorted.map((e) => JSON.stringify(e)).join('\n'));
  expect(s).toMatchObject({ format: 'okta-system-log', rejected: 0 });
  return c;
}

async function run(c: TestCase): Promise<Finding[]> {
  return (await c.call('findings.run', { persist: false, asOf: AS_OF })).findings!;
}

const of = (f: Finding[], rule: string, subject: string) => f.filter((x) => x.rule === rule && x.subject === subject);

/** Alice and Bob sign in from the office every day of April; each made an API token early on that a job uses daily. */
function oktaBaseline(): object[] {
  return [
    ...daily('2024-04-01T08:30:00Z', 45, (ts, i) => okta(ts, 'user.session.start', ALICE, `203.0.113.${10 + (i % 5)}`)),
    ...daily('2024-04-01T19:00:00Z', 45, (ts) => okta(ts, 'user.session.start', ALICE, '86.12.1.1'), 72), // and from home (Virgin Media)
    ...daily('2024-04-01T09:00:00Z', 45, (ts) => okta(ts, 'user.session.start', BOB, '73.162.10.5')), // Bob works from home
    okta('2024-04-02T10:00:00Z', 'system.api_token.create', ALICE, '203.0.113.10', { targets: [tokenTarget('00Tal1ceSYNC', 'hr-sync')] }),
    okta('2024-04-02T11:00:00Z', 'system.api_token.create', BOB, '73.162.10.5', { targets: [tokenTarget('00Tb0bREPORT', 'reports')] }),
    // The jobs: Alice's sync runs on an office server, Bob's report script on his home machine.
    ...daily('2024-04-03T02:00:00Z', 30, (ts) =>
      okta(ts, 'user.account.update_profile', ALICE, '203.0.113.40', { token: '00Tal1ceSYNC', targets: [userTarget(TARGET)] }),
    ),
    ...daily('2024-04-03T03:00:00Z', 30, (ts) =>
      okta(ts, 'user.account.update_profile', BOB, '73.162.10.5', { token: '00Tb0bREPORT', targets: [userTarget(TARGET)] }),
    ),
  ];
}

describe('an Okta API token is judged as its own subject', () => {
  it('raises new-network and anonymous-network on the token (not on its creator) when it is used from AWS and Tor', async () => {
    t = await oktaCase([
      ...oktaBaseline(),
      okta('2024-05-10T02:00:00Z', 'user.account.update_profile', ALICE, '3.5.140.1', { token: '00Tal1ceSYNC', targets: [userTarget(TARGET)] }),
      okta('2024-05-20T02:00:00Z', 'group.user_membership.add', ALICE, '185.220.101.1', {
        token: '00Tal1ceSYNC',
        targets: [userTarget(TARGET), { id: '00gADMINS', type: 'UserGroup', alternateId: 'unknown', displayName: 'Super Admins' }],
      }),
    ]);
    const f = await run(t);
    const fresh = of(f, 'new-network', 'okta:token:00Tal1ceSYNC').sort((a, b) => a.title.localeCompare(b.title));
    expect(fresh.map((x) => x.title)).toEqual([
      expect.stringMatching(/^token hr-sync of Alice Admin used from new network AS16509 \(cloud, Amazon/),
      expect.stringMatching(/used from new network AS60729 \(tor/),
    ]);
    expect(fresh[1].severity).toBe('high'); // a new, anonymising class
    expect(fresh[0].evidence).toContainEqual({ type: 'fact', name: 'token_holder', value: `okta:user:${ALICE.id}`, detail: expect.any(String) });
    const baseline = fresh[0].evidence.find((e) => e.type === 'fact' && e.name === 'baseline_networks');
    // The token's own office server and Alice's own sign-ins from the office.
    expect(baseline).toMatchObject({ value: expect.arrayContaining(['net:203.0.113.0/24']) });
    const tor = of(f, 'anonymous-network', 'okta:token:00Tal1ceSYNC');
    expect(tor).toHaveLength(1);
    expect(tor[0].title).toMatch(/^token hr-sync of Alice Admin authenticated 1× from tor \(AS60729\)/);
    expect(tor[0].kind).toBe('incident');
    expect(tor[0].evidence.find((e) => e.type === 'event')).toMatchObject({
      credential: 'okta:token:00Tal1ceSYNC',
      identity: `okta:user:${ALICE.id}`,
      networkClass: 'tor',
    });
    // Rule ids unchanged; nothing about Alice herself (a person), nothing about Bob's token at home.
    expect(
      f
        .filter((x) => ['new-network', 'anonymous-network'].includes(x.rule))
        .map((x) => x.subject)
        .sort(),
    ).toEqual(['okta:token:00Tal1ceSYNC', 'okta:token:00Tal1ceSYNC', 'okta:token:00Tal1ceSYNC']);
  });

  it('stays quiet for a token used from where its creator works (her home, the office; a new token at home)', async () => {
    t = await oktaCase([
      ...oktaBaseline(),
      // Bob makes a second token in May and uses it from home, where he signs in every day: not news.
      okta('2024-05-12T10:00:00Z', 'system.api_token.create', BOB, '73.162.10.5', { targets: [tokenTarget('00Tb0bSECOND', 'adhoc')] }),
      ...daily('2024-05-12T11:00:00Z', 3, (ts) =>
        okta(ts, 'user.account.update_profile', BOB, '73.162.10.5', { token: '00Tb0bSECOND', targets: [userTarget(TARGET)] }),
      ),
      // Alice runs her sync once from home, where she signs in herself but the token had never been: not news.
      okta('2024-05-14T20:00:00Z', 'user.account.update_profile', ALICE, '86.12.1.1', { token: '00Tal1ceSYNC', targets: [userTarget(TARGET)] }),
      // And from another address of the office.
      okta('2024-05-15T02:00:00Z', 'user.account.update_profile', ALICE, '203.0.113.12', { token: '00Tal1ceSYNC', targets: [userTarget(TARGET)] }),
    ]);
    const f = await run(t);
    expect(f.filter((x) => ['new-network', 'anonymous-network', 'token-used-after-owner-left'].includes(x.rule))).toEqual([]);
  });

  it('raises token-used-after-owner-left when the token acts after its creator was deactivated, not for uses before', async () => {
    t = await oktaCase([
      ...oktaBaseline(),
      // HR deactivates Alice on 10 May and Bob on 12 May. Alice's sync keeps running from the office server; Bob's
      // report script stopped on 2 May, before he left.
      okta('2024-05-10T12:00:00Z', 'user.lifecycle.deactivate', CAROL, '203.0.113.30', { targets: [userTarget(ALICE)] }),
      okta('2024-05-12T12:00:00Z', 'user.lifecycle.deactivate', CAROL, '203.0.113.30', { targets: [userTarget(BOB)] }),
      ...daily('2024-05-11T02:00:00Z', 3, (ts) =>
        okta(ts, 'user.account.update_profile', ALICE, '203.0.113.40', { token: '00Tal1ceSYNC', targets: [userTarget(TARGET)] }),
      ),
    ]);
    const f = await run(t);
    const after = f.filter((x) => x.rule === 'token-used-after-owner-left');
    expect(after.map((x) => x.subject)).toEqual(['okta:token:00Tal1ceSYNC']);
    expect(after[0]).toMatchObject({ kind: 'incident', severity: 'high', frameworks: ['NHI1:2025', 'PR.AA-01', 'DE.CM-03', 'T1078'] });
    expect(after[0].title).toMatch(/used 3× after Alice Admin was disabled on 2024-05-10/);
    expect(after[0].evidence).toContainEqual({
      type: 'fact',
      name: 'owner_left',
      value: { owner: `okta:user:${ALICE.id}`, how: 'disabled', at: '2024-05-10T12:00:00.000Z', basis: 'Okta user.lifecycle.deactivate' },
      detail: expect.any(String),
    });
    // Every cited event is after the deactivation.
    const events = after[0].evidence.filter((e) => e.type === 'event');
    expect(events).toHaveLength(3);
    for (const e of events) expect(e.type === 'event' && e.at > '2024-05-10T12:00:00.000Z').toBe(true);
    // Both tokens are orphaned (posture): each creator, their only owner, has left.
    const orphans = f.filter((x) => x.rule === 'orphaned-identity' && x.subject.startsWith('okta:token:'));
    expect(orphans.map((x) => x.subject).sort()).toEqual(['okta:token:00Tal1ceSYNC', 'okta:token:00Tb0bREPORT']);
    expect(orphans[0].evidence).toContainEqual({
      type: 'fact',
      name: 'owners',
      value: [{ owner: `okta:user:${ALICE.id}`, source: 'Okta API token creator', status: 'disabled' }],
    });
  });

  it("reads a reactivation as the creator's return: uses after it are theirs again", async () => {
    t = await oktaCase([
      ...oktaBaseline(),
      okta('2024-05-10T12:00:00Z', 'user.lifecycle.suspend', CAROL, '203.0.113.30', { targets: [userTarget(ALICE)] }),
      okta('2024-05-11T08:00:00Z', 'user.lifecycle.unsuspend', CAROL, '203.0.113.30', { targets: [userTarget(ALICE)] }),
      ...daily('2024-05-12T02:00:00Z', 3, (ts) =>
        okta(ts, 'user.account.update_profile', ALICE, '203.0.113.40', { token: '00Tal1ceSYNC', targets: [userTarget(TARGET)] }),
      ),
    ]);
    const f = await run(t);
    expect(f.filter((x) => x.rule === 'token-used-after-owner-left' || (x.rule === 'orphaned-identity' && x.subject.includes('al1ce')))).toEqual([]);
  });
});

/** One GitHub audit log entry as the streaming export writes it. */
let documentSerial = 0;
function gh(ts: string, action: string, actor: string, ip: string, o: Record<string, unknown> = {}) {
  const id = ++documentSerial;
  return {
    '@timestamp': Date.parse(ts),
    created_at: Date.parse(ts),
    _document_id: `doc${id.toString(36)}xQ`,
    action,
    actor,
    actor_id: actor.length * 1000 + 7,
    actor_ip: ip,
    actor_is_bot: false,
    business: 'northwind',
    org: 'northwind-freight',
    org_id: 163237012,
    operation_type: 'access',
    user_agent: o.hashed_token ? 'git/2.43.0' : 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/124.0',
    request_id: `A1B2:${id}`,
    ...o,
  };
}
const pat = (hash: string, name: string) => ({
  hashed_token: hash,
  programmatic_access_type: 'Fine-grained personal access token',
  user_programmatic_access_name: name,
});

async function githubCase(entries: object[]): Promise<TestCase> {
  const c = await TestCase.create();
  await c.importText('networks.csv', NETWORKS);
  const s = await c.importText('github-audit.ndjson', entries.map((e) => JSON.stringify(e)).join('\n'));
  expect(s).toMatchObject({ format: 'github-audit', rejected: 0 });
  return c;
}

describe('a GitHub personal access token is judged as its own subject', () => {
  const DANA = 'KjZa/GOlvFtvgzAfpJVdPNhNKFc4Lxt2otCHw9fp3Po=';
  const ERIN = 'AVG4qMvzVHb/VsXM5JBzl1V6uu+hjxBIXl6qXtNLlGU=';
  const baseline = () => [
    ...daily('2024-04-01T09:00:00Z', 45, (ts) => gh(ts, 'repo.download_zip', 'dana-dev', '203.0.113.21', { repo: 'northwind-freight/routing' })),
    ...daily('2024-04-01T09:30:00Z', 45, (ts) => gh(ts, 'repo.download_zip', 'erin-dev', '203.0.113.22', { repo: 'northwind-freight/routing' })),
    gh('2024-04-02T10:00:00Z', 'personal_access_token.create', 'dana-dev', '203.0.113.21', {
      ...pat(DANA, 'deploy'),
      repository_selection: 'all',
      operation_type: 'create',
    }),
    gh('2024-04-02T10:05:00Z', 'personal_access_token.create', 'erin-dev', '203.0.113.22', {
      ...pat(ERIN, 'laptop'),
      repository_selection: 'all',
      operation_type: 'create',
    }),
    ...daily('2024-04-03T01:00:00Z', 30, (ts) =>
      gh(ts, 'git.clone', 'dana-dev', '203.0.113.50', { ...pat(DANA, 'deploy'), repo: 'northwind-freight/routing' }),
    ),
    ...daily('2024-04-03T01:30:00Z', 38, (ts) =>
      gh(ts, 'git.clone', 'erin-dev', '203.0.113.22', { ...pat(ERIN, 'laptop'), repo: 'northwind-freight/routing' }),
    ),
  ];

  it('raises token-used-after-owner-left and anonymous-network when the token clones from a VPS after its owner was removed', async () => {
    t = await githubCase([
      ...baseline(),
      gh('2024-05-15T16:00:00Z', 'org.remove_member', 'org-admin', '203.0.113.5', { user: 'dana-dev', operation_type: 'remove' }),
      gh('2024-05-12T16:00:00Z', 'org.remove_member', 'org-admin', '203.0.113.5', { user: 'erin-dev', operation_type: 'remove' }),
      gh('2024-05-20T03:00:00Z', 'git.clone', 'dana-dev', '159.89.0.1', { ...pat(DANA, 'deploy'), repo: 'northwind-freight/routing' }),
      gh('2024-05-20T03:05:00Z', 'git.clone', 'dana-dev', '159.89.0.1', { ...pat(DANA, 'deploy'), repo: 'northwind-freight/billing' }),
    ]);
    const f = await run(t);
    const token = `github:token:${DANA}`;
    const after = f.filter((x) => x.rule === 'token-used-after-owner-left');
    // Erin's token was last used on 10 May, before she was removed on 12 May: nothing.
    expect(after.map((x) => x.subject)).toEqual([token]);
    expect(after[0].title).toMatch(/used 2× after dana-dev left on 2024-05-15/);
    // Critical by the rule (successes through rented hosting), high by the case's policy: the token reaches no crown jewel.
    expect(after[0].severity).toBe('high');
    expect(after[0].severityBecause).toMatch(/^2 successful uses after the owner left, some through an anonymising network; high, not critical/);
    expect(of(f, 'anonymous-network', token)).toHaveLength(1);
    expect(of(f, 'new-network', token).map((x) => x.title)).toEqual([
      expect.stringMatching(/of dana-dev used from new network AS14061 \(hosting, DigitalOcean/),
    ]);
    expect(f.filter((x) => x.rule === 'anonymous-network' || x.rule === 'new-network').every((x) => x.subject === token)).toBe(true);
    // Both owners left the organisation: both tokens are orphaned, each naming its owner as departed.
    const orphans = f.filter((x) => x.rule === 'orphaned-identity').sort((a, b) => a.subject.localeCompare(b.subject));
    expect(orphans.map((x) => [x.subject, x.title.replace(/^.* who /, 'who ')])).toEqual([
      [`github:token:${ERIN}`, 'who has left (GitHub token owner)'],
      [token, 'who has left (GitHub token owner)'],
    ]);
    expect(orphans[1].evidence).toContainEqual({
      type: 'fact',
      name: 'owners',
      value: [{ owner: 'github:user:dana-dev', source: 'GitHub token owner', status: 'departed' }],
    });
  });

  it('keeps a member who was removed and added back as the owner: no departure, no orphan', async () => {
    t = await githubCase([
      ...baseline(),
      gh('2024-05-15T16:00:00Z', 'org.remove_member', 'org-admin', '203.0.113.5', { user: 'dana-dev', operation_type: 'remove' }),
      gh('2024-05-16T09:00:00Z', 'org.add_member', 'org-admin', '203.0.113.5', { user: 'dana-dev', permission: 'read', operation_type: 'create' }),
      gh('2024-05-20T01:00:00Z', 'git.clone', 'dana-dev', '203.0.113.50', { ...pat(DANA, 'deploy'), repo: 'northwind-freight/routing' }),
    ]);
    const f = await run(t);
    expect(f.filter((x) => x.subject === `github:token:${DANA}`)).toEqual([]);
  });
});

describe('a token in the canonical inventory, held by a person who left at a time no source gives', () => {
  // Frank and Grace are disabled in the HR export; their last own activity is its last_used_at. A person's token used
  // after they were last seen themselves is theirs no longer; used before, it may still have been them.
  const rows = {
    identities: ['frank,Frank,human,,prod,disabled,2020-01-01,2024-05-10,okta,', 'grace,Grace,human,,prod,disabled,2020-01-01,2024-05-20,okta,'],
    credentials: ['tok-frank,frank,token,2024-01-01,,,,active,', 'tok-grace,grace,token,2024-01-01,,,,active,'],
    networks: ['203.0.113.0/24,corporate,Seattle office,analyst'],
    auth_events: [
      ...series('2024-04-01T02:00:00Z', 50, 24 * 60, (ts) =>
        ev(ts, 'frank', { credential: 'tok-frank', ip: '203.0.113.40', ua: 'okta-sdk-python/2.9.2' }),
      ),
      ...series('2024-04-01T03:00:00Z', 45, 24 * 60, (ts) =>
        ev(ts, 'grace', { credential: 'tok-grace', ip: '203.0.113.41', ua: 'okta-sdk-python/2.9.2' }),
      ),
    ],
  };

  it('counts only the uses after the person was last seen', async () => {
    t = await caseWith(rows);
    const f = (await t.call('findings.run', { persist: false, asOf: AS_OF })).findings!.filter((x) => x.rule === 'token-used-after-owner-left');
    expect(f.map((x) => x.subject)).toEqual(['tok-frank']);
    // Daily at 02:00 from 1 April to 20 May: the uses of 10–20 May are after 10 May 00:00.
    expect(f[0].title).toMatch(/^token tok-frank of Frank used 11× after Frank was disabled \(last seen themselves 2024-05-10\)/);
    expect(f[0].evidence).toContainEqual({ type: 'fact', name: 'owner_last_seen', value: '2024-05-10T00:00:00.000Z', detail: expect.any(String) });
    expect(f[0].severity).toBe('high');
  });

  it("moves the bound with the person's own activity in the log: a use before they signed in themselves was theirs", async () => {
    t = await caseWith({
      ...rows,
      // The log shows Frank signing in himself on 25 May (the HR export lags), after every use of his token: they were
      // all still his.
      auth_events: [
        ...rows.auth_events,
        ev('2024-05-25T09:00:00Z', 'frank', { ip: '203.0.113.12', ua: 'Mozilla/5.0 Firefox/124.0', action: 'user.session.start' }),
      ],
    });
    const f = (await t.call('findings.run', { persist: false, asOf: AS_OF })).findings!.filter((x) => x.rule === 'token-used-after-owner-left');
    expect(f).toEqual([]);
  });

  it('does not take a failed sign-in as the person being there', async () => {
    t = await caseWith({
      ...rows,
      auth_events: [
        ...rows.auth_events,
        ev('2024-05-25T09:00:00Z', 'frank', {
          ip: '185.220.101.1',
          ua: 'Mozilla/5.0 Firefox/124.0',
          action: 'user.session.start',
          outcome: 'failure',
        }),
      ],
    });
    const f = (await t.call('findings.run', { persist: false, asOf: AS_OF })).findings!.filter((x) => x.rule === 'token-used-after-owner-left');
    expect(f.map((x) => x.subject)).toEqual(['tok-frank']);
  });
});
