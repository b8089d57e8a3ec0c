// What RBAC rules let a role do, as access edges on systems (documented in docs/identity-resolution.md):
// verbs `*`, escalate, bind, impersonate → admin; create/update/patch/delete/deletecollection → write;
// get/list/watch and the rest → read. Rules on `secrets` (or `*`) give that privilege on the namespace's secret
// store; every resource rule gives it on the namespace (or the cluster, for a cluster-wide grant).
// Built-in ClusterRoles (cluster-admin, admin, edit, view) are known even when the export leaves them out.
import { CLUSTER, nsKey, secretsKey } from './k8s-names.ts';
import { list, rec, str } from '../entra/json-log.ts';

export interface RuleGrant {
  key: string;
  subkind: 'cluster' | 'secret_store';
  name: string;
  privilege: 1 | 2 | 3;
}

export const BUILTIN_CLUSTER_ROLES: Record<string, unknown[]> = {
  'cluster-admin': [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  admin: [{ apiGroups: ['*'], resources: ['*'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch', 'bind', 'escalate'] }],
  edit: [{ apiGroups: ['*'], resources: ['*'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }],
  view: [{ apiGroups: ['*'], resources: ['pods', 'services', 'configmaps', 'deployments'], verbs: ['get', 'list', 'watch'] }],
};

function verbLevel(verbs: string[]): 0 | 1 | 2 | 3 {
  let level: 0 | 1 | 2 | 3 = 0;
  for (const v of verbs) {
    if (v === '*' || v === 'escalate' || v === 'bind' || v === 'impersonate') return 3;
    if (['create', 'update', 'patch', 'delete', 'deletecollection'].includes(v)) level = 2;
    else if (level < 1) level = 1;
  }
  return level;
}

/** The systems a set of rules reaches, in one namespace or (ns = null) across the cluster. */
export function ruleGrants(rules: unknown, ns: string | null): RuleGrant[] {
  const out = new Map<string, RuleGrant>();
  const add = (g: RuleGrant) => {
    const prev = out.get(g.key);
    if (!prev || prev.privilege < g.privilege) out.set(g.key, g);
  };
  for (const r of list(rules)) {
    const rule = rec(r);
    if (!rule) continue;
    const resources = list(rule.resources)
      .map(str)
      .filter((x): x is string => !!x);
    if (!resources.length) continue; // nonResourceURLs: API discovery, not objects
    const level = verbLevel(
      list(rule.verbs)
        .map(str)
        .filter((x): x is string => !!x),
    );
    if (level === 0) continue;
    const scope = ns === null ? { key: CLUSTER, name: 'cluster' } : { key: nsKey(ns), name: `namespace ${ns}` };
    add({ key: scope.key, subkind: 'cluster', name: scope.name, privilege: level });
    if (resources.includes('*') || resources.includes('secrets')) {
      // Named secrets (resourceNames) still expose the store's most sensitive values: kept at the same privilege.
      add({ key: secretsKey(ns), subkind: 'secret_store', name: ns === null ? 'all secrets' : `secrets in ${ns}`, privilege: level });
    }
  }
  return [...out.values()];
}
