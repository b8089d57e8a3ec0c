// orphaned-identity: a non-human identity whose accountable owner is missing, unknown, disabled or deleted.
// `owner` is accountability only (ENGINEERING.md §3): this rule never reads it as control.
import { isActive, isNhi } from '../lifecycle.ts';
import { fact, nodeEvidence } from '../evidence.ts';
import { raise } from '../severity.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

export const orphanedIdentity: Detector = {
  rule: 'orphaned-identity',
  defaults: {},
  detect({ data, blast }) {
    const out: FindingDraft[] = [];
    for (const n of data.identities()) {
      if (!isNhi(n) || !isActive(n) || n.unresolved) continue;
      const ownerKey = n.owner?.trim() || null;
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
