// Case-wide aggregates for the Overview screen: lifecycle metrics, auth activity, credential ages, sources.
// Read-only; every "days since" is measured from the case's as-of time, never the wall clock.
import type { OverviewData } from '../../shared/api/inventory.ts';
import { isNonHuman } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';
import { asOf as caseAsOf } from '../store/case-summary.ts';
import { orphanedIdentities } from '../store/orphans.ts';
import { overviewCounts } from '../store/overview-read.ts';
import { authTimeline, type NetworkClasses } from './timeline.ts';

const AGE_BUCKETS: [string, number, number | null][] = [
  ['< 30 d', 0, 30],
  ['30–90 d', 30, 90],
  ['90–180 d', 90, 180],
  ['180 d–1 y', 180, 365],
  ['1–2 y', 365, 730],
  ['> 2 y', 730, null],
];

export function overview(kase: CaseFile, classes: NetworkClasses): OverviewData {
  const db = kase.db;
  const asOf = caseAsOf(kase);
  const asOfIso = asOf ?? new Date().toISOString();
  const counts = overviewCounts(db, asOfIso);
  const byKind = counts.identitiesByKind;
  const byStatus = counts.identitiesByStatus;
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);
  const nonHuman = Object.entries(byKind)
    .filter(([k]) => isNonHuman(k))
    .reduce((a, [, n]) => a + n, 0);

  const { stale, neverUsed, ...credentialCounts } = counts.lifecycle;
  const lifecycle = {
    stale,
    neverUsed,
    // The same definition as the orphaned-identity rule and the metrics (store/orphans.ts), so the numbers agree.
    orphaned: orphanedIdentities(db).length,
    ...credentialCounts,
  };

  const ages = counts.credentialAgeDays;
  const credentialAges = AGE_BUCKETS.map(([label, from, to]) => ({
    label,
    from,
    to,
    count: ages.filter((d) => d >= from && (to === null || d < to)).length,
  }));

  const timeline = authTimeline(kase, classes, null);
  const sum = (f: (b: (typeof timeline.buckets)[number]) => number) => timeline.buckets.reduce((a, b) => a + f(b), 0);
  return {
    asOf,
    identities: {
      total,
      human: byKind.human ?? 0,
      nonHuman,
      byKind,
      byStatus,
      unresolved: counts.unresolvedIdentities,
      groupsAndRoles: counts.groupsAndRoles,
    },
    lifecycle,
    systems: {
      total: counts.systems,
      byCriticality: counts.systemsByCriticality,
    },
    auth: { ...timeline, total: sum((b) => b.success + b.failure), anonymous: sum((b) => b.anonymous) },
    credentialAges,
    sources: counts.sources,
  };
}
