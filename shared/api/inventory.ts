// API contract for the analyst's read-only views of the case: paged inventory tables, global search,
// one identity's dossier and the overview aggregates. Nothing here changes the case.
import { z } from 'zod';

export const INVENTORY_TABLES = ['identities', 'credentials', 'systems', 'entitlements'] as const;
export type InventoryTable = (typeof INVENTORY_TABLES)[number];

/** Column names an analyst can sort and filter by, per table (the handler maps them to SQL; nothing else is accepted). */
export const INVENTORY_COLUMNS: Record<InventoryTable, readonly string[]> = {
  identities: [
    'id',
    'name',
    'kind',
    'owner',
    'environment',
    'status',
    'provider',
    'created_at',
    'last_used_at',
    'unresolved',
    'decided_by',
    'because',
  ],
  credentials: ['id', 'type', 'identity', 'status', 'created_at', 'last_rotated_at', 'expires_at', 'last_used_at', 'age_days'],
  systems: ['id', 'name', 'kind', 'environment', 'criticality', 'data_classification', 'exposure', 'unresolved'],
  entitlements: ['principal', 'relation', 'target', 'target_kind', 'privilege', 'granted_at', 'last_used_at', 'used_count', 'last_seen'],
};

const column = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z_]+$/);

export const inventoryRequests = {
  'inventory.list': z
    .object({
      table: z.enum(INVENTORY_TABLES),
      offset: z.number().int().min(0).max(100_000_000).optional(),
      limit: z.number().int().positive().max(5_000).optional(),
      sort: z.object({ column, desc: z.boolean().optional() }).strict().optional(),
      /** Per-column "contains" filters (case-insensitive); exact for enumerated columns is the caller's choice of value. */
      filters: z.record(column, z.string().max(200)).optional(),
      /** Free text matched against the table's id and name columns. */
      search: z.string().max(200).optional(),
    })
    .strict(),
  'inventory.search': z.object({ query: z.string().min(1).max(200), limit: z.number().int().positive().max(200).optional() }).strict(),
  'inventory.identity': z.object({ id: z.string().min(1).max(1000) }).strict(),
  'inventory.overview': z.object({}).strict(),
  /** Identities whose compromise reaches the most, largest first (exact reach sizes over the whole graph). */
  'inventory.topBlast': z.object({ limit: z.number().int().positive().max(100).optional() }).strict(),
};

export interface TopBlastRow {
  id: string;
  name: string | null;
  kind: string | null;
  /** Nodes in its blast radius (itself excluded). */
  reached: number;
  score: number;
  crownJewels: number;
  maxPrivilege: string | null;
  displayName: string;
}

export type Cell = string | number | null;

export interface InventoryPage {
  table: InventoryTable;
  total: number;
  offset: number;
  columns: string[];
  rows: Record<string, Cell>[];
  /** Display names of the node ids in the page's id columns (id, identity, owner, principal, target). */
  names: Record<string, string>;
}

export interface SearchHit {
  id: string;
  /** identity | group | role | credential | system */
  kind: string;
  subkind: string | null;
  name: string | null;
  /** Why it matched: the id, the name, or an alias (ARN, key id…). */
  matched: string;
  displayName: string;
}

export interface CredentialSummary {
  id: string;
  type: string | null;
  status: string | null;
  createdAt: string | null;
  lastRotatedAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** Days since last rotation (or creation), as of the case's as-of time. */
  ageDays: number | null;
  storedIn: string[];
}

export interface EntitlementSummary {
  relation: string;
  target: string;
  targetName: string | null;
  targetKind: string;
  privilege: string | null;
  grantedAt: string | null;
  /** From auth logs (`usage`) or the export's own last_used_at. */
  used: boolean;
  lastUsed: string | null;
  useCount: number;
  /** Inherited through a group or role the identity is a member of (one hop), else direct. */
  via: string | null;
}

export interface SourceNetwork {
  ip: string;
  /** Matching imported network (CIDR) if any. */
  cidr: string | null;
  label: string | null;
  networkClass: string | null;
  asn: number | null;
  country: string | null;
  firstSeen: string;
  lastSeen: string;
  events: number;
  failures: number;
  /** First seen inside the recent window before the as-of time: not part of the identity's baseline. */
  isNew: boolean;
}

export interface TimeBucket {
  /** Bucket start (ISO). */
  t: string;
  success: number;
  failure: number;
  /** Events from anonymising or hosting networks (tor, vpn, hosting). */
  anonymous: number;
}

export interface IdentityDetail {
  id: string;
  name: string | null;
  /** The name a person understands (main/inventory/display-name.ts). */
  displayName: string;
  kind: string;
  subkind: string | null;
  /** Who decided the identity's kind and why (main/kinds/); null for groups and roles. */
  kindExplained: {
    source: 'analyst' | 'inventory' | 'source' | 'classifier' | 'link' | null;
    because: string | null;
    signals: string[];
    /** What the imported sources said, when the decision differs. */
    sourceKind: string | null;
  } | null;
  owner: { id: string; name: string | null; status: string | null } | null;
  environment: string | null;
  status: string | null;
  provider: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
  unresolved: boolean;
  tags: string[];
  props: Record<string, unknown>;
  aliases: string[];
  asOf: string | null;
  /** Identities this one owns (accountability), e.g. a person's service accounts. */
  owns: { id: string; name: string | null; kind: string | null }[];
  memberOf: { id: string; name: string | null; relation: string }[];
  credentials: CredentialSummary[];
  entitlements: EntitlementSummary[];
  networks: SourceNetwork[];
  /** Days the recent window covers (new networks are first seen inside it). */
  newWindowDays: number;
  timeline: { unit: 'hour' | 'day'; buckets: TimeBucket[] };
  events: { total: number; failures: number; first: string | null; last: string | null };
}

export interface OverviewData {
  asOf: string | null;
  identities: {
    /** Identity nodes (people and non-human accounts), including those only named by grants or logs (`unresolved`). */
    total: number;
    human: number;
    nonHuman: number;
    byKind: Record<string, number>;
    byStatus: Record<string, number>;
    /** Of `total`, named only by grants or logs, with no inventory row. */
    unresolved: number;
    /** Groups and roles: not counted in `total`, listed with identities in the Inventory's identities table. */
    groupsAndRoles: number;
  };
  lifecycle: {
    /** Active identities not used for 90+ days before the as-of time. */
    stale: number;
    neverUsed: number;
    /** Non-human identities without an owner, or whose owner is disabled/deleted. */
    orphaned: number;
    /** Long-lived credentials: temporary session keys (AWS STS ASIA…, props.temporary) are left out… */
    credentials: number;
    /** …and counted here: the Inventory's credentials table lists both. */
    temporaryCredentials: number;
    credentialsNeverRotated: number;
    credentialsExpired: number;
    /** Credentials older than 90 days since rotation (or creation). */
    credentialsOld: number;
    unresolved: number;
  };
  systems: { total: number; byCriticality: Record<string, number> };
  auth: { unit: 'hour' | 'day'; buckets: TimeBucket[]; total: number; anonymous: number };
  credentialAges: { label: string; from: number; to: number | null; count: number }[];
  sources: { id: number; file: string; format: string; importedAt: string; loaded: number; rejected: number }[];
}

export interface InventoryResults {
  'inventory.list': InventoryPage;
  'inventory.search': SearchHit[];
  'inventory.identity': IdentityDetail;
  'inventory.overview': OverviewData;
  'inventory.topBlast': TopBlastRow[];
}

/** How many incidents the Overview's investigate-first queue shows, and how many widest blast radii. */
export const OVERVIEW_QUEUE_LIMIT = 5;
export const OVERVIEW_TOP_BLAST_LIMIT = 10;
