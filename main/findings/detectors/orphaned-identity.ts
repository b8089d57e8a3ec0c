// orphaned-identity: a non-human identity whose accountable owner is missing, unknown, disabled or deleted.
// `owner` is accountability only (docs/graph.md, Semantics): this rule never reads it as control.
import { isActive, isNhi } from '../lifecycle.ts';
import { fact, nodeEvidence } from '../evidence.ts';
import { raise } from '../severity.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

/** Tag keys that name an accountable owner on cloud resources (IAM users and roles, apps). */
const OWNER_TAG = /^(owner|owned[-_ ]?by|team|contact|created[-_ ]?by|maintainer|technical[-_ ]?owner)$/i;

/** The owner a node's tags name, when its inventory row names none. */
function ownerFromTags(props: Record<string, unknown>): string | null {
  const tags = props.tags;
  if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
    for (const [k, v] of Object.entries(tags as Record<string, unknown>)) if (OWNER_TAG.test(k) && typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

/**
 * Identities nobody is expected to own: principals of other organisations (external), AWS service-linked roles,
 * identity providers themselves, and Kubernetes service accounts a pod runs as (the workload is their owner).
 */
function ownedByDesign(n: { id: number; key: string; props: Record<string, unknown> }, podUsed: Set<number>): boolean {
  if (n.props.external === true) return true;
  if (/:role\/aws-service-role\//.test(n.key) || /:(saml|oidc)-provider\//.test(n.key)) return true;
  return podUsed.has(n.id);
}

export const orphanedIdentity: Detector = {
  rule: 'orphaned-identity',
  defaults: {},
  detect({ data, blast }) {
    const out: FindingDraft[] = [];
    // Service accounts that a pod (a running workload) runs as: owned through that workload.
    const podUsed = new Set<number>();
    for (const e of data.edges()) {
      if (e.kind !== 'runs_as') continue;
      const src = data.node(e.src);
      if (src?.props.workload === 'pod') podUsed.add(e.dst);
    }
    for (const n of data.identities()) {
      if (!isNhi(n) || !isActive(n) || n.unresolved || ownedByDesign(n, podUsed)) continue;
      const ownerKey = n.owner?.trim() || ownerFromTags(n.props) || null;
      const owner = ownerKey ? data.resolve(ownerKey) : undefined;
      let problem: string;
      let severity: Severity;
      if (!ownerKey) {
        problem = 'has no owner';
        severity = 'medium';
      } else if (!owner || owner.unresolved || owner.kind !== 'identity') {
        problem = `is owned by "${ownerKey}", who is not in the inventory`;
        severity = 'medium';
      } else if (owner.status === 'disabled' || owner.status === 'deleted') {
        problem = `is owned by ${ownerKey}, who is ${owner.status}`;
        severity = 'high';
      } else continue;
      let because = severity === 'high' ? 'its owner has left or been disabled: classic improper offboarding' : 'nobody is accountable for it';
      const summary = blast?.summary(n.key) ?? null;
      if (summary?.maxPrivilege === 'admin') {
        severity = raise(severity);
        because += ', and it holds admin rights';
      }
      out.push({
        subject: n.key, key: ownerKey ?? '', severity, severityBecause: because,
        title: `${n.subkind} ${n.key} ${problem}`,
        evidence: [
          nodeEvidence(n),
          ...(owner ? [nodeEvidence(owner)] : []),
          ...(summary ? [fact('blast_radius', { reached: summary.reached, maxPrivilege: summary.maxPrivilege, crownJewels: summary.crownJewels })] : []),
        ],
      });
    }
    return out;
  },
};
