// The domain vocabulary every layer shares: what a node, an edge and a privilege are.
// Pure data and tiny helpers only: this file must never import Node, the DOM or anything of ours.

/** Graph node classes. Identities are "who"; groups and roles bundle rights; systems are "what". */
export const NODE_KINDS = ['identity', 'group', 'role', 'credential', 'system', 'network'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** identities.csv `kind`: humans and the non-human identity (NHI) families, plus group/role rows. */
export const IDENTITY_KINDS = [
  'human',
  'service_account',
  'api_key',
  'oauth_app',
  'workload',
  'ci_token',
  'ai_agent',
  'certificate',
  'group',
  'role',
] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** True for identities that are not people: the population the NHI rules are about. */
export function isNonHuman(subkind: string | null | undefined): boolean {
  return subkind != null && subkind !== 'human' && subkind !== 'group' && subkind !== 'role';
}

export const SYSTEM_KINDS = [
  'database',
  'storage',
  'host',
  'cluster',
  'saas',
  'repository',
  'secret_store',
  'pipeline',
  'account',
  'network',
] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const STATUSES = ['active', 'disabled', 'deleted'] as const;
export type Status = (typeof STATUSES)[number];

export const CREDENTIAL_TYPES = ['access_key', 'client_secret', 'certificate', 'token', 'ssh_key', 'password'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** Edge kinds, pointing the way control flows (docs/graph.md, Semantics). */
export const EDGE_KINDS = ['member_of', 'has_role', 'can_assume', 'owns', 'access', 'has_credential', 'authenticates', 'stores', 'runs_as'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** Relations an entitlements.csv row may name. */
export const RELATIONS = ['member_of', 'has_role', 'can_assume', 'owns', 'access', 'runs_as'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Privilege on a system, ordered. 0 means "no privilege" (edges that are not `access`). */
export const PRIVILEGES = ['read', 'write', 'admin'] as const;
export type Privilege = (typeof PRIVILEGES)[number];
export const PRIVILEGE_LEVEL: Record<Privilege, 1 | 2 | 3> = { read: 1, write: 2, admin: 3 };
export function privilegeName(level: number): Privilege | null {
  return level >= 3 ? 'admin' : level === 2 ? 'write' : level === 1 ? 'read' : null;
}

/**
 * `corporate_vpn` is the organisation's own VPN: known, never anonymising. An analyst who declares a range `vpn` in
 * networks.csv means exactly that, so the import reads it as `corporate_vpn` (and says so); `vpn` is left for
 * consumer/anonymous VPN providers, which only intel (lists, ASNs) decides.
 */
export const NETWORK_CLASSES = ['corporate', 'ci_runner', 'cloud', 'hosting', 'vpn', 'tor', 'residential', 'corporate_vpn'] as const;
export type NetworkClass = (typeof NETWORK_CLASSES)[number];

export const MARKS = ['compromised', 'crown-jewel', 'trusted'] as const;
export type Mark = (typeof MARKS)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TRIAGE_STATUSES = ['open', 'accepted-risk', 'false-positive', 'fixed'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** Where a row came from: the source file and a locator inside it (row number, line, JSON pointer). */
