// Lifecycle metrics for the whole case: inventory breakdowns, rotation coverage, short-lived share,
// median credential age, orphaned and dormant counts, ownership coverage, and time-to-revoke where the
// logs show a revocation after the first anomalous (anonymising-network) use of a credential.
import type { Metrics } from '../../shared/api/findings.ts';
import type { NetworkIntel } from '../intel/network-intel.ts';
import type { CaseFile } from '../store/case-file.ts';
import { CaseData, type EventRow } from './case-data.ts';
import { dormantIdentity } from './detectors/dormant-identity.ts';
import { orphanedIdentity } from './detectors/orphaned-identity.ts';
import { eventIdentity, isAnonymous } from './event-subjects.ts';
import { before, type StreamPosition } from './stream-position.ts';
import { ageDays, credentialTimes, isActive, isLiveCredential, isNhi, isTemporary } from './lifecycle.ts';
import type { DetectContext } from './types.ts';
import { DAY_MS } from './types.ts';
import { resolveAsOf, WINDOW_DEFAULTS, windowsFor } from './windows.ts';

export const METRIC_DEFAULTS = { rotationDays: 90, shortLivedDays: 7 };
const REVOKE =
  /DeleteAccessKey|UpdateAccessKey|revoke|delete.*(key|token|secret|credential|password)|remove.*(key|secret|credential|password)|disable.*(key|token|credential)/i;

export function computeMetrics(kase: CaseFile, intel: () => NetworkIntel, asOfOverride?: string): Metrics {
  const asOf = resolveAsOf(kase, asOfOverride).ms;
  const data = new CaseData(kase, intel);
  const identities = data.identities().filter((n) => !n.unresolved);
  const count = (values: (string | null)[]) => {
    const m: Record<string, number> = {};
    for (const v of values) m[v ?? '(none)'] = (m[v ?? '(none)'] ?? 0) + 1;
    return Object.fromEntries(Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  };

  const all = data.nodes().filter((n) => n.kind === 'credential' && !n.unresolved);
  const credentials = all.filter((c) => !isTemporary(c));
  const live = credentials.filter((c) => isLiveCredential(c, asOf));
  const ages = live
    .map((c) => ageDays(credentialTimes(c).issued, asOf))
    .filter((a): a is number => a !== null)
    .sort((a, b) => a - b);
  const withExpiry = live.map(credentialTimes).filter((t) => t.expires !== null && t.issued !== null);
  const shortLived = withExpiry.filter((t) => t.expires! - t.issued! <= METRIC_DEFAULTS.shortLivedDays * DAY_MS).length;
  const rotated = ages.filter((a) => a <= METRIC_DEFAULTS.rotationDays).length;

  const nhis = identities.filter((n) => isNhi(n) && isActive(n));
  const owned = nhis.filter((n) => {
    const owner = data.resolve(n.owner);
    return owner && !owner.unresolved && owner.kind === 'identity' && isActive(owner);
  }).length;

  const ctx: DetectContext = { data, asOf, window: windowsFor(asOf, WINDOW_DEFAULTS, data.eventSpan()?.from), blast: null };
  return {
    asOf: new Date(asOf).toISOString(),
    inventory: {
      byKind: count(identities.map((n) => n.subkind)),
      byProvider: count(identities.map((n) => n.provider)),
      byEnvironment: count(identities.map((n) => n.environment)),
      byOwner: count(identities.map((n) => n.owner)),
    },
    nonHumanIdentities: identities.filter(isNhi).length,
    credentials: {
      total: credentials.length,
      active: live.length,
      temporarySessions: all.length - credentials.length,
      medianAgeDays: ages.length ? median(ages) : null,
      shortLivedShare: withExpiry.length || live.length ? ratio(shortLived, live.length) : null,
      rotationCoverage: ages.length ? ratio(rotated, ages.length) : null,
    },
    ownershipCoverage: nhis.length ? ratio(owned, nhis.length) : null,
    orphaned: orphanedIdentity.detect(ctx, orphanedIdentity.defaults).length,
    dormant: dormantIdentity.detect(ctx, dormantIdentity.defaults).length,
    timeToRevoke: timeToRevoke(data, asOf),
    definitions: {
      'credentials.active':
        'credentials that are active, already issued and not expired at the as-of time (temporary session credentials, e.g. AWS STS ASIA… keys, are counted apart)',
      'credentials.medianAgeDays': 'median days since the last rotation (else creation) of active credentials',
      'credentials.shortLivedShare': `share of active credentials whose lifetime (expiry − issue) is at most ${METRIC_DEFAULTS.shortLivedDays} days`,
      'credentials.rotationCoverage': `share of active credentials (with a known date) rotated within ${METRIC_DEFAULTS.rotationDays} days`,
      ownershipCoverage: 'share of active non-human identities whose owner is an active identity in the inventory',
      orphaned:
        "active non-human identities whose owner is missing, unknown, disabled, deleted or departed, and people's API tokens whose creator has left (rule orphaned-identity)",
      dormant: `active identities with live credentials unused for ${dormantIdentity.defaults.dormantDays} days (rule dormant-identity)`,
      timeToRevoke: 'hours from the first use of a credential from Tor, a VPN or hosting to a revocation the logs show (e.g. DeleteAccessKey)',
    },
  };
}

/**
 * Two streaming passes over the whole case up to as-of: the first anomalous use per credential (few
 * credentials have one), then, only if there are any, the first revocation of each after that use. Both
 * passes keep the earliest event by (time, id) themselves, so SQLite need not sort the whole case.
 */
function timeToRevoke(data: CaseData, asOf: number): Metrics['timeToRevoke'] {
  const span = data.eventSpan();
  if (!span) return [];
  const firstAnomalous = new Map<string, { at: StreamPosition; identity: string | null }>();
  for (const e of data.eachEvent(span.from, asOf, { outcome: 1, inAnyOrder: true })) {
    if (!e.credential || !isAnonymous(e.net)) continue;
    const seen = firstAnomalous.get(e.credential);
    if (!seen || before(e, seen.at))
      firstAnomalous.set(e.credential, { at: { ts: e.ts, id: e.id }, identity: eventIdentity(data, e)?.key ?? e.identity });
  }
  if (!firstAnomalous.size) return [];
  // Per credential: the revoking event, and whether it named the credential as its target (0) or used it (1).
  const revoked = new Map<string, { e: EventRow; slot: number }>();
  for (const e of data.eachEvent(span.from, asOf, { outcome: 1, inAnyOrder: true })) {
    if (!e.action || !REVOKE.test(e.action)) continue;
    [e.target, e.credential].forEach((key, slot) => {
      const first = key ? firstAnomalous.get(key) : undefined;
      if (!key || !first || e.ts < first.at.ts) return;
      const seen = revoked.get(key);
      if (!seen || before(e, seen.e)) revoked.set(key, { e, slot });
    });
  }
  // In the order the revocations happened, as the log reads.
  const order = [...revoked].sort(([, a], [, b]) => a.e.ts - b.e.ts || a.e.id - b.e.id || a.slot - b.slot);
  return order.map(([key, { e }]) => {
    const first = firstAnomalous.get(key)!;
    return {
      credential: key,
      identity: first.identity,
      firstAnomalousAt: new Date(first.at.ts).toISOString(),
      revokedAt: new Date(e.ts).toISOString(),
      hours: Math.round(((e.ts - first.at.ts) / 3_600_000) * 10) / 10,
      action: e.action!,
    };
  });
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function ratio(n: number, d: number): number | null {
  return d ? Math.round((n / d) * 1000) / 1000 : null;
}
