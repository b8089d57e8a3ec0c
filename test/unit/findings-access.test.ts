// Access rules: excessive-privilege, unused-entitlement, environment-crossing, third-party-broad-access,
// crown-jewel-reach — positives and near misses. Reach comes from the graph engine.
import { afterEach, describe, expect, it } from 'vitest';
import { bySubject, caseWith, ev, findingsOf, series } from '../fixtures/findings/build-case.ts';
import type { TestCase } from '../helpers.ts';

const AS_OF = '2024-06-01T00:00:00Z';
let t: TestCase | undefined;
afterEach(() => t?.close());

const identities = [
  'alice,Alice,human,,prod,active,2020-01-01,,okta,',
  'svc-admin,Admin bot,service_account,alice,prod,active,2022-01-01,,aws,',
  'svc-read,Reader,service_account,alice,prod,active,2022-01-01,,aws,',
  'svc-wild,Wild,service_account,alice,prod,active,2022-01-01,,aws,',
  'svc-stg,Staging deployer,service_account,alice,staging,active,2022-01-01,,aws,',
  'svc-prod,Prod job,workload,alice,prod,active,2022-01-01,,k8s,',
  'app-crm,CRM sync,oauth_app,alice,prod,active,2022-01-01,,entra,',
  'app-viewer,Viewer,oauth_app,alice,prod,active,2022-01-01,,entra,',
  'svc-chain,Chained,service_account,alice,prod,active,2022-01-01,,aws,',
  'ops,Ops group,group,,,,,,,',
  'AdministratorAccess,Admin role,role,,,,,,,',
  'dba-role,DBA,role,,,,,,,',
];
const systems = [
  'prod-db,Customer DB,database,prod,critical,pii,internal',
  'reports,Reports,storage,prod,medium,,internal',
  'dev-db,Dev DB,database,dev,low,,internal',
  'wiki,Wiki,saas,prod,low,,internet',
];
const entitlements = [
  'svc-admin,access,reports,admin,2022-01-01,',
  'svc-read,access,reports,read,2022-01-01,',
  'svc-wild,has_role,AdministratorAccess,,2022-01-01,',
  'alice,access,prod-db,admin,2022-01-01,',
  'svc-stg,access,prod-db,write,2022-01-01,',
  'svc-prod,access,dev-db,read,2022-01-01,',
  'svc-prod,access,reports,write,2022-01-01,',
  'app-crm,access,reports,write,2022-01-01,',
  'app-viewer,access,wiki,read,2022-01-01,',
  'svc-chain,member_of,ops,,2022-01-01,',
  'ops,has_role,dba-role,,2022-01-01,',
  'dba-role,access,prod-db,admin,2022-01-01,',
];
const credentials = [
  'S-CRM,app-crm,client_secret,2024-05-01,,2024-07-01,,active,',
  'S-VIEW,app-viewer,client_secret,2024-05-01,,2024-07-01,,active,',
];
const base = { identities, systems, entitlements, credentials };

describe('excessive-privilege', () => {
  it('flags NHI admin (direct or through groups and roles) and admin-named roles; on a crown jewel high, never critical (posture)', async () => {
    t = await caseWith(base);
    const f = bySubject(await findingsOf(t, 'excessive-privilege', { asOf: AS_OF }));
    expect(f['svc-admin'].severity).toBe('high');
    expect(f['svc-wild'].severity).toBe('medium');
    expect(f['svc-wild'].title).toMatch(/AdministratorAccess \(admin-equivalent\)/);
    expect(f['svc-chain'].severity).toBe('high');
    expect(f['svc-chain'].severityBecause).toMatch(/capped at high: a posture finding is never critical on its own/);
    expect(f['svc-chain'].score).toBeGreaterThan(f['svc-admin'].score);
    expect(f['svc-chain'].evidence.some((e) => e.type === 'fact' && JSON.stringify(e.value).includes('dba-role'))).toBe(true);
  });

  it('does not flag read/write-only NHIs, nor humans unless asked', async () => {
    t = await caseWith(base);
    const f = bySubject(await findingsOf(t, 'excessive-privilege', { asOf: AS_OF }));
    expect(f['svc-read']).toBeUndefined();
    expect(f['svc-prod']).toBeUndefined();
    expect(f.alice).toBeUndefined();
    const withHumans = bySubject(
      await findingsOf(t, 'excessive-privilege', { asOf: AS_OF, thresholds: { 'excessive-privilege': { includeHumans: 1 } } }),
    );
    expect(withHumans.alice.severity).toBe('high'); // admin on a crown jewel, capped: posture
    expect(withHumans.alice.severityBecause).toMatch(/capped at high/);
  });
});

describe('unused-entitlement', () => {
  const events = series('2024-05-01T08:00:00Z', 30, 24 * 60, (ts) => ev(ts, 'svc-prod', { ip: '10.0.0.5', target: 'reports', action: 'PutObject' }));

  it('flags grants never exercised in the observed window, and says so', async () => {
    t = await caseWith({ ...base, auth_events: events });
    const f = (await findingsOf(t, 'unused-entitlement', { asOf: AS_OF })).filter((x) => x.subject === 'svc-prod');
    expect(f).toHaveLength(1);
    expect(f[0].title).toMatch(/read access to dev-db not used in the observed window \(2024-05-01 to 2024-05-30\)/);
    expect(f[0].severity).toBe('low');
    const admin = (await findingsOf(t, 'unused-entitlement', { asOf: AS_OF })).find((x) => x.subject === 'svc-admin');
    expect(admin?.severity).toBe('high');
  });

  it('leaves exercised grants and grants too new to judge', async () => {
    t = await caseWith({ ...base, entitlements: [...entitlements, 'svc-read,access,wiki,read,2024-05-28,'], auth_events: events });
    const f = await findingsOf(t, 'unused-entitlement', { asOf: AS_OF });
    expect(f.find((x) => x.subject === 'svc-prod' && x.title.includes('reports'))).toBeUndefined();
    expect(f.find((x) => x.subject === 'svc-read' && x.title.includes('wiki'))).toBeUndefined();
    expect(f.find((x) => x.subject === 'svc-read' && x.title.includes('reports'))).toBeDefined();
  });

  it('does not run without auth events, and says why', async () => {
    t = await caseWith(base);
    const run = await t.call('findings.run', { rules: ['unused-entitlement'], persist: false });
    expect(run.total).toBe(0);
    expect(run.rules[0].skipped).toMatch(/no auth events/);
  });
});

describe('environment-crossing', () => {
  it('flags staging → prod as high, prod → dev as low, and nothing inside one environment', async () => {
    t = await caseWith(base);
    const f = await findingsOf(t, 'environment-crossing', { asOf: AS_OF });
    const stg = f.find((x) => x.subject === 'svc-stg');
    expect(stg?.severity).toBe('high');
    expect(stg?.title).toMatch(/\(staging\) has access into prod: prod-db \(write\)/);
    expect(f.find((x) => x.subject === 'svc-prod')?.severity).toBe('low');
    expect(f.find((x) => x.subject === 'svc-admin')).toBeUndefined();
    expect(f.find((x) => x.subject === 'alice')).toBeUndefined();
  });
});

describe('third-party-broad-access', () => {
  it('flags third-party apps with write access or long-lived secrets, not read-only ones with short-lived secrets', async () => {
    t = await caseWith({
      ...base,
      identities: [...identities, 'vendor-sync,Vendor sync,service_account,alice,prod,active,2022-01-01,,aws,vendor'],
      credentials: [...credentials, 'S-VENDOR,vendor-sync,access_key,2022-01-01,,,,active,'],
    });
    const f = bySubject(await findingsOf(t, 'third-party-broad-access', { asOf: AS_OF }));
    expect(f['app-crm'].severity).toBe('medium');
    expect(f['app-crm'].title).toMatch(/write access to 1 system/);
    expect(f['vendor-sync'].title).toMatch(/1 long-lived secret/);
    expect(f['app-viewer']).toBeUndefined();
    expect(f['svc-admin']).toBeUndefined();
  });
});

describe('crown-jewel-reach', () => {
  it('reports identities reaching a crown jewel with the path, and not those that do not', async () => {
    t = await caseWith(base);
    const f = bySubject(await findingsOf(t, 'crown-jewel-reach', { asOf: AS_OF }));
    expect(f['svc-chain'].severity).toBe('high');
    const path = f['svc-chain'].evidence.find((e) => e.type === 'fact' && e.name === 'path');
    expect(path && path.type === 'fact' && (path.value as { path: string[] }).path).toEqual(['svc-chain', 'ops', 'dba-role', 'prod-db']);
    expect(f['svc-stg'].severity).toBe('medium');
    expect(f['svc-read']).toBeUndefined();
    expect(f['app-viewer']).toBeUndefined();
  });

  it('raises the severity for an identity marked compromised', async () => {
    t = await caseWith(base);
    await t.call('graph.mark', { id: 'svc-stg', mark: 'compromised' });
    const f = bySubject(await findingsOf(t, 'crown-jewel-reach', { asOf: AS_OF }));
    expect(f['svc-stg'].severity).toBe('critical');
  });
});
