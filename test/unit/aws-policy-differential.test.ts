// Differential test of the principal-centric evaluator against an independent one, @cloud-copilot/iam-simulate
// (a dev dependency, never shipped): thousands of generated policy sets in one account (identity statements with
// Allow/Deny, Action/NotAction, Resource/NotResource and wildcards, an optional permissions boundary, optional SCP
// levels, Conditions both can decide), one request each; both must give the same answer. The known modelling
// differences are listed in docs/aws.md "Differential testing" and kept out of the generated cases there.
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../main/aws-policy/document.ts';
import { PrincipalPolicies, type Effect } from '../../main/aws-policy/evaluate.ts';
import type { AwsAccount, PolicyDoc, Principal } from '../../main/aws-policy/model.ts';

const ACCOUNT = '111122223333';
const AS_OF = Date.parse('2026-06-01T12:00:00Z');
const SOURCE_IP = '203.0.113.7';
/** Fixed so a failure reproduces; DIFF_SEED / DIFF_RUNS explore further while developing. */
const SEED = Number(process.env.DIFF_SEED ?? 20261207);
const RUNS = Number(process.env.DIFF_RUNS ?? 2000);

/** Requests: a real action with a resource of the type it acts on ("*" for actions that take no resource). */
const REQUESTS: [action: string, resource: string][] = [
  ['s3:GetObject', 'arn:aws:s3:::logs-prod/app/1.log'],
  ['s3:GetObject', 'arn:aws:s3:::data/alice/report.csv'],
  ['s3:PutObject', 'arn:aws:s3:::logs-prod/app/1.log'],
  ['s3:ListBucket', 'arn:aws:s3:::logs-prod'],
  ['s3:DeleteBucket', 'arn:aws:s3:::data'],
  ['s3:ListAllMyBuckets', '*'],
  ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin-1`],
  ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app`],
  ['iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/alice`],
  ['iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/bob`],
  ['iam:AttachRolePolicy', `arn:aws:iam::${ACCOUNT}:role/admin-1`],
  ['iam:ListRoles', '*'],
  ['sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/admin-1`],
  ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`],
  ['kms:Decrypt', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  ['lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:deploy`],
  ['ec2:TerminateInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`],
  ['ec2:DescribeInstances', '*'],
  ['dynamodb:GetItem', `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`],
];

const ACTION_PATTERNS = [
  '*',
  's3:*',
  's3:Get*',
  's3:GetObject',
  's3:*Object',
  's3:Get?bject',
  's3:List*',
  'S3:getobject',
  'iam:*',
  'iam:Pass*',
  'iam:PassRole',
  'iam:Create*',
  'iam:List*',
  'iam:*Policy',
  'sts:AssumeRole',
  'sts:*',
  'secretsmanager:Get*',
  'kms:*',
  'kms:Decrypt',
  'lambda:Invoke*',
  'ec2:*',
  'ec2:Describe*',
  'dynamodb:*Item',
];

const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::logs-*',
  'arn:aws:s3:::logs-*/*',
  'arn:aws:s3:::LOGS-*/*',
  'arn:aws:s3:::*/*',
  'arn:aws:s3:::data/${aws:username}/*',
  'arn:aws:s3:::data/${aws:PrincipalTag/team}/*',
  'arn:aws:s3:::data',
  `arn:aws:iam::${ACCOUNT}:role/*`,
  `arn:aws:iam::${ACCOUNT}:role/admin-?`,
  'arn:aws:iam::*:role/app',
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
  `arn:aws:iam::${ACCOUNT}:*`,
  `arn:aws:*:*:${ACCOUNT}:*`,
  'arn:aws:secretsmanager:*:*:secret:db-*',
  `arn:aws:kms:eu-west-1:${ACCOUNT}:key/*`,
  `arn:aws:lambda:*:${ACCOUNT}:function:deploy`,
  'arn:aws:ec2:*:*:instance/*',
  `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
];

/** Conditions on keys whose value both evaluators get for the request (see sessionContext). */
const CONDITIONS: [operator: string, key: string, values: string[]][] = [
  ['StringEquals', 'aws:RequestedRegion', ['eu-west-1']],
  ['StringEquals', 'aws:RequestedRegion', ['us-east-1', 'eu-west-1']],
  ['StringNotEquals', 'aws:RequestedRegion', ['eu-west-1']],
  ['StringLike', 'aws:RequestedRegion', ['eu-*']],
  ['StringNotEqualsIgnoreCase', 'aws:RequestedRegion', ['US-EAST-1']],
  ['StringEquals', 'aws:PrincipalTag/team', ['red']],
  ['StringEqualsIfExists', 'aws:PrincipalTag/team', ['red']],
  ['StringNotEquals', 'aws:PrincipalTag/team', ['red']],
  ['Null', 'aws:PrincipalTag/team', ['true']],
  ['Null', 'aws:PrincipalTag/team', ['false']],
  ['Bool', 'aws:MultiFactorAuthPresent', ['true']],
  ['BoolIfExists', 'aws:MultiFactorAuthPresent', ['false']],
  ['Bool', 'aws:SecureTransport', ['false']],
  ['StringEquals', 'aws:PrincipalAccount', [ACCOUNT]],
  ['StringEquals', 'aws:PrincipalAccount', ['444455556666']],
  ['ArnLike', 'aws:PrincipalArn', [`arn:aws:iam::${ACCOUNT}:role/*`]],
  ['ArnNotLike', 'aws:PrincipalArn', [`arn:aws:iam::${ACCOUNT}:role/admin-*`]],
  ['DateGreaterThan', 'aws:CurrentTime', ['2020-01-01T00:00:00Z']],
  ['DateLessThan', 'aws:CurrentTime', ['2020-01-01T00:00:00Z']],
  ['NumericLessThan', 'aws:MultiFactorAuthAge', ['3600']],
  ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24']],
  ['NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8']],
  ['StringLike', 'aws:username', ['a*']],
  ['StringEquals', 'aws:requestedregion', ['ap-south-1']],
  ['StringEqualsIgnoreCase', 'aws:PrincipalTag/team', ['RED']],
  ['ForAnyValue:StringEquals', 'aws:RequestedRegion', ['eu-west-1', 'ap-south-1']],
  ['ForAllValues:StringEquals', 'aws:PrincipalTag/team', ['blue']],
  ['Bool', 'aws:MultiFactorAuthPresent', ['false']],
  ['Null', 'aws:MultiFactorAuthPresent', ['true']],
  ['NumericGreaterThan', 'aws:EpochTime', ['1577836800']],
  ['DateLessThanEquals', 'aws:EpochTime', ['1577836800']],
  ['StringEquals', 'aws:username', ['${aws:PrincipalTag/team}']],
  ['StringLike', 'aws:PrincipalArn', ['arn:aws:iam::${aws:PrincipalAccount}:user/*']],
];

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];

type Json = Record<string, unknown>;

const conditionBlock = fc.uniqueArray(fc.constantFrom(...CONDITIONS), { maxLength: 2, selector: ([op, key]) => `${op} ${key}` }).map((list) => {
  if (!list.length) return undefined;
  const block: Record<string, Record<string, string[]>> = {};
  for (const [op, key, values] of list) (block[op] ??= {})[key] = values;
  return block;
});

/**
 * Patterns aimed at the request (its action, its service's wildcard, its resource, its resource with the name
 * wildcarded or a variable) mixed with the general pools, so that a fair share of the cases are allowed or denied on purpose
 * rather than never concerned.
 */
function statementFor([action, resource]: [string, string]) {
  const service = action.split(':')[0];
  const aimedActions = [action, `${service}:*`, `${action.slice(0, service.length + 4)}*`];
  const aimedResources = resource === '*' ? [resource] : [resource, resource.replace(/[^/:]+$/, '*'), resource.replace(/[^/:]+$/, '${aws:username}')];
  const actionPattern = fc.oneof(
    { arbitrary: fc.constantFrom(...ACTION_PATTERNS), weight: 2 },
    { arbitrary: fc.constantFrom(...aimedActions), weight: 1 },
  );
  const resourcePattern = fc.oneof(
    { arbitrary: fc.constantFrom(...RESOURCE_PATTERNS), weight: 2 },
    { arbitrary: fc.constantFrom(...aimedResources), weight: 1 },
  );
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      notAction: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      actions: fc.uniqueArray(actionPattern, { minLength: 1, maxLength: 3 }),
      notResource: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      resources: fc.uniqueArray(resourcePattern, { minLength: 1, maxLength: 3 }),
      condition: fc.option(conditionBlock, { freq: 2, nil: undefined }),
    })
    .map(({ effect, notAction, actions, notResource, resources, condition }) => {
      const s: Json = { Effect: effect };
      s[notAction ? 'NotAction' : 'Action'] = actions.length === 1 ? actions[0] : actions;
      s[notResource ? 'NotResource' : 'Resource'] = resources.length === 1 ? resources[0] : resources;
      if (condition) s.Condition = condition;
      return s;
    });
}

const FULL_ACCESS = { Effect: 'Allow', Action: '*', Resource: '*' };
/** One SCP level: AWS requires an Allow at every level (FullAWSAccess by default), then guards. */
const scpLevel = (statement: fc.Arbitrary<Json>) =>
  fc
    .record({
      base: fc.constantFrom<Json>(
        FULL_ACCESS,
        FULL_ACCESS,
        { Effect: 'Allow', Action: ['s3:*', 'iam:*', 'sts:*'], Resource: '*' },
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      ),
      more: fc.array(statement, { maxLength: 2 }),
    })
    .map(({ base, more }) => [base, ...more]);

const policyCase = fc.constantFrom(...REQUESTS).chain((request) => {
  const statement = statementFor(request);
  return fc.record({
    principal: fc.constantFrom<'user' | 'role'>('user', 'role'),
    team: fc.constantFrom<string | null>(null, 'red', 'blue'),
    request: fc.constant(request),
    region: fc.constantFrom(...REGIONS),
    identity: fc.array(fc.array(statement, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
    boundary: fc.option(fc.array(statement, { minLength: 1, maxLength: 2 }), { freq: 2, nil: undefined }),
    scps: fc.array(scpLevel(statement), { maxLength: 2 }),
  });
});

type Case = typeof policyCase extends fc.Arbitrary<infer T> ? T : never;

const doc = (statements: Json[]) => ({ Version: '2012-10-17', Statement: statements });

function principalArn(c: Case): string {
  return c.principal === 'user' ? `arn:aws:iam::${ACCOUNT}:user/alice` : `arn:aws:iam::${ACCOUNT}:role/app`;
}

/** What AWS puts in the request context of this principal's session (as our evaluator models it from the export). */
function sessionContext(c: Case): Record<string, string> {
  const ctx: Record<string, string> = {
    'aws:RequestedRegion': c.region,
    'aws:PrincipalArn': principalArn(c),
    'aws:PrincipalAccount': ACCOUNT,
    'aws:PrincipalType': c.principal === 'user' ? 'User' : 'AssumedRole',
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': new Date(AS_OF).toISOString(),
    'aws:EpochTime': String(AS_OF / 1000),
    'aws:SourceIp': SOURCE_IP,
  };
  // Long-term user keys carry no MFA key at all; a role session without MFA says "false".
  if (c.principal === 'role') ctx['aws:MultiFactorAuthPresent'] = 'false';
  if (c.principal === 'user') ctx['aws:username'] = 'alice';
  if (c.team) ctx['aws:PrincipalTag/team'] = c.team;
  return ctx;
}

/** `region` null: no region given, so our evaluator picks the most permissive region the caller could use. */
function ours(c: Case, region: string | null = c.region): Effect {
  const [action, resource] = c.request;
  const label = (i: number) => `identity-${i}`;
  const inline: PolicyDoc[] = c.identity.map((s, i) => parsePolicyDocument(doc(s), label(i), label(i)));
  const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
  const principal: Principal = {
    type: c.principal,
    arn: principalArn(c),
    name: c.principal === 'user' ? 'alice' : 'app',
    id: null,
    account: ACCOUNT,
    path: '/',
    tags: new Map(c.team ? [['team', c.team]] : []),
    inline,
    managed: [],
    groups: [],
    boundary: c.boundary ? boundaryArn : null,
    trust: null,
    instanceProfiles: [],
    locator: 'differential',
    gaps: [],
    createdAt: null,
    lastUsedAt: null,
  };
  const account: AwsAccount = {
    id: ACCOUNT,
    users: c.principal === 'user' ? [principal] : [],
    roles: c.principal === 'role' ? [principal] : [],
    groups: new Map(),
    policies: new Map(),
    scps: c.scps.map((level, i) => [parsePolicyDocument(doc(level), `scp-${i}`, `scp-${i}`)]),
  };
  if (c.boundary) {
    const document = parsePolicyDocument(doc(c.boundary), boundaryArn, 'boundary');
    account.policies.set(boundaryArn, { arn: boundaryArn, name: 'boundary', document, otherVersions: [], locator: 'differential' });
  }
  const evaluator = new PrincipalPolicies(account, principal, { asOf: AS_OF, sourceIp: SOURCE_IP });
  return evaluator.decide(action, resource, region ? { keys: { 'aws:RequestedRegion': [region] } } : {}).effect;
}

/** Variables this case's requests cannot resolve: ${aws:username} for a role, a tag the principal lacks. */
function unresolvedVariables(c: Case): string[] {
  return [...(c.principal === 'role' ? ['${aws:username}'] : []), ...(c.team ? [] : ['${aws:PrincipalTag/team}'])];
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/**
 * The two known differences (docs/aws.md "Differential testing"), kept out of the comparison; null when neither.
 * 1. A NotResource entry with an unresolvable variable that could not name the resource whatever the variable's
 *    value (arn:aws:s3:::data/${aws:username}/* against the bucket arn:aws:s3:::data, for a role): we read the entry
 *    as not matching, so the statement applies; iam-simulate drops the whole statement whenever the entry's ARN
 *    prefix (service, region, account, resource type) fits. AWS documents only that such a statement "might" be invalid.
 * 2. A Condition value with an unresolvable variable: we leave the condition undecided (conditional), iam-simulate
 *    decides it does not match.
 */
function knownDifference(c: Case): string | null {
  const unresolved = unresolvedVariables(c);
  if (!unresolved.length) return null;
  const [, resource] = c.request;
  const statements = [...c.identity.flat(), ...(c.boundary ?? []), ...c.scps.flat()];
  for (const s of statements) {
    const entries = s.NotResource === undefined ? [] : ([] as string[]).concat(s.NotResource as string | string[]);
    for (const p of entries) {
      if (!unresolved.some((v) => p.includes(v))) continue;
      const anyValue = p.replace(/\$\{[^}]*\}/g, '*');
      if (p.split(':')[2] === resource.split(':')[2] && !glob(anyValue).test(resource)) return 'NotResource entry with an unresolvable variable';
    }
    if (s.Condition && unresolved.some((v) => JSON.stringify(s.Condition).includes(v))) return 'Condition value with an unresolvable variable';
  }
  return null;
}

const THEIRS: Record<string, Effect> = { Allowed: 'allow', ExplicitlyDenied: 'explicit-deny', ImplicitlyDenied: 'implicit-deny' };

async function theirs(c: Case): Promise<Effect> {
  const [action, resource] = c.request;
  const simulation: Simulation = {
    request: {
      principal: c.principal === 'user' ? principalArn(c) : `arn:aws:sts::${ACCOUNT}:assumed-role/app/session`,
      action,
      resource: { resource, accountId: ACCOUNT },
      contextVariables: sessionContext(c),
    },
    identityPolicies: c.identity.map((s, i) => ({ name: `identity-${i}`, policy: doc(s) })),
    permissionBoundaryPolicies: c.boundary ? [{ name: 'boundary', policy: doc(c.boundary) }] : undefined,
    serviceControlPolicies: c.scps.map((level, i) => ({
      orgIdentifier: i === c.scps.length - 1 ? ACCOUNT : `ou-${i}`,
      policies: [{ name: `scp-${i}`, policy: doc(level) }],
    })),
    resourceControlPolicies: [],
    // A KMS key always has a key policy; the principal-centric decision assumes the default one, which hands the
    // decision to the account's IAM policies (real key policies are combined in resource-policy.ts).
    resourcePolicy: action.startsWith('kms:')
      ? doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }])
      : undefined,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(`iam-simulate rejected the case: ${JSON.stringify(result.errors)}`);
  return THEIRS[result.overallResult];
}

/** Global services answer from us-east-1 only; regional ones from any region (two the policies never name included). */
const CALLER_REGIONS = [...REGIONS, 'eu-central-1', 'sa-east-1'];
const GLOBAL = new Set(['iam']);
const MOST_PERMISSIVE: Effect[] = ['allow', 'conditional', 'implicit-deny', 'explicit-deny'];

describe('differential: our evaluator against @cloud-copilot/iam-simulate', () => {
  it(`agrees on ${RUNS} generated policy sets (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(policyCase, async (c) => {
        fc.pre(knownDifference(c) === null);
        expect(ours(c)).toBe(await theirs(c));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
  it('without a region, ours is the most permissive of iam-simulate over the regions a caller can pick', async () => {
    await fc.assert(
      fc.asyncProperty(policyCase, async (c) => {
        fc.pre(knownDifference(c) === null);
        const regions = GLOBAL.has(c.request[0].split(':')[0]) ? ['us-east-1'] : CALLER_REGIONS;
        const outcomes = await Promise.all(regions.map((region) => theirs({ ...c, region })));
        const best = MOST_PERMISSIVE.find((e) => outcomes.includes(e));
        expect(ours(c, null)).toBe(best);
      }),
      { numRuns: Math.ceil(RUNS / 5), seed: SEED },
    );
  });
});
