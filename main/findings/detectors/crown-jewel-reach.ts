// crown-jewel-reach: an identity whose blast radius reaches a crown jewel (a system marked so, or of
// critical criticality). Reach and paths come from the graph engine; severity follows the privilege reached.
import { fact, nodeEvidence } from '../evidence.ts';
import { isActive, isNhi } from '../lifecycle.ts';
import { raise } from '../severity.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';
import { markedKeys } from '../../store/marks.ts';

export const crownJewelReach: Detector = {
  rule: 'crown-jewel-reach',
  defaults: { maxListed: 20 },
  cannotRun({ blast }) {
    return blast ? null : 'the analysis graph is not available';
  },
  detect({ data, blast }, t) {
    if (!blast) return [];
    const compromised = new Set(markedKeys(data.kase.db, 'compromised'));
    const out: FindingDraft[] = [];
    for (const n of data.identities()) {
      if (!isActive(n) || n.unresolved) continue;
      const crown = blast.systems(n.key).filter((s) => s.crownJewel);
      if (!crown.length) continue;
      const top = crown.some((s) => s.privilege === 'admin') ? 'admin' : crown.some((s) => s.privilege === 'write') ? 'write' : 'read';
      let severity: Severity = top === 'admin' ? 'high' : top === 'write' ? 'medium' : 'low';
      let because = `${top} privilege on a crown jewel`;
      if (compromised.has(n.key)) {
        severity = raise(severity, 2);
        because += ', and the identity is marked compromised';
      } else if (isNhi(n) && top !== 'read') {
        because += ' held by a non-human identity whose secret can be copied';
      }
      out.push({
        subject: n.key,
        severity,
        severityBecause: because,
        scoreAdjust: Math.min(9, crown.length),
        title: `${n.subkind ?? 'identity'} ${n.key} reaches crown jewel${crown.length > 1 ? 's' : ''} ${crown.map((s) => `${s.key} (${s.privilege})`).join(', ')}`,
        evidence: [
          nodeEvidence(n),
          ...crown.slice(0, t.maxListed).map((s) => fact('path', { crownJewel: s.key, privilege: s.privilege, hops: s.hops, path: s.path() })),
        ],
      });
    }
    return out;
  },
};
