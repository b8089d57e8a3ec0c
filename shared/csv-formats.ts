// The canonical CSV inventory (README, Canonical CSV formats): which columns each file has, which header
// spellings mean the same column, and how a header row is recognised. Shared so the UI's
// column-mapping step offers exactly what the importer accepts.

import { CREDENTIAL_TYPES, IDENTITY_KINDS, NETWORK_CLASSES, RELATIONS, SYSTEM_KINDS } from './model.ts';

export type CanonicalKind = 'identities' | 'systems' | 'credentials' | 'entitlements' | 'auth_events' | 'networks';

export interface ColumnSpec {
  name: string;
  required?: boolean;
  synonyms?: string[];
}

export interface CanonicalSpec {
  kind: CanonicalKind;
  format: string;
  description: string;
  columns: ColumnSpec[];
  /** Columns whose presence tells this file apart from the others (scored in detection). */
  distinctive: string[];
  /** A column whose values must come from a closed set: detection reads the sample rows to tell look-alikes apart. */
  values?: { column: string; allowed: readonly string[]; synonyms: Record<string, string> };
}

/** Accepted spellings for closed-set values, beyond the canonical ones. One source for detection and loading. */
export const VALUE_SYNONYMS = {
  identityKind: {
    user: 'human',
    person: 'human',
    employee: 'human',
    service: 'service_account',
    serviceaccount: 'service_account',
    app: 'oauth_app',
    application: 'oauth_app',
    token: 'api_key',
    agent: 'ai_agent',
  },
  systemKind: {
    db: 'database',
    bucket: 'storage',
    vm: 'host',
    server: 'host',
    repo: 'repository',
    vault: 'secret_store',
    k8s: 'cluster',
    kubernetes: 'cluster',
  },
  credentialType: { key: 'access_key', secret: 'client_secret', cert: 'certificate', pat: 'token', ssh: 'ssh_key' },
  relation: {
    member: 'member_of',
    memberof: 'member_of',
    role: 'has_role',
    assume: 'can_assume',
    owner: 'owns',
    grant: 'access',
    runs: 'runs_as',
    runas: 'runs_as',
  },
  networkClass: { ci: 'ci_runner', runner: 'ci_runner', datacenter: 'hosting', proxy: 'vpn', office: 'corporate', home: 'residential' },
} as const satisfies Record<string, Record<string, string>>;

export const CANONICAL_SPECS: CanonicalSpec[] = [
  {
    kind: 'identities',
    format: 'identities-csv',
    description: 'Identity inventory: humans, service accounts, keys, apps, workloads, CI tokens, AI agents, groups, roles',
    columns: [
      { name: 'id', required: true, synonyms: ['identity_id', 'identity', 'principal_id', 'user_id', 'account_id', 'object_id'] },
      { name: 'name', synonyms: ['display_name', 'displayname', 'username', 'user_name', 'principal_name'] },
      { name: 'kind', required: true, synonyms: ['type', 'identity_type', 'identity_kind', 'principal_type', 'category'] },
      { name: 'owner', synonyms: ['owner_id', 'owned_by', 'manager', 'responsible', 'custodian'] },
      { name: 'environment', synonyms: ['env', 'stage', 'tier'] },
      { name: 'status', synonyms: ['state', 'enabled_status', 'account_status'] },
      { name: 'created_at', synonyms: ['created', 'creation_date', 'create_date', 'created_date'] },
      { name: 'last_used_at', synonyms: ['last_used', 'last_seen', 'last_activity', 'last_login', 'last_sign_in'] },
      { name: 'provider', synonyms: ['platform', 'source_system', 'cloud', 'idp'] },
      { name: 'tags', synonyms: ['labels', 'tag'] },
    ],
    distinctive: ['owner', 'status', 'last_used_at', 'provider', 'tags', 'created_at'],
    values: { column: 'kind', allowed: IDENTITY_KINDS, synonyms: VALUE_SYNONYMS.identityKind },
  },
  {
    kind: 'systems',
    format: 'systems-csv',
    description: 'System inventory: databases, storage, hosts, clusters, SaaS, repositories, secret stores, pipelines',
    columns: [
      { name: 'id', required: true, synonyms: ['system_id', 'system', 'resource_id', 'asset_id', 'resource'] },
      { name: 'name', synonyms: ['display_name', 'system_name', 'resource_name', 'asset_name'] },
      { name: 'kind', required: true, synonyms: ['type', 'system_type', 'resource_type', 'asset_type', 'category'] },
      { name: 'environment', synonyms: ['env', 'stage', 'tier'] },
      { name: 'criticality', synonyms: ['business_criticality', 'tier_criticality', 'importance', 'crit'] },
      { name: 'data_classification', synonyms: ['classification', 'data_class', 'data_sensitivity', 'sensitivity'] },
      { name: 'exposure', synonyms: ['network_exposure', 'reachability', 'internet_facing'] },
    ],
    distinctive: ['criticality', 'data_classification', 'exposure'],
    values: { column: 'kind', allowed: SYSTEM_KINDS, synonyms: VALUE_SYNONYMS.systemKind },
  },
  {
    kind: 'credentials',
    format: 'credentials-csv',
    description: 'Credentials: access keys, client secrets, certificates, tokens, SSH keys, passwords',
    columns: [
      { name: 'id', required: true, synonyms: ['credential_id', 'credential', 'key_id', 'secret_id', 'access_key_id'] },
      { name: 'identity', required: true, synonyms: ['identity_id', 'principal', 'user', 'owner_identity', 'belongs_to', 'actor'] },
      { name: 'type', required: true, synonyms: ['kind', 'credential_type', 'secret_type'] },
      { name: 'created_at', synonyms: ['created', 'creation_date', 'issued_at', 'create_date'] },
      { name: 'last_rotated_at', synonyms: ['last_rotated', 'rotated_at', 'rotation_date'] },
      { name: 'expires_at', synonyms: ['expires', 'expiry', 'expiration', 'expiration_date', 'not_after'] },
      { name: 'last_used_at', synonyms: ['last_used', 'last_seen', 'last_used_date'] },
      { name: 'status', synonyms: ['state'] },
      { name: 'stored_in', synonyms: ['stored_at', 'location', 'locations', 'storage', 'found_in'] },
    ],
    distinctive: ['last_rotated_at', 'expires_at', 'stored_in'],
    values: { column: 'type', allowed: CREDENTIAL_TYPES, synonyms: VALUE_SYNONYMS.credentialType },
  },
  {
    kind: 'entitlements',
    format: 'entitlements-csv',
    description: 'Entitlements: group membership, roles, trusts, ownership, access grants and workload identities',
    columns: [
      { name: 'principal', required: true, synonyms: ['identity', 'user', 'actor', 'subject', 'source', 'from', 'principal_id', 'grantee'] },
      { name: 'relation', required: true, synonyms: ['relationship', 'edge', 'permission_type', 'grant_type', 'rel'] },
      { name: 'target', required: true, synonyms: ['resource', 'object', 'to', 'target_id', 'system'] },
      { name: 'privilege', synonyms: ['access_level', 'permission', 'level', 'right'] },
      { name: 'granted_at', synonyms: ['granted', 'assigned_at', 'created_at'] },
      { name: 'last_used_at', synonyms: ['last_used', 'last_exercised', 'last_seen'] },
    ],
    distinctive: ['relation', 'privilege', 'granted_at'],
    values: { column: 'relation', allowed: RELATIONS, synonyms: VALUE_SYNONYMS.relation },
  },
  {
    kind: 'auth_events',
    format: 'auth-events-csv',
    description: 'Authentication events: who, with which credential, from where, doing what, with what outcome',
    columns: [
      {
        name: 'timestamp',
        required: true,
        synonyms: ['time', 'ts', 'event_time', 'eventtime', 'datetime', 'date', 'time_generated', 'timegenerated'],
      },
      { name: 'identity', synonyms: ['principal', 'user', 'actor', 'identity_id', 'username', 'user_name', 'subject'] },
      { name: 'credential', synonyms: ['credential_id', 'key_id', 'access_key_id', 'token_id'] },
      { name: 'source_ip', synonyms: ['src_ip', 'ip', 'ip_address', 'ipaddress', 'sourceipaddress', 'client_ip', 'caller_ip', 'remote_ip'] },
      { name: 'user_agent', synonyms: ['useragent', 'ua', 'client', 'agent'] },
      { name: 'action', synonyms: ['event', 'event_name', 'eventname', 'operation', 'activity', 'api'] },
      { name: 'target', synonyms: ['resource', 'system', 'object', 'target_id', 'app', 'application'] },
      { name: 'outcome', synonyms: ['result', 'status', 'success', 'result_type'] },
      { name: 'asn', synonyms: ['as_number', 'autonomous_system'] },
      { name: 'country', synonyms: ['country_code', 'geo_country', 'location'] },
    ],
    distinctive: ['timestamp', 'source_ip', 'user_agent', 'outcome', 'action'],
  },
  {
    kind: 'networks',
    format: 'networks-csv',
    description: 'Analyst-defined networks: CIDR ranges with a class (corporate, CI runner, cloud, VPN, Tor…)',
    columns: [
      { name: 'cidr', required: true, synonyms: ['network', 'range', 'prefix', 'subnet', 'ip_range'] },
      { name: 'class', required: true, synonyms: ['network_class', 'category', 'type', 'kind'] },
      { name: 'label', synonyms: ['name', 'description', 'note'] },
      { name: 'source', synonyms: ['origin', 'provider', 'list'] },
    ],
    distinctive: ['cidr', 'class'],
    values: { column: 'class', allowed: NETWORK_CLASSES, synonyms: VALUE_SYNONYMS.networkClass },
  },
];

/** Header cell → comparable token: case, spaces, dashes, underscores and dots do not matter. */
export function normaliseHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** What header matching needs of a spec (the canonical inventory and the auth roll-up share it). */
export type HeaderSpec = Pick<CanonicalSpec, 'columns' | 'distinctive'>;

export interface HeaderMatch {
  spec: HeaderSpec;
  /** canonical column → index in the file's header row */
  columns: Record<string, number>;
  missing: string[];
  /** 0..1: how well the spec explains the file's header (exact names weigh more than synonyms). */
  score: number;
}

/** Maps a header row onto one spec: exact names first, then synonyms, never one cell twice. */
export function matchHeader(spec: HeaderSpec, header: string[]): HeaderMatch {
  const cells = header.map(normaliseHeader);
  const used = new Set<number>();
  const columns: Record<string, number> = {};
  let exact = 0;
  for (const pass of ['exact', 'synonym'] as const) {
    for (const col of spec.columns) {
      if (columns[col.name] !== undefined) continue;
      const names = pass === 'exact' ? [col.name] : (col.synonyms ?? []);
      for (const name of names) {
        const idx = cells.findIndex((c, i) => !used.has(i) && c === normaliseHeader(name));
        if (idx >= 0) {
          columns[col.name] = idx;
          used.add(idx);
          if (pass === 'exact') exact++;
          break;
        }
      }
    }
  }
  const missing = spec.columns.filter((c) => c.required && columns[c.name] === undefined).map((c) => c.name);
  const matched = Object.keys(columns).length;
  const distinctive = spec.distinctive.filter((d) => columns[d] !== undefined).length / spec.distinctive.length;
  const explained = matched / Math.max(cells.filter(Boolean).length, 1);
  const score = missing.length ? 0 : 0.45 * explained + 0.3 * distinctive + 0.25 * (exact / Math.max(matched, 1));
  return { spec, columns, missing, score };
}

/**
 * Share (0..1) of the sample's non-empty values in the spec's closed-set column that are valid,
 * or null when the spec has no such column or the sample has no values in it.
 */
export function valueFit(spec: CanonicalSpec, match: HeaderMatch, rows: string[][]): number | null {
  if (!spec.values) return null;
  const idx = match.columns[spec.values.column];
  if (idx === undefined) return null;
  let seen = 0;
  let valid = 0;
  for (const row of rows) {
    const v = (row[idx] ?? '')
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (!v) continue;
    seen++;
    if (spec.values.allowed.includes(v) || Object.prototype.hasOwnProperty.call(spec.values.synonyms, v)) valid++;
  }
  return seen ? valid / seen : null;
}

/** Splits a `;`-separated list cell into trimmed, non-empty items. */
export function splitList(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
