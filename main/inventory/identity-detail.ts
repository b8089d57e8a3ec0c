// One identity's dossier: properties, owner, credentials with ages, entitlements granted vs used,
// source networks (baseline vs new), and its auth timeline. Read-only.
import { ApiError } from '../../shared/api/contract.ts';
import type { CredentialSummary, EntitlementSummary, IdentityDetail, SourceNetwork } from '../../shared/api/inventory.ts';
import type { CaseFile } from '../store/case-file.ts';
import { asOf as caseAsOf, kindExplanation } from '../store/case-summary.ts';
import type { NetworkClassifier } from './networks.ts';
import { displayNames } from '../store/display-name.ts';
import {
  credentialsOf,
  entitlementsOf,
  identityAliases,
  identityEventCounts,
  membershipsOf,
  nodeByKeyOrAlias,
  ownedBy,
  ownerOf,
  sourceNetworksOf,
} from '../store/identity-read.ts';
import { authTimeline, type NetworkClasses } from './timeline.ts';

/** A source network first seen within this many days before the as-of time is "new" (outside the baseline). */
export const NEW_NETWORK_DAYS = 14;
const DAY = 86_400_000;

export function identityDetail(kase: CaseFile, key: string, classifier: NetworkClassifier, classes: NetworkClasses): IdentityDetail {
  const db = kase.db;
  const node = nodeByKeyOrAlias(db, key);
  if (!node || !['identity', 'group', 'role'].includes(node.kind)) throw new ApiError('not-found', `no identity ${key}`);
  const asOf = caseAsOf(kase);
  const asOfMs = asOf ? Date.parse(asOf) : Date.now();
  const props = node.props ? (JSON.parse(node.props) as Record<string, unknown>) : {};
  const owner = node.owner ? (ownerOf(db, node.owner) ?? { id: node.owner, name: null, status: null }) : null;
  const events = identityEventCounts(db, node.id);
  return {
    id: node.key,
    name: node.name,
    displayName: displayNames(kase, [node.key]).get(node.key) ?? node.key,
    kind: node.kind,
    subkind: node.subkind,
    kindExplained: node.kind === 'identity' ? explained(node.kind_because) : null,
    owner,
    environment: node.environment,
    status: node.status,
    provider: node.provider,
    createdAt: node.created_at,
    lastUsedAt: node.last_used_at,
    unresolved: node.unresolved === 1,
    tags: Array.isArray(props.tags) ? (props.tags as string[]) : [],
    props,
    aliases: identityAliases(db, node.id),
    asOf,
    owns: ownedBy(db, node.key),
    memberOf: membershipsOf(db, node.id),
    credentials: credentials(kase, node.id, asOfMs),
    entitlements: entitlements(kase, node.id),
    networks: networks(kase, node.id, asOfMs, classifier),
    newWindowDays: NEW_NETWORK_DAYS,
    timeline: authTimeline(kase, classes, node.id),
    events: {
      total: events.total,
      failures: events.failures,
      first: events.first === null ? null : new Date(events.first).toISOString(),
      last: events.last === null ? null : new Date(events.last).toISOString(),
    },
  };
}

function credentials(kase: CaseFile, nodeId: number, asOfMs: number): CredentialSummary[] {
  return credentialsOf(kase.db, nodeId).map((r) => {
    const since = r.rotated ?? r.created_at;
    const seen = r.lastSeen;
    const lastUsedAt = latest(r.last_used_at, seen === null ? null : new Date(seen).toISOString());
    return {
      id: r.id,
      type: r.type,
      status: r.status,
      createdAt: r.created_at,
      lastRotatedAt: r.rotated,
      expiresAt: r.expires,
      lastUsedAt,
      ageDays: since ? Math.floor((asOfMs - Date.parse(since)) / DAY) : null,
      storedIn: r.storedIn,
    };
  });
}

/** Direct grants plus those inherited one hop through a group or role, each with evidence of use. */
function entitlements(kase: CaseFile, nodeId: number): EntitlementSummary[] {
  const rows = entitlementsOf(kase.db, nodeId);
  const out = rows.map((r) => {
    const lastUsed = latest(r.exportLastUsed, r.lastSeen === null ? null : new Date(r.lastSeen).toISOString());
    return {
      relation: r.relation,
      target: r.target,
      targetName: r.targetName,
      targetKind: r.targetKind,
      privilege: r.privilege,
      grantedAt: r.grantedAt,
      used: lastUsed !== null || (r.useCount ?? 0) > 0,
      lastUsed,
      useCount: r.useCount ?? 0,
      via: r.via,
    };
  });
  // Logs never show a membership itself being used: a group or role counts as used when a grant held through it was.
  for (const e of out) {
    if (e.used || e.via !== null || (e.relation !== 'member_of' && e.relation !== 'has_role')) continue;
    const through = out.filter((x) => x.via === e.target && x.used);
    if (through.length) {
      e.used = true;
      e.useCount = through.reduce((a, x) => a + x.useCount, 0);
      e.lastUsed = through.map((x) => x.lastUsed).reduce<string | null>((a, b) => latest(a, b), null);
    }
  }
  return out;
}

function networks(kase: CaseFile, nodeId: number, asOfMs: number, classifier: NetworkClassifier): SourceNetwork[] {
  const rows = sourceNetworksOf(kase.db, nodeId);
  // Baseline: networks seen before the recent window. When all of the identity's history lies inside the window
  // (a short log export), the first half of what was observed stands in for the baseline.
  const windowStart = asOfMs - NEW_NETWORK_DAYS * DAY;
  const firstAll = Math.min(...rows.map((r) => r.first));
  const lastAll = Math.max(...rows.map((r) => r.last));
  const cutoff = firstAll < windowStart ? windowStart : firstAll + (lastAll - firstAll) / 2;
  return rows.map((r) => {
    const match = classifier.lookup(r.ip);
    return {
      ip: r.ip,
      cidr: match?.cidr ?? null,
      label: match?.label ?? null,
      networkClass: match?.networkClass ?? null,
      asn: r.asn,
      country: r.country,
      firstSeen: new Date(r.first).toISOString(),
      lastSeen: new Date(r.last).toISOString(),
      events: r.n,
      failures: r.failures,
      isNew: rows.length > 1 && r.first > cutoff,
    };
  });
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

function explained(text: string | null): IdentityDetail['kindExplained'] {
  const k = kindExplanation(text);
  return { source: k.kindSource, because: k.kindBecause, signals: k.kindSignals, sourceKind: k.sourceKind };
}
