// The authorization-details importer end to end through the real API: detection, nodes and aliases
// that other AWS sources resolve to, rejects with reasons, kept documents, derived edges in the case.
import { describe, expect, it } from 'vitest';
import { TestCase } from '../helpers.ts';
import { ACCT, ADMIN, ADMIN_POLICY, allow, arn, details, doc, group, role, trustAws, trustService, user } from '../fixtures/aws-authz/build.ts';

function node(t: TestCase, key: string) {
  return t.db.prepare('SELECT * FROM node WHERE key = ?').get(key) as Record<string, any> | undefined;
}
function edge(t: TestCase, src: string, dst: string, kind: string) {
  return t.db
    .prepare(
      `SELECT e.* FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE s.key = ? AND d.key = ? AND e.kind = ?`,
    )
    .get(src, dst, kind) as Record<string, any> | undefined;
}

/** An export with the quirks real ones have: URL-encoded documents and three date styles. */
function quirkyExport() {
  const d = details({
    users: [user('alice', { groups: ['ops'] }), user('svc-deploy', { inline: [[allow('sts:AssumeRole', arn('role', 'deployer'))]] })],
    groups: [group('ops', { inline: [[allow('iam:CreateAccessKey', arn('user', 'svc-deploy'))]] })],
    roles: [role('deployer', trustAws(`arn:aws:iam::${ACCT}:root`), { managed: [ADMIN_POLICY] })],
  }) as Record<string, any>;
  const [alice, svc] = d.UserDetailList;
  alice.CreateDate = '2019-12-18 19:10:08+00:00';
  svc.CreateDate = '2021-03-13T18:42:34Z';
  svc.UserPolicyList[0].PolicyDocument = encodeURIComponent(JSON.stringify(svc.UserPolicyList[0].PolicyDocument));
  d.RoleDetailList[0].AssumeRolePolicyDocument = encodeURIComponent(JSON.stringify(d.RoleDetailList[0].AssumeRolePolicyDocument));
  d.RoleDetailList[0].RoleLastUsed = { LastUsedDate: '2024-05-01T10:00:00+00:00', Region: 'us-east-1' };
  return d;
}

describe('AWS get-account-authorization-details import', () => {
  it('detects the format by content and loads principals, groups, membership and documents', async () => {
    const t = await TestCase.create();
    const r = await t.importText('export.json', JSON.stringify(quirkyExport(), null, 2));
    // 2 users + 1 group + 1 role + 1 managed policy, 2 inline policies, 1 trust policy.
    expect(r).toMatchObject({ format: 'aws-authorization-details', rows: 8, loaded: 8, rejected: 0 });
    expect(node(t, arn('user', 'alice'))).toMatchObject({
      kind: 'identity',
      subkind: 'human',
      provider: 'aws',
      created_at: '2019-12-18T19:10:08.000Z',
    });
    expect(node(t, arn('user', 'svc-deploy'))).toMatchObject({ subkind: 'service_account', created_at: '2021-03-13T18:42:34.000Z' });
    expect(node(t, arn('role', 'deployer'))).toMatchObject({ kind: 'role', last_used_at: '2024-05-01T10:00:00.000Z' });
    expect(node(t, arn('group', 'ops'))).toMatchObject({ kind: 'group' });
    expect(node(t, ADMIN)).toMatchObject({ kind: 'system', subkind: 'account', criticality: 'critical' });
    expect(node(t, `arn:aws:iam::${ACCT}:root`)).toMatchObject({ kind: 'identity', subkind: 'human' });
    expect(JSON.parse(node(t, `arn:aws:iam::${ACCT}:root`)!.props).root).toBe(true);
    const aliases = t.db.prepare('SELECT alias FROM alias a JOIN node n ON n.id = a.node_id WHERE n.key = ?').pluck().all(arn('user', 'alice'));
    expect(aliases).toEqual(expect.arrayContaining([`aws:user:${ACCT}:alice`, 'AIDAALICEXXXXXXXXXXX'.slice(0, 20)]));
    expect(edge(t, arn('user', 'alice'), arn('group', 'ops'), 'member_of')).toBeDefined();
    const docs = t.db.prepare('SELECT kind, owner, name FROM aws_policy ORDER BY id').all();
    expect(docs).toEqual(
      expect.arrayContaining([
        { kind: 'managed', owner: ADMIN_POLICY, name: 'AdministratorAccess' },
        { kind: 'trust', owner: arn('role', 'deployer'), name: 'trust' },
        { kind: 'inline', owner: arn('user', 'svc-deploy'), name: 'svc-deploy-inline-0' },
      ]),
    );
    const trust = t.db.prepare(`SELECT document FROM aws_policy WHERE kind = 'trust'`).pluck().get() as string;
    expect(JSON.parse(trust).Statement[0].Principal.AWS).toBe(`arn:aws:iam::${ACCT}:root`);
    t.close();
  });

  it('writes the derived edges with reasons, so the path alice → svc-deploy → deployer → admin is in the case', async () => {
    const t = await TestCase.create();
    await t.importText('export.json', JSON.stringify(quirkyExport()));
    const takeOver = edge(t, arn('user', 'alice'), arn('user', 'svc-deploy'), 'can_assume')!;
    expect(JSON.parse(takeOver.props)).toMatchObject({ technique: 'iam:CreateAccessKey', escalation: true });
    expect(JSON.parse(takeOver.props).reason).toContain('ops/inline/ops-inline-0');
    expect(takeOver.locator).toContain('ops/inline/ops-inline-0');
    const assume = edge(t, arn('user', 'svc-deploy'), arn('role', 'deployer'), 'can_assume')!;
    expect(JSON.parse(assume.props).reason).toMatch(/svc-deploy can assume deployer because the trust policy of deployer allows the account/);
    expect(edge(t, arn('role', 'deployer'), ADMIN, 'access')).toMatchObject({ privilege: 3, conditional: 0 });
    t.close();
  });

  it('rejects unusable records with specific reasons and loads the rest', async () => {
    const t = await TestCase.create();
    const d = details({ users: [user('ok')] }) as Record<string, any>;
    d.UserDetailList.push({ Arn: arn('user', 'nameless') }, 'not an object');
    d.UserDetailList[0].UserPolicyList = [{ PolicyName: 'broken', PolicyDocument: doc({ Effect: 'Permit', Action: '*', Resource: '*' }) }];
    d.RoleDetailList.push({ RoleName: 'wrong', Arn: arn('user', 'wrong'), AssumeRolePolicyDocument: doc() });
    d.Policies.push({ Arn: arn('policy', 'empty'), PolicyName: 'empty', PolicyVersionList: [] });
    const r = await t.importText('bad.json', JSON.stringify(d));
    const rejects = t.db.prepare('SELECT locator, reason FROM reject ORDER BY id').all();
    expect(rejects).toEqual(
      expect.arrayContaining([
        { locator: '/Policies/1', reason: `managed policy ${arn('policy', 'empty')} has no PolicyVersionList` },
        {
          locator: '/UserDetailList/0/UserPolicyList/0',
          reason: 'inline policy broken: statement 0: Effect must be "Allow" or "Deny" (got "Permit")',
        },
        { locator: '/UserDetailList/1', reason: 'user without a UserName' },
        { locator: '/UserDetailList/2', reason: 'user entry is not an object' },
        { locator: '/RoleDetailList/0', reason: 'role wrong: Arn is not an IAM role ARN' },
      ]),
    );
    expect(r.rejected).toBe(5);
    // The user with an unreadable policy still loads, and its gap is on record.
    expect(JSON.parse(node(t, arn('user', 'ok'))!.props).policy_gaps).toEqual(['inline policy broken could not be read']);
    t.close();
  });

  it('treats hostile bytes as data: __proto__ keys, oversized documents, odd dates', async () => {
    const t = await TestCase.create();
    const d = details({ users: [user('mallory', { inline: [[allow('s3:GetObject')]] })] }) as Record<string, any>;
    const u = d.UserDetailList[0];
    u.Tags = [
      { Key: '__proto__', Value: 'polluted' },
      { Key: 'constructor', Value: 'x' },
    ];
    u.CreateDate = 1_700_000_000; // epoch seconds
    u.UserPolicyList.push({ PolicyName: 'huge', PolicyDocument: doc(...Array.from({ length: 5001 }, () => allow('s3:GetObject'))) });
    u.UserPolicyList.push({ PolicyName: 'garbled', PolicyDocument: '%7B%22Statement%22%3A%5B' });
    const r = await t.importText('hostile.json', JSON.stringify(d));
    expect(r.rejected).toBe(2);
    const reasons = t.db.prepare('SELECT reason FROM reject ORDER BY id').pluck().all();
    expect(reasons).toEqual([
      'inline policy huge: the policy document has 5001 statements (limit 5000)',
      'inline policy garbled: the policy document is not valid JSON',
    ]);
    const n = node(t, arn('user', 'mallory'))!;
    expect(n.created_at).toBe('2023-11-14T22:13:20.000Z');
    expect(JSON.parse(n.props).tags).toEqual(JSON.parse('{"__proto__":"polluted","constructor":"x"}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The unreadable policies could hold a Deny: what mallory's other policy allows is kept, but conditional.
    const s3 = edge(t, arn('user', 'mallory'), `aws:${ACCT}:s3:*`, 'access')!;
    expect(s3.conditional).toBe(1);
    expect(JSON.parse(s3.props).conditions.join(' ')).toContain('could not be read');
    t.close();
  });

  it('re-importing the same bytes changes nothing; a non-object file leaves the case as it was', async () => {
    const t = await TestCase.create();
    const text = JSON.stringify(quirkyExport());
    await t.importText('a.json', text);
    const edges = t.db.prepare('SELECT count(*) FROM edge').pluck().get();
    const again = await t.importText('b.json', text);
    expect(again.skipped).toBe(true);
    expect(t.db.prepare('SELECT count(*) FROM edge').pluck().get()).toBe(edges);
    await expect(t.importText('c.json', '{"UserDetailList": {"x": 1}, "RoleDetailList": 3}')).rejects.toThrow(
      /not a get-account-authorization-details export/,
    );
    await expect(t.importText('d.json', '{"UserDetailList": [')).rejects.toThrow(/not valid JSON/);
    expect(t.db.prepare('SELECT count(*) FROM edge').pluck().get()).toBe(edges);
    t.close();
  });

  it("keeps the credential report's verdict on a user with no console password", async () => {
    const t = await TestCase.create();
    const header =
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
    const row = `alice,${arn('user', 'alice')},2019-05-07T15:35:54+00:00,false,N/A,N/A,N/A,false,true,2019-05-07T15:35:55+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
    const cr = await t.importText('report.csv', `${header}\n${row}\n`);
    expect(cr.format).toBe('aws-credential-report');
    await t.importText('export.json', JSON.stringify(quirkyExport()));
    expect(t.db.prepare(`SELECT count(*) FROM node WHERE key LIKE '%alice%' AND kind = 'identity'`).pluck().get()).toBe(1);
    expect(node(t, arn('user', 'alice'))).toMatchObject({ subkind: 'service_account', unresolved: 0 });
    t.close();
  });

  it('lands on nodes that another AWS source created first (by alias), without a twin', async () => {
    const t = await TestCase.create();
    // An entitlements row naming the user by its shared alias creates a placeholder first.
    await t.importText('entitlements.csv', `principal,relation,target\naws:user:${ACCT}:alice,member_of,some-group\n`);
    await t.importText('export.json', JSON.stringify(quirkyExport()));
    const alice = t.db.prepare(`SELECT count(*) FROM node WHERE name = 'alice' OR key LIKE '%alice%'`).pluck().get();
    expect(alice).toBe(1);
    const id = t.db.prepare('SELECT node_id FROM alias WHERE alias = ?').pluck().get(arn('user', 'alice'));
    expect(t.db.prepare('SELECT unresolved, subkind FROM node WHERE id = ?').get(id)).toEqual({ unresolved: 0, subkind: 'human' });
    t.close();
  });

  it('a file merged from two accounts: one admin node each, identities under their own account, no cross-account admin', async () => {
    const t = await TestCase.create();
    const B = '444455556666';
    const moveToB = (e: Record<string, unknown>) => ({ ...e, Arn: String(e.Arn).replace(`::${ACCT}:`, `::${B}:`) });
    const d = details({
      users: [user('alice'), user('carol', { groups: ['ops'] }), moveToB(user('bob', { managed: [ADMIN_POLICY], groups: ['ops'] }))],
      groups: [group('ops'), moveToB(group('ops'))],
    });
    const r = await t.importText('merged.json', JSON.stringify(d));
    expect(r).toMatchObject({ rejected: 0 });
    expect(node(t, `aws:${B}:admin`)).toMatchObject({ kind: 'system', subkind: 'account', criticality: 'critical' });
    expect(node(t, ADMIN)).toBeDefined();
    const bob = `arn:aws:iam::${B}:user/bob`;
    expect(JSON.parse(node(t, bob)!.props).aws_account).toBe(B);
    expect(t.db.prepare('SELECT n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE alias = ?').pluck().get(`aws:user:${B}:bob`)).toBe(bob);
    expect(edge(t, bob, `aws:${B}:admin`, 'access')).toBeDefined();
    expect(edge(t, bob, ADMIN, 'access')).toBeUndefined();
    expect(edge(t, bob, `arn:aws:iam::${B}:group/ops`, 'member_of')).toBeDefined();
    expect(edge(t, bob, arn('group', 'ops'), 'member_of')).toBeUndefined();
    // AdministratorAccess is one document in the file: stored once.
    expect(t.db.prepare(`SELECT count(*) FROM aws_policy WHERE owner = ?`).pluck().get(ADMIN_POLICY)).toBe(1);
    t.close();
  });

  it('attack paths show the escalation technique and its catalogue id in the hop evidence', async () => {
    const t = await TestCase.create();
    const d = details({
      users: [user('attacker', { inline: [[allow(['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:CreateCluster'])]] })],
      roles: [role('task', trustService('ecs-tasks.amazonaws.com'), { managed: [ADMIN_POLICY] })],
    });
    await t.importText('export.json', JSON.stringify(d));
    const [p] = await t.call('graph.paths', { from: [arn('user', 'attacker')], to: [ADMIN], k: 1 });
    const grant = p.hops[0].evidence.find((e) => e.type === 'grant');
    expect(grant).toMatchObject({ technique: 'iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:RunTask', pathId: 'ecs-002' });
    // Grants that are not escalations keep their shape.
    expect(p.hops[1].evidence.find((e) => e.type === 'grant')).not.toHaveProperty('pathId');
    t.close();
  });
});
