// orphaned-identity: a non-human identity whose accountable owner is missing, unknown, disabled or deleted.
// Which identities are orphaned is decided once, in store/orphans.ts (also counted by the metrics and the
// Overview); this rule only grades and explains them. `owner` is accountability only (docs/graph.md, Semantics):
// this rule never reads it as control.
import { orphanedIdentities } from '../../store/orphans.ts';
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
        problem = `is owned by "${o.ownerRef}", who is not in the inventory`;
        severity = 'medium';
      } else {
        problem = `is owned by ${o.ownerRef}, who is ${o.problem === 'owner-disabled' ? 'disabled' : 'deleted'}`;
        severity = 'high';
      }
      let because = severity === 'high' ? 'its owner has left or been disabled: classic improper offboarding' : 'nobody is accountable for it';
      const summary = blast?.summary(n.key) ?? null;
      if (summary?.maxPrivilege === 'admin') {
        severity = raise(severity);
        because += ', and it holds admin rights';
      }
      out.push({
        subject: n.key, key: o.ownerRef ?? '', severity, severityBecause: because,
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
