// excessive-privilege: admin-equivalent or wildcard access held by a non-human identity, whether granted
// directly or through groups, roles and assumable identities (reach comes from the graph engine).
import { isActive, isNhi } from '../lifecycle.ts';
import { edgeEvidence, fact, nodeEvidence } from '../evidence.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Evidence } from '../../../shared/api/findings.ts';
import type { Severity } from '../../../shared/model.ts';

/** Role and group names that mean "everything" in common platforms. */
const ADMIN_NAME =
  /(^|[^a-z])(admin|administrator|administratoraccess|owner|root|superuser|super-admin|cluster-admin|global administrator|fullaccess|full-access)([^a-z]|$)|\*/i;

export const excessivePrivilege: Detector = {
  rule: 'excessive-privilege',
  defaults: { includeHumans: 0, maxListed: 20 },
  detect({ data, blast }, t) {
    const out: FindingDraft[] = [];
    for (const n of data.identities()) {
      if (!isActive(n) || n.unresolved || (!isNhi(n) && !t.includeHumans)) continue;
      const evidence: Evidence[] = [];
      const reasons: string[] = [];
      // Wildcards and admin-named roles held directly: admin-equivalent even when the case lacks the role's grants.
      for (const e of data.edgesFrom(n.id)) {
        if (!['access', 'has_role', 'can_assume', 'member_of'].includes(e.kind)) continue;
        const target = data.node(e.dst);
        const wildcard = target?.key.includes('*') || e.props.wildcard === true || (Array.isArray(e.props.actions) && e.props.actions.includes('*'));
        const adminNamed = e.kind !== 'access' && target && (ADMIN_NAME.test(target.key) || ADMIN_NAME.test(target.name ?? ''));
        if (wildcard || adminNamed) {
          reasons.push(wildcard ? `wildcard grant ${e.kind} ${target?.key}` : `${e.kind} ${target?.key} (admin-equivalent)`);
          evidence.push(edgeEvidence(data, e));
        }
      }
      const adminSystems = (blast?.systems(n.key) ?? []).filter((s) => s.privilege === 'admin');
      if (!blast) {
        for (const e of data.edgesFrom(n.id, 'access')) {
          if (e.privilege >= 3) {
            adminSystems.push({
              key: data.node(e.dst)?.key ?? '',
              privilege: 'admin',
              hops: 1,
              crownJewel: data.node(e.dst)?.criticality === 'critical',
              path: () => [n.key, data.node(e.dst)?.key ?? ''],
            });
          }
        }
      }
      if (adminSystems.length) reasons.push(`admin on ${adminSystems.length} system${adminSystems.length > 1 ? 's' : ''}`);
      if (!reasons.length) continue;
      const crown = adminSystems.filter((s) => s.crownJewel);
      const severity: Severity = crown.length ? 'critical' : adminSystems.length ? 'high' : 'medium';
      const because = crown.length
        ? `admin reaches crown jewel${crown.length > 1 ? 's' : ''} ${crown.map((s) => s.key).join(', ')}`
        : adminSystems.length
          ? 'admin rights on systems: a leaked credential controls them'
          : 'admin-named or wildcard grants whose reach the case cannot fully show';
      out.push({
        subject: n.key,
        severity,
        severityBecause: because,
        scoreAdjust: Math.min(9, adminSystems.length),
        title: `${n.subkind} ${n.key} holds ${reasons.join('; ')}`,
        evidence: [
          nodeEvidence(n),
          ...evidence,
          ...adminSystems.slice(0, t.maxListed).map((s) => fact('admin_reach', { system: s.key, crownJewel: s.crownJewel, path: s.path() })),
        ],
      });
    }
    return out;
  },
};
