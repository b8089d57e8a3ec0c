// One identity's dossier as stored (inventory/identity-detail.ts works out ages, use and new networks): its node
// row, owner, memberships, owned identities, credentials, grants with their use, source networks and event counts.
import type Database from 'better-sqlite3';
import type { IdentityDetail } from '../../shared/api/inventory.ts';
import { addressText, type StoredAddress } from './address-column.ts';

const GRANTS = `('member_of', 'has_role', 'can_assume', 'owns', 'access', 'runs_as')`;

export interface IdentityNodeRow {
  id: number;
  key: string;
  kind: string;
  subkind: string | null;
  name: string | null;
  owner: string | null;
  environment: string | null;
  status: string | null;
  provider: string | null;
  created_at: string | null;
  last_used_at: string | null;
  unresolved: number;
  props: string | null;
  kind_because: string | null;
}

/** The node a key names, else the node one of its aliases names. */
export function nodeByKeyOrAlias(db: Database.Database, key: string): IdentityNodeRow | undefined {
  return (db.prepare('SELECT * FROM node WHERE key = ?').get(key) ??
    db.prepare('SELECT n.* FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = ?').get(key)) as IdentityNodeRow | undefined;
}

export function ownerOf(db: Database.Database, ownerKey: string): IdentityDetail['owner'] | undefined {
  return db.prepare('SELECT key AS id, name, status FROM node WHERE key = ?').get(ownerKey) as IdentityDetail['owner'] | undefined;
}

export function identityEventCounts(
  db: Database.Database,
  nodeId: number,
): { total: number; failures: number; first: number | null; last: number | null } {
  return db
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(outcome = 0), 0) AS failures, min(ts) AS first, max(ts) AS last
    FROM auth_event WHERE identity = ?`,
    )
    .get(nodeId) as { total: number; failures: number; first: number | null; last: number | null };
}

/** The first 50 aliases, in order. */
export function identityAliases(db: Database.Database, nodeId: number): string[] {
  return db.prepare('SELECT alias FROM alias WHERE node_id = ? ORDER BY alias LIMIT 50').pluck().all(nodeId) as string[];
}

/** Identities, groups and roles this one owns (first 200). */
export function ownedBy(db: Database.Database, key: string): IdentityDetail['owns'] {
  return db
    .prepare(
      `SELECT key AS id, name, CASE WHEN kind = 'identity' THEN subkind ELSE kind END AS kind FROM node
      WHERE owner = ? AND kind IN ('identity', 'group', 'role') ORDER BY key LIMIT 200`,
    )
    .all(key) as IdentityDetail['owns'];
}

export function membershipsOf(db: Database.Database, nodeId: number): IdentityDetail['memberOf'] {
  return db
    .prepare(
      `SELECT d.key AS id, d.name, e.kind AS relation FROM edge e JOIN node d ON d.id = e.dst
      WHERE e.src = ? AND e.kind IN ('member_of', 'has_role', 'can_assume') ORDER BY d.key`,
    )
    .all(nodeId) as IdentityDetail['memberOf'];
}

export interface StoredCredential {
  id: string;
  type: string | null;
  status: string | null;
  created_at: string | null;
  last_used_at: string | null;
  rotated: string | null;
  expires: string | null;
  /** Latest use in the usage roll-up (epoch ms), or null. */
  lastSeen: number | null;
  /** Systems that store it (a secret in a vault, a key in a CI system). */
  storedIn: string[];
}

/** The identity's credentials, by key, each with where it is stored and when the logs last show it used. */
export function credentialsOf(db: Database.Database, nodeId: number): StoredCredential[] {
  const rows = db
    .prepare(
      `SELECT c.id AS nid, c.key AS id, c.subkind AS type, c.status, c.created_at, c.last_used_at,
      json_extract(c.props, '$.last_rotated_at') AS rotated, json_extract(c.props, '$.expires_at') AS expires
    FROM edge e JOIN node c ON c.id = e.dst WHERE e.src = ? AND e.kind = 'has_credential' ORDER BY c.key`,
    )
    .all(nodeId) as {
    nid: number;
    id: string;
    type: string | null;
    status: string | null;
    created_at: string | null;
    last_used_at: string | null;
    rotated: string | null;
    expires: string | null;
  }[];
  const storedIn = db.prepare(`SELECT s.key FROM edge e JOIN node s ON s.id = e.src WHERE e.dst = ? AND e.kind = 'stores' ORDER BY s.key`).pluck();
  const lastUse = db.prepare('SELECT max(last_seen) FROM usage WHERE src = ?').pluck();
  return rows.map(({ nid, ...r }) => ({ ...r, lastSeen: lastUse.get(nid) as number | null, storedIn: storedIn.all(nid) as string[] }));
}

export interface StoredEntitlement {
  relation: string;
  target: string;
  targetName: string | null;
  targetKind: string;
  privilege: string | null;
  grantedAt: string | null;
  exportLastUsed: string | null;
  via: string | null;
  useCount: number | null;
  lastSeen: number | null;
}

/** Direct grants plus those inherited one hop through a group or role, each with its use in the roll-up (first 2000). */
export function entitlementsOf(db: Database.Database, nodeId: number): StoredEntitlement[] {
  return db
    .prepare(
      `
    WITH holders(id, via) AS (
      SELECT @id, NULL
      UNION SELECT e.dst, v.key FROM edge e JOIN node v ON v.id = e.dst WHERE e.src = @id AND e.kind IN ('member_of', 'has_role')
    )
    SELECT e.kind AS relation, d.key AS target, d.name AS targetName,
      CASE WHEN d.kind = 'identity' THEN coalesce(d.subkind, 'identity') ELSE d.kind END AS targetKind,
      CASE e.privilege WHEN 3 THEN 'admin' WHEN 2 THEN 'write' WHEN 1 THEN 'read' END AS privilege,
      e.granted_at AS grantedAt, e.last_used_at AS exportLastUsed, h.via,
      u.count AS useCount, u.last_seen AS lastSeen
    FROM holders h JOIN edge e ON e.src = h.id AND e.kind IN ${GRANTS}
    JOIN node d ON d.id = e.dst
    LEFT JOIN usage u ON u.src = @id AND u.dst = e.dst
    WHERE NOT (h.via IS NOT NULL AND e.kind IN ('member_of', 'has_role') AND e.src = @id)
    ORDER BY h.via IS NOT NULL, e.kind, d.key LIMIT 2000`,
    )
    .all({ id: nodeId }) as StoredEntitlement[];
}

export interface StoredSourceNetwork {
  ip: string;
  first: number;
  last: number;
  n: number;
  failures: number;
  asn: number | null;
  country: string | null;
}

/** The source addresses of the identity's events, first seen first (first 500). */
export function sourceNetworksOf(db: Database.Database, nodeId: number): StoredSourceNetwork[] {
  const groups = db
    .prepare(
      `SELECT e.ip, min(e.ts) AS first, max(e.ts) AS last, count(*) AS n,
      coalesce(sum(e.outcome = 0), 0) AS failures, max(e.asn) AS asn, max(e.country) AS country
    FROM auth_event e WHERE e.identity = ? AND e.ip IS NOT NULL GROUP BY e.ip ORDER BY first LIMIT 1000`,
    )
    .all(nodeId) as (Omit<StoredSourceNetwork, 'ip'> & { ip: StoredAddress })[];
  // One address can be stored two ways in one case (as itself, and as a term by an import from before that
  // encoding; store/address-column.ts): its groups are merged by text.
  const term = db.prepare<[StoredAddress]>('SELECT value FROM term WHERE id = ?').pluck();
  const byText = new Map<string, StoredSourceNetwork>();
  for (const g of groups) {
    const ip = addressText(g.ip) ?? (term.get(g.ip) as string | undefined) ?? '';
    const seen = byText.get(ip);
    if (!seen) {
      byText.set(ip, { ...g, ip });
      continue;
    }
    seen.first = Math.min(seen.first, g.first);
    seen.last = Math.max(seen.last, g.last);
    seen.n += g.n;
    seen.failures += g.failures;
    seen.asn = maxOf(seen.asn, g.asn);
    seen.country = maxOf(seen.country, g.country);
  }
  return [...byText.values()].sort((a, b) => a.first - b.first).slice(0, 500);
}

/** SQL's max() of two values, nulls ignored. */
function maxOf<T extends number | string>(a: T | null, b: T | null): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
