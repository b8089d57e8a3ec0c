// Service control policies from an Organizations file cap the authorization-details evaluation.
import { describe, expect, it } from 'vitest';
import { TestCase } from '../helpers.ts';
import { ACCT, ADMIN, ADMIN_POLICY, arn, details, user } from '../fixtures/aws-authz/build.ts';

function adminEdge(t: TestCase, who: string) {
  return t.db
    .prepare(
      `SELECT e.* FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE s.key = ? AND d.key = ? AND e.kind = 'access'`,
    )
    .get(who, ADMIN);
}

const scp = (name: string, content: object, targets?: object[]) => ({
  PolicySummary: {
    Id: `p-${name}`,
    Arn: `arn:aws:organizations::999999999999:policy/o-x/service_control_policy/p-${name}`,
    Name: name,
    Type: 'SERVICE_CONTROL_POLICY',
    AwsManaged: false,
  },
  Content: JSON.stringify(content),
  ...(targets ? { Targets: targets } : {}),
});

describe('AWS Organizations SCPs', () => {
  const guardrail = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' }] };

  it('a Deny guardrail SCP on the account removes admin-equivalence; the SCP file is recognised by content', async () => {
    const t = await TestCase.create();
    const r = await t.importText(
      'scps.json',
      JSON.stringify({
        Policies: [
          scp('FullAWSAccess', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, [
            { TargetId: 'r-abcd', Type: 'ROOT' },
          ]),
          scp('NoIam', guardrail, [{ TargetId: ACCT, Type: 'ACCOUNT' }]),
          { PolicySummary: { Name: 'tags', Type: 'TAG_POLICY' }, Content: '{}' },
        ],
      }),
    );
    expect(r).toMatchObject({ format: 'aws-organizations-scps', rows: 3, loaded: 2, rejected: 1 });
    await t.importText('export.json', JSON.stringify(details({ users: [user('boss', { managed: [ADMIN_POLICY] })] })));
    expect(adminEdge(t, arn('user', 'boss'))).toBeUndefined();
    t.close();
  });

  it('an SCP targeted at another account does not apply', async () => {
    const t = await TestCase.create();
    await t.importText('scp.json', JSON.stringify({ Policy: scp('NoIam', guardrail, [{ TargetId: '444455556666', Type: 'ACCOUNT' }]) }));
    await t.importText('export.json', JSON.stringify(details({ users: [user('boss', { managed: [ADMIN_POLICY] })] })));
    expect(adminEdge(t, arn('user', 'boss'))).toBeDefined();
    t.close();
  });
});
