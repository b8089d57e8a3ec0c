// third-party-broad-access: a third-party app or integration with write/admin reach or long-lived secrets.
// Third party = an OAuth app, or an identity tagged third-party/vendor/external/partner/integration.
import { ageDays, credentialTimes, isActive, isLiveCredential } from '../lifecycle.ts';
import { edgeEvidence, fact, nodeEvidence } from '../evidence.ts';
import type { NodeRow } from '../case-data.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Evidence } from '../../../shared/api/findings.ts';
import type { Severity } from '../../../shared/model.ts';

const THIRD_PARTY_TAG = /^(third[-_ ]?party|3rd[-_ ]?party|vendor|external|partner|integration|saas)$/i;

export function isThirdParty(n: NodeRow): boolean {
  if (n.subkind === 'oauth_app') return true;
  const tags = Array.isArray(n.props.tags) ? n.props.tags : [];
  return tags.some((tag) => typeof tag === 'string' && THIRD_PARTY_TAG.test(tag.trim()));
}

export const thirdPartyBroadAccess: Detector = {
  rule: 'third-party-broad-access',
  defaults: { maxSecretAgeDays: 90, maxListed: 20 },
  detect({ data, asOf, blast }, t) {
    const out: FindingDraft[] = [];
    for (const n of data.identities()) {
      if (!isActive(n) || n.unresolved || !isThirdParty(n)) continue;
      const broad = blast
        ? blast
            .systems(n.key)
            .filter((s) => s.privilege === 'write' || s.privilege === 'admin')
            .map((s) => ({ key: s.key, privilege: s.privilege, path: s.path() }))
        : data
            .edgesFrom(n.id, 'access')
            .filter((e) => e.privilege >= 2)
            .map((e) => ({
              key: data.node(e.dst)?.key ?? '',
              privilege: e.privilege >= 3 ? 'admin' : 'write',
              path: [n.key, data.node(e.dst)?.key ?? ''],
            }));
      const secrets: Evidence[] = [];
      for (const c of data.credentialsOf(n.id)) {
        if (!isLiveCredential(c, asOf)) continue;
        const times = credentialTimes(c);
        const age = ageDays(times.issued, asOf);
        if (times.expires === null || (age !== null && age > t.maxSecretAgeDays)) {
          secrets.push(nodeEvidence(c, { age_days: age, long_lived_because: times.expires === null ? 'no expiry' : `not rotated for ${age} days` }));
        }
      }
      if (!broad.length && !secrets.length) continue;
      const admin = broad.some((s) => s.privilege === 'admin');
      const severity: Severity = admin ? (secrets.length ? 'critical' : 'high') : broad.length ? (secrets.length ? 'high' : 'medium') : 'medium';
      const parts = [
        broad.length ? `${admin ? 'admin' : 'write'} access to ${broad.length} system${broad.length > 1 ? 's' : ''}` : '',
        secrets.length ? `${secrets.length} long-lived secret${secrets.length > 1 ? 's' : ''}` : '',
      ].filter(Boolean);
      out.push({
        subject: n.key,
        severity,
        severityBecause: `${admin ? 'admin' : broad.length ? 'write' : 'no write'} reach${secrets.length ? ' plus secrets that do not expire or rotate' : ''}: a vendor breach inherits it`,
        title: `third party ${n.key} has ${parts.join(' and ')}`,
        evidence: [
          nodeEvidence(n),
          ...data
            .edgesFrom(n.id)
            .filter((e) => e.kind === 'access' && e.privilege >= 2)
            .map((e) => edgeEvidence(data, e)),
          ...broad.slice(0, t.maxListed).map((s) => fact('reach', s)),
          ...secrets,
        ],
      });
    }
    return out;
  },
};
