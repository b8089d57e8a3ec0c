// The combination rules of resource-based policies, on the pure evaluator: which side may allow, which caps apply
// (permissions boundary for roles, not for users), NotPrincipal, sessions of a role, SCPs across accounts.
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../main/aws-policy/document.ts';
import { deriveResourcePolicyEdges, policyLabel, type ResourcePolicy } from '../../main/aws-policy/resource-policy.ts';
import { parseAuthorizationDetails } from '../../main/ingest/aws/authorization-details-parse.ts';
import { ACCT, allow, arn, details, doc, policy, role, trustService, user } from '../fixtures/aws-authz/build.ts';

const BUCKET = 'arn:aws:s3:::data';
const B = '444455556666';
const NO_S3 = arn('policy', 'NoS3');

function bucket(account: string | null, ...statements: Record<string, unknown>[]): ResourcePolicy {
  const r = { arn: BUCKET, service: 's3' as const };
  return { ...r, account, document: parsePolicyDocument(doc(...statements), policyLabel(r), 's3'), locator: 'test /Policy' };
}

function edges(exportDoc: Record<string, unknown>, r: ResourcePolicy) {
  const account = parseAuthorizationDetails(JSON.parse(JSON.stringify(exportDoc)), { countRow() {}, reject() {} });
  const { edges: out } = deriveResourcePolicyEdges([account, ...(account.siblings ?? [])], [r], { asOf: Date.parse('2026-01-01T00:00:00Z') });
  return (src: string) => out.find((e) => e.src === src && e.dst === BUCKET);
}

const reads = (principal: unknown, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 's3:GetObject',
  Resource: `${BUCKET}/*`,
  ...extra,
});
const boundaryPolicy = policy(NO_S3, [allow('sts:*')]);

describe('resource policy combination', () => {
  it('same account: a grant naming a user is not capped by its boundary; one naming a role is', () => {
    const d = details({
      users: [user('ulla', { boundary: NO_S3 })],
      roles: [role('rolf', trustService('ec2.amazonaws.com'), { boundary: NO_S3 })],
      policies: [boundaryPolicy],
    });
    const edge = edges(d, bucket(ACCT, reads({ AWS: [arn('user', 'ulla'), arn('role', 'rolf')] })));
    expect(edge(arn('user', 'ulla'))).toMatchObject({ privilege: 1, conditional: false });
    expect(edge(arn('role', 'rolf'))).toBeUndefined();
  });

  it('a session ARN of a role names the role', () => {
    const d = details({ roles: [role('app', trustService('ec2.amazonaws.com'))] });
    const edge = edges(d, bucket(ACCT, reads({ AWS: `arn:aws:sts::${ACCT}:assumed-role/app/i-0abc` })));
    expect(edge(arn('role', 'app'))).toMatchObject({ privilege: 1 });
  });

  it('a Deny with NotPrincipal denies everyone it does not list, even principals of a listed account root', () => {
    const d = details({ users: [user('ann', { inline: [[allow('s3:*')]] }), user('ben', { inline: [[allow('s3:*')]] })] });
    const edge = edges(
      d,
      bucket(ACCT, {
        Effect: 'Deny',
        NotPrincipal: { AWS: [arn('user', 'ann'), `arn:aws:iam::${ACCT}:root`] },
        Action: 's3:*',
        Resource: [BUCKET, `${BUCKET}/*`],
      }),
    );
    expect(edge(arn('user', 'ann'))).toMatchObject({ privilege: 3 });
    expect(edge(arn('user', 'ben'))).toBeUndefined();
  });

  it('an account-wide grant to the own account adds nothing: the identity policies decide', () => {
    const d = details({ users: [user('cat'), user('dan', { inline: [[allow('s3:GetObject', `${BUCKET}/*`)]] })] });
    const edge = edges(d, bucket(ACCT, reads({ AWS: `arn:aws:iam::${ACCT}:root` })));
    expect(edge(arn('user', 'cat'))).toBeUndefined();
    expect(edge(arn('user', 'dan'))).toMatchObject({ privilege: 1 });
  });

  it("across accounts an SCP Deny on the caller's account stops it even when both policies allow", () => {
    const d = details({ users: [user('eve', { inline: [[allow('s3:*')]] })] });
    const account = parseAuthorizationDetails(JSON.parse(JSON.stringify(d)), { countRow() {}, reject() {} });
    account.scps = [[parsePolicyDocument(doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }), 'SCP no-s3', 'no-s3')]];
    const r = bucket(B, reads({ AWS: arn('user', 'eve') }));
    expect(deriveResourcePolicyEdges([account], [r]).edges.filter((e) => e.src === arn('user', 'eve'))).toEqual([]);
    account.scps = [];
    expect(deriveResourcePolicyEdges([account], [r]).edges.find((e) => e.src === arn('user', 'eve'))?.props.crossAccount).toBe(true);
  });

  it('a grant on an object prefix counts; an identity grant on another bucket does not', () => {
    const d = details({ users: [user('fay'), user('gus', { inline: [[allow('s3:*', 'arn:aws:s3:::other/*')]] })] });
    const edge = edges(d, bucket(ACCT, reads({ AWS: arn('user', 'fay') }, { Resource: `${BUCKET}/reports/*` })));
    expect(edge(arn('user', 'fay'))).toMatchObject({ privilege: 1 });
    expect(edge(arn('user', 'gus'))).toBeUndefined();
  });
});
