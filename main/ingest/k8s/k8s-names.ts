// Kubernetes identity conventions (docs/identity-resolution.md): service accounts `k8s:sa:<ns>:<name>` (alias
// `system:serviceaccount:<ns>:<name>`), users `k8s:user:<name>`, groups `k8s:group:<name>`, roles
// `k8s:role:<ns>:<name>` and `k8s:clusterrole:<name>` (bound in one namespace: `k8s:clusterrole:<name>@<ns>`),
// pods `k8s:pod:<ns>:<name>` (host systems), namespaces `k8s:ns:<ns>`, the cluster `k8s:cluster`, and each
// namespace's secrets as one secret store `k8s:secrets:<ns>` (`k8s:secrets:*` for all of them).
import type { NodeKind } from '../../../shared/model.ts';

export interface K8sPrincipal {
  key: string;
  kind: NodeKind;
  subkind: string | null;
  name: string;
  alias: string | null;
  public?: boolean;
}

export function serviceAccount(ns: string, name: string): K8sPrincipal {
  return {
    key: `k8s:sa:${ns}:${name}`,
    kind: 'identity',
    subkind: 'service_account',
    name: `${ns}/${name}`,
    alias: `system:serviceaccount:${ns}:${name}`,
  };
}

/** A username as the API server sees it (audit events, RBAC User subjects). */
export function userPrincipal(username: string): K8sPrincipal {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username);
  if (sa) return serviceAccount(sa[1], sa[2]);
  // system:node:<name>, system:kube-scheduler…: control-plane components, not people.
  const subkind = /^system:node:/.test(username) ? 'workload' : username.startsWith('system:') ? 'service_account' : 'human';
  return { key: `k8s:user:${username}`, kind: 'identity', subkind, name: username, alias: null };
}

export function groupPrincipal(group: string): K8sPrincipal {
  // system:unauthenticated is anyone who can reach the API server; system:authenticated is any valid credential.
  const open = group === 'system:unauthenticated' || group === 'system:authenticated';
  return { key: `k8s:group:${group}`, kind: 'group', subkind: null, name: group, alias: null, public: open || undefined };
}

export const CLUSTER = 'k8s:cluster';
export const nsKey = (ns: string) => `k8s:ns:${ns}`;
export const secretsKey = (ns: string | null) => `k8s:secrets:${ns ?? '*'}`;
export const podKey = (ns: string, name: string) => `k8s:pod:${ns}:${name}`;
export const roleKey = (ns: string, name: string) => `k8s:role:${ns}:${name}`;
export const clusterRoleKey = (name: string, boundIn?: string) => `k8s:clusterrole:${name}${boundIn ? `@${boundIn}` : ''}`;
