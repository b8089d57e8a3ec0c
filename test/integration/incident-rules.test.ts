// Identity-persistence incidents on real detonation records (Stratus Red Team CloudTrail logs and OTRF's Entra
// audit rows in ../shared/fixtures, read in place) and on near misses written here: a user rotating their own
// key, a rotator replacing another user's key, a trust to another account of the same organisation.
// Also the whole-span rule: a Tor login long before the end of the logs is still found.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/api/findings.ts';
import { SHARED_FIXTURES, TestCase, writeFile } from '../helpers.ts';
import { caseWith, ev, series } from '../fixtures/findings/build-case.ts';

const TRAILS = path.join(SHARED_FIXTURES, 'aws', 'cloudtrail');
const present = fs.existsSync(TRAILS);
if (!present) console.warn(`[incident-rules] ${TRAILS} is absent: the tests on real detonation logs are skipped`);

let t: TestCase | undefined;
afterEach(() => t?.close());

async function findingsFor(files: string[], rule?: string): Promise<Finding[]> {
  t = await TestCase.create();
  for (const f of files) await t.call('import.files', { paths: [f] });
  const run = await t.call('findings.run', { persist: false, ...(rule ? { rules: [rule as never] } : {}) });
  return run.findings ?? [];
}

const stratus = (name: string) => path.join(TRAILS, `stratus-aws.${name}.json`);

/** A CloudTrail record as IAM writes it, for the near misses. */
function trail(time: string, caller: string, eventName: string, request: Record<string, unknown>, account = '111122223333') {
  return {
    eventVersion: '1.09',
    eventTime: time,
    eventSource: 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: request,
    responseElements: null,
    eventType: 'AwsApiCall',
    recipientAccountId: account,
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${caller.toUpperCase()}`,
      arn: `arn:aws:iam::${account}:user/${caller}`,
      accountId: account,
      accessKeyId: 'AKIAEXAMPLEKEY000001',
      userName: caller,
    },
  };
}

describe.skipIf(!present)('identity persistence on Stratus Red Team detonations', () => {
  it('credential-created-for-another: the backdoor key of iam-create-admin-user, the login profiles made for another user', async () => {
    const f = await findingsFor(
      [
        stratus('persistence.iam-create-admin-user'),
        stratus('persistence.iam-create-user-login-profile'),
        stratus('privilege-escalation.iam-update-user-login-profile'),
      ],
      'credential-created-for-another',
    );
    const subjects = f.map((x) => x.subject.replace(/^arn:aws:iam::\d+:user\//, '')).sort();
    // Read from the files: christophe creates an access key for malicious-iam-user, a login profile for
    // stratus-red-team-login-profile-user, and updates the login profile of stratus-red-team-update-login-profile-user.
    expect(subjects).toEqual(['malicious-iam-user', 'stratus-red-team-login-profile-user', 'stratus-red-team-update-login-profile-user']);
    expect(f.every((x) => x.kind === 'incident' && x.frameworks.includes('T1098.001'))).toBe(true);
    const key = f.find((x) => x.subject.endsWith('/malicious-iam-user'))!;
    expect(key.title).toMatch(/CreateAccessKey for IAM user malicious-iam-user by christophe at /);
    expect(key.evidence.some((e) => e.type === 'event' && e.action === 'iam.amazonaws.com:CreateAccessKey' && e.locator !== null)).toBe(true);
  });

  it('trust-opened-outward: iam-backdoor-role trusts an outside account; a Roles Anywhere trust anchor', async () => {
    const f = await findingsFor(
      [stratus('persistence.iam-backdoor-role'), stratus('persistence.rolesanywhere-create-trust-anchor')],
      'trust-opened-outward',
    );
    const role = f.find((x) => x.subject.endsWith(':role/stratus-red-team-backdoor-r-role'))!;
    expect(role.severity).toBe('high');
    expect(role.title).toMatch(
      /UpdateAssumeRolePolicy made role stratus-red-team-backdoor-r-role assumable from root of external account 193672423079/,
    );
    expect(f.filter((x) => /CreateTrustAnchor/.test(x.title))).toHaveLength(1);
  });

  it('audit-logging-weakened: PutEventSelectors on the trail; mfa and persistence rules stay quiet on unrelated logs', async () => {
    const f = await findingsFor([
      stratus('defense-evasion.cloudtrail-event-selectors'),
      stratus('defense-evasion.vpc-remove-flow-logs'),
      stratus('defense-evasion.dns-delete-logs'),
    ]);
    const audit = f.filter((x) => x.rule === 'audit-logging-weakened');
    expect(audit.map((x) => x.title.match(/\((\w+)/)?.[1]).sort()).toEqual(['DeleteFlowLogs', 'DeleteResolverQueryLogConfig', 'PutEventSelectors']);
    expect(f.filter((x) => ['credential-created-for-another', 'trust-opened-outward', 'mfa-removed'].includes(x.rule))).toEqual([]);
  });
});

describe('identity persistence: near misses', () => {
  it("is quiet when a user rotates their own key, and when a rotator replaces another user's key", async () => {
    t = await TestCase.create();
    const records = [
      trail('2024-05-01T10:00:00Z', 'alice', 'CreateAccessKey', { userName: 'alice' }),
      trail('2024-05-02T03:00:00Z', 'key-rotator', 'CreateAccessKey', { userName: 'svc-report' }),
      trail('2024-05-02T03:00:05Z', 'key-rotator', 'DeleteAccessKey', { userName: 'svc-report', accessKeyId: 'AKIAOLDKEY0000000001' }),
      trail('2024-05-03T03:00:00Z', 'mallory', 'CreateAccessKey', { userName: 'svc-report' }),
    ];
    await t.call('import.files', { paths: [writeFile(t.dir, 'trail.json', JSON.stringify({ Records: records }))] });
    const f = (await t.call('findings.run', { persist: false, rules: ['credential-created-for-another'] })).findings ?? [];
    // Only mallory's key (no retirement beside it) is a backdoor.
    expect(f.map((x) => [x.subject, x.title.match(/by (\S+)/)?.[1]])).toEqual([['arn:aws:iam::111122223333:user/svc-report', 'mallory']]);
  });

  it('does not call a trust to another account of the same organisation outward', async () => {
    t = await TestCase.create();
    const policy = (account: string) =>
      encodeURIComponent(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }],
        }),
      );
    const records = [
      // 444455556666 is ours: its own trail shows a role created in it. A caller from 999988887777 merely calling in
      // (below) does not make that account ours.
      {
        ...trail(
          '2024-05-01T09:00:00Z',
          'ops',
          'CreateRole',
          { roleName: 'reader', assumeRolePolicyDocument: policy('444455556666') },
          '444455556666',
        ),
        responseElements: { role: { arn: 'arn:aws:iam::444455556666:role/reader', roleName: 'reader', roleId: 'AROAREADER0000000001' } },
      },
      trail('2024-05-01T09:30:00Z', 'intruder', 'ListRoles', {}, '999988887777'),
      trail('2024-05-01T10:00:00Z', 'admin', 'UpdateAssumeRolePolicy', { roleName: 'deploy', policyDocument: policy('444455556666') }),
      trail('2024-05-01T11:00:00Z', 'admin', 'UpdateAssumeRolePolicy', { roleName: 'audit', policyDocument: policy('999988887777') }),
    ];
    await t.call('import.files', { paths: [writeFile(t.dir, 'trail.json', JSON.stringify({ Records: records }))] });
    const f = (await t.call('findings.run', { persist: false, rules: ['trust-opened-outward'] })).findings ?? [];
    expect(f.map((x) => x.subject)).toEqual(['arn:aws:iam::111122223333:role/audit']);
  });
});

describe('whole-span behavioural detection', () => {
  it('finds a Tor login 16 days before the end of the logs, and ranks it first in the queue', async () => {
    const identities = [
      'svc-report,Report export,service_account,alice,prod,active,2022-01-01,,aws,',
      'svc-sync,Sync,service_account,alice,prod,active,2022-01-01,,aws,',
      'alice,Alice,human,,prod,active,2020-01-01,,okta,',
    ];
    t = await caseWith({
      identities,
      networks: ['10.0.0.0/8,corporate,Corporate,analyst'],
      systems: ['exports,Customer exports,storage,prod,critical,pii,internal'],
      entitlements: ['svc-report,access,exports,read,,'],
      auth_events: [
        // Seven weeks of habit from the corporate LAN, for both services.
        ...series('2024-04-01T02:00:00Z', 49, 24 * 60, (ts, i) => ev(ts, 'svc-report', { ip: `10.1.0.${(i % 200) + 1}`, target: 'exports' })),
        ...series('2024-04-01T03:00:00Z', 49, 24 * 60, (ts, i) => ev(ts, 'svc-sync', { ip: `10.2.0.${(i % 200) + 1}` })),
        // 185.220.101.1 is a Tor exit (AS60729); the logs run on to 2024-05-19.
        ev('2024-05-03T01:00:00Z', 'svc-report', { ip: '185.220.101.1', ua: 'python-requests/2.31', target: 'exports' }),
      ],
    });
    const run = await t.call('findings.run', {});
    expect(run.window.from).toBe('2024-04-01T02:00:00.000Z');
    const all = await t.call('findings.list', {});
    const tor = all.find((f) => f.rule === 'anonymous-network' && f.subject === 'svc-report')!;
    expect(tor.kind).toBe('incident');
    expect(tor.severity).toBe('critical'); // Tor, new for it, and it reaches the crown jewel
    // The old 14-day window would have missed it: the same run narrowed to 14 days finds nothing.
    const narrow = await t.call('findings.run', { persist: false, rules: ['anonymous-network'], thresholds: { windows: { detectionDays: 14 } } });
    expect(narrow.findings).toEqual([]);
    const queue = await t.call('findings.queue', {});
    expect(queue[0]).toMatchObject({ identity: 'svc-report' });
    expect(queue[0].reason).toMatch(/tor.*crown jewel/);
    expect(queue.map((q) => q.identity)).not.toContain('svc-sync');
  });
});
