// Conditions the export lets us decide: date operators on aws:CurrentTime / aws:EpochTime /
// aws:TokenIssueTime against the analysis instant, aws:PrincipalAccount, aws:RequestedRegion (the caller
// picks the region) and sts:ExternalId presence on trusts. A statement that can never apply grants
// nothing; one that depends on what the export cannot say stays conditional.
import { describe, expect, it } from 'vitest';
import { PrincipalPolicies } from '../../main/aws-policy/evaluate.ts';
import { parseAuthorizationDetails } from '../../main/ingest/aws/authorization-details-parse.ts';
import {
  ACCT,
  ADMIN,
  ADMIN_POLICY,
  allow,
  arn,
  deny,
  details,
  doc,
  evaluate,
  policy,
  role,
  trustService,
  user,
} from '../fixtures/aws-authz/build.ts';

const AS_OF = Date.parse('2026-03-01T12:00:00Z');
const A = arn('user', 'attacker');
const OTHER = '444455556666';

function policiesOf(d: Record<string, unknown>, name: string) {
  const account = parseAuthorizationDetails(JSON.parse(JSON.stringify(d)), { countRow() {}, reject() {} });
  const p = [...account.users, ...account.roles].find((x) => x.name === name)!;
  return new PrincipalPolicies(account, p, { asOf: AS_OF });
}

const withCondition = (condition: Record<string, unknown>, action = '*') =>
  details({ users: [user('attacker', { inline: [[allow(action, '*', condition)]] })] });
const effect = (condition: Record<string, unknown>, action = 's3:GetObject', name = 'attacker', d = withCondition(condition)) =>
  policiesOf(d, name).decide(action, 'arn:aws:s3:::bucket/key').effect;

describe('date operators against the analysis instant', () => {
  it('IAM Vulnerable fp5: the only statement needs a token issued before 2020, so no escalation and no grant', () => {
    const cond = { DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } };
    for (const d of [
      withCondition(cond, 'iam:*'),
      details({
        users: [
          user('attacker', { inline: [[allow(['iam:CreateAccessKey', 'iam:AttachUserPolicy', 'iam:PutUserPolicy'], '*', cond)]] }),
          user('victim', { managed: [ADMIN_POLICY] }),
        ],
      }),
    ]) {
      const ev = evaluate(d, { asOf: AS_OF });
      expect(ev.isAdmin(A)).toBe(false);
      expect(ev.result.edges.filter((e) => e.src === A)).toEqual([]);
    }
    // The same statement on a role: its sessions are at most 12 hours old.
    const r = details({ roles: [role('r', trustService('ec2.amazonaws.com'), { inline: [[allow('*', '*', cond)]] })] });
    expect(evaluate(r, { asOf: AS_OF }).isAdmin(arn('role', 'r'))).toBe(false);
  });
  it('aws:CurrentTime: past windows grant nothing, open ones grant firmly, future ones stay conditional', () => {
    expect(effect({ DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } })).toBe('implicit-deny');
    expect(effect({ DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } })).toBe('allow');
    expect(effect({ DateLessThan: { 'aws:CurrentTime': '2099-01-01T00:00:00Z' } })).toBe('allow');
    expect(effect({ DateGreaterThan: { 'aws:CurrentTime': '2099-01-01T00:00:00Z' } })).toBe('conditional');
    expect(effect({ DateLessThanEquals: { 'aws:CurrentTime': '2026-03-01T12:00:00Z' } })).toBe('allow');
    expect(effect({ DateLessThan: { 'aws:CurrentTime': '2026-03-01T12:00:00Z' } })).toBe('implicit-deny');
  });
  it('aws:EpochTime in seconds, with date and numeric operators', () => {
    const past = String(Date.parse('2021-06-01T00:00:00Z') / 1000);
    expect(effect({ DateLessThan: { 'aws:EpochTime': past } })).toBe('implicit-deny');
    expect(effect({ NumericLessThan: { 'aws:EpochTime': past } })).toBe('implicit-deny');
    expect(effect({ NumericGreaterThan: { 'aws:EpochTime': past } })).toBe('allow');
  });
  it('a Deny that only applied in the past no longer denies; one that applies now does', () => {
    const deniedUntil = (when: string) =>
      details({ users: [user('attacker', { inline: [[allow('s3:*'), deny('s3:*', '*', { DateLessThan: { 'aws:CurrentTime': when } })]] })] });
    expect(effect({}, 's3:GetObject', 'attacker', deniedUntil('2020-01-01T00:00:00Z'))).toBe('allow');
    expect(effect({}, 's3:GetObject', 'attacker', deniedUntil('2099-01-01T00:00:00Z'))).toBe('explicit-deny');
  });
  it('aws:TokenIssueTime after a recent instant depends on the session: conditional for a user, firm for a fresh role session', () => {
    const recent = { DateGreaterThan: { 'aws:TokenIssueTime': '2026-03-01T00:00:00Z' } };
    expect(effect(recent)).toBe('conditional');
    const r = details({
      roles: [
        role('r', trustService('ec2.amazonaws.com'), {
          inline: [[allow('s3:*', '*', { DateGreaterThan: { 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' } })]],
        }),
      ],
    });
    expect(effect({}, 's3:GetObject', 'r', r)).toBe('allow');
  });
  it('defaults to the clock when no instant is given', () => {
    const d = withCondition({ DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } });
    const account = parseAuthorizationDetails(JSON.parse(JSON.stringify(d)), { countRow() {}, reject() {} });
    expect(new PrincipalPolicies(account, account.users[0]).decide('s3:GetObject', '*').effect).toBe('implicit-deny');
  });
});

describe('aws:PrincipalAccount and aws:RequestedRegion', () => {
  it("aws:PrincipalAccount is the principal's own account", () => {
    expect(effect({ StringEquals: { 'aws:PrincipalAccount': ACCT } })).toBe('allow');
    expect(effect({ StringEquals: { 'aws:PrincipalAccount': OTHER } })).toBe('implicit-deny');
  });
  it('the caller picks the region: an allow limited to a region still grants regional actions', () => {
    const cond = { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } };
    expect(effect(cond, 'ec2:RunInstances')).toBe('allow');
    // IAM is global: its requests always say us-east-1.
    expect(effect(cond, 'iam:CreateUser')).toBe('implicit-deny');
    expect(effect({ StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }, 'iam:CreateUser')).toBe('allow');
  });
  it('a region-lock Deny stops nothing that an allowed region permits, but stops what no region permits', () => {
    const lock = deny('*', '*', { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } });
    const open = details({ users: [user('attacker', { inline: [[allow('*'), lock]] })] });
    expect(effect({}, 'ec2:RunInstances', 'attacker', open)).toBe('allow');
    expect(effect({}, 'iam:CreateUser', 'attacker', open)).toBe('explicit-deny');
    const onlyUs = details({
      users: [user('attacker', { inline: [[allow('*', '*', { StringEquals: { 'aws:RequestedRegion': 'us-west-2' } }), lock]] })],
    });
    // Every region is either outside the allow or inside the lock: no region lets it through.
    expect(effect({}, 'ec2:RunInstances', 'attacker', onlyUs)).toMatch(/deny/);
  });
});

describe('sts:ExternalId on trusts', () => {
  const trusted = (condition: Record<string, unknown>) =>
    evaluate(
      details({
        roles: [
          role('vendor', doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'sts:AssumeRole', Condition: condition }), {
            managed: [ADMIN_POLICY],
          }),
        ],
      }),
      { asOf: AS_OF },
    ).edge(`arn:aws:iam::${OTHER}:root`, arn('role', 'vendor'));
  it('requiring an external id to be present is met by any caller that sends one', () => {
    expect(trusted({ Null: { 'sts:ExternalId': 'false' } })?.conditional).toBe(false);
  });
  it('requiring a particular external id stays conditional, with the condition text', () => {
    const e = trusted({ StringEquals: { 'sts:ExternalId': 'secret-123' } });
    expect(e?.conditional).toBe(true);
    expect(e?.props.conditions?.join(' ')).toContain('secret-123');
  });
  it("a trust that expired grants nothing; one naming the caller's account is decided", () => {
    expect(trusted({ DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } })).toBeUndefined();
    expect(trusted({ StringEquals: { 'aws:PrincipalAccount': OTHER } })?.conditional).toBe(false);
    expect(trusted({ StringEquals: { 'aws:PrincipalAccount': ACCT } })).toBeUndefined();
  });
});

describe('conditions on managed policies reach the admin verdict', () => {
  it('an admin policy that expired does not make its holder admin', () => {
    const expired = policy(arn('policy', 'temp-admin'), [allow('*', '*', { DateLessThan: { 'aws:CurrentTime': '2021-01-01T00:00:00Z' } })]);
    const ev = evaluate(details({ users: [user('attacker', { managed: [arn('policy', 'temp-admin')] })], policies: [expired] }), { asOf: AS_OF });
    expect(ev.edge(A, ADMIN, 'access')).toBeUndefined();
  });
});
