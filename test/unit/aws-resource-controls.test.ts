// The pure pieces beside resource policies: RCP decisions (which services, which accounts, which conditions are
// decided), an S3 ACL and Block Public Access read as policy, KMS grants read as policy, and the per-caller
// condition keys (aws:PrincipalOrgID, aws:SourceAccount, AWS:SourceOwner) on the evaluator.
import { describe, expect, it } from 'vitest';
import type { KeyLookup } from '../../main/aws-policy/conditions.ts';
import { parsePolicyDocument } from '../../main/aws-policy/document.ts';
import { grantsDocument } from '../../main/aws-policy/kms-grants.ts';
import { orgOf, rcpDecision, rcpsFor, type Organization } from '../../main/aws-policy/resource-control.ts';
import { deriveResourcePolicyEdges, policyLabel, type ResourcePolicy } from '../../main/aws-policy/resource-policy.ts';
import { aclDocument, combinedBlock, isPublicPolicy } from '../../main/aws-policy/s3-acl.ts';
import { parseAuthorizationDetails } from '../../main/ingest/aws/authorization-details-parse.ts';
import { ACCT, arn, details, doc, user } from '../fixtures/aws-authz/build.ts';

const B = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const perimeter = parsePolicyDocument(
  doc({
    Sid: 'Perimeter',
    Effect: 'Deny',
    Principal: '*',
    Action: ['s3:*', 'kms:*'],
    Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG } },
  }),
  'RCP Perimeter',
  'Perimeter',
);
const lookup =
  (keys: Record<string, string[] | null>): KeyLookup =>
  (k: string) =>
    keys[k];

describe('resource control policies', () => {
  it("a Deny is decided when the caller's organisation is known, undecided when not", () => {
    expect(rcpDecision([perimeter], 's3:GetObject', 'arn:aws:s3:::b/o', lookup({ 'aws:PrincipalOrgID': [ORG] })).deny).toBe('no');
    expect(rcpDecision([perimeter], 's3:GetObject', 'arn:aws:s3:::b/o', lookup({ 'aws:PrincipalOrgID': ['o-zzzzzzzzzz'] })).deny).toBe('yes');
    const unknown = rcpDecision([perimeter], 's3:GetObject', 'arn:aws:s3:::b/o', lookup({}));
    expect(unknown.deny).toBe('maybe');
    expect(unknown.conditions[0]).toMatch(/unless denied by RCP Perimeter \(Perimeter\) when .*aws:PrincipalOrgID/);
  });

  it('services RCPs do not govern are never denied, even by a Deny of everything', () => {
    const all = parsePolicyDocument(doc({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }), 'RCP All', 'All');
    expect(rcpDecision([all], 'lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${ACCT}:function:f`, lookup({})).deny).toBe('no');
    expect(rcpDecision([all], 'sns:Publish', `arn:aws:sns:us-east-1:${ACCT}:t`, lookup({})).deny).toBe('no');
    for (const action of ['s3:GetObject', 'sts:AssumeRole', 'sqs:SendMessage', 'kms:Decrypt', 'secretsmanager:GetSecretValue']) {
      expect(rcpDecision([all], action, '*', lookup({})).deny).toBe('yes');
    }
  });

  it('which RCPs govern an account: root-attached and its own, none in the management account; membership for aws:PrincipalOrgID', () => {
    const own = parsePolicyDocument(doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }), 'RCP Own', 'Own');
    const org: Organization = {
      id: ORG,
      management: '999988887777',
      members: new Set([B, '999988887777']),
      wholeOrganization: false,
      rcps: [
        { account: '*', document: perimeter },
        { account: B, document: own },
      ],
    };
    expect(rcpsFor(org, B)).toEqual([perimeter, own]);
    expect(rcpsFor(org, ACCT)).toEqual([perimeter]);
    expect(rcpsFor(org, '999988887777')).toEqual([]);
    expect(orgOf(org, B, new Set([ACCT]))).toBe(ORG);
    expect(orgOf(org, ACCT, new Set([ACCT]))).toBeNull(); // not a known member, and nothing attached to the root says the case's accounts are
    expect(orgOf({ ...org, wholeOrganization: true }, ACCT, new Set([ACCT]))).toBe(ORG);
    expect(orgOf({ ...org, wholeOrganization: true }, '123412341234', new Set([ACCT]))).toBeNull();
  });
});

describe('S3 ACL and Block Public Access as policy', () => {
  const acl = {
    ownerId: 'owner-id',
    grants: [
      { type: 'CanonicalUser', uri: null, id: 'owner-id', permission: 'FULL_CONTROL' },
      { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', id: null, permission: 'READ' },
      { type: 'Group', uri: 'http://acs.amazonaws.com/groups/s3/LogDelivery', id: null, permission: 'WRITE' },
      { type: 'CanonicalUser', uri: null, id: 'partner-id', permission: 'READ' },
    ],
  };

  it("the owner's grant is left out, public grants are `*`, LogDelivery is a service; IgnorePublicAcls drops only the public grant", () => {
    const d = aclDocument('arn:aws:s3:::b', 'b', acl, null);
    expect(d.statements.map((s) => s.sid)).toEqual(['AllUsers READ', 'LogDelivery WRITE', 'canonical user partner-id… READ']);
    expect(d.statements[0].principals?.everyone).toBe(true);
    expect(d.statements[1].principals?.service).toEqual(['logging.s3.amazonaws.com']);
    const ignored = aclDocument('arn:aws:s3:::b', 'b', acl, 'the bucket');
    expect(ignored.statements.map((s) => s.sid)).toEqual(['LogDelivery WRITE', 'canonical user partner-id… READ']);
  });

  it('a policy is public for RestrictPublicBuckets only when it allows `*` with no condition', () => {
    const pub = parsePolicyDocument(doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'p', 's3');
    const fenced = parsePolicyDocument(
      doc({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
      }),
      'p',
      's3',
    );
    expect(isPublicPolicy(pub)).toBe(true);
    expect(isPublicPolicy(fenced)).toBe(false);
  });

  it('a setting holds when the bucket or its account sets it', () => {
    const off = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
    expect(combinedBlock({ ...off, ignorePublicAcls: true }, null)).toEqual({ ignorePublicAcls: 'the bucket', restrictPublicBuckets: null });
    expect(combinedBlock(off, { ...off, restrictPublicBuckets: true })).toEqual({ ignorePublicAcls: null, restrictPublicBuckets: 'its account' });
    expect(combinedBlock(null, null)).toEqual({ ignorePublicAcls: null, restrictPublicBuckets: null });
  });
});

describe('KMS grants as policy', () => {
  it('one Allow per grant for its grantee; a service grantee is a service principal; a constraint is an undecided condition', () => {
    const d = grantsDocument('k', [
      { grantId: 'g1', name: 'app', grantee: arn('role', 'app'), operations: ['Decrypt'], contextEquals: null, contextSubset: null },
      { grantId: 'g2', name: null, grantee: 'rds.us-west-2.amazonaws.com', operations: ['Decrypt'], contextEquals: null, contextSubset: null },
      {
        grantId: 'g3',
        name: 'ctx',
        grantee: arn('role', 'batch'),
        operations: ['Encrypt'],
        contextEquals: { Department: 'IT' },
        contextSubset: null,
      },
    ]);
    expect(d.statements.map((s) => [s.sid, s.actions, s.principals?.aws, s.principals?.service])).toEqual([
      ['grant app', ['kms:decrypt'], [arn('role', 'app')], []],
      ['grant g2', ['kms:decrypt'], [], ['rds.us-west-2.amazonaws.com']],
      ['grant ctx', ['kms:encrypt'], [arn('role', 'batch')], []],
    ]);
    expect(d.statements[2].conditions).toEqual([{ operator: 'StringEquals', key: 'kms:EncryptionContext:Department', values: ['IT'] }]);
    expect(d.statements[2].conditionText).toMatch(/encryption context equals \{"Department":"IT"\}/);
  });
});

describe('per-caller condition keys on resource policies', () => {
  const topic = `arn:aws:sns:us-east-1:${ACCT}:t`;
  const topicPolicy = (condition: Record<string, unknown>): ResourcePolicy => {
    const r = { arn: topic, service: 'sns' as const };
    return {
      ...r,
      account: ACCT,
      locator: 'test',
      document: parsePolicyDocument(
        doc({ Sid: 'Any', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: topic, Condition: condition }),
        policyLabel(r),
        'sns',
      ),
    };
  };
  const run = (r: ResourcePolicy, organization?: Organization) => {
    const account = parseAuthorizationDetails(JSON.parse(JSON.stringify(details({ users: [user('alice')] }))), { countRow() {}, reject() {} });
    return deriveResourcePolicyEdges([account], [r], { asOf: Date.parse('2026-01-01T00:00:00Z'), organization }).edges;
  };

  it('aws:SourceAccount is absent from a direct request: a `*` grant that needs it reaches no one', () => {
    expect(run(topicPolicy({ StringEquals: { 'aws:SourceAccount': ACCT } }))).toEqual([]);
  });

  it("aws:PrincipalOrgID: decided for the organisation's accounts, undecided for anyone", () => {
    const org: Organization = { id: ORG, management: null, members: new Set([ACCT]), wholeOrganization: false, rcps: [] };
    const out = run(topicPolicy({ StringEquals: { 'aws:PrincipalOrgID': ORG } }), org);
    expect(out.find((e) => e.src === arn('user', 'alice'))).toMatchObject({ privilege: 2, conditional: false });
    expect(out.find((e) => e.src === 'aws:any-principal')).toMatchObject({ conditional: true });
    // Without the organisation, alice's grant is as undecided as anyone's (and so covered by the edge from anyone).
    expect(run(topicPolicy({ StringEquals: { 'aws:PrincipalOrgID': ORG } })).find((e) => e.src === arn('user', 'alice'))).toBeUndefined();
  });
});
