// The rows of the six canonical CSVs (shared/csv-formats.ts, README Canonical CSV formats) as the generator writes them.
import type { CredentialType, Criticality, IdentityKind, NetworkClass, Privilege, Relation, Status, SystemKind } from '../../shared/model.ts';

export interface IdentityRow {
  id: string;
  name: string;
  kind: IdentityKind;
  owner: string;
  environment: string;
  status: Status;
  created_at: string;
  last_used_at: string;
  provider: string;
  tags: string;
}

export interface SystemRow {
  id: string;
  name: string;
  kind: SystemKind;
  environment: string;
  criticality: Criticality;
  data_classification: string;
  exposure: 'internet' | 'internal' | 'isolated';
}

export interface CredentialRow {
  id: string;
  identity: string;
  type: CredentialType;
  created_at: string;
  last_rotated_at: string;
  expires_at: string;
  last_used_at: string;
  status: Status;
  stored_in: string;
}

export interface EntitlementRow {
  principal: string;
  relation: Relation;
  target: string;
  privilege: Privilege | '';
  granted_at: string;
  last_used_at: string;
}

export interface AuthEventRow {
  timestamp: string;
  identity: string;
  credential: string;
  source_ip: string;
  user_agent: string;
  action: string;
  target: string;
  outcome: 'success' | 'failure';
}

export interface NetworkRow {
  cidr: string;
  class: NetworkClass;
  label: string;
  source: string;
}

export const COLUMNS = {
  identities: ['id', 'name', 'kind', 'owner', 'environment', 'status', 'created_at', 'last_used_at', 'provider', 'tags'],
  systems: ['id', 'name', 'kind', 'environment', 'criticality', 'data_classification', 'exposure'],
  credentials: ['id', 'identity', 'type', 'created_at', 'last_rotated_at', 'expires_at', 'last_used_at', 'status', 'stored_in'],
  entitlements: ['principal', 'relation', 'target', 'privilege', 'granted_at', 'last_used_at'],
  auth_events: ['timestamp', 'identity', 'credential', 'source_ip', 'user_agent', 'action', 'target', 'outcome'],
  networks: ['cidr', 'class', 'label', 'source'],
} as const satisfies {
  identities: (keyof IdentityRow)[];
  systems: (keyof SystemRow)[];
  credentials: (keyof CredentialRow)[];
  entitlements: (keyof EntitlementRow)[];
  auth_events: (keyof AuthEventRow)[];
  networks: (keyof NetworkRow)[];
};

/** ISO date (YYYY-MM-DD) of an epoch-ms time, the precision inventories usually carry. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

let cachedDay = NaN;
let cachedPrefix = '';

/** ISO date-time to the second, as most logs write it. Hot (once per event): the date part is cached per day. */
export function isoSecond(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const s = Math.floor((ms - day * 86_400_000) / 1000);
  return `${cachedPrefix}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
