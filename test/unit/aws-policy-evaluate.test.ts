// Policy evaluation semantics: documents in every encoding, wildcards, NotAction/NotResource,
// explicit Deny across policies, boundaries as a ceiling, policy variables, and three-valued conditions.
import { describe, expect, it } from 'vitest';
import { evaluateConditions } from '../../main/aws-policy/conditions.ts';
import { parsePolicyDocument, PolicyError } from '../../main/aws-policy/document.ts';
import { PrincipalPolicies } from '../../main/aws-policy/evaluate.ts';
import type { ConditionClause } from '../../main/aws-policy/model.ts';
import { parseAuthorizationDetails } from '../../main/ingest/aws/authorization-details-parse.ts';
import { ACCT, ADMIN, allow, arn, deny, details, doc, evaluate, group, policy, role, trustService, user } from '../fixtures/aws-authz/build.ts';

function policiesOf(d: Record<string, unknown>, name: string, options = {}) {
  const account = parseAuthorizationDetails(JSON.parse(JSON.stringify(d)), { countRow() {}, reject() {} });
  const p = [...account.users, ...account.roles].find((x) => x.name === name)!;
  return new PrincipalPolicies(account, p, options);
}

describe('policy documents', () => {
  const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
  it('reads objects, JSON strings and URL-encoded strings alike', () => {
    const json = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
    for (const raw of [{ Statement: statement }, json, encodeURIComponent(json)]) {
      const d = parsePolicyDocument(raw, 'p', 'p');
      expect(d.statements).toHaveLength(1);
      expect(d.statements[0].actions).toEqual(['s3:getobject']);
    }
  });
  it('rejects off-grammar documents with a specific reason', () => {
    expect(() => parsePolicyDocument({ Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] }, 'p', 'p')).toThrow(
      /Effect must be "Allow" or "Deny"/,
    );
    expect(() => parsePolicyDocument({ Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'p', 'p')).toThrow(/exactly one of Action or NotAction/);
    expect(() => parsePolicyDocument('%E0%A4%A', 'p', 'p')).toThrow(PolicyError);
    expect(() => parsePolicyDocument({ Statement: [{ Effect: 'Allow', Action: [1], Resource: '*' }] }, 'p', 'p')).toThrow(/list of strings/);
  });
  it('treats __proto__ keys as data', () => {
    const d = parsePolicyDocument(
      JSON.parse('{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"__proto__":{"x":"y"}}}]}'),
      'p',
      'p',
    );
    expect(d.statements[0].conditions).toEqual([{ operator: '__proto__', key: 'x', values: ['y'] }]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('principal-centric decisions', () => {
  const A = arn('user', 'a');
  it('wildcards in actions (any case) and ARNs', () => {
    const ev = policiesOf(details({ users: [user('a', { inline: [[allow('S3:Get*', 'arn:aws:s3:::logs-*/*')]] })] }), 'a');
    expect(ev.decide('s3:GetObject', 'arn:aws:s3:::logs-prod/x').effect).toBe('allow');
    expect(ev.decide('s3:GetObject', 'arn:aws:s3:::data/x').effect).toBe('implicit-deny');
    expect(ev.decide('s3:PutObject', 'arn:aws:s3:::logs-prod/x').effect).toBe('implicit-deny');
  });
  it('an explicit Deny in a group policy overrides an Allow in a user policy', () => {
    const d = details({
      users: [user('a', { inline: [[allow('*')]], groups: ['g'] })],
      groups: [group('g', { inline: [[deny('secretsmanager:*')]] })],
    });
    const ev = policiesOf(d, 'a');
    expect(ev.decide('secretsmanager:GetSecretValue', '*').effect).toBe('explicit-deny');
    expect(ev.decide('s3:GetObject', '*').effect).toBe('allow');
  });
  it('NotAction and NotResource', () => {
    const ev = policiesOf(
      details({
        users: [
          user('a', {
            inline: [
              [
                { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
                { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::public/*' },
              ],
            ],
          }),
        ],
      }),
      'a',
    );
    expect(ev.decide('iam:CreateUser', '*').effect).toBe('implicit-deny');
    expect(ev.decide('ec2:RunInstances', '*').effect).toBe('allow');
    expect(ev.decide('s3:GetObject', 'arn:aws:s3:::public/a').effect).toBe('allow');
    expect(ev.decide('s3:GetObject', 'arn:aws:s3:::private/a').effect).toBe('explicit-deny');
  });
  it('a permissions boundary is a ceiling, never a grant', () => {
    const d = details({
      users: [user('a', { inline: [[allow(['s3:*', 'ec2:*'])]], boundary: arn('policy', 'b') }), user('b', { boundary: arn('policy', 'b') })],
      policies: [policy(arn('policy', 'b'), [allow(['s3:*', 'iam:*'])])],
    });
    expect(policiesOf(d, 'a').decide('s3:GetObject', '*').effect).toBe('allow');
    expect(policiesOf(d, 'a').decide('ec2:RunInstances', '*').effect).toBe('implicit-deny');
    expect(policiesOf(d, 'b').decide('iam:CreateUser', '*').effect).toBe('implicit-deny');
  });
  it('SCPs are ceilings at every level of the organisation', () => {
    const account = parseAuthorizationDetails(JSON.parse(JSON.stringify(details({ users: [user('a', { inline: [[allow('*')]] })] }))), {
      countRow() {},
      reject() {},
    });
    account.scps = [
      [parsePolicyDocument(doc(allow('*')), 'root SCP', 'FullAWSAccess')],
      [parsePolicyDocument(doc(allow(['s3:*', 'iam:*']), deny('iam:CreateUser')), 'OU SCP', 'Workloads')],
    ];
    const ev = new PrincipalPolicies(account, account.users[0]);
    expect(ev.decide('s3:GetObject', '*').effect).toBe('allow');
    expect(ev.decide('ec2:RunInstances', '*').effect).toBe('implicit-deny');
    expect(ev.decide('iam:CreateUser', '*').effect).toBe('explicit-deny');
  });
  it('policy variables resolve per principal; roles have no aws:username', () => {
    const self = allow('iam:CreateAccessKey', `arn:aws:iam::${ACCT}:user/\${aws:username}`);
    const d = details({ users: [user('a', { inline: [[self]] })] });
    expect(policiesOf(d, 'a').decide('iam:CreateAccessKey', A).effect).toBe('allow');
    expect(policiesOf(d, 'a').decide('iam:CreateAccessKey', arn('user', 'b')).effect).toBe('implicit-deny');
  });
  it('a NotResource entry whose variable a role cannot resolve makes the statement apply to nothing where it could name the resource', () => {
    // Found by the differential test: read as "matches nothing", the entry made this Deny deny the role everything.
    const d = details({
      roles: [
        role('app', trustService('ec2.amazonaws.com'), {
          inline: [[allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::home/${aws:username}/*' }]],
        }),
      ],
      users: [user('u', { inline: [[allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::home/${aws:username}/*' }]] })],
    });
    expect(policiesOf(d, 'app').decide('s3:GetObject', 'arn:aws:s3:::home/u/notes.txt').effect).toBe('allow');
    // An entry that could not name the resource whatever the value (another bucket, another service) still does not match it.
    expect(policiesOf(d, 'app').decide('s3:GetObject', 'arn:aws:s3:::home').effect).toBe('explicit-deny');
    expect(policiesOf(d, 'app').decide('s3:GetObject', 'arn:aws:s3:::other/x').effect).toBe('explicit-deny');
    // A user resolves the variable: only their own folder escapes the Deny.
    expect(policiesOf(d, 'u').decide('s3:GetObject', 'arn:aws:s3:::home/u/notes.txt').effect).toBe('allow');
    expect(policiesOf(d, 'u').decide('s3:GetObject', 'arn:aws:s3:::home/v/notes.txt').effect).toBe('explicit-deny');
  });
  it('a missing managed policy makes answers conditional instead of silently granting', () => {
    const d = details({ users: [user('a', { inline: [[allow('s3:GetObject')]], managed: [arn('policy', 'missing')] })] });
    const r = policiesOf(d, 'a').decide('s3:GetObject', '*');
    expect(r.effect).toBe('conditional');
    expect(r.conditions.join(' ')).toContain('missing');
  });
});

describe('conditions (three-valued)', () => {
  const c = (operator: string, key: string, values: string[]): ConditionClause[] => [{ operator, key, values }];
  const known = (map: Record<string, string[] | null>) => (k: string) => (k in map ? map[k] : undefined);
  it('string, ARN, bool, IP and null operators', () => {
    expect(evaluateConditions(c('StringEquals', 'k', ['a']), known({ k: ['a'] }))).toBe('true');
    expect(evaluateConditions(c('StringNotEquals', 'k', ['a']), known({ k: ['b'] }))).toBe('true');
    expect(evaluateConditions(c('StringLike', 'k', ['ab*']), known({ k: ['abc'] }))).toBe('true');
    expect(evaluateConditions(c('ArnLike', 'k', ['arn:aws:iam::*:role/x*']), known({ k: ['arn:aws:iam::1:role/xy'] }))).toBe('true');
    expect(evaluateConditions(c('Bool', 'k', ['true']), known({ k: ['false'] }))).toBe('false');
    expect(evaluateConditions(c('IpAddress', 'k', ['10.0.0.0/8']), known({ k: ['10.1.2.3'] }))).toBe('true');
    expect(evaluateConditions(c('NotIpAddress', 'k', ['10.0.0.0/8']), known({ k: ['10.1.2.3'] }))).toBe('false');
    expect(evaluateConditions(c('Null', 'k', ['true']), known({ k: null }))).toBe('true');
  });
  it('absent keys: IfExists and negated operators hold, positive ones do not', () => {
    expect(evaluateConditions(c('BoolIfExists', 'k', ['false']), known({ k: null }))).toBe('true');
    expect(evaluateConditions(c('StringNotEquals', 'k', ['a']), known({ k: null }))).toBe('true');
    expect(evaluateConditions(c('StringEquals', 'k', ['a']), known({ k: null }))).toBe('false');
  });
  it('unknown keys stay unknown; a false clause still decides', () => {
    expect(evaluateConditions(c('StringEquals', 'k', ['a']), known({}))).toBe('unknown');
    expect(evaluateConditions([...c('StringEquals', 'k', ['a']), ...c('StringEquals', 'j', ['x'])], known({ j: ['y'] }))).toBe('false');
  });
  it('the MFA deny pattern blocks key-based sessions', () => {
    const mfaDeny = { Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
    const d = details({ users: [user('a', { inline: [[allow('*'), mfaDeny]] })] });
    expect(policiesOf(d, 'a').decide('s3:GetObject', '*').effect).toBe('explicit-deny');
    expect(policiesOf(d, 'a', { mfa: true }).decide('s3:GetObject', '*').effect).toBe('allow');
  });
});

describe('data access edges', () => {
  const A = arn('user', 'a');
  it('one node per named resource, one per service for wildcards, privilege from the actions', () => {
    const ev = evaluate(
      details({
        users: [
          user('a', {
            inline: [
              [
                allow('s3:GetObject', 'arn:aws:s3:::reports/*'),
                allow(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']),
                allow('kms:*', `arn:aws:kms:us-east-1:${ACCT}:key/1234`),
                allow('dynamodb:Query', `arn:aws:dynamodb:us-east-1:${ACCT}:table/orders/index/byDate`),
              ],
            ],
          }),
        ],
      }),
    );
    expect(ev.edge(A, 'arn:aws:s3:::reports', 'access')?.privilege).toBe(1);
    expect(ev.edge(A, `aws:${ACCT}:secretsmanager:*`, 'access')?.privilege).toBe(2);
    expect(ev.edge(A, `arn:aws:kms:us-east-1:${ACCT}:key/1234`, 'access')?.privilege).toBe(3);
    expect(ev.edge(A, `arn:aws:dynamodb:us-east-1:${ACCT}:table/orders`, 'access')?.privilege).toBe(1);
    expect(ev.result.nodes.find((n) => n.key === `aws:${ACCT}:secretsmanager:*`)?.name).toBe(`all Secrets Manager secrets in ${ACCT}`);
    expect(ev.edge(A, ADMIN, 'access')).toBeUndefined();
  });
  it('a Deny elsewhere lowers or removes the data edge', () => {
    const ev = evaluate(details({ users: [user('a', { inline: [[allow('s3:*')], [deny(['s3:Put*', 's3:Delete*'])]] })] }));
    expect(ev.edge(A, `aws:${ACCT}:s3:*`, 'access')?.privilege).toBe(1);
    const none = evaluate(details({ users: [user('a', { inline: [[allow('ssm:GetParameter')], [deny('ssm:*')]] })] }));
    expect(none.edge(A, `aws:${ACCT}:ssm:*`, 'access')).toBeUndefined();
  });
});

describe('admin-equivalence', () => {
  it('AdministratorAccess, *:* inline and iam:* are admin; PowerUser-style NotAction iam:* is not', () => {
    const ev = evaluate(
      details({
        users: [
          user('managed', { managed: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
          user('star', { inline: [[allow('*:*')]] }),
          user('iam', { inline: [[allow('iam:*')]] }),
          user('power', { inline: [[{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }]] }),
        ],
      }),
    );
    expect(['managed', 'star', 'iam'].map((n) => ev.isAdmin(arn('user', n)))).toEqual([true, true, true]);
    expect(ev.isAdmin(arn('user', 'power'))).toBe(false);
    expect(ev.edge(arn('user', 'iam'), ADMIN, 'access')?.props.reason).toContain('full IAM write access');
  });
  it('documents are kept whole: a doc() helper round-trips', () => {
    expect(doc(allow('s3:*'))).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
  });
});
