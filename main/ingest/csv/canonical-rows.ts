// How one record of each canonical CSV lands in the case (README, Canonical CSV formats).
// A loader either writes the record or rejects it with a specific reason; it never drops it.
import { splitList, VALUE_SYNONYMS, type CanonicalKind } from '../../../shared/csv-formats.ts';
import {
  CREDENTIAL_TYPES,
  CRITICALITIES,
  IDENTITY_KINDS,
  NETWORK_CLASSES,
  PRIVILEGE_LEVEL,
  PRIVILEGES,
  RELATIONS,
  STATUSES,
  SYSTEM_KINDS,
  type NodeKind,
  type Relation,
} from '../../../shared/model.ts';
import { clean, INVALID, parseEnum, parseIsoDate } from '../normalise.ts';
import { loadNormalisedEvent, normaliseAuthEvent } from './auth-event-row.ts';
import type { CaseWriter } from '../writer.ts';
import ipaddr from 'ipaddr.js';

/** A record seen through the header mapping: get('owner') → the cell, or undefined when absent. */
export type { Cell } from './row-error.ts';
import type { Cell } from './row-error.ts';

import { RowError } from './row-error.ts';

export type RowLoader = (get: Cell, locator: string, writer: CaseWriter, rowNumber: number) => void;

export const ROW_LOADERS: Record<CanonicalKind, RowLoader> = {
  identities: loadIdentity,
  systems: loadSystem,
  credentials: loadCredential,
  entitlements: loadEntitlement,
  auth_events: loadAuthEvent,
  networks: loadNetwork,
};

function required(get: Cell, column: string): string {
  const v = clean(get(column));
  if (v === null) throw new RowError(`missing ${column}`);
  return v;
}

function oneOf<T extends string>(get: Cell, column: string, allowed: readonly T[], synonyms: Record<string, T> = {}): T | null {
  const v = parseEnum(get(column), allowed, synonyms);
  if (v === INVALID) throw new RowError(`unknown ${column} "${clean(get(column))?.slice(0, 40)}" (expected ${allowed.join('|')})`);
  return v;
}

function date(get: Cell, column: string): string | null {
  const v = parseIsoDate(get(column));
  if (v === INVALID) throw new RowError(`unparseable ${column} "${clean(get(column))?.slice(0, 40)}" (expected ISO 8601)`);
  return v;
}

const STATUS_SYNONYMS = {
  enabled: 'active',
  inactive: 'disabled',
  suspended: 'disabled',
  removed: 'deleted',
  revoked: 'disabled',
  expired: 'disabled',
} as const;

function loadIdentity(get: Cell, locator: string, writer: CaseWriter): void {
  const id = required(get, 'id');
  const kind = oneOf(get, 'kind', IDENTITY_KINDS, VALUE_SYNONYMS.identityKind);
  if (!kind) throw new RowError('missing kind');
  const nodeKind: NodeKind = kind === 'group' ? 'group' : kind === 'role' ? 'role' : 'identity';
  const tags = splitList(get('tags'));
  writer.upsertNode(
    {
      key: id,
      kind: nodeKind,
      subkind: kind,
      name: clean(get('name')) ?? id,
      owner: clean(get('owner')),
      environment: clean(get('environment'))?.toLowerCase() ?? null,
      status: oneOf(get, 'status', STATUSES, STATUS_SYNONYMS),
      createdAt: date(get, 'created_at'),
      lastUsedAt: date(get, 'last_used_at'),
      provider: clean(get('provider')),
      // The analyst's own inventory names the kind: the classifier (main/kinds/) ranks it above every heuristic.
      props: nodeKind === 'identity' ? { ...(tags.length ? { tags } : {}), inventory_kind: kind } : tags.length ? { tags } : null,
    },
    locator,
  );
}

function loadSystem(get: Cell, locator: string, writer: CaseWriter): void {
  const id = required(get, 'id');
  const kind = oneOf(get, 'kind', SYSTEM_KINDS, VALUE_SYNONYMS.systemKind);
  if (!kind) throw new RowError('missing kind');
  const dataClass = clean(get('data_classification'));
  const exposure = oneOf(get, 'exposure', ['internet', 'internal', 'isolated'] as const, { public: 'internet', private: 'internal' });
  writer.upsertNode(
    {
      key: id,
      kind: 'system',
      subkind: kind,
      name: clean(get('name')) ?? id,
      environment: clean(get('environment'))?.toLowerCase() ?? null,
      criticality: oneOf(get, 'criticality', CRITICALITIES),
      props: dataClass || exposure ? { data_classification: dataClass, exposure } : null,
    },
    locator,
  );
}

function loadCredential(get: Cell, locator: string, writer: CaseWriter): void {
  const id = required(get, 'id');
  const owner = required(get, 'identity');
  const type = oneOf(get, 'type', CREDENTIAL_TYPES, VALUE_SYNONYMS.credentialType);
  if (!type) throw new RowError('missing type');
  const rotated = date(get, 'last_rotated_at');
  const expires = date(get, 'expires_at');
  const status = oneOf(get, 'status', STATUSES, { ...STATUS_SYNONYMS, inactive: 'disabled' });
  const storedIn = splitList(get('stored_in'));
  // The credential first: when its id is taken by another kind of node the row is rejected before it leaves
  // a placeholder for its owner behind.
  const credential = writer.upsertNode(
    {
      key: id,
      kind: 'credential',
      subkind: type,
      name: id,
      status,
      createdAt: date(get, 'created_at'),
      lastUsedAt: date(get, 'last_used_at'),
      props: { last_rotated_at: rotated, expires_at: expires, identity: owner },
    },
    locator,
  );
  const identity = writer.ref(owner, 'identity', null, locator);
  writer.edge({ src: identity, dst: credential, kind: 'has_credential' }, locator);
  writer.edge({ src: credential, dst: identity, kind: 'authenticates' }, locator);
  for (const system of storedIn) {
    writer.edge({ src: writer.ref(system, 'system', null, locator), dst: credential, kind: 'stores' }, locator);
  }
}

/** Placeholder kind for an entitlement's target when the inventory has not named it yet. */
const TARGET_KIND: Record<Relation, NodeKind> = {
  member_of: 'group',
  has_role: 'role',
  can_assume: 'role',
  owns: 'identity',
  access: 'system',
  runs_as: 'identity',
};

function loadEntitlement(get: Cell, locator: string, writer: CaseWriter): void {
  const principal = required(get, 'principal');
  const relation = oneOf(get, 'relation', RELATIONS, VALUE_SYNONYMS.relation);
  if (!relation) throw new RowError('missing relation');
  const target = required(get, 'target');
  const privilege = oneOf(get, 'privilege', PRIVILEGES, {
    readonly: 'read',
    read_only: 'read',
    readwrite: 'write',
    read_write: 'write',
    owner: 'admin',
    full: 'admin',
    full_control: 'admin',
  });
  if (relation === 'access' && !privilege) throw new RowError('access without privilege (expected read|write|admin)');
  const grantedAt = date(get, 'granted_at');
  const lastUsedAt = date(get, 'last_used_at');
  // runs_as reads "system runs_as identity": the principal column holds the system.
  const src = writer.ref(principal, relation === 'runs_as' ? 'system' : 'identity', null, locator);
  const dst = writer.ref(target, TARGET_KIND[relation], relation === 'has_role' ? 'role' : relation === 'member_of' ? 'group' : null, locator);
  writer.edge(
    {
      src,
      dst,
      kind: relation,
      privilege: relation === 'access' && privilege ? PRIVILEGE_LEVEL[privilege] : 0,
      grantedAt,
      lastUsedAt,
    },
    locator,
  );
}

/** Auth events split into a pure normalise step (which may run in the parse worker) and a load step. */
function loadAuthEvent(get: Cell, _locator: string, writer: CaseWriter, rowNumber: number): void {
  loadNormalisedEvent(normaliseAuthEvent(get), rowNumber, writer);
}

function loadNetwork(get: Cell, locator: string, writer: CaseWriter): void {
  const cidrText = required(get, 'cidr');
  let cidr: string;
  try {
    const [addr, bits] = cidrText.includes('/')
      ? ipaddr.parseCIDR(cidrText)
      : [ipaddr.parse(cidrText), ipaddr.parse(cidrText).kind() === 'ipv4' ? 32 : 128];
    cidr = `${addr.toString()}/${bits}`;
  } catch {
    throw new RowError(`invalid cidr "${cidrText.slice(0, 60)}"`);
  }
  const declared = oneOf(get, 'class', NETWORK_CLASSES, VALUE_SYNONYMS.networkClass);
  if (!declared) throw new RowError('missing class');
  // A range the organisation declares as VPN is its own VPN, not an anonymiser (see NETWORK_CLASSES).
  const cls = declared === 'vpn' ? 'corporate_vpn' : declared;
  if (declared === 'vpn') writer.warn('ranges declared "vpn" are read as the organisation\'s own VPN (class corporate_vpn: known, not anonymising)');
  writer.upsertNode(
    {
      key: `net:${cidr}`,
      kind: 'network',
      subkind: cls,
      name: clean(get('label')) ?? cidr,
      props: { cidr, source: clean(get('source')), ...(declared !== cls ? { declared_class: declared } : {}) },
    },
    locator,
  );
}
