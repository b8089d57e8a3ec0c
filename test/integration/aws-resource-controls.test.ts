// What sits beside a resource's policy: the organisation's resource control policies (RCPs), S3 bucket ACLs and
// Block Public Access, KMS grants, and the SNS default topic policy's AWS:SourceOwner. Each is recognised by content,
// combined with the policies and the case's AWS exports as AWS evaluates a request, and gives the same graph
// whichever order the files come in. Fixtures are in the AWS CLI's output shapes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TestCase, writeFile } from '../helpers.ts';
import { ACCT, allow, arn, deny, details, role, trustAws, trustService, user } from '../fixtures/aws-authz/build.ts';

const B = '444455556666';
const MANAGEMENT = '999988887777';
const DIR = path.join(FIXTURES, 'aws-resource-policies');
const BUCKET = 'arn:aws:s3:::example-reports';
const PUBLIC_BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const KEY = `arn:aws:kms:us-west-2:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = arn('user', 'alice');
const ANYONE = 'aws:any-principal';

type Options = { resource?: string; resourceAccount?: string };

async function importFile(t: TestCase, name: string, content: string | null, options: Options = {}) {
  const file = content === null ? path.join(DIR, name) : writeFile(t.dir, name, content);
  const { sources } = await t.call('import.files', { paths: [file], keepGoing: true, ...options });
  return sources[0];
}

function accessEdge(t: TestCase, src: string, dst: string) {
  const row = t.db
    .prepare(
      `SELECT e.privilege, e.conditional, e.props FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE s.key = ? AND d.key = ? AND e.kind = 'access'`,
    )
    .get(src, dst) as { privilege: number; conditional: number; props: string } | undefined;
  return row && { privilege: row.privilege, conditional: row.conditional === 1, props: JSON.parse(row.props) as Record<string, unknown> };
}

/** Every access edge into the resources, without where it was read (that names the file imported last). */
function accessEdges(t: TestCase): string[] {
  return (
    t.db
      .prepare(
        `SELECT s.key AS src, d.key AS dst, e.privilege, e.conditional, json_remove(e.props, '$.reason') AS props FROM edge e
    JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst WHERE e.kind = 'access' ORDER BY s.key, d.key`,
      )
      .all() as object[]
  ).map((r) => JSON.stringify(r));
}

const policyOf = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const bucketPolicy = (...statements: object[]) => JSON.stringify({ Policy: policyOf(...statements) });
const exportOf = (users: Record<string, unknown>[], roles: Record<string, unknown>[] = []) => JSON.stringify(details({ users, roles }));
const rcp = (name: string, statements: object[]) =>
  JSON.stringify({
    Policy: {
      PolicySummary: {
        Id: `p-${name}`,
        Arn: `arn:aws:organizations::${MANAGEMENT}:policy/o-a1b2c3d4e5/resource_control_policy/p-${name}`,
        Name: name,
        Type: 'RESOURCE_CONTROL_POLICY',
        AwsManaged: false,
      },
      Content: policyOf(...statements),
    },
  });
const rcpWithTargets = (name: string, statements: object[], targets: object[]) =>
  JSON.stringify({
    Policies: [
      {
        PolicySummary: {
          Id: `p-${name}`,
          Arn: `arn:aws:organizations::${MANAGEMENT}:policy/o-a1b2c3d4e5/resource_control_policy/p-${name}`,
          Name: name,
          Type: 'RESOURCE_CONTROL_POLICY',
        },
        Content: policyOf(...statements),
        Targets: targets,
      },
    ],
  });

describe('resource control policies', () => {
  it('describe-policy output of type RESOURCE_CONTROL_POLICY is recognised as an RCP, an SCP is not', async () => {
    const t = await TestCase.create();
    expect((await t.call('import.detect', { path: path.join(DIR, 'describe-policy-rcp.json') })).format).toBe('aws-organizations-rcps');
    const scp = writeFile(t.dir, 'scp.json', rcp('x', [deny('s3:*')]).replace('RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY'));
    expect((await t.call('import.detect', { path: scp })).format).toBe('aws-organizations-scps');
    // list-policies prints summaries only: refused with what to run instead, never taken as "no restriction".
    const summaries = await importFile(
      t,
      'list.json',
      JSON.stringify({
        Policies: [
          {
            Id: 'p-1',
            Arn: `arn:aws:organizations::${MANAGEMENT}:policy/o-a1b2c3d4e5/resource_control_policy/p-1`,
            Name: 'DataPerimeter',
            Type: 'RESOURCE_CONTROL_POLICY',
            AwsManaged: false,
          },
        ],
      }),
    );
    expect(summaries).toMatchObject({ failed: true });
    expect(summaries.message).toMatch(/recognised as aws-organizations-rcps, but all 1 of its records were rejected.*no Content .*describe-policy/);
    t.close();
  });

  it('a data-perimeter RCP makes a public bucket reachable only by the organisation: no public edge, members keep theirs; in either order', async () => {
    const files: [string, string | null, Options][] = [
      ['export.json', exportOf([user('alice')]), {}],
      ['get-bucket-policy-public.json', null, { resourceAccount: ACCT }],
      ['describe-policy-rcp.json', null, {}],
    ];
    const results: string[][] = [];
    for (const order of [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
    ]) {
      const t = await TestCase.create();
      for (const i of order) await importFile(t, files[i][0], files[i][1], files[i][2]);
      const anyone = accessEdge(t, ANYONE, PUBLIC_BUCKET);
      // Anyone outside the organisation is denied; whether "anyone" is inside it the case cannot say.
      expect(anyone).toMatchObject({ privilege: 1, conditional: true, props: { public: false } });
      expect(String(anyone!.props.conditions)).toMatch(/unless denied by RCP DataPerimeter \(EnforceOrgIdentities\)/);
      // alice's account belongs to the organisation (the RCP is attached to its root): aws:PrincipalOrgID is decided for her.
      expect(accessEdge(t, ALICE, PUBLIC_BUCKET)).toMatchObject({ privilege: 1, conditional: false });
      await t.call('findings.run', { rules: ['public-resource'] });
      expect(await t.call('findings.list', { rule: 'public-resource' })).toEqual([]);
      results.push(accessEdges(t));
      t.close();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it("near misses: the management account's resources, services RCPs do not cover, and an RCP attached to another account", async () => {
    const t = await TestCase.create();
    const denyAll = [{ Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }];
    await importFile(
      t,
      'rcp.json',
      rcpWithTargets('DenyAll', denyAll, [
        { TargetId: B, Type: 'ACCOUNT' },
        { TargetId: MANAGEMENT, Type: 'ACCOUNT' },
      ]),
    );
    const reads = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` };
    await importFile(t, 'mgmt-bucket.json', bucketPolicy(reads), { resourceAccount: MANAGEMENT });
    const other = bucketPolicy({ ...reads, Resource: 'arn:aws:s3:::other-bucket/*' });
    await importFile(t, 'acct-bucket.json', other, { resourceAccount: ACCT });
    const fn = `arn:aws:lambda:us-west-2:${B}:function:my-function`;
    await importFile(
      t,
      'fn.json',
      JSON.stringify({
        Policy: policyOf({ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: fn }),
        RevisionId: 'r1',
      }),
    );
    expect(accessEdge(t, ANYONE, BUCKET)).toMatchObject({ conditional: false, props: { public: true } }); // management account
    expect(accessEdge(t, ANYONE, 'arn:aws:s3:::other-bucket')).toMatchObject({ conditional: false, props: { public: true } }); // not attached to ACCT
    expect(accessEdge(t, ANYONE, fn)).toMatchObject({ conditional: false, props: { public: true } }); // Lambda: RCPs do not apply
    // The same RCP on an account it does cover takes the public access away.
    const covered = bucketPolicy({ ...reads, Resource: 'arn:aws:s3:::b-bucket/*' });
    await importFile(t, 'b-bucket.json', covered, { resourceAccount: B });
    expect(accessEdge(t, ANYONE, 'arn:aws:s3:::b-bucket')).toBeUndefined();
    t.close();
  });

  it('an RCP Deny on aws:PrincipalAccount is decided per caller; a service-linked role is not governed by RCPs', async () => {
    const t = await TestCase.create();
    await importFile(
      t,
      'export.json',
      exportOf(
        [user('alice')],
        [{ ...role('AWSServiceRoleForBackup', trustService('backup.amazonaws.com')), Path: '/aws-service-role/backup.amazonaws.com/' }],
      ),
    );
    const onlyOwn = {
      Sid: 'OwnAccountOnly',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': ACCT } },
    };
    const denyAll = { Sid: 'DenyGet', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' };
    await importFile(t, 'rcp.json', rcp('OwnAccount', [onlyOwn]));
    const grant = {
      Effect: 'Allow',
      Principal: { AWS: [ALICE, `arn:aws:iam::${B}:root`, arn('role', 'AWSServiceRoleForBackup')] },
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
    };
    await importFile(t, 'bucket.json', bucketPolicy(grant), { resourceAccount: ACCT });
    expect(accessEdge(t, ALICE, BUCKET)).toMatchObject({ privilege: 1, conditional: false });
    expect(accessEdge(t, `arn:aws:iam::${B}:root`, BUCKET)).toBeUndefined(); // decided: account B is not the own account
    await importFile(t, 'rcp2.json', rcp('DenyGet', [denyAll]));
    expect(accessEdge(t, ALICE, BUCKET)).toBeUndefined();
    expect(accessEdge(t, arn('role', 'AWSServiceRoleForBackup'), BUCKET)).toMatchObject({ privilege: 1, conditional: false });
    t.close();
  });
});

describe('resource control policies on role assumption (STS)', () => {
  const roles = () => [role('partner-access', trustAws(`arn:aws:iam::${B}:root`)), role('internal', trustAws(ALICE))];
  const canAssume = (t: TestCase, src: string, dst: string) => {
    const row = t.db
      .prepare(
        `SELECT e.conditional, e.props FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      WHERE s.key = ? AND d.key = ? AND e.kind = 'can_assume'`,
      )
      .get(src, dst) as { conditional: number; props: string } | undefined;
    return row && { conditional: row.conditional === 1, props: JSON.parse(row.props) as Record<string, unknown> };
  };

  it('a firm RCP Deny takes an external trust edge away, an undecided one makes it conditional; in either order', async () => {
    const onlyOwn = {
      Sid: 'NoOutsiders',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': ACCT } },
    };
    const results: string[][] = [];
    for (const rcpFirst of [false, true]) {
      const t = await TestCase.create();
      if (rcpFirst) await importFile(t, 'rcp.json', rcp('NoOutsiders', [onlyOwn]));
      await importFile(t, 'export.json', exportOf([user('alice', { inline: [[allow('sts:AssumeRole')]] })], roles()));
      if (!rcpFirst) await importFile(t, 'rcp.json', rcp('NoOutsiders', [onlyOwn]));
      expect(canAssume(t, `arn:aws:iam::${B}:root`, arn('role', 'partner-access'))).toBeUndefined();
      expect(canAssume(t, ALICE, arn('role', 'internal'))).toMatchObject({ conditional: false });
      results.push(
        t.db
          .prepare(
            `SELECT s.key || ' ' || d.key || ' ' || e.conditional FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst WHERE e.kind = 'can_assume' ORDER BY 1`,
          )
          .pluck()
          .all() as string[],
      );
      t.close();
    }
    expect(results[1]).toEqual(results[0]);
    // The data perimeter: whether account B belongs to the organisation is unknown, so the edge stays, conditional.
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice')], roles()));
    expect(canAssume(t, `arn:aws:iam::${B}:root`, arn('role', 'partner-access'))).toMatchObject({ conditional: false });
    await importFile(t, 'describe-policy-rcp.json', null);
    const partner = canAssume(t, `arn:aws:iam::${B}:root`, arn('role', 'partner-access'));
    expect(partner).toMatchObject({ conditional: true });
    expect(String(partner!.props.conditions)).toMatch(/unless denied by RCP DataPerimeter/);
    expect(canAssume(t, ALICE, arn('role', 'internal'))).toMatchObject({ conditional: false }); // alice is in the organisation
    // Near miss: an RCP attached to account B as well says B belongs: decided, the trust edge is firm again, and the
    // same whichever of the two RCP files comes first.
    const perimeter = JSON.parse(readFixture('describe-policy-rcp.json'));
    const inB = JSON.stringify({ Policies: [{ ...perimeter.Policy, Targets: [{ TargetId: B, Type: 'ACCOUNT' }] }] });
    await importFile(t, 'rcp-b.json', inB);
    expect(canAssume(t, `arn:aws:iam::${B}:root`, arn('role', 'partner-access'))).toMatchObject({ conditional: false });
    const t2 = await TestCase.create();
    await importFile(t2, 'rcp-b.json', inB);
    await importFile(t2, 'export.json', exportOf([user('alice')], roles()));
    await importFile(t2, 'describe-policy-rcp.json', null);
    const edgesOf = (c: TestCase) =>
      c.db
        .prepare(
          `SELECT s.key || ' ' || d.key || ' ' || e.conditional || ' ' || e.props FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst WHERE e.kind = 'can_assume' ORDER BY 1`,
        )
        .pluck()
        .all();
    expect(edgesOf(t2)).toEqual(edgesOf(t));
    t.close();
    t2.close();
  });
});

describe('S3 ACLs and Block Public Access', () => {
  it("get-bucket-acl granting AllUsers READ is public access from anyone; the owner's own grant is not", async () => {
    const t = await TestCase.create();
    expect((await t.call('import.detect', { path: path.join(DIR, 'get-bucket-acl.json') })).format).toBe('aws-s3-bucket-acl');
    const r = await importFile(t, 'get-bucket-acl.json', null, { resource: BUCKET, resourceAccount: ACCT });
    expect(r).toMatchObject({ format: 'aws-s3-bucket-acl', rows: 1, loaded: 1, rejected: 0 });
    const anyone = accessEdge(t, ANYONE, BUCKET);
    expect(anyone).toMatchObject({ privilege: 1, conditional: false, props: { public: true, actions: ['s3:ListBucket'] } });
    expect(String(anyone!.props.reason)).toMatch(/the ACL of S3 bucket example-reports \(AllUsers READ\)/);
    expect(JSON.parse(t.db.prepare(`SELECT props FROM node WHERE key = ?`).pluck().get(BUCKET) as string)).toMatchObject({
      account: ACCT,
      also_granted_by: ['s3-acl'],
    });
    await t.call('findings.run', { rules: ['public-resource'] });
    expect((await t.call('findings.list', { rule: 'public-resource' })).map((f) => [f.subject, f.title])).toEqual([
      [ANYONE, 'anyone can read S3 bucket example-reports: its ACL grants AllUsers or AuthenticatedUsers'],
    ]);
    // Near miss: an ACL that grants only its owner makes no edge at all.
    const own = JSON.parse(readFixture('get-bucket-acl.json'));
    own.Grants = own.Grants.slice(0, 1);
    own.Bucket = 'private-reports';
    await importFile(t, 'private-acl.json', JSON.stringify(own));
    expect(accessEdge(t, ANYONE, 'arn:aws:s3:::private-reports')).toBeUndefined();
    t.close();
  });

  it('AuthenticatedUsers WRITE is anyone writing; a grant to another canonical user is an external principal with its own level', async () => {
    const t = await TestCase.create();
    const acl = JSON.parse(readFixture('get-bucket-acl.json'));
    acl.Grants[1] = { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers' }, Permission: 'WRITE' };
    acl.Grants.push({
      Grantee: { Type: 'CanonicalUser', ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', DisplayName: 'partner' },
      Permission: 'WRITE_ACP',
    });
    await importFile(t, 'acl.json', JSON.stringify(acl), { resource: BUCKET });
    expect(accessEdge(t, ANYONE, BUCKET)).toMatchObject({ privilege: 2, conditional: false, props: { public: true } });
    expect(accessEdge(t, 'aws:s3-canonical-user:79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', BUCKET)).toMatchObject({
      privilege: 3,
      conditional: false,
      props: { crossAccount: true, actions: ['s3:PutBucketAcl'] },
    });
    t.close();
  });

  it('an ACL that does not name its bucket is refused with how to name it', async () => {
    const t = await TestCase.create();
    const r = await importFile(t, 'get-bucket-acl.json', null);
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(/does not name its bucket.*--resource arn:aws:s3:::<bucket>/);
    t.close();
  });

  it("IgnorePublicAcls on the bucket or on its account drops the public ACL grant, in either order; another account's setting does not", async () => {
    for (const [settings, options, publicAfter] of [
      ['get-public-access-block.json', { resource: BUCKET }, false],
      ['get-public-access-block.json', { resourceAccount: ACCT }, false],
      ['get-public-access-block.json', { resourceAccount: B }, true],
    ] as const) {
      const results: string[][] = [];
      for (const blockFirst of [false, true]) {
        const t = await TestCase.create();
        if (blockFirst) await importFile(t, settings, null, options);
        await importFile(t, 'get-bucket-acl.json', null, { resource: BUCKET, resourceAccount: ACCT });
        if (!blockFirst) await importFile(t, settings, null, options);
        const anyone = accessEdge(t, ANYONE, BUCKET);
        if (publicAfter) expect(anyone).toMatchObject({ conditional: false, props: { public: true } });
        else expect(anyone).toBeUndefined();
        results.push(accessEdges(t));
        t.close();
      }
      expect(results[1]).toEqual(results[0]);
    }
  });

  it("RestrictPublicBuckets: a public bucket policy reaches only the bucket's own account; BlockPublicPolicy alone changes nothing in force", async () => {
    const grant = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` };
    const named = { Effect: 'Allow', Principal: { AWS: [ALICE, `arn:aws:iam::${B}:root`] }, Action: 's3:GetObject', Resource: `${BUCKET}/*` };
    const block = (fields: Record<string, boolean>) =>
      JSON.stringify({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: false,
          IgnorePublicAcls: false,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
          ...fields,
        },
      });
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice')]));
    await importFile(t, 'bucket.json', bucketPolicy(grant, named), { resourceAccount: ACCT });
    expect((await t.call('import.detect', { path: writeFile(t.dir, 'bpa-probe.json', block({})) })).format).toBe('aws-s3-public-access-block');
    await importFile(t, 'bpp.json', block({ BlockPublicPolicy: true, BlockPublicAcls: true }), { resource: BUCKET });
    expect(accessEdge(t, ANYONE, BUCKET)).toMatchObject({ conditional: false, props: { public: true } });
    await importFile(t, 'rpb.json', block({ RestrictPublicBuckets: true }), { resource: BUCKET });
    expect(accessEdge(t, ANYONE, BUCKET)).toBeUndefined();
    expect(accessEdge(t, `arn:aws:iam::${B}:root`, BUCKET)).toBeUndefined();
    expect(accessEdge(t, ALICE, BUCKET)).toMatchObject({ privilege: 1, conditional: false });
    const node = JSON.parse(t.db.prepare(`SELECT props FROM node WHERE key = ?`).pluck().get(BUCKET) as string);
    expect(node.restrict_public_buckets).toBe('the bucket');
    t.close();
  });

  it('Block Public Access naming neither a bucket nor an account is refused', async () => {
    const t = await TestCase.create();
    const r = await importFile(t, 'get-public-access-block.json', null);
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(/neither a bucket nor an account.*--resource-account/);
    t.close();
  });
});

describe('KMS grants', () => {
  const keyPolicy = (...statements: object[]) => JSON.stringify({ Policy: policyOf(...statements), PolicyName: 'default' });
  const adminsOnly = { Sid: 'Admins', Effect: 'Allow', Principal: { AWS: arn('role', 'ops') }, Action: 'kms:*', Resource: '*' };
  const roles = () => [
    role('app', trustService('ec2.amazonaws.com')),
    role('batch', trustService('ec2.amazonaws.com')),
    role('ops', trustService('ec2.amazonaws.com')),
    role('other', trustService('ec2.amazonaws.com')),
  ];

  it('list-grants gives each grantee its operations beside the key policy, in either order; a constraint makes it conditional', async () => {
    const results: string[][] = [];
    for (const grantsFirst of [false, true]) {
      const t = await TestCase.create();
      if (grantsFirst)
        expect(await importFile(t, 'list-grants.json', null)).toMatchObject({ format: 'aws-kms-grants', rows: 3, loaded: 3, rejected: 0 });
      await importFile(t, 'export.json', exportOf([], roles()));
      await importFile(t, 'key.json', keyPolicy(adminsOnly), { resource: KEY });
      if (!grantsFirst) await importFile(t, 'list-grants.json', null);
      const app = accessEdge(t, arn('role', 'app'), KEY);
      expect(app).toMatchObject({ privilege: 1, conditional: false, props: { actions: ['kms:Decrypt'] } });
      expect(String(app!.props.reason)).toMatch(/the grants of KMS key 1234abcd-12ab-34cd-56ef-1234567890ab \(grant app-decrypt\)/);
      const batch = accessEdge(t, arn('role', 'batch'), KEY);
      expect(batch).toMatchObject({ privilege: 2, conditional: true });
      expect(String(batch!.props.conditions)).toMatch(/encryption context includes \{"Department":"IT"\}/);
      // Near miss: a role no grant names gets nothing (the key policy does not let the account's IAM policies in).
      expect(accessEdge(t, arn('role', 'other'), KEY)).toBeUndefined();
      // A grant to an AWS service makes no edge; it is listed among the key's trusted services.
      expect(JSON.parse(t.db.prepare(`SELECT props FROM node WHERE key = ?`).pluck().get(KEY) as string).trusted_services).toEqual([
        'rds.us-west-2.amazonaws.com',
      ]);
      results.push(accessEdges(t));
      t.close();
    }
    expect(results[1]).toEqual(results[0]);
  });

  it('a Deny in the key policy wins over a grant', async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([], roles()));
    await importFile(
      t,
      'key.json',
      keyPolicy(adminsOnly, { Sid: 'NoApp', Effect: 'Deny', Principal: { AWS: arn('role', 'app') }, Action: 'kms:*', Resource: '*' }),
      { resource: KEY },
    );
    await importFile(t, 'list-grants.json', null);
    expect(accessEdge(t, arn('role', 'app'), KEY)).toBeUndefined();
    t.close();
  });

  it('grants of a key whose key policy is not imported: identity grants on the key become conditional on that policy', async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice', { inline: [[allow('kms:Decrypt')]] })], roles()));
    await importFile(t, 'list-grants.json', null);
    expect(accessEdge(t, arn('role', 'app'), KEY)).toMatchObject({ privilege: 1, conditional: false });
    const alice = accessEdge(t, ALICE, KEY);
    expect(alice).toMatchObject({ privilege: 1, conditional: true });
    expect(String(alice!.props.conditions)).toMatch(/key policy \(not imported\) lets the account's IAM policies decide/);
    t.close();
  });

  it('a grant naming its key by id alone needs --resource', async () => {
    const t = await TestCase.create();
    const grants = JSON.parse(readFixture('list-grants.json'));
    grants.Grants = [{ ...grants.Grants[0], KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }];
    await importFile(t, 'export.json', exportOf([], roles()));
    const r = await importFile(t, 'grants.json', JSON.stringify(grants));
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(/names its key as "1234abcd-12ab-34cd-56ef-1234567890ab", not an ARN.*--resource/);
    // Named with --resource, the same file loads.
    expect(await importFile(t, 'grants.json', JSON.stringify(grants), { resource: KEY })).toMatchObject({ rows: 1, loaded: 1, rejected: 0 });
    expect(accessEdge(t, arn('role', 'app'), KEY)).toMatchObject({ privilege: 1, conditional: false });
    t.close();
  });
});

describe('the SNS default topic policy', () => {
  it("AWS:SourceOwner is the caller's account: the owner account's principals get the topic, anyone and other accounts do not", async () => {
    const t = await TestCase.create();
    const topic = `arn:aws:sns:us-west-2:${ACCT}:my-topic`;
    await importFile(t, 'export.json', exportOf([user('alice')]));
    await importFile(t, 'get-topic-attributes.json', null);
    expect(accessEdge(t, ANYONE, topic)).toBeUndefined();
    expect(accessEdge(t, ALICE, topic)).toMatchObject({ privilege: 3, conditional: false });
    t.close();
  });

  it('near miss: a topic whose "*" statement names another account as SourceOwner stays conditional for anyone', async () => {
    const t = await TestCase.create();
    const topic = `arn:aws:sns:us-west-2:${ACCT}:shared`;
    const policy = policyOf({
      Sid: 'Partner',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'SNS:Publish',
      Resource: topic,
      Condition: { StringEquals: { 'AWS:SourceOwner': B } },
    });
    await importFile(t, 'topic.json', JSON.stringify({ Attributes: { Policy: policy, TopicArn: topic, Owner: ACCT } }));
    const anyone = accessEdge(t, ANYONE, topic);
    expect(anyone).toMatchObject({ privilege: 2, conditional: true, props: { public: false } });
    expect(String(anyone!.props.conditions)).toMatch(/AWS:SourceOwner/);
    t.close();
  });
});

function readFixture(name: string): string {
  return fs.readFileSync(path.join(DIR, name), 'utf8');
}
