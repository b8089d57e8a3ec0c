// Resource-based policies: each export shape recognised by content and tied to its resource, and combined with the
// identity policies of the case's AWS exports as AWS evaluates a request (same account: union; across accounts:
// both sides; an explicit Deny anywhere wins; `*` is anyone). Fixtures are in the AWS CLI's output shapes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TestCase, writeFile } from '../helpers.ts';
import { ACCT, ADMIN_POLICY, allow, arn, details, role, trustService, user } from '../fixtures/aws-authz/build.ts';

const B = '444455556666';
const DIR = path.join(FIXTURES, 'aws-resource-policies');
const BUCKET = 'arn:aws:s3:::example-reports';
const ALICE = arn('user', 'alice');

async function importFile(t: TestCase, name: string, content: string | null, options: { resource?: string; resourceAccount?: string } = {}) {
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

const bucketPolicy = (...statements: object[]) => JSON.stringify({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
const reads = (principal: unknown, extra: object = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 's3:GetObject',
  Resource: `${BUCKET}/*`,
  ...extra,
});
const exportOf = (users: Record<string, unknown>[], roles: Record<string, unknown>[] = []) => JSON.stringify(details({ users, roles }));

describe('resource-based policy formats', () => {
  it.each([
    ['get-bucket-policy-public.json', 'aws-s3-bucket-policy', 'arn:aws:s3:::amzn-s3-demo-bucket', {}],
    ['bucket-policy-document.json', 'aws-s3-bucket-policy', BUCKET, { resourceAccount: ACCT }],
    [
      'get-key-policy.json',
      'aws-kms-key-policy',
      `arn:aws:kms:us-west-2:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      { resource: `arn:aws:kms:us-west-2:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
    ],
    ['get-resource-policy.json', 'aws-secretsmanager-resource-policy', `arn:aws:secretsmanager:us-west-2:${ACCT}:secret:MyTestSecret-a1b2c3`, {}],
    ['get-policy.json', 'aws-lambda-function-policy', `arn:aws:lambda:us-west-2:${ACCT}:function:my-function`, {}],
    ['get-topic-attributes.json', 'aws-sns-topic-policy', `arn:aws:sns:us-west-2:${ACCT}:my-topic`, {}],
    ['get-queue-attributes.json', 'aws-sqs-queue-policy', `arn:aws:sqs:us-east-1:${ACCT}:MyNewQueue`, {}],
  ])('%s is recognised as %s and tied to %s', async (file, format, resource, options) => {
    const t = await TestCase.create();
    const detected = await t.call('import.detect', { path: path.join(DIR, file) });
    expect(detected.format).toBe(format);
    const r = await importFile(t, file, null, options);
    expect(r).toMatchObject({ format, rows: 1, loaded: 1, rejected: 0 });
    expect(r.failed).toBeUndefined();
    const node = t.db.prepare(`SELECT kind, props FROM node WHERE key = ?`).get(resource) as { kind: string; props: string };
    expect(node.kind).toBe('system');
    expect(JSON.parse(node.props)).toMatchObject({ provider: 'aws', resource_policy: true });
    const stored = t.db.prepare(`SELECT owner FROM aws_policy WHERE kind = 'resource'`).pluck().all();
    expect(stored).toEqual([resource]);
    t.close();
  });

  it('each shape yields the grants its policy names (another account, a service kept as a prop)', async () => {
    const t = await TestCase.create();
    for (const f of ['get-resource-policy.json', 'get-policy.json', 'get-queue-attributes.json', 'get-topic-attributes.json'])
      await importFile(t, f, null);
    // The default topic policy lets "*" in only when AWS:SourceOwner is the topic's own account: the owner account's
    // principals, no one else. No edge from anyone (covered with principals in 'the SNS default topic policy' below).
    expect(accessEdge(t, 'aws:any-principal', `arn:aws:sns:us-west-2:${ACCT}:my-topic`)).toBeUndefined();
    // Principals of other accounts the case does not hold: edges from them, saying their own account must allow it too.
    const secret = accessEdge(t, `arn:aws:iam::${B}:role/reader`, `arn:aws:secretsmanager:us-west-2:${ACCT}:secret:MyTestSecret-a1b2c3`);
    expect(secret).toMatchObject({ privilege: 1, conditional: false, props: { crossAccount: true, resourcePolicy: true } });
    expect(accessEdge(t, `arn:aws:iam::${B}:root`, `arn:aws:lambda:us-west-2:${ACCT}:function:my-function`)).toMatchObject({ privilege: 2 });
    expect(accessEdge(t, `arn:aws:iam::${B}:user/carol`, `arn:aws:sqs:us-east-1:${ACCT}:MyNewQueue`)).toMatchObject({ privilege: 2 });
    const fn = JSON.parse(
      t.db.prepare(`SELECT props FROM node WHERE key = ?`).pluck().get(`arn:aws:lambda:us-west-2:${ACCT}:function:my-function`) as string,
    );
    expect(fn.trusted_services).toEqual(['iotevents.amazonaws.com']);
    t.close();
  });

  it('a key policy without --resource is refused with a message saying how to name the key', async () => {
    const t = await TestCase.create();
    const r = await importFile(t, 'get-key-policy.json', null);
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(/cannot tell which KMS key.*--resource/);
    expect(t.db.prepare(`SELECT count(*) FROM aws_policy`).pluck().get()).toBe(0);
    t.close();
  });

  it('--resource must agree with the file and name the right service; it takes one file', async () => {
    const t = await TestCase.create();
    const wrong = await importFile(t, 'get-policy.json', null, { resource: `arn:aws:lambda:us-west-2:${ACCT}:function:other` });
    expect(wrong.message).toMatch(/names arn:aws:lambda:.*my-function but --resource says/);
    const service = await importFile(t, 'get-key-policy.json', null, { resource: BUCKET });
    expect(service.message).toMatch(/not a kms ARN/);
    await expect(t.call('import.files', { paths: [DIR], resource: BUCKET })).rejects.toThrow(/one policy file/);
    t.close();
  });

  it('a policy with an unreadable statement is refused whole (a half-read policy could hide a Deny)', async () => {
    const t = await TestCase.create();
    const r = await importFile(t, 'bad.json', bucketPolicy(reads({ AWS: ALICE }), { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 5 }));
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(/Resource must be a string/);
    t.close();
  });

  it('a bucket policy naming two buckets needs --resource; a role trust policy is not a resource policy', async () => {
    const t = await TestCase.create();
    const two = bucketPolicy(reads({ AWS: ALICE }), { ...reads({ AWS: ALICE }), Resource: 'arn:aws:s3:::other-bucket/*' });
    const r = await importFile(t, 'two.json', two);
    expect(r.message).toMatch(/its statements name 2 resources/);
    const ok = await importFile(t, 'two-named.json', two, { resource: BUCKET, resourceAccount: ACCT });
    expect(ok.failed).toBeUndefined();
    const trust = writeFile(t.dir, 'trust.json', JSON.stringify(trustService('ec2.amazonaws.com')));
    const d = await t.call('import.detect', { path: trust });
    expect(d.format === null || !d.format.startsWith('aws-')).toBe(true);
    t.close();
  });
});

describe('resource policies combined with identity policies', () => {
  it('same account: a grant on the bucket alone lets alice read it (union); identity grants still count', async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice'), user('bob', { inline: [[allow('s3:GetObject', `${BUCKET}/*`)]] }), user('carol')]));
    await importFile(t, 'bucket.json', bucketPolicy(reads({ AWS: ALICE })), { resourceAccount: ACCT });
    expect(accessEdge(t, ALICE, BUCKET)).toMatchObject({ privilege: 1, conditional: false, props: { resourcePolicy: true } });
    expect(accessEdge(t, arn('user', 'bob'), BUCKET)).toMatchObject({ privilege: 1, conditional: false });
    expect(accessEdge(t, arn('user', 'carol'), BUCKET)).toBeUndefined();
    const exposure = await t.call('graph.exposure', { id: BUCKET });
    expect(exposure.identities.map((x) => x.id).sort()).toEqual([ALICE, arn('user', 'bob')]);
    t.close();
  });

  it("the owner of a bucket not given: a grant on the bucket alone is conditional on it being the caller's account", async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice')]));
    await importFile(t, 'bucket.json', bucketPolicy(reads({ AWS: ALICE })));
    const e = accessEdge(t, ALICE, BUCKET);
    expect(e).toMatchObject({ privilege: 1, conditional: true });
    expect(String(e!.props.conditions)).toMatch(/only if S3 bucket example-reports belongs to account 111122223333/);
    t.close();
  });

  it('cross account: the bucket names alice, but only her own permission makes it access; either order of import', async () => {
    for (const order of ['export first', 'policy first']) {
      for (const permitted of [false, true]) {
        const t = await TestCase.create();
        const exp = exportOf([user('alice', permitted ? { inline: [[allow('s3:GetObject', `${BUCKET}/*`)]] } : {})]);
        const steps = [
          () => importFile(t, 'export.json', exp),
          () => importFile(t, 'bucket.json', bucketPolicy(reads({ AWS: ALICE })), { resourceAccount: B }),
        ];
        if (order === 'policy first') steps.reverse();
        for (const step of steps) await step();
        const e = accessEdge(t, ALICE, BUCKET);
        if (permitted) expect(e, order).toMatchObject({ privilege: 1, conditional: false, props: { crossAccount: true } });
        else expect(e, order).toBeUndefined();
        // Named by the policy before the export arrived, alice was an outsider; the export makes her one of the account's own.
        const props = JSON.parse(t.db.prepare(`SELECT props FROM node WHERE key = ?`).pluck().get(ALICE) as string);
        expect(props.external, order).toBeUndefined();
        t.close();
      }
    }
  });

  it('cross account by account: the bucket names account A; principals of A whose own policies allow it get access', async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice', { inline: [[allow('s3:*')]] }), user('dave')]));
    await importFile(t, 'bucket.json', bucketPolicy(reads({ AWS: ACCT })), { resourceAccount: B });
    expect(accessEdge(t, ALICE, BUCKET)).toMatchObject({ privilege: 1, props: { crossAccount: true } });
    expect(accessEdge(t, arn('user', 'dave'), BUCKET)).toBeUndefined();
    t.close();
  });

  it('an explicit Deny in the bucket policy takes away what the identity policies grant, in either order', async () => {
    for (const order of ['export first', 'policy first']) {
      const t = await TestCase.create();
      const exp = exportOf([user('admin', { managed: [ADMIN_POLICY] }), user('alice')]);
      const steps = [() => importFile(t, 'export.json', exp), () => importFile(t, 'bucket-policy-document.json', null, { resourceAccount: ACCT })];
      if (order === 'policy first') steps.reverse();
      for (const step of steps) await step();
      expect(accessEdge(t, arn('user', 'admin'), BUCKET), order).toBeUndefined();
      // The account-wide grant is untouched: the Deny is about this bucket.
      expect(accessEdge(t, arn('user', 'admin'), `aws:${ACCT}:admin`), order).toBeDefined();
      expect(accessEdge(t, ALICE, BUCKET), order).toMatchObject({ privilege: 1, conditional: false });
      // Account B is named as a whole: an external account node, its own admins decide who in it may read.
      expect(accessEdge(t, `arn:aws:iam::${B}:root`, BUCKET), order).toMatchObject({ privilege: 1, props: { crossAccount: true } });
      t.close();
    }
  });

  it('a Deny with a condition the case cannot decide leaves the grant conditional', async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('admin', { managed: [ADMIN_POLICY] })]));
    await importFile(
      t,
      'bucket.json',
      bucketPolicy(reads({ AWS: ALICE }), {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [BUCKET, `${BUCKET}/*`],
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      }),
      { resourceAccount: ACCT },
    );
    const e = accessEdge(t, arn('user', 'admin'), BUCKET);
    expect(e).toMatchObject({ privilege: 3, conditional: true });
    expect(String(e!.props.conditions)).toMatch(/unless denied by the policy of S3 bucket example-reports .*aws:SourceVpce/);
    t.close();
  });

  it('a public bucket: Principal "*" without a condition is an unconditional edge from any principal, found by exposure', async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice')]));
    await importFile(t, 'get-bucket-policy-public.json', null);
    const bucket = 'arn:aws:s3:::amzn-s3-demo-bucket';
    expect(accessEdge(t, 'aws:any-principal', bucket)).toMatchObject({ privilege: 1, conditional: false, props: { public: true } });
    // alice is covered by "anyone": no edge of her own.
    expect(accessEdge(t, ALICE, bucket)).toBeUndefined();
    const exposure = await t.call('graph.exposure', { id: bucket });
    expect(exposure.identities.map((x) => [x.id, x.privilege])).toEqual([['aws:any-principal', 'read']]);
    t.close();
  });

  it('a public bucket that denies plain HTTP is still public: the caller chooses TLS', async () => {
    const t = await TestCase.create();
    await importFile(
      t,
      'bucket.json',
      bucketPolicy(reads('*'), {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [BUCKET, `${BUCKET}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      { resourceAccount: ACCT },
    );
    expect(accessEdge(t, 'aws:any-principal', BUCKET)).toMatchObject({ privilege: 1, conditional: false, props: { public: true } });
    t.close();
  });

  it('Principal "*" with a condition stays conditional; one naming the caller\'s account is decided for it', async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice')]));
    await importFile(
      t,
      'bucket.json',
      bucketPolicy(reads('*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }), {
        ...reads({ AWS: '*' }),
        Action: 's3:PutObject',
        Condition: { StringEquals: { 'aws:PrincipalAccount': ACCT } },
      }),
      { resourceAccount: B },
    );
    const anyone = accessEdge(t, 'aws:any-principal', BUCKET);
    // The highest privilege anyone may get is the write, behind its condition (the read's VPC condition is lower).
    expect(anyone).toMatchObject({ privilege: 2, conditional: true, props: { public: false } });
    expect(String(anyone!.props.conditions)).toMatch(/aws:PrincipalAccount/);
    // Across accounts alice still needs her own permission for the write.
    expect(accessEdge(t, ALICE, BUCKET)).toBeUndefined();
    t.close();
  });

  it('KMS: identity policies count only when the key policy lets the account in; a key grant to a role is capped by its boundary', async () => {
    const key = `arn:aws:kms:us-west-2:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const keyPolicy = (...statements: object[]) =>
      JSON.stringify({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }), PolicyName: 'default' });
    const exp = exportOf(
      [user('alice', { inline: [[allow('kms:Decrypt')]] })],
      [role('app', trustService('ec2.amazonaws.com')), role('fenced', trustService('ec2.amazonaws.com'), { boundary: arn('policy', 'NoKms') })],
    );
    const withBoundary = JSON.stringify({
      ...JSON.parse(exp),
      Policies: [
        ...JSON.parse(exp).Policies,
        {
          PolicyName: 'NoKms',
          Arn: arn('policy', 'NoKms'),
          DefaultVersionId: 'v1',
          PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [allow('s3:*')] } }],
        },
      ],
    });
    const grant = { Effect: 'Allow', Principal: { AWS: [arn('role', 'app'), arn('role', 'fenced')] }, Action: 'kms:Decrypt', Resource: '*' };
    const t = await TestCase.create();
    await importFile(t, 'export.json', withBoundary);
    await importFile(t, 'key.json', keyPolicy(grant), { resource: key });
    expect(accessEdge(t, ALICE, key)).toBeUndefined(); // no "Enable IAM policies" statement: her own policy is not enough
    expect(accessEdge(t, arn('role', 'app'), key)).toMatchObject({ privilege: 1, conditional: false });
    expect(accessEdge(t, arn('role', 'fenced'), key)).toBeUndefined();
    const t2 = await TestCase.create();
    await importFile(t2, 'export.json', withBoundary);
    await importFile(
      t2,
      'key.json',
      keyPolicy(grant, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' }),
      { resource: key },
    );
    expect(accessEdge(t2, ALICE, key)).toMatchObject({ privilege: 1, conditional: false });
    t.close();
    t2.close();
  });

  it("a newer policy of the same resource replaces the older one's edges", async () => {
    const t = await TestCase.create();
    await importFile(t, 'export.json', exportOf([user('alice'), user('bob')]));
    await importFile(t, 'v1.json', bucketPolicy(reads({ AWS: ALICE })), { resourceAccount: ACCT });
    expect(accessEdge(t, ALICE, BUCKET)).toBeDefined();
    await importFile(t, 'v2.json', bucketPolicy(reads({ AWS: arn('user', 'bob') })), { resourceAccount: ACCT });
    expect(accessEdge(t, ALICE, BUCKET)).toBeUndefined();
    expect(accessEdge(t, arn('user', 'bob'), BUCKET)).toBeDefined();
    t.close();
  });
});

describe('public-resource finding', () => {
  it('a public bucket is a finding on "anyone"; a * grant behind a condition is not', async () => {
    const t = await TestCase.create();
    await importFile(t, 'get-bucket-policy-public.json', null);
    await importFile(t, 'bucket.json', bucketPolicy(reads('*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })), {
      resourceAccount: ACCT,
    });
    await t.call('findings.run', { rules: ['public-resource'] });
    const found = await t.call('findings.list', { rule: 'public-resource' });
    expect(found.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['aws:any-principal', 'medium', 'anyone can read S3 bucket amzn-s3-demo-bucket: its resource policy allows Principal "*" with no condition'],
    ]);
    expect(found[0].frameworks).toEqual(['PR.AA-05', 'PR.DS-01', 'T1530']);
    t.close();
  });

  it('anyone who can write is high', async () => {
    const t = await TestCase.create();
    await importFile(t, 'bucket.json', bucketPolicy({ ...reads('*'), Action: ['s3:GetObject', 's3:PutObject'] }), { resourceAccount: ACCT });
    await t.call('findings.run', { rules: ['public-resource'] });
    const found = await t.call('findings.list', { rule: 'public-resource' });
    expect(found.map((f) => [f.severity, f.title])).toEqual([['high', expect.stringMatching(/^anyone can write S3 bucket example-reports/)]]);
    t.close();
  });
});

describe('resource policies in one import with the export', () => {
  it('a folder holding policies and the export derives the edges once, at the end, whatever the file order; a failed file is left out', async () => {
    const t = await TestCase.create();
    const dir = path.join(t.dir, 'aws');
    writeFile(
      dir,
      'a-bucket.json',
      bucketPolicy(reads({ AWS: ALICE }), { Effect: 'Deny', Principal: { AWS: arn('user', 'admin') }, Action: 's3:*', Resource: `${BUCKET}/*` }),
    );
    writeFile(dir, 'b-broken-policy.json', bucketPolicy(reads({ AWS: ALICE }), { Effect: 'Maybe', Principal: '*', Action: 's3:*', Resource: '*' }));
    writeFile(
      dir,
      'c-export.json',
      exportOf([user('alice', { inline: [[allow('s3:GetObject', `${BUCKET}/*`)]] }), user('admin', { managed: [ADMIN_POLICY] })]),
    );
    const { sources } = await t.call('import.files', { paths: [dir], keepGoing: true });
    expect(sources.map((s) => [path.basename(s.file), s.format, !!s.failed])).toEqual([
      ['a-bucket.json', 'aws-s3-bucket-policy', false],
      ['b-broken-policy.json', 'aws-s3-bucket-policy', true],
      ['c-export.json', 'aws-authorization-details', false],
    ]);
    // The owner is unknown (no --resource-account): alice's own grant makes it firm; admin's Deny holds everywhere.
    expect(accessEdge(t, ALICE, BUCKET)).toMatchObject({ privilege: 1, conditional: false });
    // The Deny covers objects only: the bucket's admin actions stay, conditional on the bucket being in admin's account.
    expect(accessEdge(t, arn('user', 'admin'), BUCKET)).toMatchObject({ privilege: 3, conditional: true });
    const file = t.db
      .prepare(
        `SELECT s.file_name FROM edge e JOIN node s2 ON s2.id = e.src JOIN node d ON d.id = e.dst JOIN source s ON s.id = e.source_id
      WHERE s2.key = ? AND d.key = ? AND e.kind = 'access'`,
      )
      .pluck()
      .get(ALICE, BUCKET);
    expect(file).toBe('c-export.json');
    t.close();
  });
});

it('the same key policy bytes named for a second key are refused with how to tell them apart (never silently skipped)', async () => {
  const t = await TestCase.create();
  const key = (id: string) => `arn:aws:kms:us-west-2:${ACCT}:key/${id}`;
  expect((await importFile(t, 'get-key-policy.json', null, { resource: key('aaaa') })).failed).toBeUndefined();
  expect(await importFile(t, 'get-key-policy.json', null, { resource: key('aaaa') })).toMatchObject({ skipped: true });
  const second = await importFile(t, 'get-key-policy.json', null, { resource: key('bbbb') });
  expect(second.failed).toBe(true);
  expect(second.message).toMatch(/already imported .* for arn:aws:kms:us-west-2:111122223333:key\/aaaa; .*ResourceArn/);
  const named = JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(DIR, 'get-key-policy.json'), 'utf8')), ResourceArn: key('bbbb') });
  expect((await importFile(t, 'key-b.json', named)).failed).toBeUndefined();
  expect(t.db.prepare(`SELECT owner FROM aws_policy WHERE kind = 'resource' ORDER BY id`).pluck().all()).toEqual([key('aaaa'), key('bbbb')]);
  t.close();
});

it('a resource node stays attributed to its own policy file when later imports re-derive its edges', async () => {
  const t = await TestCase.create();
  await importFile(t, 'bucket-policy-document.json', null, { resourceAccount: ACCT });
  await importFile(t, 'get-bucket-policy-public.json', null);
  await importFile(t, 'export.json', exportOf([user('alice')]));
  const from = t.db.prepare(`SELECT s.file_name FROM node n JOIN source s ON s.id = n.source_id WHERE n.key = ?`).pluck();
  expect(from.get(BUCKET)).toBe('bucket-policy-document.json');
  expect(from.get('arn:aws:s3:::amzn-s3-demo-bucket')).toBe('get-bucket-policy-public.json');
  t.close();
});
