// "Orphaned identity", defined once: an active, non-human identity whose every known owner is disabled or deleted
// (improper offboarding), whose named owners are none of them known (not in the inventory), or that has no owner
// in any source and no owning workload. The finding rule orphaned-identity, the lifecycle metric and the Overview's
// count all read this function, so the three can never disagree.
// Owners are gathered from every source that records one (ownersOf): the inventory's owner column, cloud tags
// (IAM `Owner`, `team`, `contact`, `created-by`…), Kubernetes owner labels and annotations, AD `managedBy`, the
// GitHub App installer, and `owns` relations (Entra application and service-principal owners). An active owner in
// any source is enough. `owner` is accountability, never control (docs/graph.md, Semantics). Read-only.
// A person's programmatic token (an Okta API token, a GitHub personal access token; store/person-tokens.ts) is owned
// by the person who created or holds it: it is orphaned when every such person has left (store/departure.ts).
import type Database from 'better-sqlite3';
import { isNonHuman } from '../../shared/model.ts';
import { departureOf } from './departure.ts';
import { isPersonToken, tokenOwnerSource } from './person-tokens.ts';
import { parseProps } from './props.ts';

export type OrphanProblem = 'no-owner' | 'owner-not-in-inventory' | 'owner-disabled' | 'owner-deleted' | 'owner-departed';

/** `departed`: a log records that the owner left (e.g. removed from the GitHub organisation) without a status change. */
export type OwnerStatus = 'active' | 'disabled' | 'deleted' | 'departed' | 'not-in-inventory';

/** One owner a source names for an identity. */
export interface OwnerClaim {
  /** The owner as the source names it (a key, login, e-mail or team name). */
  ref: string;
  /** Where the claim comes from, in words: "owner column", "tag Owner", "Entra owner (Add owner to application)". */
  source: string;
  /** The node the reference resolves to (by key, else alias), when there is one. */
  ownerId: number | null;
  status: OwnerStatus;
}

export interface Orphan {
  /** The orphaned identity's node id and key. */
  id: number;
  key: string;
  /** The owner the problem is about (the first such claim); null when none is named. */
  ownerRef: string | null;
  /** The node that owner resolves to, when there is one. */
  ownerId: number | null;
  problem: OrphanProblem;
  /** Every owner any source names, with its status. */
  owners: OwnerClaim[];
}

/** Tag, label and annotation keys that name an accountable owner (cloud tags, Kubernetes metadata). */
export const OWNER_KEY = /(^|[/.])(owner|owned[-_ ]?by|team|contact|created[-_ ]?by|maintainer|technical[-_ ]?owner|owner[-_ ]?email)$/i;

/** Every orphaned identity of the case, ordered by key. */
export function orphanedIdentities(db: Database.Database): Orphan[] {
  const candidates = db
    .prepare(
      `SELECT id, key, subkind, owner, props FROM node
    WHERE kind = 'identity' AND unresolved = 0 AND (status IS NULL OR status = 'active') ORDER BY key`,
    )
    .all() as { id: number; key: string; subkind: string | null; owner: string | null; props: string | null }[];
  // Service accounts that a pod (a running workload) runs as are owned through that workload.
  const podUsed = new Set(
    db
      .prepare(
        `SELECT e.dst FROM edge e JOIN node s ON s.id = e.src
    WHERE e.kind = 'runs_as' AND CASE WHEN json_valid(s.props) THEN json_extract(s.props, '$.workload') END = 'pod'`,
      )
      .pluck()
      .all() as number[],
  );
  const ownsEdges =
    db.prepare(`SELECT o.key, o.status, o.props AS ownerProps, o.unresolved, o.id, e.props, s.format FROM edge e JOIN node o ON o.id = e.src
    LEFT JOIN source s ON s.id = e.source_id WHERE e.dst = ? AND e.kind = 'owns' AND o.kind = 'identity' AND o.id <> e.dst ORDER BY o.key LIMIT 50`);
  const resolve = ownerResolver(db);

  const out: Orphan[] = [];
  for (const n of candidates) {
    if (!isNonHuman(n.subkind)) continue;
    const props = parseProps(n.props);
    if (ownedByDesign(n.key, props, podUsed.has(n.id))) continue;
    const named = namedOwners(n.owner, props);
    const owners: OwnerClaim[] = named.map((c) => ({ ...c, ...resolve(c.ref) }));
    for (const e of ownsEdges.all(n.id) as {
      key: string;
      status: string | null;
      ownerProps: string | null;
      unresolved: number;
      id: number;
      props: string | null;
      format: string | null;
    }[]) {
      if (owners.some((o) => o.ownerId === e.id)) continue;
      const via = parseProps(e.props);
      // Ownership a source records (Entra "Add owner to …", an inventory's owns row), not control merely observed
      // (whoever added a secret can manage the app, but is not thereby accountable for it).
      const how = typeof via.via === 'string' && /owner/i.test(via.via) ? via.via : !via.observed && e.format ? e.format : null;
      if (!how) continue;
      owners.push({
        ref: e.key,
        source: `owner relation (${how})`,
        ownerId: e.id,
        status: e.unresolved ? 'not-in-inventory' : statusOf(e.status, parseProps(e.ownerProps)),
      });
    }
    const problem = orphanProblem(owners);
    if (!problem) continue;
    const about = owners.find((o) => problemOf(o.status) === problem) ?? null;
    out.push({ id: n.id, key: n.key, ownerRef: about?.ref ?? null, ownerId: about?.ownerId ?? null, problem, owners });
  }
  const tokens = orphanedTokens(db);
  if (!tokens.length) return out;
  return [...out, ...tokens].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Live tokens of people every one of whom has left. A token always has the person who made it as owner, so "no
 * owner" and "owner unknown" do not apply: only a departure does.
 */
function orphanedTokens(db: Database.Database): Orphan[] {
  // CROSS JOIN fixes the order: tokens (node_kind index), their holder edges (edge_dst), each holder by id. Left to
  // itself the planner paired every token with every identity before looking for the edge (54 s on a 10k case).
  const rows = db
    .prepare(
      `SELECT c.id, c.key, c.subkind, c.props AS props, h.id AS holderId, h.key AS holderKey, h.subkind AS holderSubkind,
      h.status AS holderStatus, h.props AS holderProps
    FROM node c CROSS JOIN edge e ON e.dst = c.id CROSS JOIN node h ON h.id = e.src
    WHERE c.kind = 'credential' AND c.subkind = 'token' AND c.unresolved = 0 AND (c.status IS NULL OR c.status = 'active')
      AND e.kind = 'has_credential' AND h.kind = 'identity' AND h.subkind = 'human' AND h.unresolved = 0
    ORDER BY c.key, h.key`,
    )
    .all() as {
    id: number;
    key: string;
    subkind: string;
    props: string | null;
    holderId: number;
    holderKey: string;
    holderSubkind: string | null;
    holderStatus: string | null;
    holderProps: string | null;
  }[];
  const byToken = new Map<number, { key: string; owners: OwnerClaim[] }>();
  for (const r of rows) {
    if (!isPersonToken({ kind: 'credential', subkind: r.subkind, props: parseProps(r.props) }, r.holderSubkind)) continue;
    let t = byToken.get(r.id);
    if (!t) byToken.set(r.id, (t = { key: r.key, owners: [] }));
    t.owners.push({
      ref: r.holderKey,
      source: tokenOwnerSource(r.key),
      ownerId: r.holderId,
      status: statusOf(r.holderStatus, parseProps(r.holderProps)),
    });
  }
  const out: Orphan[] = [];
  for (const [id, { key, owners }] of byToken) {
    const problem = orphanProblem(owners);
    if (problem !== 'owner-disabled' && problem !== 'owner-deleted' && problem !== 'owner-departed') continue;
    const about = owners.find((o) => problemOf(o.status) === problem) ?? null;
    out.push({ id, key, ownerRef: about?.ref ?? null, ownerId: about?.ownerId ?? null, problem, owners });
  }
  return out;
}

/**
 * No owner: orphaned. Any active owner: not orphaned. Otherwise owners who left (disabled, deleted) outrank owners
 * nobody can look up, because a departure is evidence and an unknown name is not.
 */
function orphanProblem(owners: readonly OwnerClaim[]): OrphanProblem | null {
  if (!owners.length) return 'no-owner';
  if (owners.some((o) => o.status === 'active')) return null;
  if (owners.every((o) => o.status === 'not-in-inventory')) return 'owner-not-in-inventory';
  if (owners.some((o) => o.status === 'disabled')) return 'owner-disabled';
  if (owners.some((o) => o.status === 'deleted')) return 'owner-deleted';
  return 'owner-departed';
}

function problemOf(status: OwnerStatus): OrphanProblem | null {
  switch (status) {
    case 'disabled':
      return 'owner-disabled';
    case 'deleted':
      return 'owner-deleted';
    case 'departed':
      return 'owner-departed';
    case 'not-in-inventory':
      return 'owner-not-in-inventory';
    default:
      return null;
  }
}

/**
 * Identities nobody is expected to own: principals of other organisations (external), AWS service-linked roles
 * and AWS services, identity providers themselves, and Kubernetes service accounts a pod runs as (the workload is
 * their owner).
 */
function ownedByDesign(key: string, props: Record<string, unknown>, runByPod: boolean): boolean {
  if (props.external === true || props.aws_service === true) return true;
  if (/:role\/aws-service-role\//.test(key) || /:(saml|oidc)-provider\//.test(key)) return true;
  return runByPod;
}

/** Owners named on the node itself: the owner column, tags, labels, annotations, managedBy, recorded owner claims. */
function namedOwners(column: string | null, props: Record<string, unknown>): { ref: string; source: string }[] {
  const out: { ref: string; source: string }[] = [];
  const add = (ref: unknown, source: string) => {
    if (typeof ref !== 'string') return;
    const r = ref.trim().slice(0, 300);
    if (r && !out.some((o) => o.ref.toLowerCase() === r.toLowerCase())) out.push({ ref: r, source });
  };
  add(column, 'owner column');
  for (const [field, label] of [
    ['tags', 'tag'],
    ['labels', 'label'],
    ['annotations', 'annotation'],
  ] as const) {
    const map = props[field];
    if (map && typeof map === 'object' && !Array.isArray(map)) {
      for (const [k, v] of Object.entries(map as Record<string, unknown>)) if (OWNER_KEY.test(k)) add(v, `${label} ${k}`);
    }
  }
  for (const k of ['managedBy', 'managedby', 'managed_by']) add(props[k], 'AD managedBy');
  const claims = props.owner_claims;
  if (claims && typeof claims === 'object' && !Array.isArray(claims)) {
    for (const [source, ref] of Object.entries(claims as Record<string, unknown>)) add(ref, source);
  }
  return out;
}

function ownerResolver(db: Database.Database): (ref: string) => { ownerId: number | null; status: OwnerStatus } {
  const byKey = db.prepare('SELECT id, kind, status, props, unresolved FROM node WHERE key = ?');
  const byAlias = db.prepare('SELECT n.id, n.kind, n.status, n.props, n.unresolved FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = ?');
  type Row = { id: number; kind: string; status: string | null; props: string | null; unresolved: number };
  return (ref) => {
    const row = (byKey.get(ref) ?? byAlias.get(ref) ?? byAlias.get(ref.toLowerCase())) as Row | undefined;
    if (!row || row.unresolved || row.kind !== 'identity') return { ownerId: row?.id ?? null, status: 'not-in-inventory' };
    return { ownerId: row.id, status: statusOf(row.status, parseProps(row.props)) };
  };
}

function statusOf(status: string | null, props: Record<string, unknown>): OwnerStatus {
  return departureOf(status, props)?.how ?? 'active';
}
