// public-resource: a resource whose own policy lets anyone act on it — an `access` edge from `aws:any-principal`
// that a `Principal: "*"` statement with no condition made (props.public, main/aws-policy/resource-policy.ts), or
// an S3 ACL grant to AllUsers / AuthenticatedUsers (props.publicAcl).
// A `*` grant behind a condition the case cannot decide (a VPC endpoint, an organisation) is not reported: it is
// shown as a conditional edge instead. The subject is the "anyone" node; each resource is its own finding.
import { edgeEvidence, fact, nodeEvidence } from '../evidence.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

const ANYONE = 'aws:any-principal';
const WORDS = ['', 'read', 'write', 'administer'];

export const publicResource: Detector = {
  rule: 'public-resource',
  defaults: {},
  detect({ data }) {
    const anyone = data.resolve(ANYONE);
    if (!anyone) return [];
    const out: FindingDraft[] = [];
    for (const e of data.edgesFrom(anyone.id, 'access')) {
      if (e.props.public !== true) continue;
      const target = data.node(e.dst);
      if (!target) continue;
      const word = WORDS[Math.min(3, Math.max(1, e.privilege))];
      // Writing or administering lets anyone plant or destroy data; reading a secret store or crown jewel leaks it.
      const sensitive = target.criticality === 'critical' || target.criticality === 'high' || target.subkind === 'secret_store';
      const severity: Severity = e.privilege >= 2 || sensitive ? 'high' : 'medium';
      out.push({
        subject: anyone.key,
        key: target.key,
        severity,
        severityBecause:
          e.privilege >= 2
            ? `anyone can ${word} it, without signing in to the organisation`
            : sensitive
              ? 'anyone can read a sensitive resource'
              : 'anyone can read it',
        title: `anyone can ${word} ${target.name ?? target.key}: ${e.props.publicAcl === true ? 'its ACL grants AllUsers or AuthenticatedUsers' : 'its resource policy allows Principal "*" with no condition'}`,
        evidence: [
          nodeEvidence(target),
          edgeEvidence(data, e),
          fact('actions', e.props.actions ?? [], typeof e.props.reason === 'string' ? e.props.reason : undefined),
        ],
      });
    }
    return out;
  },
};
