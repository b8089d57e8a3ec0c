// Kubernetes objects and audit events: RBAC validated and turned into reach, pods run as their service accounts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'k8s');

function edges(t: TestCase, kind: string) {
  return t.db
    .prepare(
      `SELECT s.key AS src, d.key AS dst, e.privilege, e.conditional FROM edge e JOIN node s ON s.id = e.src
    JOIN node d ON d.id = e.dst WHERE e.kind = ? ORDER BY s.key, d.key`,
    )
    .all(kind) as Record<string, any>[];
}
function events(t: TestCase) {
  return t.db
    .prepare(
      `SELECT e.ts, a.value AS action, i.key AS identity, tg.key AS target, tt.value AS targetText, COALESCE(address_text(e.ip), ip.value) AS ip, e.outcome
    FROM auth_event e LEFT JOIN term a ON a.id = e.action LEFT JOIN node i ON i.id = e.identity LEFT JOIN node tg ON tg.id = e.target
    LEFT JOIN term tt ON tt.id = e.target_term LEFT JOIN term ip ON ip.id = e.ip ORDER BY e.ts`,
    )
    .all() as Record<string, any>[];
}

describe('k8s-objects', () => {
  it('validates bindings, scopes ClusterRoles bound in a namespace, and links pods, tokens and workload identity', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'rbac-list.json')] });
    expect(sources[0]).toMatchObject({ format: 'k8s-objects', rows: 9, loaded: 7, rejected: 2 });
    expect(t.db.prepare('SELECT locator, reason FROM reject ORDER BY id').all()).toEqual([
      { locator: 'items[5]', reason: 'binding broken-subject: ServiceAccount subject no-namespace without a namespace' },
      {
        locator: 'items[8]',
        reason: 'unsupported kind "Deployment" (reads ServiceAccount, Role, ClusterRole, RoleBinding, ClusterRoleBinding, Pod, Secret, Namespace)',
      },
    ]);
    const hasRole = edges(t, 'has_role').map((e) => [e.src, e.dst]);
    expect(hasRole).toEqual([
      ['k8s:group:system:authenticated', 'k8s:clusterrole:cluster-admin'],
      ['k8s:sa:payments:billing', 'k8s:clusterrole:secret-reader@payments'],
      ['k8s:user:dana@acme.example', 'k8s:clusterrole:edit@payments'],
    ]);
    const access = edges(t, 'access').map((e) => [e.src, e.dst, e.privilege]);
    // The RoleBinding came before the ClusterRole in the file: the namespaced copy still gets its rules, scoped.
    expect(access).toContainEqual(['k8s:clusterrole:secret-reader@payments', 'k8s:secrets:payments', 1]);
    expect(access).toContainEqual(['k8s:clusterrole:secret-reader', 'k8s:secrets:*', 1]);
    expect(access).toContainEqual(['k8s:clusterrole:cluster-admin', 'k8s:cluster', 3]);
    expect(access).toContainEqual(['k8s:clusterrole:edit@payments', 'k8s:ns:payments', 2]);
    expect(access.filter((a) => a[0] === 'k8s:clusterrole:edit@payments').map((a) => a[1])).not.toContain('k8s:cluster');
    expect(JSON.parse(t.db.prepare(`SELECT props FROM node WHERE key = 'k8s:group:system:authenticated'`).pluck().get() as string)).toEqual({
      public: true,
    });
    expect(edges(t, 'runs_as').map((e) => [e.src, e.dst])).toEqual([
      ['k8s:ns:payments', 'k8s:sa:payments:billing'],
      ['k8s:pod:payments:billing-7d9f', 'k8s:sa:payments:billing'],
    ]);
    expect(edges(t, 'stores').map((e) => [e.src, e.dst])).toEqual([['k8s:secrets:payments', 'k8s:secret:payments:billing-token']]);
    expect(edges(t, 'can_assume').map((e) => [e.src, e.dst])).toEqual([
      ['k8s:sa:payments:billing', 'gcp:sa:billing@acme-prod.iam.gserviceaccount.com'],
    ]);
    expect(
      t.db
        .prepare(`SELECT n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = 'system:serviceaccount:payments:billing'`)
        .pluck()
        .get(),
    ).toBe('k8s:sa:payments:billing');
    t.close();
  });

  it('reads typed lists whose items omit kind; a pod without a mounted token runs as its account conditionally', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'pods-typed.json')] });
    expect(sources[0]).toMatchObject({ format: 'k8s-objects', rows: 1, loaded: 1, rejected: 0 });
    expect(edges(t, 'runs_as').find((e) => e.src === 'k8s:pod:shop:web-0')).toMatchObject({ dst: 'k8s:sa:shop:default', conditional: 1 });
    t.close();
  });
});

describe('k8s-audit', () => {
  it('reads native events: secrets reads target the secret store, impersonation is can_assume, 403 is a failure', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'audit-native.ndjson')] });
    expect(sources[0]).toMatchObject({ format: 'k8s-audit', rows: 4, loaded: 3, rejected: 1 });
    const ev = events(t);
    expect(ev.map((e) => [e.action, e.identity, e.outcome])).toEqual([
      ['k8s:get secrets', 'k8s:sa:payments:billing', 1],
      ['k8s:list pods', 'k8s:user:dana@acme.example', 1],
      ['k8s:create pods/exec', 'k8s:user:dana@acme.example', 0],
    ]);
    expect(ev[0]).toMatchObject({ target: 'k8s:secrets:payments', ip: '10.4.0.12' });
    expect(ev[2].targetText).toBe('k8s:pod:payments:billing-7d9f');
    expect(edges(t, 'can_assume').map((e) => [e.src, e.dst])).toEqual([['k8s:user:dana@acme.example', 'k8s:sa:kube-system:admin-bot']]);
    t.close();
  });

  it('reads AKS diagnostics (event inside properties.log) and GKE entries', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'audit-aks.json'), path.join(DIR, 'audit-gke.ndjson')] });
    expect(sources.map((s) => [s.format, s.loaded, s.rejected])).toEqual([
      ['k8s-audit', 1, 0],
      ['k8s-audit', 1, 0],
    ]);
    expect(edges(t, 'can_assume').map((e) => [e.src, e.dst])).toEqual([['k8s:user:masterclient', 'k8s:sa:payments:billing']]);
    const gke = events(t).find((e) => e.identity === 'gcp:user:erin@acme.example')!;
    expect(gke).toMatchObject({ action: 'k8s:get secrets', target: 'k8s:secrets:payments', ip: '192.0.2.77', outcome: 1 });
    t.close();
  });
});
