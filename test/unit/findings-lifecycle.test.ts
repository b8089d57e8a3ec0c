// Inventory rules: long-lived-secret, dormant-identity, orphaned-identity — positives and near misses.
import { afterEach, describe, expect, it } from 'vitest';
import { bySubject, caseWith, findingsOf } from '../fixtures/findings/build-case.ts';
import type { TestCase } from '../helpers.ts';
import { orphanedIdentities } from '../../main/store/orphans.ts';
import { CaseData } from '../../main/findings/case-data.ts';
import { dormantIdentity } from '../../main/findings/detectors/dormant-identity.ts';
import { WINDOW_DEFAULTS, windowsFor } from '../../main/findings/windows.ts';
import { NetworkIntel } from '../../main/intel/network-intel.ts';

const AS_OF = '2024-06-01T00:00:00Z';
let t: TestCase | undefined;
afterEach(() => t?.close());

describe('long-lived-secret', () => {
  const rows = {
    identities: [
      'svc-a,Svc A,service_account,alice,prod,active,2022-01-01,2024-05-30,aws,',
      'alice,Alice,human,,prod,active,2020-01-01,2024-05-30,okta,',
    ],
    credentials: [
      'K-ANCIENT,svc-a,access_key,2022-01-01,2023-01-01,,2024-05-30,active,',
      'K-STALE,svc-a,access_key,2023-06-01,2024-01-15,2024-12-01,2024-05-30,active,',
      'K-FRESH,svc-a,token,2024-05-25,,2024-06-20,2024-05-30,active,',
      'K-EXPIRED,svc-a,access_key,2022-01-01,,2024-05-01,,active,',
      'K-DISABLED,svc-a,access_key,2021-01-01,,,,disabled,',
      'K-NOEXPIRY,svc-a,client_secret,2024-05-20,,,,active,',
      'K-FAR,svc-a,certificate,2024-05-01,,2027-05-01,,active,',
    ],
  };

  it('flags secrets older than the rotation policy, with severity by age; no expiry alone is not a finding', async () => {
    t = await caseWith(rows);
    const f = bySubject(await findingsOf(t, 'long-lived-secret', { asOf: AS_OF }));
    expect(f['K-ANCIENT'].severity).toBe('high');
    expect(f['K-ANCIENT'].title).toMatch(/not rotated for 517 days.*no expiry/);
    expect(f['K-STALE'].severity).toBe('medium');
    // K-NOEXPIRY and K-FAR are younger than the policy: no expiry and a far expiry are properties, not findings.
    expect(f['K-NOEXPIRY']).toBeUndefined();
    expect(f['K-FAR']).toBeUndefined();
    expect(f['K-ANCIENT'].frameworks).toEqual(['NHI7:2025', 'PR.AA-01']);
    expect(f['K-ANCIENT'].evidence.some((e) => e.type === 'node' && e.key === 'svc-a')).toBe(true);
  });

  it('leaves a fresh short-lived key, expired and disabled keys alone', async () => {
    t = await caseWith(rows);
    const f = bySubject(await findingsOf(t, 'long-lived-secret', { asOf: AS_OF }));
    expect(f['K-FRESH']).toBeUndefined();
    expect(f['K-EXPIRED']).toBeUndefined();
    expect(f['K-DISABLED']).toBeUndefined();
  });

  it('honours a rotation policy override', async () => {
    t = await caseWith(rows);
    const f = bySubject(await findingsOf(t, 'long-lived-secret', { asOf: AS_OF, thresholds: { 'long-lived-secret': { maxAgeDays: 200 } } }));
    expect(f['K-STALE']).toBeUndefined();
    expect(f['K-ANCIENT']).toBeDefined();
  });
});

describe('dormant-identity', () => {
  const rows = {
    identities: [
      'svc-old,Old,service_account,alice,prod,active,2022-01-01,2023-12-01,aws,',
      'svc-busy,Busy,service_account,alice,prod,active,2022-01-01,2024-05-30,aws,',
      'svc-nocreds,NoCreds,service_account,alice,prod,active,2022-01-01,2023-01-01,aws,',
      'svc-new,New,service_account,alice,prod,active,2024-05-01,,aws,',
      'svc-off,Off,service_account,alice,prod,disabled,2022-01-01,2023-01-01,aws,',
      'svc-never,Never,workload,alice,prod,active,2021-01-01,,k8s,',
      'alice,Alice,human,,prod,active,2020-01-01,2024-05-30,okta,',
    ],
    credentials: [
      'K1,svc-old,access_key,2022-01-01,,,2023-12-01,active,',
      'K2,svc-busy,access_key,2022-01-01,,,,active,',
      'K3,svc-nocreds,access_key,2022-01-01,,,,disabled,',
      'K4,svc-new,access_key,2024-05-01,,,,active,',
      'K5,svc-off,access_key,2022-01-01,,,,active,',
      'K6,svc-never,token,2021-01-01,,,,active,',
    ],
  };

  it('flags active identities with live credentials unused for 90 days', async () => {
    t = await caseWith(rows);
    const f = bySubject(await findingsOf(t, 'dormant-identity', { asOf: AS_OF }));
    expect(Object.keys(f).sort()).toEqual(['svc-never', 'svc-old']);
    expect(f['svc-old'].severity).toBe('medium');
    expect(f['svc-old'].title).toMatch(/unused for 183 days but active with 1 live credential/);
    expect(f['svc-never'].severity).toBe('high');
  });

  it('uses the as-of time: earlier, the same identity was not yet dormant', async () => {
    t = await caseWith(rows);
    const f = bySubject(await findingsOf(t, 'dormant-identity', { asOf: '2024-01-15' }));
    expect(f['svc-old']).toBeUndefined();
  });

  it('counts a successful auth event as use', async () => {
    t = await caseWith({ ...rows, auth_events: ['2024-05-20T10:00:00Z,svc-old,,10.0.0.1,aws-cli/2,GetObject,,success,,'] });
    const f = bySubject(await findingsOf(t, 'dormant-identity', { asOf: AS_OF }));
    expect(f['svc-old']).toBeUndefined();
  });

  // A findings run learns each identity's latest success from its shared pass over the events; the lifecycle
  // metrics run the rule alone, asking the case per identity. Both must say the same on every kind of use.
  it('gives the same findings from the shared pass as from per-identity questions', async () => {
    t = await caseWith({
      ...rows,
      credentials: [...rows.credentials, 'K7,svc-busy,access_key,2022-01-01,,,,active,'],
      auth_events: [
        // Only the credential is named: the event is the holder's use.
        '2024-05-20T10:00:00Z,,K1,10.0.0.1,aws-cli/2,GetObject,,success,,',
        // A failure is not use, and neither is a success after the as-of time.
        '2024-05-21T10:00:00Z,svc-never,,10.0.0.1,aws-cli/2,GetObject,,failure,,',
        '2024-06-03T10:00:00Z,svc-never,K6,10.0.0.1,aws-cli/2,GetObject,,success,,',
        // An older success through a second credential.
        '2024-01-20T10:00:00Z,svc-busy,K7,10.0.0.1,aws-cli/2,GetObject,,success,,',
      ],
    });
    // As an event imported before the credential inventory reads in a case where its holder was never filled in.
    t.db.exec(`UPDATE auth_event SET identity = NULL WHERE ts = ${Date.parse('2024-05-20T10:00:00Z')}`);
    for (const asOf of [AS_OF, '2024-06-10T00:00:00Z', '2024-04-25T00:00:00Z']) {
      const run = await findingsOf(t, 'dormant-identity', { asOf });
      const kase = t.session.requireCase();
      const data = new CaseData(kase, () => NetworkIntel.forCase(kase));
      const ctx = { data, asOf: Date.parse(asOf), window: windowsFor(Date.parse(asOf), WINDOW_DEFAULTS, data.eventSpan()?.from), blast: null };
      const alone = dormantIdentity.detect(ctx, dormantIdentity.defaults);
      expect(run.map((f) => `${f.subject} ${f.severity} ${f.title}`).sort()).toEqual(
        alone.map((d) => `${d.subject} ${d.severity} ${d.title}`).sort(),
      );
    }
    // The cases the comparison covers: found through the credential only, and unused until a success after as-of.
    expect(bySubject(await findingsOf(t, 'dormant-identity', { asOf: AS_OF }))['svc-old']).toBeUndefined();
    expect(bySubject(await findingsOf(t, 'dormant-identity', { asOf: AS_OF }))['svc-never']).toBeDefined();
    expect(bySubject(await findingsOf(t, 'dormant-identity', { asOf: '2024-06-10T00:00:00Z' }))['svc-never']).toBeUndefined();
  });
});

describe('orphaned-identity', () => {
  it('flags NHIs whose owner is missing, unknown or disabled, and not those with an active owner', async () => {
    t = await caseWith({
      identities: [
        'alice,Alice,human,,prod,active,2020-01-01,,okta,',
        'bob,Bob,human,,prod,disabled,2020-01-01,,okta,',
        'svc-a,A,service_account,,prod,active,2022-01-01,,aws,',
        'svc-b,B,service_account,bob,prod,active,2022-01-01,,aws,',
        'svc-c,C,workload,ghost,prod,active,2022-01-01,,k8s,',
        'svc-d,D,api_key,alice,prod,active,2022-01-01,,aws,',
        'svc-e,E,service_account,,prod,deleted,2022-01-01,,aws,',
      ],
    });
    const f = bySubject(await findingsOf(t, 'orphaned-identity', { asOf: AS_OF }));
    expect(Object.keys(f).sort()).toEqual(['svc-a', 'svc-b', 'svc-c']);
    expect(f['svc-a'].severity).toBe('medium');
    expect(f['svc-b'].severity).toBe('high');
    expect(f['svc-b'].title).toMatch(/owned by bob, who is disabled/);
    expect(f['svc-c'].title).toMatch(/not in the inventory/);
    expect(f['svc-b'].frameworks).toEqual(['NHI1:2025', 'GV.RR-02']);
  });
});

describe('orphaned: one definition (store/orphans.ts) for the rule, the metrics and the Overview', () => {
  it('the three agree on every kind of case, including the ones the Overview once missed', async () => {
    const c = await caseWith({
      identities: [
        'alice,Alice,human,,prod,active,2020-01-01,,okta,',
        'bob,Bob,human,,prod,disabled,2020-01-01,,okta,',
        'carol,Carol,human,,prod,deleted,2020-01-01,,okta,',
        'nobody,Nobody,human,,prod,active,2020-01-01,,okta,',
        'svc-none,A,service_account,,prod,active,2022-01-01,,aws,',
        'svc-bob,B,service_account,bob,prod,active,2022-01-01,,aws,',
        'svc-carol,C,ci_token,carol,prod,active,2022-01-01,,github,',
        'svc-ghost,G,workload,ghost,prod,active,2022-01-01,,k8s,',
        'svc-alice,D,api_key,alice,prod,active,2022-01-01,,aws,',
        'svc-off,E,service_account,,prod,disabled,2022-01-01,,aws,',
        'svc-tagged,T,oauth_app,,prod,active,2022-01-01,,entra,',
        'svc-ext,X,service_account,,prod,active,2022-01-01,,aws,',
        'svc-pod,P,workload,,prod,active,2022-01-01,,k8s,',
        'ops,Ops,group,,prod,active,2020-01-01,,okta,',
        'arn:aws:iam::1:role/aws-service-role/x,SLR,role,,prod,active,2022-01-01,,aws,',
      ],
      systems: ['pod-1,pod-1,host,prod,low,,internal'],
      entitlements: ['pod-1,runs_as,svc-pod,,,'],
    });
    t = c;
    // What cloud importers record and canonical CSV cannot say: an owner tag, an external principal, a pod workload.
    const setProps = (key: string, props: object) => c.db.prepare('UPDATE node SET props = ? WHERE key = ?').run(JSON.stringify(props), key);
    setProps('svc-tagged', { tags: { Owner: 'alice' } });
    setProps('svc-ext', { external: true });
    setProps('pod-1', { workload: 'pod' });
    c.db.prepare("UPDATE node SET owner = 'ghost-too' WHERE key = 'nobody'").run();
    // These edits go behind the engine's back, so the answers it derived at import (store/derived-cache.ts, stamped
    // by the engine's own writes, and the session's copy) are dropped by hand, as no analyst action could need.
    c.db.prepare("DELETE FROM meta WHERE key LIKE 'derived:%'").run();
    c.session.requireCase().generation++;

    const orphans = orphanedIdentities(c.db).map((o) => [o.key, o.problem]);
    expect(orphans).toEqual([
      ['svc-bob', 'owner-disabled'],
      ['svc-carol', 'owner-deleted'],
      ['svc-ghost', 'owner-not-in-inventory'],
      ['svc-none', 'no-owner'],
    ]);
    const findings = await findingsOf(c, 'orphaned-identity', { asOf: AS_OF });
    expect(findings.map((f) => f.subject).sort()).toEqual(orphans.map(([key]) => key).sort());
    expect((await c.call('metrics.get', { asOf: AS_OF })).orphaned).toBe(orphans.length);
    expect((await c.call('inventory.overview', {})).lifecycle.orphaned).toBe(orphans.length);
  });
});

describe('long-lived-secret scope', () => {
  it("leaves people's passwords to identity governance unless asked", async () => {
    t = await caseWith({
      identities: [
        'alice,Alice,human,,prod,active,2020-01-01,2024-05-30,okta,',
        'svc-a,A,service_account,alice,prod,active,2022-01-01,2024-05-30,aws,',
      ],
      credentials: ['PW-ALICE,alice,password,2020-01-01,,,,active,', 'K-SVC,svc-a,access_key,2020-01-01,,,,active,'],
    });
    expect((await findingsOf(t, 'long-lived-secret', { asOf: AS_OF })).map((f) => f.subject)).toEqual(['K-SVC']);
    const all = await findingsOf(t, 'long-lived-secret', { asOf: AS_OF, thresholds: { 'long-lived-secret': { includeHumans: 1 } } });
    expect(all.map((f) => f.subject).sort()).toEqual(['K-SVC', 'PW-ALICE']);
  });
});
