// Record semantics of four importers: GitHub team and credential events, GCP workload identity federation and
// audit-config-only policies, Kubernetes audit events without apiVersion and RBAC bindings created through the API,
// and CloudTrail trust policies set by CreateRole / UpdateAssumeRolePolicy. Real public samples from
// ../shared/fixtures (skipped with a notice when absent) and small records written here; every expected value
// below was read off those records by hand.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, TestCase } from '../helpers.ts';

type Row = Record<string, any>;

function edges(t: TestCase, kind: string): Row[] {
  return (
    t.db
      .prepare(
        `SELECT s.key AS src, d.key AS dst, e.privilege, e.conditional, e.props, e.locator FROM edge e JOIN node s ON s.id = e.src
    JOIN node d ON d.id = e.dst WHERE e.kind = ? ORDER BY s.key, d.key`,
      )
      .all(kind) as Row[]
  ).map((e) => ({ ...e, props: e.props ? JSON.parse(e.props) : null }));
}
function node(t: TestCase, key: string): Row | undefined {
  const n = t.db.prepare('SELECT key, kind, subkind, name, status, created_at, props FROM node WHERE key = ?').get(key) as Row | undefined;
  return n && { ...n, props: n.props ? JSON.parse(n.props) : null };
}
function eventProps(t: TestCase): Row[] {
  return (t.db.prepare('SELECT props FROM auth_event ORDER BY id').pluck().all() as string[]).map((p) => JSON.parse(p));
}
const ndjson = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** A real sample, or null with a notice (the shared fixtures are not on every machine). */
function sample(rel: string): string | null {
  const file = path.join(SHARED_FIXTURES, rel);
  if (fs.existsSync(file)) return file;
  console.warn(`[record-semantics] ${file} is absent: skipping the checks on this real sample`);
  return null;
}

describe('github-audit: teams and credentials', () => {
  it('reads team membership and team repository access from data.team in the Elastic organisation sample', async (ctx) => {
    const file = sample('github/elastic-github-organisation-audit.first52lines.ndjson');
    if (!file) return ctx.skip();
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [file] });
    expect(sources[0]).toMatchObject({ format: 'github-audit', rows: 52, loaded: 52, rejected: 0 });
    // Lines 18–48: team.add_member of github-user to Example-Org/authors (7×) and Example-Org/admins (3×).
    expect(edges(t, 'member_of').map((e) => [e.src, e.dst])).toEqual([
      ['github:user:github-user', 'github:team:example-org/admins'],
      ['github:user:github-user', 'github:team:example-org/authors'],
    ]);
    // Lines 32 and 38: team.add_repository of repo-123 for authors and admins, no permission in the entry.
    const teamAccess = edges(t, 'access').filter((e) => e.src.startsWith('github:team:'));
    expect(teamAccess.map((e) => [e.src, e.dst, e.privilege, e.props.permissionUnknown])).toEqual([
      ['github:team:example-org/admins', 'github:repo:example-org/repo-123', 1, true],
      ['github:team:example-org/authors', 'github:repo:example-org/repo-123', 1, true],
    ]);
    expect(teamAccess.map((e) => e.locator)).toEqual(['line 38', 'line 32']);
    expect(node(t, 'github:team:example-org/authors')).toMatchObject({ kind: 'group', name: 'Example-Org/authors' });
    t.close();
  });

  it('ties the Sentinel sample tokens to their owner, grants the all-repositories token its organisation, and resolves deletions by name and time', async (ctx) => {
    const file = sample('github/sentinel-github-audit.ndjson');
    if (!file) return ctx.skip();
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [file] });
    expect(sources[0]).toMatchObject({ format: 'github-audit', rows: 63, loaded: 63, rejected: 0 });
    // Six personal_access_token.create and two oauth_access.* entries carry six plus two distinct hashed tokens.
    expect(edges(t, 'has_credential').length).toBe(8);
    expect(edges(t, 'has_credential').every((e) => e.src === 'github:user:siteshjha11')).toBe(true);
    // Line 24 ("vvvv"): repository_selection "all" on org x-sentinellabs; the other creates say "none".
    const tokenGrants = edges(t, 'access').filter((e) => e.src.startsWith('github:token:'));
    expect(tokenGrants.map((e) => [e.src, e.dst, e.privilege, e.props.permissionsUnknown])).toEqual([
      ['github:token:0g/WjhjFYk/EQfWQ3q4J3/WBTdi8Wqd1oxjbImGMoZ4=', 'github:org:x-sentinellabs', 1, true],
    ]);
    // "azlabtoken" was created twice (AVG4… at 14:54:55, KjZa… at 15:01:39); destroyed at 15:00:45, between the two.
    expect(node(t, 'github:token:AVG4qMvzVHb/VsXM5JBzl1V6uu+hjxBIXl6qXtNLlGU=')).toMatchObject({
      status: 'deleted',
      created_at: '2024-03-24T14:54:55.364Z',
    });
    expect(node(t, 'github:token:AVG4qMvzVHb/VsXM5JBzl1V6uu+hjxBIXl6qXtNLlGU=')!.props).toMatchObject({
      deleted_at: '2024-03-24T15:00:45.930Z',
      access_granted_at: '2024-03-24T14:54:55.294Z',
    });
    expect(node(t, 'github:token:KjZa/GOlvFtvgzAfpJVdPNhNKFc4Lxt2otCHw9fp3Po=')!.status).toBeNull();
    // "x-sentinellabs": gtXo… (10:51) destroyed at 11:05:29; Gs2P… created after that (11:06) stays.
    expect(node(t, 'github:token:gtXo9Hkf9zKFh7n7m7e4Kxzlle5FFBHm9f7bYWNU6DA=')!.status).toBe('deleted');
    expect(node(t, 'github:token:Gs2PET9Me/mHzUQ5NCJyFQqsEcgxDXDr7zbNTAUTOfQ=')!.status).toBeNull();
    // oauth_access.regenerate (line 40) rotated the token created a few milliseconds earlier (line 42).
    expect(node(t, 'github:token:oO87EZ2kLq0AcTXOS4TTjqABuMcOK66xV+5/H7/S7bg=')!.props).toMatchObject({
      type: 'OAuth access token',
      last_rotated_at: '2024-03-12T09:30:18.466Z',
    });
    t.close();
  });

  it('records team permissions, deploy keys, OAuth authorisations and app installations where the entries say so', async () => {
    const t = await TestCase.create();
    const base = { actor: 'octo-admin', actor_id: 1001, org: 'acme', org_id: 42 };
    await t.importText(
      'github.ndjson',
      ndjson(
        {
          ...base,
          '@timestamp': 1717000000000,
          action: 'team.add_repository',
          data: { team: 'platform', permission: 'maintain' },
          repo: 'acme/payments',
        },
        {
          ...base,
          '@timestamp': 1717000001000,
          action: 'team.update_repository_permission',
          team: 'acme/sre',
          permission: 'constructor',
          repo: 'acme/payments',
        },
        {
          ...base,
          '@timestamp': 1717000002000,
          action: 'deploy_key.create',
          repo: 'acme/payments',
          fingerprint: 'SHA256:abc',
          title: 'ci',
          read_only: false,
        },
        { ...base, '@timestamp': 1717000003000, action: 'deploy_key.create', repo: 'acme/docs', fingerprint: 'SHA256:def', read_only: 'true' },
        { ...base, '@timestamp': 1717000004000, action: 'deploy_key.destroy', repo: 'acme/docs', fingerprint: 'SHA256:def' },
        { ...base, '@timestamp': 1717000005000, action: 'oauth_authorization.create', oauth_application: 'Shady CI', scopes: 'repo,admin:org' },
        { ...base, '@timestamp': 1717000006000, action: 'oauth_authorization.create' },
        { ...base, '@timestamp': 1717000007000, action: 'integration_installation.create', integration: 'Renovate', repository_selection: 'all' },
        // A fine-grained token approved for the org 200 ms before the create that carries its hash, with a permissions map.
        {
          ...base,
          '@timestamp': 1717000008000,
          action: 'personal_access_token.access_granted',
          user_programmatic_access_name: 'deployer',
          repository_selection: 'all',
        },
        {
          ...base,
          '@timestamp': 1717000008200,
          action: 'personal_access_token.create',
          hashed_token: 'HASH1=',
          user_programmatic_access_name: 'deployer',
          programmatic_access_type: 'Fine-grained personal access token',
          repository_selection: 'all',
          permissions: { contents: 'write', __proto__: 'admin' },
        },
        // Deleted by name only, and no token of that name in this file: a node per owner and name.
        { ...base, '@timestamp': 1717000009000, action: 'personal_access_token.destroy', user_programmatic_access_name: 'old-token' },
      ),
    );
    const access = edges(t, 'access').map((e) => [e.src, e.dst, e.privilege]);
    expect(access).toEqual([
      ['github:app:renovate', 'github:org:acme', 1],
      ['github:deploy_key:acme/docs:SHA256:def', 'github:repo:acme/docs', 1],
      ['github:deploy_key:acme/payments:SHA256:abc', 'github:repo:acme/payments', 2],
      // A bare team slug belongs to the entry's org; "maintain" is write; an unknown permission name is read.
      ['github:team:acme/platform', 'github:repo:acme/payments', 2],
      ['github:team:acme/sre', 'github:repo:acme/payments', 1],
      // Created with repository_selection "all" and contents: write; the approval's grant merges into the same edge.
      ['github:token:HASH1=', 'github:org:acme', 2],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A deploy key is held by whoever added it but does not act as them.
    expect(edges(t, 'has_credential').map((e) => [e.src, e.dst])).toEqual([
      ['github:user:octo-admin', 'github:deploy_key:acme/docs:SHA256:def'],
      ['github:user:octo-admin', 'github:deploy_key:acme/payments:SHA256:abc'],
      ['github:user:octo-admin', 'github:oauth_authorization:octo-admin:shady ci'],
      ['github:user:octo-admin', 'github:pat:octo-admin/old-token'],
      ['github:user:octo-admin', 'github:token:HASH1='],
    ]);
    expect(edges(t, 'authenticates').map((e) => e.src)).toEqual([
      'github:oauth_authorization:octo-admin:shady ci',
      'github:pat:octo-admin/old-token',
      'github:token:HASH1=',
    ]);
    expect(node(t, 'github:deploy_key:acme/docs:SHA256:def')).toMatchObject({ subkind: 'ssh_key', status: 'deleted' });
    // The authorised app holds a token that acts as the user; the entry without an app name adds nothing.
    expect(edges(t, 'can_assume').map((e) => [e.src, e.dst, e.props.scopes])).toEqual([
      ['github:app:shady-ci', 'github:user:octo-admin', 'repo,admin:org'],
    ]);
    expect(node(t, 'github:token:HASH1=')!.props).toMatchObject({ access_granted_at: '2024-05-29T16:26:48.000Z' });
    expect(node(t, 'github:pat:octo-admin/old-token')).toMatchObject({ kind: 'credential', status: 'deleted' });
    t.close();
  });
});

describe('gcp-audit: workload identity federation', () => {
  const WIF = 'gcp:principal:iam.googleapis.com/projects/project-id/locations/global/workloadIdentityPools/...';
  const SA = 'gcp:sa:made-up-ci-account@project-id.iam.gserviceaccount.com';

  for (const name of ['elastic-gcp-audit-cloudresourcemanager.ndjson', 'elastic-gcp-audit-iamcredentials.ndjson']) {
    it(`${name}: the federated principal can_assume the service account it acted as`, async (ctx) => {
      const file = sample(`gcp/${name}`);
      if (!file) return ctx.skip();
      const t = await TestCase.create();
      const { sources } = await t.call('import.files', { paths: [file] });
      expect(sources[0]).toMatchObject({ format: 'gcp-audit', rows: 1, loaded: 1, rejected: 0 });
      // cloudresourcemanager: serviceAccountDelegationInfo[0].principalSubject, caller made-up-ci-account (principalEmail).
      // iamcredentials: the caller is the principalSubject, GenerateAccessToken for made-up-ci-account.
      expect(edges(t, 'can_assume').map((e) => [e.src, e.dst, e.props.via])).toEqual([[WIF, SA, 'workload identity federation']]);
      expect(node(t, WIF)).toMatchObject({ kind: 'identity', subkind: 'workload', props: { external: true } });
      t.close();
    });
  }

  it('a failed call through a federated principal makes no edge; firstPartyPrincipal chains are unchanged', async () => {
    const t = await TestCase.create();
    const entry = (status: unknown, info: unknown[]) => ({
      timestamp: '2024-11-19T13:12:20Z',
      logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        serviceName: 'storage.googleapis.com',
        methodName: 'storage.objects.get',
        authenticationInfo: { principalEmail: 'runner@p.iam.gserviceaccount.com', serviceAccountDelegationInfo: info },
        status,
      },
    });
    const source = await t.importText(
      'audit.ndjson',
      ndjson(
        entry({ code: 7 }, [
          { principalSubject: 'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/subject/repo:acme/x' },
        ]),
        entry({}, [{ firstPartyPrincipal: { principalEmail: 'alice@example.com' } }]),
      ),
    );
    expect(source).toMatchObject({ format: 'gcp-audit', rows: 2, loaded: 2, rejected: 0 });
    expect(edges(t, 'can_assume').map((e) => [e.src, e.dst, e.props.via ?? null])).toEqual([
      ['gcp:user:alice@example.com', 'gcp:sa:runner@p.iam.gserviceaccount.com', null],
    ]);
    // The federated principal is still a node (the failed event names it as the delegator), marked external.
    expect(node(t, 'gcp:principal:iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/subject/repo:acme/x')!.props).toEqual({
      external: true,
    });
    t.close();
  });
});

describe('gcp-iam-policy: audit configs only', () => {
  const auditOnly = {
    name: '//cloudresourcemanager.googleapis.com/projects/123',
    assetType: 'cloudresourcemanager.googleapis.com/Project',
    iamPolicy: { auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'DATA_READ' }, { logType: 'ADMIN_READ' }] }], etag: 'BwX=' },
  };

  it('recognises an export of audit configs only and loads nothing from it, without an error', async () => {
    const t = await TestCase.create();
    const snake = {
      name: '//cloudresourcemanager.googleapis.com/folders/9',
      asset_type: 'cloudresourcemanager.googleapis.com/Folder',
      iam_policy: { audit_configs: [{ service: 'storage.googleapis.com', audit_log_configs: [{ log_type: 'DATA_WRITE' }] }] },
    };
    const source = await t.importText('audit-configs.ndjson', ndjson(auditOnly, snake));
    expect(source).toMatchObject({ format: 'gcp-iam-policy', rows: 0, loaded: 0, rejected: 0 });
    expect(t.db.prepare('SELECT count(*) FROM edge').pluck().get()).toBe(0);
    t.close();
  });

  it('leaves audit-config records out of a mixed export; a record with neither is still a reject', async () => {
    const t = await TestCase.create();
    const bound = {
      name: '//storage.googleapis.com/b1',
      assetType: 'storage.googleapis.com/Bucket',
      iamPolicy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['user:bob@example.com'] }] },
    };
    const neither = { name: '//storage.googleapis.com/b2', assetType: 'storage.googleapis.com/Bucket', iamPolicy: { etag: 'x' } };
    const source = await t.importText('mixed.ndjson', ndjson(bound, auditOnly, neither));
    expect(source).toMatchObject({ format: 'gcp-iam-policy', rows: 2, loaded: 1, rejected: 1 });
    expect(edges(t, 'access').map((e) => [e.src, e.dst, e.privilege])).toEqual([['gcp:user:bob@example.com', '//storage.googleapis.com/b1', 1]]);
    t.close();
  });
});

describe('k8s-audit: events without apiVersion and bindings created through the API', () => {
  const binding = (over: Row = {}) => ({
    kind: 'Event',
    level: 'RequestResponse',
    auditID: 'a-1',
    stage: 'ResponseComplete',
    verb: 'create',
    requestURI: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
    user: { username: 'mallory@example.com', groups: ['system:authenticated'] },
    sourceIPs: ['203.0.113.9'],
    userAgent: 'kubectl/v1.29.0',
    objectRef: { resource: 'clusterrolebindings', name: 'backdoor', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 201 },
    requestObject: {
      kind: 'ClusterRoleBinding',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'backdoor' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [
        { kind: 'ServiceAccount', name: 'helper', namespace: 'kube-system' },
        { kind: 'User', name: 'mallory@example.com' },
      ],
    },
    requestReceivedTimestamp: '2025-03-04T06:22:18.819Z',
    stageTimestamp: '2025-03-04T06:22:18.822Z',
    ...over,
  });

  it('detects and loads audit events captured without apiVersion; a create of a binding is an observed has_role', async () => {
    const t = await TestCase.create();
    const roleBinding = binding({
      auditID: 'a-2',
      requestURI: '/apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings',
      stageTimestamp: '2025-03-04T07:00:00Z',
      objectRef: { resource: 'rolebindings', namespace: 'shop', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' },
      requestObject: {
        kind: 'RoleBinding',
        metadata: { name: 'dev-edit', namespace: 'shop' },
        roleRef: { kind: 'ClusterRole', name: 'edit' },
        subjects: [{ kind: 'Group', name: 'devs' }],
      },
    });
    const source = await t.importText(
      'bare.ndjson',
      ndjson(
        { ...binding(), stage: 'RequestReceived', responseStatus: undefined }, // the same request before the answer: not a grant yet
        binding(),
        roleBinding,
        binding({
          auditID: 'a-3',
          responseStatus: { code: 403 },
          requestObject: { ...binding().requestObject, metadata: { name: 'denied' }, subjects: [{ kind: 'User', name: 'eve' }] },
        }),
        // A ClusterRoleBinding to a Role: the API server would refuse it; the event stays, the grant does not.
        binding({
          auditID: 'a-4',
          requestObject: {
            kind: 'ClusterRoleBinding',
            metadata: { name: 'odd' },
            roleRef: { kind: 'Role', name: 'x' },
            subjects: [{ kind: 'User', name: 'zed' }],
          },
        }),
      ),
    );
    expect(source).toMatchObject({ format: 'k8s-audit', rows: 5, loaded: 5, rejected: 0 });
    const hasRole = edges(t, 'has_role');
    expect(hasRole.map((e) => [e.src, e.dst, e.locator])).toEqual([
      ['k8s:group:devs', 'k8s:clusterrole:edit@shop', 'line 3'],
      ['k8s:sa:kube-system:helper', 'k8s:clusterrole:cluster-admin', 'line 2'],
      ['k8s:user:mallory@example.com', 'k8s:clusterrole:cluster-admin', 'line 2'],
    ]);
    expect(hasRole[1].props).toEqual({ binding: 'backdoor', observed: 'k8s audit: create clusterrolebindings', auditID: 'a-1' });
    expect(hasRole[0].props).toMatchObject({ binding: 'shop/dev-edit', auditID: 'a-2' });
    // The built-in cluster-admin brings its rules, as for a listed binding; edit bound in shop is scoped to shop.
    expect(edges(t, 'access').map((e) => [e.src, e.dst, e.privilege])).toContainEqual(['k8s:clusterrole:cluster-admin', 'k8s:cluster', 3]);
    expect(
      edges(t, 'access')
        .filter((e) => e.src === 'k8s:clusterrole:edit@shop')
        .map((e) => e.dst),
    ).not.toContain('k8s:cluster');
    const props = eventProps(t);
    expect(props.map((p) => p.grant ?? p.grantError ?? null)).toEqual([
      null,
      'ClusterRoleBinding backdoor',
      'RoleBinding shop/dev-edit',
      null,
      'ClusterRoleBinding odd references Role x: a ClusterRoleBinding can only reference a ClusterRole (the API server rejects it), so it grants nothing',
    ]);
    t.close();
  });

  it('reads the binding from a GKE entry (protoPayload.request); a core/v1 Event is not an audit event', async () => {
    const t = await TestCase.create();
    const gke = {
      timestamp: '2025-07-13T08:38:39Z',
      insertId: 'g-1',
      logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
      resource: { type: 'k8s_cluster', labels: { cluster_name: 'prod' } },
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        serviceName: 'k8s.io',
        status: { code: 0 },
        methodName: 'io.k8s.authorization.rbac.v1.clusterrolebindings.create',
        resourceName: 'rbac.authorization.k8s.io/v1/clusterrolebindings/ops-view',
        authenticationInfo: { principalEmail: 'ops@example.com' },
        request: {
          '@type': 'rbac.authorization.k8s.io/v1.ClusterRoleBinding',
          metadata: { name: 'ops-view' },
          roleRef: { kind: 'ClusterRole', name: 'view' },
          subjects: [{ kind: 'User', name: 'ops@example.com' }],
        },
      },
    };
    const source = await t.importText('gke.ndjson', ndjson(gke));
    expect(source).toMatchObject({ format: 'k8s-audit', rows: 1, loaded: 1 });
    expect(edges(t, 'has_role').map((e) => [e.src, e.dst, e.props.insertId])).toEqual([['k8s:user:ops@example.com', 'k8s:clusterrole:view', 'g-1']]);
    const coreEvent = {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name: 'x.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'x' },
      reason: 'Pulled',
      message: 'image pulled',
      verb: 'create',
      stage: 'x',
      auditID: 'not-audit',
      user: {},
    };
    await expect(t.importText('core-events.ndjson', ndjson(coreEvent))).rejects.toThrow(/unrecognised|not recognised/i);
    t.close();
  });

  it('the real Elastic sample (native, GKE and AKS shapes) loads every event and grants nothing', async (ctx) => {
    const file = sample('k8s/elastic-k8s-audit.ndjson');
    if (!file) return ctx.skip();
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [file] });
    expect(sources[0]).toMatchObject({ format: 'k8s-audit', rows: 5, loaded: 5, rejected: 0 });
    expect(t.db.prepare('SELECT count(*) FROM auth_event').pluck().get()).toBe(5);
    expect(t.db.prepare('SELECT count(*) FROM edge').pluck().get()).toBe(0);
    t.close();
  });
});

describe('cloudtrail: trust policies and permissions boundaries', () => {
  const A = '111122223333';
  const trail = (eventName: string, eventTime: string, requestParameters: Row, responseElements: Row | null = null) => ({
    eventVersion: '1.09',
    eventSource: 'iam.amazonaws.com',
    eventName,
    eventTime,
    awsRegion: 'us-east-1',
    recipientAccountId: A,
    eventID: `${eventName}-${eventTime}`,
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${A}:user/admin`, accountId: A, principalId: 'AIDAEXAMPLEADMIN0001', userName: 'admin' },
    requestParameters,
    responseElements,
  });
  const ROLE = `arn:aws:iam::${A}:role/deploy`;
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:user/ci`, 'arn:aws:iam::444455556666:role/partner', A] }, Action: 'sts:AssumeRole' },
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } },
      },
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::777788889999:root' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::777788889999:root' }, Action: 'sts:AssumeRole' },
    ],
  };
  const createRole = trail(
    'CreateRole',
    '2024-06-01T10:00:00Z',
    {
      roleName: 'deploy',
      assumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
      permissionsBoundary: `arn:aws:iam::${A}:policy/boundary`,
    },
    {
      role: {
        arn: ROLE,
        roleId: 'AROAEXAMPLEDEPLOY001',
        roleName: 'deploy',
        path: '/',
        permissionsBoundary: { permissionsBoundaryType: 'Policy', permissionsBoundaryArn: `arn:aws:iam::${A}:policy/boundary` },
      },
    },
  );

  it('CreateRole: can_assume from each trusted principal, external nodes for other accounts and providers, the boundary as a prop', async () => {
    const t = await TestCase.create();
    const source = await t.importText('create-role.ndjson', ndjson(createRole));
    expect(source).toMatchObject({ format: 'cloudtrail', rows: 1, loaded: 1, rejected: 0 });
    const assume = edges(t, 'can_assume');
    expect(assume.map((e) => [e.src, e.dst, e.conditional, e.props.technique])).toEqual([
      [`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`, ROLE, 1, 'sts:AssumeRoleWithWebIdentity'],
      // The own account (named by its id): any of its principals whose policies allow it; its root certainly.
      [`arn:aws:iam::${A}:root`, ROLE, 0, 'sts:AssumeRole'],
      [`arn:aws:iam::${A}:user/ci`, ROLE, 0, 'sts:AssumeRole'],
      ['arn:aws:iam::444455556666:role/partner', ROLE, 0, 'sts:AssumeRole'],
      // 777788889999 is allowed and then denied without a condition: no edge.
    ]);
    expect(assume.every((e) => e.locator === 'line 1' && e.props.trust_set_by === 'CreateRole')).toBe(true);
    expect(assume[0].props.conditions[0]).toContain('token.actions.githubusercontent.com:sub');
    expect(node(t, 'arn:aws:iam::444455556666:role/partner')).toMatchObject({ kind: 'role', props: { external: true } });
    expect(node(t, `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`)).toMatchObject({
      subkind: 'federated',
      props: { external: true },
    });
    expect(node(t, `arn:aws:iam::${A}:user/ci`)!.props?.external).toBeUndefined();
    const role = node(t, ROLE)!;
    expect(role).toMatchObject({ status: 'active', created_at: '2024-06-01T10:00:00.000Z' });
    expect(role.props).toMatchObject({
      permissions_boundary: `arn:aws:iam::${A}:policy/boundary`,
      trusted_services: ['lambda.amazonaws.com'],
      trust_policy: { set_by: 'CreateRole', set_at: '2024-06-01T10:00:00.000Z', locator: 'line 1' },
    });
    expect(JSON.parse(role.props.trust_policy.document)).toEqual(trust);
    // A boundary is a ceiling, not a grant: no edge to it, and the event names it as a boundary, not a policy.
    expect(t.db.prepare(`SELECT count(*) FROM edge e JOIN node d ON d.id = e.dst WHERE d.key LIKE '%:policy/boundary'`).pluck().get()).toBe(0);
    expect(eventProps(t)[0]).toMatchObject({ change: 'role_created', boundary: `arn:aws:iam::${A}:policy/boundary` });
    expect(eventProps(t)[0].policy).toBeUndefined();
    t.close();
  });

  it('UpdateAssumeRolePolicy replaces the trust: new edges, and the earlier trust edges it no longer names become conditional', async () => {
    const t = await TestCase.create();
    await t.importText('create-role.ndjson', ndjson(createRole));
    const backdoor = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/ci` }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999900001111:root' }, Action: 'sts:AssumeRole' },
      ],
    };
    await t.importText(
      'update.ndjson',
      ndjson(trail('UpdateAssumeRolePolicy', '2024-06-02T09:00:00Z', { roleName: 'deploy', policyDocument: JSON.stringify(backdoor) })),
    );
    const assume = new Map(edges(t, 'can_assume').map((e) => [e.src, e]));
    expect(assume.get('arn:aws:iam::999900001111:root')).toMatchObject({
      conditional: 0,
      props: { trust_set_by: 'UpdateAssumeRolePolicy', trust_set_at: '2024-06-02T09:00:00.000Z' },
    });
    expect(node(t, 'arn:aws:iam::999900001111:root')).toMatchObject({ name: 'root of external account 999900001111', props: { external: true } });
    // Still named: unconditional, now from the new document.
    expect(assume.get(`arn:aws:iam::${A}:user/ci`)).toMatchObject({ conditional: 0, props: { trust_set_by: 'UpdateAssumeRolePolicy' } });
    // No longer named: kept as conditional evidence, with why.
    const partner = assume.get('arn:aws:iam::444455556666:role/partner')!;
    expect(partner.conditional).toBe(1);
    expect(partner.props.superseded).toEqual({ by: 'UpdateAssumeRolePolicy', at: '2024-06-02T09:00:00.000Z', locator: 'line 1' });
    expect(partner.props.conditions.at(-1)).toMatch(/replaced by UpdateAssumeRolePolicy/);
    expect(node(t, ROLE)!.props).toMatchObject({
      trusted_principals: [`arn:aws:iam::${A}:user/ci`, 'arn:aws:iam::999900001111:root'],
      trusted_services: [],
    });
    t.close();
  });

  it('in one file the latest document wins whatever the record order; an unreadable one is noted on the role', async () => {
    const t = await TestCase.create();
    const update = trail('UpdateAssumeRolePolicy', '2024-06-03T00:00:00Z', {
      roleName: 'deploy',
      policyDocument: JSON.stringify({ Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999900001111:root' }, Action: 'sts:*' } }),
    });
    await t.importText('both.ndjson', ndjson(update, createRole));
    expect(edges(t, 'can_assume').map((e) => e.src)).toEqual(['arn:aws:iam::999900001111:root']);
    expect(node(t, ROLE)!.props).toMatchObject({
      permissions_boundary: `arn:aws:iam::${A}:policy/boundary`,
      trust_policy: { set_by: 'UpdateAssumeRolePolicy', locator: 'line 1' },
    });
    await t.importText(
      'broken.ndjson',
      ndjson(trail('UpdateAssumeRolePolicy', '2024-06-04T00:00:00Z', { roleName: 'deploy', policyDocument: '{"Statement": [' })),
    );
    expect(node(t, ROLE)!.props.trust_policy).toMatchObject({ set_at: '2024-06-04T00:00:00.000Z', error: 'the policy document is not valid JSON' });
    t.close();
  });

  it('the Stratus backdoor-role sample: the external account 193672423079 can assume the role', async (ctx) => {
    const file = sample('aws/cloudtrail/stratus-aws.persistence.iam-backdoor-role.json');
    if (!file) return ctx.skip();
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [file] });
    expect(sources[0]).toMatchObject({ format: 'cloudtrail', rows: 1, loaded: 1, rejected: 0 });
    const role = 'arn:aws:iam::751203476945:role/stratus-red-team-backdoor-r-role';
    expect(edges(t, 'can_assume').map((e) => [e.src, e.dst, e.conditional])).toEqual([['arn:aws:iam::193672423079:root', role, 0]]);
    expect(node(t, 'arn:aws:iam::193672423079:root')!.props).toEqual({ provider: 'aws', external: true });
    expect(node(t, role)!.props).toMatchObject({ trusted_services: ['ec2.amazonaws.com'], trusted_principals: ['arn:aws:iam::193672423079:root'] });
    t.close();
  });
});
