// orphaned-identity: a non-human identity whose every known owner is disabled or deleted, none of whose named owners
// is known, or that has no owner in any source; also a person's programmatic token (Okta API token, GitHub personal
// access token) whose creator has left. The finding names each owner, the source that names it and its status.
// Which identities are orphaned is decided once, in store/orphans.ts (also counted by the metrics and the
// Overview); this rule only grades and explains them. `owner` is accountability only (docs/graph.md, Semantics):
// this rule never reads it as control.
import { orphanedIdentities, type OwnerClaim } from '../../store/orphans.ts';
import { fact, nodeEvidence } from '../evidence.ts';
import { raise } from '../severity.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

export const orphanedIdentity: Detector = {
  rule: 'orphaned-identity',
  defaults: {},
  detect({ data, blast }) {
    const out: FindingDraft[] = [];
    for (const o of orphanedIdentities(data.kase.db)) {
      const n = data.node(o.id)!;
      const owner = o.ownerId !== null ? data.node(o.ownerId) : undefined;
      let problem: string;
      let severity: Severity;
      if (o.problem === 'no-owner') {
        problem = 'has no owner';
        severity = 'medium';
      } else if (o.problem === 'owner-not-in-inventory') {
        problem =
          o.owners.length > 1
            ? `is owned by ${ownerList(o.owners)}, none of whom is in the inventory`
            : `is owned by "${o.ownerRef}", who is not in the inventory (${o.owners[0].source})`;
        severity = 'medium';
      } else {
        problem =
          o.owners.length > 1
            ? `has no active owner: ${ownerList(o.owners)}`
            : `is owned by ${o.ownerRef}, who ${o.problem === 'owner-disabled' ? 'is disabled' : o.problem === 'owner-deleted' ? 'is deleted' : 'has left'} (${o.owners[0].source})`;
        severity = 'high';
      }
      let because = severity === 'high' ? 'its owner has left or been disabled: classic improper offboarding' : 'nobody is accountable for it';
      const summary = blast?.summary(n.key) ?? null;
      if (summary?.maxPrivilege === 'admin') {
        severity = raise(severity);
        because += ', and it holds admin rights';
      }
      out.push({
        subject: n.key,
        key: o.ownerRef ?? '',
        severity,
        severityBecause: because,
        title: `${n.subkind} ${n.key} ${problem}`,
        evidence: [
          nodeEvidence(n),
          ...(owner ? [nodeEvidence(owner)] : []),
          fact(
            'owners',
            o.owners.map((c) => ({ owner: c.ref, source: c.source, status: c.status })),
          ),
          ...(summary
            ? [fact('blast_radius', { reached: summary.reached, maxPrivilege: summary.maxPrivilege, crownJewels: summary.crownJewels })]
            : []),
        ],
      });
    }
    return out;
  },
};

/** "alice (tag Owner, disabled), payments (tag team, not in the inventory)". */
function ownerList(owners: readonly OwnerClaim[]): string {
  const shown = owners
    .slice(0, 5)
    .map(
      (c) => `${c.ref} (${c.source}, ${c.status === 'not-in-inventory' ? 'not in the inventory' : c.status === 'departed' ? 'has left' : c.status})`,
    );
  return owners.length > 5 ? `${shown.join(', ')} and ${owners.length - 5} more` : shown.join(', ');
}
