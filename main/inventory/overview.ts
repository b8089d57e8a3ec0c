// Case-wide aggregates for the Overview screen: lifecycle metrics, auth activity, credential ages, sources.
// Read-only; every "days since" is measured from the case's as-of time, never the wall clock.
import type { OverviewData } from '../../shared/api/inventory.ts';
import { isNonHuman } from '../../shared/model.ts';
import { temporaryCredentialSql } from '../../shared/predicates.ts';
import type { CaseFile } from '../store/case-file.ts';
import { asOf as caseAsOf } from '../store/case-summary.ts';
import { orphanedIdentities } from '../store/orphans.ts';
import { authTimeline, type NetworkClasses } from './timeline.ts';

/** Same rule as findings' isTemporary() (shared/predicates.ts): a props.temporary flag or an AWS STS session key id. */
const NOT_TEMPORARY = `NOT ${temporaryCredentialSql()}`;

export const STALE_DAYS = 90;
export const OLD_CREDENTIAL_DAYS = 90;
const AGE_BUCKETS: [string, number, number | null][] = [
  ['< 30 d', 0, 30], ['30–90 d', 30, 90], ['90–180 d', 90, 180], ['180 d–1 y', 180, 365], ['1–2 y', 365, 730], ['> 2 y', 730, null],
];

export function overview(kase: CaseFile, classes: NetworkClasses): OverviewData {
  const db = kase.db;
  const asOf = caseAsOf(kase);
  const asOfIso = asOf ?? new Date().toISOString();
  const byKind = Object.fromEntries(db.prepare(`SELECT coalesce(subkind, 'unknown'), count(*) FROM node WHERE kind = 'identity' GROUP BY 1`).raw().all() as [string, number][]);
  const byStatus = Object.fromEntries(db.prepare(`SELECT coalesce(status, 'unknown'), count(*) FROM node WHERE kind = 'identity' GROUP BY 1`).raw().all() as [string, number][]);
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);
  const nonHuman = Object.entries(byKind).filter(([k]) => isNonHuman(k)).reduce((a, [, n]) => a + n, 0);
  const one = (sql: string) => db.prepare(sql).pluck().get({ asOf: asOfIso }) as number;

  const lifecycle = {
    stale: one(`SELECT count(*) FROM node WHERE kind = 'identity' AND coalesce(status, 'active') = 'active'
      AND last_used_at IS NOT NULL AND julianday(@asOf) - julianday(last_used_at) >= ${STALE_DAYS}`),
    neverUsed: one(`SELECT count(*) FROM node n WHERE kind = 'identity' AND unresolved = 0 AND last_used_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM auth_event e WHERE e.identity = n.id)`),
    // The same definition as the orphaned-identity rule and the metrics (store/orphans.ts), so the numbers agree.
    orphaned: orphanedIdentities(db).length,
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
  };

  const ages = db.prepare(`SELECT julianday(@asOf) - julianday(coalesce(json_extract(props, '$.last_rotated_at'), created_at))
    FROM node WHERE kind = 'credential' AND ${NOT_TEMPORARY} AND coalesce(json_extract(props, '$.last_rotated_at'), created_at) IS NOT NULL`).pluck().all({ asOf: asOfIso }) as number[];
  const credentialAges = AGE_BUCKETS.map(([label, from, to]) => ({
    label, from, to, count: ages.filter((d) => d >= from && (to === null || d < to)).length,
  }));

  const timeline = authTimeline(kase, classes, null);
  const sum = (f: (b: (typeof timeline.buckets)[number]) => number) => timeline.buckets.reduce((a, b) => a + f(b), 0);
  return {
    asOf,
    identities: {
      total, human: byKind.human ?? 0, nonHuman, byKind, byStatus,
      unresolved: one(`SELECT count(*) FROM node WHERE kind = 'identity' AND unresolved = 1`),
      groupsAndRoles: one(`SELECT count(*) FROM node WHERE kind IN ('group', 'role')`),
    },
    lifecycle,
    systems: {
      total: one(`SELECT count(*) FROM node WHERE kind = 'system'`),
      byCriticality: Object.fromEntries(db.prepare(`SELECT coalesce(criticality, 'unknown'), count(*) FROM node WHERE kind = 'system' GROUP BY 1`).raw().all() as [string, number][]),
    },
    auth: { ...timeline, total: sum((b) => b.success + b.failure), anonymous: sum((b) => b.anonymous) },
    credentialAges,
    sources: db.prepare(`SELECT id, file_name AS file, format, imported_at AS importedAt, loaded, rejected FROM source
      WHERE status = 'complete' ORDER BY id`).all() as OverviewData['sources'],
  };
}
