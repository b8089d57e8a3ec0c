// The Overview screen's case-wide counts (inventory/overview.ts adds the orphans, the timeline and the buckets).
// Every "days since" is measured from the as-of time given, never the wall clock.
import type Database from 'better-sqlite3';
import type { OverviewData } from '../../shared/api/inventory.ts';
import { temporaryCredentialSql } from '../../shared/predicates.ts';

/** Same rule as findings' isTemporary() (shared/predicates.ts): a props.temporary flag or an AWS STS session key id. */
const NOT_TEMPORARY = `NOT ${temporaryCredentialSql()}`;

export const STALE_DAYS = 90;
export const OLD_CREDENTIAL_DAYS = 90;

type Counts = Record<string, number>;

export interface OverviewCounts {
  identitiesByKind: Counts;
  identitiesByStatus: Counts;
  lifecycle: Omit<OverviewData['lifecycle'], 'orphaned'>;
  /** Age in days of every non-temporary credential with a creation or rotation date. */
  credentialAgeDays: number[];
  unresolvedIdentities: number;
  groupsAndRoles: number;
  systems: number;
  systemsByCriticality: Counts;
  sources: OverviewData['sources'];
}

export function overviewCounts(db: Database.Database, asOfIso: string): OverviewCounts {
  const one = (sql: string) => db.prepare(sql).pluck().get({ asOf: asOfIso }) as number;
  return {
    identitiesByKind: Object.fromEntries(
      db.prepare(`SELECT coalesce(subkind, 'unknown'), count(*) FROM node WHERE kind = 'identity' GROUP BY 1`).raw().all() as [string, number][],
    ),
    identitiesByStatus: Object.fromEntries(
      db.prepare(`SELECT coalesce(status, 'unknown'), count(*) FROM node WHERE kind = 'identity' GROUP BY 1`).raw().all() as [string, number][],
    ),
    lifecycle: {
      stale: one(`SELECT count(*) FROM node WHERE kind = 'identity' AND coalesce(status, 'active') = 'active'
        AND last_used_at IS NOT NULL AND julianday(@asOf) - julianday(last_used_at) >= ${STALE_DAYS}`),
      neverUsed: one(`SELECT count(*) FROM node n WHERE kind = 'identity' AND unresolved = 0 AND last_used_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM auth_event e WHERE e.identity = n.id)`),
      // Session credentials (AWS STS ASIA… keys) are short-lived by construction: they are not inventory secrets.
      credentials: one(`SELECT count(*) FROM node WHERE kind = 'credential' AND ${NOT_TEMPORARY}`),
      temporaryCredentials: one(`SELECT count(*) FROM node WHERE kind = 'credential' AND NOT (${NOT_TEMPORARY})`),
      credentialsNeverRotated: one(`SELECT count(*) FROM node WHERE kind = 'credential' AND unresolved = 0 AND ${NOT_TEMPORARY}
        AND (json_extract(props, '$.last_rotated_at') IS NULL OR json_extract(props, '$.last_rotated_at') = created_at)`),
      credentialsExpired: one(`SELECT count(*) FROM node WHERE kind = 'credential'
        AND json_extract(props, '$.expires_at') IS NOT NULL AND julianday(json_extract(props, '$.expires_at')) < julianday(@asOf)`),
      credentialsOld: one(`SELECT count(*) FROM node WHERE kind = 'credential' AND ${NOT_TEMPORARY}
        AND julianday(@asOf) - julianday(coalesce(json_extract(props, '$.last_rotated_at'), created_at)) >= ${OLD_CREDENTIAL_DAYS}`),
      unresolved: one(`SELECT count(*) FROM node WHERE unresolved = 1`),
    },
    credentialAgeDays: db
      .prepare(
        `SELECT julianday(@asOf) - julianday(coalesce(json_extract(props, '$.last_rotated_at'), created_at))
      FROM node WHERE kind = 'credential' AND ${NOT_TEMPORARY} AND coalesce(json_extract(props, '$.last_rotated_at'), created_at) IS NOT NULL`,
      )
      .pluck()
      .all({ asOf: asOfIso }) as number[],
    unresolvedIdentities: one(`SELECT count(*) FROM node WHERE kind = 'identity' AND unresolved = 1`),
    groupsAndRoles: one(`SELECT count(*) FROM node WHERE kind IN ('group', 'role')`),
    systems: one(`SELECT count(*) FROM node WHERE kind = 'system'`),
    systemsByCriticality: Object.fromEntries(
      db.prepare(`SELECT coalesce(criticality, 'unknown'), count(*) FROM node WHERE kind = 'system' GROUP BY 1`).raw().all() as [string, number][],
    ),
    sources: db
      .prepare(
        `SELECT id, file_name AS file, format, imported_at AS importedAt, loaded, rejected FROM source
      WHERE status = 'complete' ORDER BY id`,
      )
      .all() as OverviewData['sources'],
  };
}
