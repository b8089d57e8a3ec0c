// Every privilege-escalation family (the IAM Vulnerable checklist): a minimal policy set that must
// produce the edge, and siblings that must not (denied elsewhere, resource-constrained, condition not
// met, boundary forbids, NotAction excluding it).
import { describe, expect, it } from 'vitest';
import {
  ACCT,
  ADMIN,
  ADMIN_POLICY,
  allow,
  arn,
  deny,
  details,
  evaluate,
  group,
  policy,
  role,
  trustAws,
  trustService,
  user,
} from '../fixtures/aws-authz/build.ts';

const A = arn('user', 'attacker');
const V = arn('user', 'victim');
const victimAdmin = user('victim', { managed: [ADMIN_POLICY] });

describe('taking over another user', () => {
  for (const action of ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile']) {
    it(`${action} on another user is an escalation edge to that user`, () => {
      const ev = evaluate(details({ users: [user('attacker', { inline: [[allow(action, V)]] }), victimAdmin] }));
      const e = ev.edge(A, V);
      expect(e?.props).toMatchObject({ technique: action, escalation: true });
      expect(e?.props.reason).toContain(`allows ${action} on it`);
      expect(e?.conditional).toBe(false);
    });
    it(`${action}: denied in another policy, no edge`, () => {
      const ev = evaluate(
        details({
          users: [user('attacker', { inline: [[allow(action, '*')]], managed: [arn('policy', 'guard')] }), victimAdmin],
          policies: [policy(arn('policy', 'guard'), [deny('iam:*', V)])],
        }),
      );
      expect(ev.edge(A, V)).toBeUndefined();
    });
  }
  it('resource-constrained to someone else: no edge to the victim', () => {
    const ev = evaluate(
      details({ users: [user('attacker', { inline: [[allow('iam:CreateAccessKey', arn('user', 'other'))]] }), victimAdmin, user('other')] }),
    );
    expect(ev.edge(A, V)).toBeUndefined();
    expect(ev.edge(A, arn('user', 'other'))).toBeDefined();
  });
  it("condition on resource tags: decided against the victim's known tags", () => {
    const cond = { StringEquals: { 'aws:ResourceTag/team': 'blue' } };
    const ev = evaluate(
      details({
        users: [
          user('attacker', { inline: [[allow('iam:CreateAccessKey', '*', cond)]] }),
          user('victim', { tags: { team: 'red' } }),
          user('bluey', { tags: { team: 'blue' } }),
        ],
      }),
    );
    expect(ev.edge(A, V)).toBeUndefined();
    expect(ev.edge(A, arn('user', 'bluey'))?.conditional).toBe(false);
  });
  it('a permissions boundary that does not allow it forbids it', () => {
    const ev = evaluate(
      details({
        users: [user('attacker', { inline: [[allow('iam:CreateAccessKey')]], boundary: arn('policy', 'b') }), victimAdmin],
        policies: [policy(arn('policy', 'b'), [allow('s3:*')])],
      }),
    );
    expect(ev.edge(A, V)).toBeUndefined();
  });
  it('NotAction excluding it grants nothing for it', () => {
    const ev = evaluate(
      details({ users: [user('attacker', { inline: [[{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }]] }), victimAdmin] }),
    );
    expect(ev.edge(A, V)).toBeUndefined();
    expect(ev.isAdmin(A)).toBe(false);
  });
  it('an undecidable condition keeps the edge, conditional, with the condition text', () => {
    const cond = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
    const d = details({ users: [user('attacker', { inline: [[allow('iam:CreateAccessKey', V, cond)]] }), victimAdmin] });
    const e = evaluate(d).edge(A, V);
    expect(e?.conditional).toBe(true);
    expect(e?.props.conditions?.join(' ')).toContain('203.0.113.0/24');
    expect(evaluate(d, { sourceIp: '203.0.113.9' }).edge(A, V)?.conditional).toBe(false);
    expect(evaluate(d, { sourceIp: '198.51.100.1' }).edge(A, V)).toBeUndefined();
  });
});

describe('assuming roles', () => {
  const target = (trust: Record<string, unknown>) => role('target', trust, { managed: [ADMIN_POLICY] });
  const R = arn('role', 'target');
  it("account trust needs the caller's sts:AssumeRole permission", () => {
    const ev = evaluate(
      details({
        users: [user('attacker', { inline: [[allow('sts:AssumeRole', R)]] }), user('bystander')],
        roles: [target(trustAws(`arn:aws:iam::${ACCT}:root`))],
      }),
    );
    expect(ev.edge(A, R)?.props.reason).toMatch(/trust policy of target allows the account .* grants sts:AssumeRole/);
    expect(ev.edge(arn('user', 'bystander'), R)).toBeUndefined();
    expect(ev.isAdmin(R)).toBe(true);
  });
  it('a trust naming the caller needs no permission, but an explicit Deny stops it', () => {
    const ok = evaluate(details({ users: [user('attacker')], roles: [target(trustAws(A))] }));
    expect(ok.edge(A, R)).toBeDefined();
    const denied = evaluate(details({ users: [user('attacker', { inline: [[deny('sts:AssumeRole')]] })], roles: [target(trustAws(A))] }));
    expect(denied.edge(A, R)).toBeUndefined();
  });
  it('MFA-required trust is decided: stolen keys carry no MFA', () => {
    const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    const d = details({
      users: [user('attacker', { inline: [[allow('sts:AssumeRole')]] })],
      roles: [target(trustAws(`arn:aws:iam::${ACCT}:root`, mfa))],
    });
    expect(evaluate(d).edge(A, R)).toBeUndefined();
    expect(evaluate(d, { mfa: true }).edge(A, R)?.conditional).toBe(false);
  });
  it('an ExternalId condition cannot be decided: conditional edge', () => {
    const ext = { StringEquals: { 'sts:ExternalId': 'secret' } };
    const ev = evaluate(
      details({ users: [user('attacker', { inline: [[allow('sts:AssumeRole')]] })], roles: [target(trustAws(`arn:aws:iam::${ACCT}:root`, ext))] }),
    );
    expect(ev.edge(A, R)?.conditional).toBe(true);
  });
  it('UpdateAssumeRolePolicy lets the caller become the role', () => {
    const ev = evaluate(
      details({
        users: [user('attacker', { inline: [[allow('iam:UpdateAssumeRolePolicy', R)]] })],
        roles: [target(trustService('ec2.amazonaws.com'))],
      }),
    );
    expect(ev.techniques(A, R)).toContain('iam:UpdateAssumeRolePolicy');
    const blocked = evaluate(
      details({
        users: [user('attacker', { inline: [[allow('iam:UpdateAssumeRolePolicy', R)], [deny('sts:AssumeRole', R)]] })],
        roles: [target(trustService('ec2.amazonaws.com'))],
      }),
    );
    expect(blocked.edge(A, R)).toBeUndefined();
  });
  it('other accounts and * become external principals', () => {
    const ev = evaluate(details({ roles: [role('open', trustAws('*')), role('partner', trustAws('arn:aws:iam::999988887777:root'))] }));
    expect(ev.edge('aws:any-principal', arn('role', 'open'))).toBeDefined();
    expect(ev.edge('arn:aws:iam::999988887777:root', arn('role', 'partner'))).toBeDefined();
  });
});

describe("rewriting one's own permissions", () => {
  const sole = (o: Parameters<typeof user>[1]) =>
    evaluate(details({ users: [user('attacker', o)], groups: [group('team'), group('admins', { managed: [ADMIN_POLICY] })] }));
  it('PutUserPolicy / AttachUserPolicy on self → admin', () => {
    expect(sole({ inline: [[allow('iam:PutUserPolicy', A)]] }).techniques(A, ADMIN, 'access')).toContain('iam:PutUserPolicy');
    expect(sole({ inline: [[allow('iam:AttachUserPolicy', A)]] }).techniques(A, ADMIN, 'access')).toContain('iam:AttachUserPolicy');
  });
  it('AttachUserPolicy limited by iam:PolicyARN to a harmless policy: no edge', () => {
    const cond = { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } };
    expect(sole({ inline: [[allow('iam:AttachUserPolicy', A, cond)]] }).isAdmin(A)).toBe(false);
  });
  it('a boundary caps what a written policy can give', () => {
    const ev = evaluate(
      details({
        users: [user('attacker', { inline: [[allow('iam:PutUserPolicy', A)]], boundary: arn('policy', 'b') })],
        policies: [policy(arn('policy', 'b'), [allow(['iam:PutUserPolicy', 's3:*'])])],
      }),
    );
    expect(ev.isAdmin(A)).toBe(false);
  });
  it('deleting the boundary first lifts the cap', () => {
    const b = policy(arn('policy', 'b'), [allow(['iam:PutUserPolicy', 'iam:DeleteUserPermissionsBoundary', 's3:*'])]);
    const both = evaluate(
      details({
        users: [user('attacker', { inline: [[allow(['iam:PutUserPolicy', 'iam:DeleteUserPermissionsBoundary'], A)]], boundary: arn('policy', 'b') })],
        policies: [b],
      }),
    );
    expect(both.techniques(A, ADMIN, 'access')).toContain('iam:PutUserPolicy + iam:DeleteUserPermissionsBoundary');
    const capped = evaluate(details({ users: [user('attacker', { managed: [ADMIN_POLICY], boundary: arn('policy', 'b') })], policies: [b] }));
    expect(capped.techniques(A, ADMIN, 'access')).toContain('iam:DeleteUserPermissionsBoundary');
    const kept = evaluate(
      details({
        users: [user('attacker', { managed: [ADMIN_POLICY], boundary: arn('policy', 'b'), inline: [[deny('iam:DeleteUserPermissionsBoundary')]] })],
        policies: [b],
      }),
    );
    expect(kept.isAdmin(A)).toBe(false);
  });
  it("PutGroupPolicy / AttachGroupPolicy on one's own group → admin; on another group, no", () => {
    expect(sole({ groups: ['team'], inline: [[allow('iam:PutGroupPolicy', arn('group', 'team'))]] }).techniques(A, ADMIN, 'access')).toContain(
      'iam:PutGroupPolicy',
    );
    expect(sole({ groups: ['team'], inline: [[allow('iam:AttachGroupPolicy', arn('group', 'team'))]] }).techniques(A, ADMIN, 'access')).toContain(
      'iam:AttachGroupPolicy',
    );
    expect(sole({ inline: [[allow('iam:PutGroupPolicy', arn('group', 'team'))]] }).isAdmin(A)).toBe(false);
  });
  it('AddUserToGroup into an admin group → admin; constrained to another group, no', () => {
    expect(sole({ inline: [[allow('iam:AddUserToGroup', arn('group', 'admins'))]] }).techniques(A, ADMIN, 'access')).toContain('iam:AddUserToGroup');
    expect(sole({ inline: [[allow('iam:AddUserToGroup', arn('group', 'team'))]] }).isAdmin(A)).toBe(false);
  });
  it('PutRolePolicy / AttachRolePolicy on a role one can assume → admin (via the role); otherwise no', () => {
    const R = arn('role', 'worker');
    for (const action of ['iam:PutRolePolicy', 'iam:AttachRolePolicy']) {
      const ev = evaluate(details({ users: [user('attacker', { inline: [[allow(action, R)]] })], roles: [role('worker', trustAws(A))] }));
      expect(ev.techniques(A, ADMIN, 'access')).toContain(action);
      expect(ev.edge(A, ADMIN, 'access')?.props.via).toEqual(['attacker', 'worker']);
      const cannot = evaluate(
        details({ users: [user('attacker', { inline: [[allow(action, R)]] })], roles: [role('worker', trustService('ec2.amazonaws.com'))] }),
      );
      expect(cannot.isAdmin(A)).toBe(false);
    }
  });
  it('CreatePolicyVersion on a customer policy attached to oneself → admin; unattached, no', () => {
    const P = arn('policy', 'mine');
    const attached = evaluate(details({ users: [user('attacker', { managed: [P] })], policies: [policy(P, [allow('iam:CreatePolicyVersion', P)])] }));
    expect(attached.techniques(A, ADMIN, 'access')).toContain('iam:CreatePolicyVersion');
    const other = arn('policy', 'other');
    const unattached = evaluate(
      details({
        users: [user('attacker', { inline: [[allow('iam:CreatePolicyVersion', other)]] })],
        policies: [policy(other, [allow('s3:GetObject')])],
      }),
    );
    expect(unattached.isAdmin(A)).toBe(false);
  });
  it('SetDefaultPolicyVersion → admin only when another version grants it', () => {
    const P = arn('policy', 'mine');
    const risky = evaluate(
      details({ users: [user('attacker', { managed: [P] })], policies: [policy(P, [allow('iam:SetDefaultPolicyVersion', P)], [[allow('*')]])] }),
    );
    expect(risky.techniques(A, ADMIN, 'access')).toContain('iam:SetDefaultPolicyVersion');
    const benign = evaluate(
      details({
        users: [user('attacker', { managed: [P] })],
        policies: [policy(P, [allow('iam:SetDefaultPolicyVersion', P)], [[allow('s3:List*')]])],
      }),
    );
    expect(benign.isAdmin(A)).toBe(false);
  });
  it('admin-equivalence respects Deny across policies (no policy-centric false positive)', () => {
    const ev = evaluate(
      details({
        users: [
          user('attacker', { managed: [ADMIN_POLICY], inline: [[deny('iam:*')], [deny('*', '*', { Bool: { 'aws:SecureTransport': 'false' } })]] }),
        ],
      }),
    );
    expect(ev.edge(A, ADMIN, 'access')).toBeUndefined();
  });
});

/** Pass-role and code-execution families: [technique, trusted service, actions, potential, needs a PassRole]. */
const SERVICE_FAMILIES: [string, string, string[], boolean, boolean][] = [
  ['iam:PassRole + ec2:RunInstances', 'ec2.amazonaws.com', ['ec2:RunInstances'], false, true],
  ['iam:PassRole + ec2:AssociateIamInstanceProfile', 'ec2.amazonaws.com', ['ec2:AssociateIamInstanceProfile'], true, true],
  [
    'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:InvokeFunction'],
    false,
    true,
  ],
  [
    'iam:PassRole + lambda:CreateFunction + dynamodb:CreateTable + lambda:CreateEventSourceMapping',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping', 'dynamodb:CreateTable', 'dynamodb:PutItem'],
    false,
    true,
  ],
  [
    'iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    true,
    true,
  ],
  ['lambda:UpdateFunctionCode', 'lambda.amazonaws.com', ['lambda:UpdateFunctionCode'], true, false],
  ['iam:PassRole + glue:CreateDevEndpoint', 'glue.amazonaws.com', ['glue:CreateDevEndpoint'], false, true],
  ['glue:UpdateDevEndpoint', 'glue.amazonaws.com', ['glue:UpdateDevEndpoint'], true, false],
  ['iam:PassRole + cloudformation:CreateStack', 'cloudformation.amazonaws.com', ['cloudformation:CreateStack'], false, true],
  ['cloudformation:UpdateStack', 'cloudformation.amazonaws.com', ['cloudformation:UpdateStack'], true, false],
  [
    'iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition',
    'datapipeline.amazonaws.com',
    ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'],
    false,
    true,
  ],
  [
    'iam:PassRole + codebuild:CreateProject + codebuild:StartBuild',
    'codebuild.amazonaws.com',
    ['codebuild:CreateProject', 'codebuild:StartBuild'],
    false,
    true,
  ],
  [
    'iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl',
    'sagemaker.amazonaws.com',
    ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
    false,
    true,
  ],
  ['iam:PassRole + sagemaker:CreateTrainingJob', 'sagemaker.amazonaws.com', ['sagemaker:CreateTrainingJob'], false, true],
  ['iam:PassRole + sagemaker:CreateProcessingJob', 'sagemaker.amazonaws.com', ['sagemaker:CreateProcessingJob'], false, true],
  ['sagemaker:CreatePresignedNotebookInstanceUrl', 'sagemaker.amazonaws.com', ['sagemaker:CreatePresignedNotebookInstanceUrl'], true, false],
  ['ssm:SendCommand', 'ec2.amazonaws.com', ['ssm:SendCommand'], true, false],
  ['ssm:StartSession', 'ec2.amazonaws.com', ['ssm:StartSession'], true, false],
  ['ec2-instance-connect:SendSSHPublicKey', 'ec2.amazonaws.com', ['ec2-instance-connect:SendSSHPublicKey'], true, false],
];

describe('running code as a role through a service', () => {
  const R = arn('role', 'runner');
  const runner = (service: string) => role('runner', trustService(service), { managed: [ADMIN_POLICY], instanceProfile: true });
  for (const [technique, service, actions, potential, passRole] of SERVICE_FAMILIES) {
    const grants = [...actions, ...(passRole ? ['iam:PassRole'] : [])];
    it(`${technique}: edge to a role trusted by ${service}${potential ? ' (potential)' : ''}`, () => {
      const ev = evaluate(details({ users: [user('attacker', { inline: [[allow(grants)]] })], roles: [runner(service)] }));
      expect(ev.techniques(A, R)).toContain(technique);
      const e = ev.edge(A, R)!;
      expect(e.props.escalation).toBe(true);
      if (potential)
        expect(ev.result.edges.some((x) => x.src === A && x.dst === R && (x.props.potential || x.props.alsoBy?.includes(technique)))).toBe(true);
      expect(ev.isAdmin(R)).toBe(true);
    });
    it(`${technique}: no edge when ${actions[0]} is denied in another policy`, () => {
      const ev = evaluate(details({ users: [user('attacker', { inline: [[allow(grants)], [deny(actions[0])]] })], roles: [runner(service)] }));
      expect(ev.techniques(A, R)).not.toContain(technique);
    });
    if (passRole) {
      it(`${technique}: no edge when PassRole is limited to another service`, () => {
        const cond = { StringEquals: { 'iam:PassedToService': 'batch.amazonaws.com' } };
        const ev = evaluate(
          details({ users: [user('attacker', { inline: [[allow(actions)], [allow('iam:PassRole', '*', cond)]] })], roles: [runner(service)] }),
        );
        expect(ev.techniques(A, R)).not.toContain(technique);
      });
    }
  }
  it('RunInstances needs an instance profile, or the right to make one', () => {
    const bare = role('runner', trustService('ec2.amazonaws.com'), { managed: [ADMIN_POLICY] });
    const without = evaluate(details({ users: [user('attacker', { inline: [[allow(['ec2:RunInstances', 'iam:PassRole'])]] })], roles: [bare] }));
    expect(without.edge(A, R)).toBeUndefined();
    const make = evaluate(
      details({
        users: [
          user('attacker', { inline: [[allow(['ec2:RunInstances', 'iam:PassRole', 'iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'])]] }),
        ],
        roles: [bare],
      }),
    );
    expect(make.edge(A, R)?.props.reason).toContain('after creating an instance profile');
  });
  it('PassRole constrained to another role: no edge to this one', () => {
    const ev = evaluate(
      details({
        users: [user('attacker', { inline: [[allow('ec2:RunInstances'), allow('iam:PassRole', arn('role', 'harmless'))]] })],
        roles: [runner('ec2.amazonaws.com')],
      }),
    );
    expect(ev.edge(A, R)).toBeUndefined();
  });
  it('chains: a role reached by escalation leads on to admin', () => {
    const ev = evaluate(
      details({
        users: [user('attacker', { inline: [[allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'iam:PassRole'])]] })],
        roles: [runner('lambda.amazonaws.com')],
      }),
    );
    expect(ev.edge(A, R)).toBeDefined();
    expect(ev.edge(R, ADMIN, 'access')).toBeDefined();
  });
});
