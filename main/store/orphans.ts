// "Orphaned identity", defined once: an active, non-human identity in the inventory whose accountable owner is
// missing, not in the inventory, or disabled or deleted. The finding rule orphaned-identity, the lifecycle metric
// and the Overview's count all read this function, so the three can never disagree (they did when the Overview
// had its own SQL: it missed owners that are not in the inventory and owners named only by a tag).
// `owner` is accountability, never control (docs/graph.md, Semantics). Read-only.
import type Database from 'better-sqlite3';
import { isNonHuman } from '../../shared/model.ts';
import { parseProps } from './props.ts';

export type OrphanProblem = 'no-owner' | 'owner-not-in-inventory' | 'owner-disabled' | 'owner-deleted';

export interface Orphan {
  /** The orphaned identity's node id and key. */
  id: number;
  key: string;
  /** The owner as named (inventory column, else an owner tag); null when none is named. */
  ownerRef: string | null;
  /** The node the owner reference resolves to (by key, else alias), when there is one. */
  ownerId: number | null;
  problem: OrphanProblem;
}

/** Tag keys that name an accountable owner on cloud resources (IAM users and roles, apps). */
const OWNER_TAG = /^(owner|owned[-_ ]?by|team|contact|created[-_ ]?by|maintainer|technical[-_ ]?owner)$/i;

/** Every orphaned identity of the case, ordered by key. */
export function orphanedIdentities(db: Database.Database): Orphan[] {
  const candidates = db.prepare(`SELECT id, key, subkind, owner, props FROM node
    WHERE kind = 'identity' AND unresolved = 0 AND (status IS NULL OR status = 'active') ORDER BY key`).all() as
    { id: number; key: string; subkind: string | null; owner: string | null; props: string | null }[];
  // Service accounts that a pod (a running workload) runs as are owned through that workload.
  const podUsed = new Set(db.prepare(`SELECT e.dst FROM edge e JOIN node s ON s.id = e.src
    WHERE e.kind = 'runs_as' AND CASE WHEN json_valid(s.props) THEN json_extract(s.props, '$.workload') END = 'pod'`).pluck().all() as number[]);
  const byKey = db.prepare('SELECT id, kind, status, unresolved FROM node WHERE key = ?');
  const byAlias = db.prepare('SELECT n.id, n.kind, n.status, n.unresolved FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = ?');
  type OwnerRow = { id: number; kind: string; status: string | null; unresolved: number };

  const out: Orphan[] = [];
  for (const n of candidates) {
    if (!isNonHuman(n.subkind)) continue;
    const props = parseProps(n.props);
    if (ownedByDesign(n.key, props, podUsed.has(n.id))) continue;
    const ownerRef = n.owner?.trim() || ownerFromTags(props) || null;
    const owner = ownerRef ? ((byKey.get(ownerRef) ?? byAlias.get(ownerRef)) as OwnerRow | undefined) : undefined;
    let problem: OrphanProblem;
    if (!ownerRef) problem = 'no-owner';
    else if (!owner || owner.unresolved || owner.kind !== 'identity') problem = 'owner-not-in-inventory';
    else if (owner.status === 'disabled') problem = 'owner-disabled';
    else if (owner.status === 'deleted') problem = 'owner-deleted';
    else continue;
    out.push({ id: n.id, key: n.key, ownerRef, ownerId: owner?.id ?? null, problem });
  }
  return out;
}

/**
 * Identities nobody is expected to own: principals of other organisations (external), AWS service-linked roles,
 * identity providers themselves, and Kubernetes service accounts a pod runs as (the workload is their owner).
 */
function ownedByDesign(key: string, props: Record<string, unknown>, runByPod: boolean): boolean {
  if (props.external === true) return true;
  if (/:role\/aws-service-role\//.test(key) || /:(saml|oidc)-provider\//.test(key)) return true;
  return runByPod;
}

/** The owner a node's tags name, when its inventory row names none. */
function ownerFromTags(props: Record<string, unknown>): string | null {
  const tags = props.tags;
  if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
    for (const [k, v] of Object.entries(tags as Record<string, unknown>)) if (OWNER_TAG.test(k) && typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

