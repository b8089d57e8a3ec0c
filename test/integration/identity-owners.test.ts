// Owners from every source feeding orphaned-identity. An IAM user (get-account-authorization-details, as the AWS CLI
// writes it) carries an Owner tag naming an Entra user; the Entra audit log records that person being created and,
// later, disabled. While she is active nothing is raised; once disabled, orphaned-identity names each owner, the
// source that names it and its status.
import { describe, expect, it } from 'vitest';
import { TestCase } from '../helpers.ts';

const ACCOUNT = '111122223333';
const ALICE = { id: '3f2e1d0c-aaaa-4bbb-8ccc-0d1e2f3a4b5c', upn: 'alice.nguyen@contoso.example' };

function authorizationDetails(): string {
  return JSON.stringify({
    UserDetailList: [
      {
        Path: '/',
        UserName: 'svc-reporting',
        UserId: 'AIDAQEXAMPLE7REPORTS',
        Arn: `arn:aws:iam::${ACCOUNT}:user/svc-reporting`,
        CreateDate: '2023-01-10T10:00:00+00:00',
        GroupList: [],
        AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        Tags: [
          { Key: 'Owner', Value: ALICE.upn },
          { Key: 'team', Value: 'data-platform' },
          { Key: 'CostCenter', Value: 'cc-4410' },
        ],
      },
    ],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  });
}

function auditRecord(
  activity: 'Add user' | 'Update user',
  at: string,
  properties: { displayName: string; oldValue: string; newValue: string }[],
): string {
  return JSON.stringify({
    time: at,
    operationName: activity,
    category: 'AuditLogs',
    resultSignature: 'None',
    correlationId: `c-${activity}`,
    properties: {
      id: `Directory_${activity.replace(' ', '')}`,
      category: 'UserManagement',
      result: 'success',
      activityDisplayName: activity,
      activityDateTime: at,
      loggedByService: 'Core Directory',
      operationType: activity === 'Add user' ? 'Add' : 'Update',
      initiatedBy: { user: { id: '11aa22bb-3c4d-4e5f-8a9b-0c1d2e3f4a5b', userPrincipalName: 'it.admin@contoso.example', ipAddress: '10.20.0.15' } },
      targetResources: [{ id: ALICE.id, type: 'User', userPrincipalName: ALICE.upn, modifiedProperties: properties }],
    },
  });
}

const created = auditRecord('Add user', '2024-01-08T09:00:00Z', [
  { displayName: 'AccountEnabled', oldValue: '[]', newValue: '[true]' },
  { displayName: 'JobTitle', oldValue: '[]', newValue: '["Data Engineer"]' },
  { displayName: 'Department', oldValue: '[]', newValue: '["Data Platform"]' },
]);
const offboarded = auditRecord('Update user', '2024-05-31T17:30:00Z', [
  { displayName: 'AccountEnabled', oldValue: '[true]', newValue: '[false]' },
  { displayName: 'Included Updated Properties', oldValue: '', newValue: '"AccountEnabled"' },
]);

describe('owners from every source', () => {
  it('an IAM user whose Owner tag names an active person is not orphaned; once she is disabled it is, naming each owner', async () => {
    const t = await TestCase.create();
    await t.importText('authz.json', authorizationDetails());
    await t.importText('entra-audit-1.ndjson', `${created}\n`);
    const key = `arn:aws:iam::${ACCOUNT}:user/svc-reporting`;
    expect((await t.call('case.identities', {})).find((r) => r.id === key)).toMatchObject({ kind: 'service_account' });
    let run = await t.call('findings.run', { rules: ['orphaned-identity'], persist: false });
    expect((run.findings ?? []).filter((f) => f.subject === key)).toEqual([]);

    await t.importText('entra-audit-2.ndjson', `${offboarded}\n`);
    run = await t.call('findings.run', { rules: ['orphaned-identity'], persist: false });
    const [f] = (run.findings ?? []).filter((x) => x.subject === key);
    expect(f).toMatchObject({ severity: 'high' });
    expect(f.title).toMatch(
      /has no active owner: alice\.nguyen@contoso\.example \(tag Owner, disabled\), data-platform \(tag team, not in the inventory\)/,
    );
    expect(f.evidence).toContainEqual({
      type: 'fact',
      name: 'owners',
      value: [
        { owner: ALICE.upn, source: 'tag Owner', status: 'disabled' },
        { owner: 'data-platform', source: 'tag team', status: 'not-in-inventory' },
      ],
    });
    t.close();
  });

  it('a Kubernetes service account owned by a label, and one no pod uses with an owner annotation naming nobody known', async () => {
    const t = await TestCase.create();
    const sa = (name: string, metadata: Record<string, unknown>) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: 'billing', uid: `uid-${name}`, creationTimestamp: '2024-02-01T00:00:00Z', ...metadata },
    });
    await t.importText(
      'alice.csv',
      `id,name,kind,owner,environment,status\n${ALICE.upn},Alice Nguyen,human,,prod,active\nbob@contoso.example,Bob Stone,human,,prod,deleted\n`,
    );
    await t.importText(
      'sa.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          sa('invoice-exporter', { labels: { 'app.kubernetes.io/name': 'invoice-exporter', team: ALICE.upn } }),
          sa('legacy-sync', {
            annotations: { 'contoso.example/owner': 'bob@contoso.example', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
          }),
        ],
      }),
    );
    const run = await t.call('findings.run', { rules: ['orphaned-identity'], persist: false });
    const bySubject = new Map((run.findings ?? []).map((f) => [f.subject, f]));
    expect(bySubject.has('k8s:sa:billing:invoice-exporter')).toBe(false);
    const legacy = bySubject.get('k8s:sa:billing:legacy-sync')!;
    expect(legacy.title).toMatch(/is owned by bob@contoso\.example, who is deleted \(annotation contoso\.example\/owner\)/);
    t.close();
  });
});
