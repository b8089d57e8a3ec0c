// Behavioural rules over auth events: anonymous-network, new-network, credential-reuse, human-use-of-nhi,
// credential-attack — positives and near misses (pod pools rotating IPs inside one network are not reuse).
// Addresses are real: 185.220.101.1 is a Tor-exit ASN (AS60729), 159.89.0.1 DigitalOcean, 138.199.0.1 a VPN
// carrier (AS60068), 3.5.140.x and 52.94.x AWS, 8.8.8.8 Google; 10/8 is declared corporate by the analyst.
import { afterEach, describe, expect, it } from 'vitest';
import { bySubject, caseWith, ev, findingsOf, series } from '../fixtures/findings/build-case.ts';
import type { TestCase } from '../helpers.ts';
import type { EventRow } from '../../main/findings/case-data.ts';
import { humanSignal } from '../../main/findings/detectors/human-use-of-nhi.ts';

const AS_OF = '2024-06-01T00:00:00Z';
let t: TestCase | undefined;
afterEach(() => t?.close());

const identities = [
  'alice,Alice,human,,prod,active,2020-01-01,,okta,',
  'svc-etl,ETL,service_account,alice,prod,active,2022-01-01,,aws,',
  'svc-pods,Pods,workload,alice,prod,active,2022-01-01,,k8s,',
  'svc-ci,CI,ci_token,alice,prod,active,2022-01-01,,github,',
];
const networks = ['10.0.0.0/8,corporate,Corporate,analyst'];
/** A crown jewel svc-etl can read: an incident on svc-etl may be critical; on the others it stays high at most. */
const CROWN_SYSTEM = ['prod-db,Customer DB,database,prod,critical,pii,internal'];
const ETL_READS_CROWN = ['svc-etl,access,prod-db,read,,'];
/** Six weeks of habit: svc-etl from the corporate LAN, svc-pods from AWS (many IPs, one ASN). */
const baseline = [
  ...series('2024-04-01T02:00:00Z', 20, 24 * 60, (ts, i) => ev(ts, 'svc-etl', { ip: `10.1.0.${i + 1}` })),
  ...series('2024-04-01T03:00:00Z', 20, 24 * 60, (ts, i) => ev(ts, 'svc-pods', { ip: `52.94.0.${i + 1}` })),
];

describe('anonymous-network', () => {
  it('flags an NHI authenticating from Tor, raised when first seen; VPN and hosting too', async () => {
    t = await caseWith({
      identities,
      networks,
      systems: CROWN_SYSTEM,
      entitlements: ETL_READS_CROWN,
      auth_events: [
        ...baseline,
        ev('2024-05-25T01:00:00Z', 'svc-etl', { ip: '185.220.101.1', ua: 'python-requests/2.31' }),
        ev('2024-05-26T01:00:00Z', 'svc-pods', { ip: '138.199.0.1', outcome: 'failure' }),
        ev('2024-05-27T01:00:00Z', 'svc-ci', { ip: '159.89.0.1' }),
        ev('2024-05-27T02:00:00Z', 'alice', { ip: '185.220.101.1', ua: 'Mozilla/5.0 Firefox/124.0' }),
      ],
    });
    const f = await findingsOf(t, 'anonymous-network', { asOf: AS_OF });
    const etl = f.find((x) => x.subject === 'svc-etl')!;
    // Critical: Tor, new for svc-etl, and svc-etl reaches the crown-jewel database.
    expect(etl.severity).toBe('critical');
    expect(etl.severityBecause).toMatch(/Tor, not used by this identity in the 30 days before/);
    expect(etl.window?.from).toBe('2024-04-01T02:00:00.000Z'); // the whole case is judged, from its first event
    expect(etl.evidence).toContainEqual({ type: 'fact', name: 'window', value: etl.window });
    const event = etl.evidence.find((e) => e.type === 'event');
    expect(event).toMatchObject({ type: 'event', ip: '185.220.101.1', networkClass: 'tor', asn: 60729 });
    expect(f.find((x) => x.subject === 'svc-pods')?.severity).toBe('high'); // vpn high, +1 new, -1 all failed
    expect(f.find((x) => x.subject === 'svc-ci')?.severity).toBe('high'); // hosting medium, +1 new
    expect(f.find((x) => x.subject === 'alice')).toBeUndefined();
    expect(etl.frameworks).toEqual(['DE.CM-09', 'DE.AE-07', 'T1090.003', 'T1078.004']);
  });

  it("lets the analyst's CIDRs override the ASN classification, and ignores cloud use", async () => {
    t = await caseWith({
      identities,
      networks: [...networks, '159.89.0.0/16,ci_runner,Our runners on DigitalOcean,analyst'],
      auth_events: [
        ...baseline,
        ev('2024-05-27T01:00:00Z', 'svc-ci', { ip: '159.89.0.1' }),
        ev('2024-05-27T01:00:00Z', 'svc-etl', { ip: '3.5.140.1' }),
      ],
    });
    expect(await findingsOf(t, 'anonymous-network', { asOf: AS_OF })).toEqual([]);
  });
});

describe('new-network', () => {
  it("flags a network outside the identity's baseline", async () => {
    t = await caseWith({ identities, networks, auth_events: [...baseline, ev('2024-05-25T01:00:00Z', 'svc-etl', { ip: '3.5.140.1' })] });
    const f = await findingsOf(t, 'new-network', { asOf: AS_OF });
    expect(f).toHaveLength(1);
    expect(f[0].subject).toBe('svc-etl');
    expect(f[0].title).toMatch(/new network AS16509 \(cloud, Amazon/);
    expect(f[0].severity).toBe('medium');
  });

  it('stays quiet for a pod pool on new IPs inside its usual ASN, and without a baseline', async () => {
    t = await caseWith({
      identities,
      networks,
      auth_events: [
        ...baseline,
        ...series('2024-05-20T01:00:00Z', 10, 60, (ts, i) => ev(ts, 'svc-pods', { ip: `3.5.140.${i + 10}` })),
        ...series('2024-05-20T01:00:00Z', 10, 60, (ts) => ev(ts, 'svc-ci', { ip: '3.5.140.1' })),
      ],
    });
    expect(await findingsOf(t, 'new-network', { asOf: AS_OF })).toEqual([]);
  });
});

describe('credential-reuse', () => {
  it('flags one key used from many networks', async () => {
    t = await caseWith({
      identities,
      networks,
      credentials: ['AKIA-SHARED,svc-etl,access_key,2024-01-01,,,,active,'],
      auth_events: ['10.1.0.5', '3.5.140.1', '8.8.8.8', '159.89.0.1'].map((ip, i) =>
        ev(`2024-05-2${i}T01:00:00Z`, '', { credential: 'AKIA-SHARED', ip }),
      ),
    });
    const f = bySubject(await findingsOf(t, 'credential-reuse', { asOf: AS_OF }));
    // 10.1.0.5 is the declared corporate LAN: the organisation's own, not counted; the three others are.
    expect(f['AKIA-SHARED'].title).toMatch(/used from 3 networks, 3 ASNs/);
    expect(f['AKIA-SHARED'].severity).toBe('high'); // one of them is hosting
    expect(f['AKIA-SHARED'].evidence.some((e) => e.type === 'node' && e.key === 'svc-etl')).toBe(true);
  });

  it('does not count a CI fleet across 200 addresses of the declared runner ranges as reuse', async () => {
    t = await caseWith({
      identities,
      networks: [...networks, '159.89.0.0/16,ci_runner,Our runners,analyst', '3.5.140.0/24,ci_runner,Our runners in AWS,analyst'],
      credentials: ['AKIA-CI,svc-ci,access_key,2024-01-01,,,,active,'],
      auth_events: series('2024-05-01T01:00:00Z', 200, 60, (ts, i) =>
        ev(ts, '', { credential: 'AKIA-CI', ip: i % 2 ? `159.89.${i % 250}.${(i * 7) % 250}` : `3.5.140.${i % 250}` }),
      ),
    });
    expect(await findingsOf(t, 'credential-reuse', { asOf: AS_OF })).toEqual([]);
  });

  it('does not count a pod pool rotating 30 IPs inside one network as reuse', async () => {
    t = await caseWith({
      identities,
      networks,
      credentials: ['AKIA-PODS,svc-pods,access_key,2024-01-01,,,,active,'],
      auth_events: series('2024-05-20T01:00:00Z', 30, 30, (ts, i) =>
        ev(ts, '', { credential: 'AKIA-PODS', ip: `${i % 2 ? '52.94.1' : '3.5.140'}.${i + 1}` }),
      ),
    });
    expect(await findingsOf(t, 'credential-reuse', { asOf: AS_OF })).toEqual([]);
  });
});

describe('human-use-of-nhi', () => {
  it('flags console logins and browsers on NHIs, not automation clients or humans', async () => {
    t = await caseWith({
      identities,
      networks,
      auth_events: [
        ev('2024-05-25T09:00:00Z', 'svc-etl', { ip: '10.1.0.1', action: 'ConsoleLogin', ua: 'Mozilla/5.0 (Windows NT 10.0) Chrome/124.0' }),
        ev('2024-05-25T09:00:00Z', 'svc-ci', { ip: '10.1.0.2', ua: 'Mozilla/5.0 (Macintosh) Safari/605.1' }),
        ev('2024-05-25T09:00:00Z', 'svc-pods', { ip: '10.1.0.3', ua: 'Mozilla/5.0 HeadlessChrome/124.0' }),
        ev('2024-05-25T09:00:00Z', 'svc-pods', { ip: '10.1.0.3', ua: 'aws-cli/2.15 Python/3.11' }),
        ev('2024-05-25T09:00:00Z', 'alice', { ip: '10.1.0.4', action: 'ConsoleLogin', ua: 'Mozilla/5.0 Chrome/124.0' }),
      ],
    });
    const f = bySubject(await findingsOf(t, 'human-use-of-nhi', { asOf: AS_OF }));
    expect(Object.keys(f).sort()).toEqual(['svc-ci', 'svc-etl']);
    expect(f['svc-etl'].severity).toBe('high');
    expect(f['svc-ci'].severity).toBe('medium');
    expect(f['svc-etl'].frameworks).toEqual(['NHI10:2025', 'DE.CM-03']);
  });
});

describe('credential-attack', () => {
  it('flags a burst of failures, critical when a success follows from the same source', async () => {
    t = await caseWith({
      identities,
      networks,
      systems: CROWN_SYSTEM,
      entitlements: ETL_READS_CROWN,
      auth_events: [
        ...series('2024-05-25T01:00:00Z', 12, 0.5, (ts) => ev(ts, 'svc-etl', { ip: '159.89.0.1', outcome: 'failure' })),
        ev('2024-05-25T01:10:00Z', 'svc-etl', { ip: '159.89.0.1' }),
        ...series('2024-05-25T01:00:00Z', 12, 0.5, (ts) => ev(ts, 'svc-ci', { ip: '159.89.0.2', outcome: 'failure' })),
      ],
    });
    const f = bySubject(await findingsOf(t, 'credential-attack', { asOf: AS_OF }));
    expect(f['svc-etl'].severity).toBe('critical');
    expect(f['svc-ci'].severity).toBe('medium');
    expect(f['svc-etl'].frameworks).toContain('T1110');
  });

  it('flags spraying across identities from one source, but not failures spread over a day', async () => {
    const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    t = await caseWith({
      identities: [...identities, ...users.map((u) => `${u},${u},human,,prod,active,2020-01-01,,okta,`)],
      networks,
      auth_events: [
        ...users.map((u, i) => ev(`2024-05-25T01:0${i}:00Z`, u, { ip: '138.199.0.9', outcome: 'failure' })),
        ...series('2024-05-20T00:00:00Z', 6, 240, (ts) => ev(ts, 'svc-pods', { ip: '10.1.0.9', outcome: 'failure' })),
      ],
    });
    const f = await findingsOf(t, 'credential-attack', { asOf: AS_OF });
    expect(f.map((x) => x.subject).sort()).toEqual(users);
    expect(f[0].title).toMatch(/password spraying/);
  });
});

describe('human-use-of-nhi signals', () => {
  const event = (over: Partial<EventRow>): EventRow => ({
    id: 1,
    ts: 0,
    identityId: null,
    credentialId: null,
    identity: 'svc',
    credential: null,
    ip: null,
    userAgent: null,
    action: null,
    target: null,
    outcome: 1,
    asn: null,
    country: null,
    props: {},
    source: null,
    locator: null,
    net: { ip: '', valid: false, network: null, class: null, classSource: null, asn: null, org: null, lists: [], label: null },
    ...over,
  });

  it('believes logs that mark a sign-in non-interactive, and reads interactive flags and logon types', () => {
    expect(humanSignal(event({ action: 'entra:SignInLogs', props: { interactive: false } }))).toBeNull();
    expect(humanSignal(event({ action: 'entra:ServicePrincipalSignInLogs' }))).toBeNull();
    expect(humanSignal(event({ action: 'entra:SignInLogs', props: { interactive: true } }))).toMatch(/interactive/);
    expect(humanSignal(event({ action: 'logon', props: { logon_type: 10 } }))).toMatch(/logon type 10/);
    expect(humanSignal(event({ action: 'logon', props: { logon_type: 3 } }))).toBeNull();
    expect(humanSignal(event({ userAgent: 'Mozilla/5.0 (compatible; MSAL.NET/4.60.3.0; .NET 8.0.4)' }))).toBeNull();
    expect(humanSignal(event({ action: 'user.session.start' }))).toMatch(/console/);
  });
});
