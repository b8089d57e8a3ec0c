// One identity's dossier: properties, owner, credentials with ages, entitlements granted vs used,
// source networks (baseline vs new), and its auth timeline. Read-only.
import { ApiError } from '../../shared/api/contract.ts';
import type { CredentialSummary, EntitlementSummary, IdentityDetail, SourceNetwork } from '../../shared/api/inventory.ts';
import type { CaseFile } from '../store/case-file.ts';
import { asOf as caseAsOf, kindExplanation } from '../store/case-summary.ts';
import type { NetworkClassifier } from './networks.ts';
import { displayNames } from '../store/display-name.ts';
import { authTimeline, type NetworkClasses } from './timeline.ts';

/** A source network first seen within this many days before the as-of time is "new" (outside the baseline). */
export const NEW_NETWORK_DAYS = 14;
const DAY = 86_400_000;
const GRANTS = `('member_of', 'has_role', 'can_assume', 'owns', 'access', 'runs_as')`;

interface NodeRow {
  id: number; key: string; kind: string; subkind: string | null; name: string | null; owner: string | null;
  environment: string | null; status: string | null; provider: string | null; created_at: string | null;
  last_used_at: string | null; unresolved: number; props: string | null; kind_because: string | null;
}

export function identityDetail(kase: CaseFile, key: string, classifier: NetworkClassifier, classes: NetworkClasses): IdentityDetail {
  const db = kase.db;
  const node = (db.prepare('SELECT * FROM node WHERE key = ?').get(key)
    ?? db.prepare('SELECT n.* FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = ?').get(key)) as NodeRow | undefined;
  if (!node || !['identity', 'group', 'role'].includes(node.kind)) throw new ApiError('not-found', `no identity ${key}`);
  const asOf = caseAsOf(kase);
  const asOfMs = asOf ? Date.parse(asOf) : Date.now();
  const props = node.props ? (JSON.parse(node.props) as Record<string, unknown>) : {};
  const owner = node.owner
    ? (db.prepare('SELECT key AS id, name, status FROM node WHERE key = ?').get(node.owner) as IdentityDetail['owner'] | undefined)
      ?? { id: node.owner, name: null, status: null }
    : null;
  const events = db.prepare(`SELECT count(*) AS total, coalesce(sum(outcome = 0), 0) AS failures, min(ts) AS first, max(ts) AS last
    FROM auth_event WHERE identity = ?`).get(node.id) as { total: number; failures: number; first: number | null; last: number | null };
  return {
    id: node.key, name: node.name, displayName: displayNames(kase, [node.key]).get(node.key) ?? node.key, kind: node.kind, subkind: node.subkind,
    kindExplained: node.kind === 'identity' ? explained(node.kind_because) : null, owner,
    environment: node.environment, status: node.status, provider: node.provider,
    createdAt: node.created_at, lastUsedAt: node.last_used_at, unresolved: node.unresolved === 1,
    tags: Array.isArray(props.tags) ? (props.tags as string[]) : [],
    props,
    aliases: db.prepare('SELECT alias FROM alias WHERE node_id = ? ORDER BY alias LIMIT 50').pluck().all(node.id) as string[],
    asOf,
    owns: db.prepare(`SELECT key AS id, name, CASE WHEN kind = 'identity' THEN subkind ELSE kind END AS kind FROM node
      WHERE owner = ? AND kind IN ('identity', 'group', 'role') ORDER BY key LIMIT 200`).all(node.key) as IdentityDetail['owns'],
    memberOf: db.prepare(`SELECT d.key AS id, d.name, e.kind AS relation FROM edge e JOIN node d ON d.id = e.dst
      WHERE e.src = ? AND e.kind IN ('member_of', 'has_role', 'can_assume') ORDER BY d.key`).all(node.id) as IdentityDetail['memberOf'],
    credentials: credentials(kase, node.id, asOfMs),
    entitlements: entitlements(kase, node.id),
    networks: networks(kase, node.id, asOfMs, classifier),
    newWindowDays: NEW_NETWORK_DAYS,
    timeline: authTimeline(kase, classes, node.id),
    events: {
      total: events.total, failures: events.failures,
      first: events.first === null ? null : new Date(events.first).toISOString(),
      last: events.last === null ? null : new Date(events.last).toISOString(),
    },
  };
}

function credentials(kase: CaseFile, nodeId: number, asOfMs: number): CredentialSummary[] {
  const rows = kase.db.prepare(`SELECT c.id AS nid, c.key AS id, c.subkind AS type, c.status, c.created_at, c.last_used_at,
      json_extract(c.props, '$.last_rotated_at') AS rotated, json_extract(c.props, '$.expires_at') AS expires
    FROM edge e JOIN node c ON c.id = e.dst WHERE e.src = ? AND e.kind = 'has_credential' ORDER BY c.key`).all(nodeId) as
    { nid: number; id: string; type: string | null; status: string | null; created_at: string | null; last_used_at: string | null; rotated: string | null; expires: string | null }[];
  const storedIn = kase.db.prepare(`SELECT s.key FROM edge e JOIN node s ON s.id = e.src WHERE e.dst = ? AND e.kind = 'stores' ORDER BY s.key`).pluck();
  const lastUse = kase.db.prepare('SELECT max(last_seen) FROM usage WHERE src = ?').pluck();
  return rows.map((r) => {
    const since = r.rotated ?? r.created_at;
    const seen = lastUse.get(r.nid) as number | null;
    const lastUsedAt = latest(r.last_used_at, seen === null ? null : new Date(seen).toISOString());
    return {
      id: r.id, type: r.type, status: r.status, createdAt: r.created_at, lastRotatedAt: r.rotated, expiresAt: r.expires, lastUsedAt,
      ageDays: since ? Math.floor((asOfMs - Date.parse(since)) / DAY) : null,
      storedIn: storedIn.all(r.nid) as string[],
    };
  });
}

/** Direct grants plus those inherited one hop through a group or role, each with evidence of use. */
function entitlements(kase: CaseFile, nodeId: number): EntitlementSummary[] {
  const rows = kase.db.prepare(`
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
    ORDER BY h.via IS NOT NULL, e.kind, d.key LIMIT 2000`).all({ id: nodeId }) as
    { relation: string; target: string; targetName: string | null; targetKind: string; privilege: string | null; grantedAt: string | null;
      exportLastUsed: string | null; via: string | null; useCount: number | null; lastSeen: number | null }[];
  const out = rows.map((r) => {
    const lastUsed = latest(r.exportLastUsed, r.lastSeen === null ? null : new Date(r.lastSeen).toISOString());
    return {
      relation: r.relation, target: r.target, targetName: r.targetName, targetKind: r.targetKind, privilege: r.privilege,
      grantedAt: r.grantedAt, used: lastUsed !== null || (r.useCount ?? 0) > 0, lastUsed, useCount: r.useCount ?? 0, via: r.via,
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
  const rows = kase.db.prepare(`SELECT t.value AS ip, min(e.ts) AS first, max(e.ts) AS last, count(*) AS n,
      coalesce(sum(e.outcome = 0), 0) AS failures, max(e.asn) AS asn, max(e.country) AS country
    FROM auth_event e JOIN term t ON t.id = e.ip WHERE e.identity = ? GROUP BY e.ip ORDER BY first LIMIT 500`).all(nodeId) as
    { ip: string; first: number; last: number; n: number; failures: number; asn: number | null; country: string | null }[];
  // Baseline: networks seen before the recent window. When all of the identity's history lies inside the window
  // (a short log export), the first half of what was observed stands in for the baseline.
  const windowStart = asOfMs - NEW_NETWORK_DAYS * DAY;
  const firstAll = Math.min(...rows.map((r) => r.first));
  const lastAll = Math.max(...rows.map((r) => r.last));
  const cutoff = firstAll < windowStart ? windowStart : firstAll + (lastAll - firstAll) / 2;
  return rows.map((r) => {
    const match = classifier.lookup(r.ip);
    return {
      ip: r.ip, cidr: match?.cidr ?? null, label: match?.label ?? null, networkClass: match?.networkClass ?? null,
      asn: r.asn, country: r.country, firstSeen: new Date(r.first).toISOString(), lastSeen: new Date(r.last).toISOString(),
      events: r.n, failures: r.failures,
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
