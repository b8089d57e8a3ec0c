// The AWS account as policy evaluation sees it: principals, groups, managed policies and parsed
// policy statements. Built by the authorization-details importer; never touches the case file.

/** One statement of a policy document, normalised (patterns of actions lower-cased). */
export interface Statement {
  /** "Sid" when present, else "#<index>" (0-based), for reasons and locators. */
  sid: string;
  effect: 'Allow' | 'Deny';
  actions: string[] | null;
  notActions: string[] | null;
  resources: string[] | null;
  notResources: string[] | null;
  /** Trust policies only: who may act. null means no Principal element. */
  principals: TrustPrincipals | null;
  notPrincipals: TrustPrincipals | null;
  conditions: ConditionClause[];
  /** The Condition element as written, for reasons and `conditional` edges. */
  conditionText: string | null;
}

export interface TrustPrincipals {
  /** AWS principals: "*", account ids, account roots, user/role ARNs, unique ids. */
  aws: string[];
  service: string[];
  federated: string[];
  /** True for `"Principal": "*"`. */
  everyone: boolean;
}

/** One test of a Condition block: operator (e.g. "StringEquals", "ForAnyValue:StringLikeIfExists"), key, values. */
export interface ConditionClause {
  operator: string;
  key: string;
  values: string[];
}

export interface PolicyDoc {
  /** How reasons name it: a managed policy ARN, or "<principal name>/inline/<policy name>". */
  label: string;
  name: string;
  statements: Statement[];
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  /** The default version's document (the one in force). */
  document: PolicyDoc;
  /** Non-default versions, which SetDefaultPolicyVersion could bring back into force. */
  otherVersions: { versionId: string; document: PolicyDoc }[];
  locator: string;
  /** Where the document came from: the export itself (default) or the offline AWS-managed policy dataset. */
  origin?: 'export' | 'dataset';
}

export type PrincipalType = 'user' | 'role';

export interface Principal {
  type: PrincipalType;
  arn: string;
  name: string;
  id: string | null;
  account: string;
  path: string;
  tags: Map<string, string>;
  inline: PolicyDoc[];
  managed: string[];
  /** Users only: group names as listed in GroupList. */
  groups: string[];
  boundary: string | null;
  /** Roles only. */
  trust: PolicyDoc | null;
  instanceProfiles: string[];
  locator: string;
  /** Why this principal's effective permissions may be incomplete (unreadable or missing policies). */
  gaps: string[];
  createdAt: string | null;
  lastUsedAt: string | null;
}

export interface Group {
  arn: string;
  account: string;
  name: string;
  id: string | null;
  inline: PolicyDoc[];
  managed: string[];
  locator: string;
  gaps: string[];
  createdAt: string | null;
}

export interface AwsAccount {
  id: string;
  users: Principal[];
  roles: Principal[];
  groups: Map<string, Group>;
  policies: Map<string, ManagedPolicy>;
  /** Service control policies that apply to the account (from an Organizations file), outermost first. */
  scps: PolicyDoc[][];
  /**
   * Other accounts whose principals the same export holds (exports merged across accounts). Each is
   * evaluated on its own, with its own admin node; only trusts plus the caller's own permissions link them.
   */
  siblings?: AwsAccount[];
}

/** Derived edge, keyed by node keys; the importer turns keys into node ids. */
export interface DerivedEdge {
  src: string;
  dst: string;
  kind: 'can_assume' | 'access' | 'member_of';
  privilege: number;
  conditional: boolean;
  locator: string;
  props: {
    reason: string;
    technique?: string;
    escalation?: boolean;
    potential?: boolean;
    /** The pathfinding.cloud catalogue id of the technique kept (shared/catalogs/aws-escalation-paths.ts). */
    pathId?: string;
    /** Every catalogue id that yields this same edge (the kept one and the merged alternatives). */
    pathIds?: string[];
    /** can_assume into another account of the same export (trust and the caller's own permissions both allow it). */
    crossAccount?: boolean;
    conditions?: string[];
    /** Derived from a resource-based policy combined with the caller's own policies (resource-policy.ts). */
    resourcePolicy?: boolean;
    /** Anyone may do it: a `Principal: "*"` grant with no condition. */
    public?: boolean;
    /** The grant to anyone comes from the bucket's ACL (AllUsers / AuthenticatedUsers), not its policy. */
    publicAcl?: boolean;
    via?: string[];
    alsoBy?: string[];
    actions?: string[];
  };
}

/** A system or external principal node the evaluation refers to. */
export interface DerivedNode {
  key: string;
  kind: 'system' | 'identity' | 'role';
  subkind: string;
  name: string;
  criticality?: string;
  props?: Record<string, unknown>;
}
