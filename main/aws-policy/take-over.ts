// Escalations that take over another principal outright: minting credentials for another user
// (CreateAccessKey, CreateLoginProfile, UpdateLoginProfile) and rewriting a role's trust policy
// (UpdateAssumeRolePolicy). Each is a `can_assume` edge to the principal one becomes.
import { granted, grantText, type Analysis } from './analysis.ts';
import type { Principal } from './model.ts';

/** pathId: the technique's id in the pathfinding.cloud catalogue (shared/catalogs/aws-escalation-paths.ts). */
const USER_TAKEOVERS: { action: string; how: string; pathId: string }[] = [
  { action: 'iam:CreateAccessKey', how: 'create an access key for', pathId: 'iam-002' },
  { action: 'iam:CreateLoginProfile', how: 'create a console password for', pathId: 'iam-004' },
  { action: 'iam:UpdateLoginProfile', how: 'reset the console password of', pathId: 'iam-006' },
];

/** Admin-equivalent principals are skipped: their one edge to the admin node already says they can do all this. */
export function deriveTakeOverEdges(an: Analysis, admins: Set<Principal>): void {
  for (const attacker of an.principals) {
    if (admins.has(attacker)) continue;
    const ev = an.evaluator(attacker);
    for (const { action, how, pathId } of USER_TAKEOVERS) {
      if (!ev.mentions(action)) continue;
      for (const victim of an.account.users) {
        if (victim === attacker || !ev.mayAllow(action, victim.arn)) continue;
        const d = ev.decide(action, victim.arn, { resourceTags: victim.tags });
        if (!granted(d)) continue;
        const conditional = d.effect === 'conditional';
        an.addEdge({
          src: attacker.arn,
          dst: victim.arn,
          kind: 'can_assume',
          privilege: 0,
          conditional,
          locator: d.grants[0] ?? attacker.locator,
          props: {
            reason: `${attacker.name} can ${how} ${victim.name}: ${grantText(d.grants)} allow${d.grants.length === 1 ? 's' : ''} ${action} on it`,
            technique: action,
            escalation: true,
            pathId,
            pathIds: [pathId],
            ...(conditional ? { conditions: d.conditions } : {}),
          },
        });
      }
    }
    if (ev.mentions('iam:UpdateAssumeRolePolicy')) {
      for (const role of an.account.roles)
        if (role !== attacker && ev.mayAllow('iam:UpdateAssumeRolePolicy', role.arn)) updateTrust(an, attacker, role);
    }
  }
}

/**
 * Rewriting a role's trust to name oneself is enough to assume it within the account (no identity
 * permission is needed for a trust that names the caller), unless the caller's policies deny sts:AssumeRole.
 */
function updateTrust(an: Analysis, attacker: Principal, role: Principal): void {
  const ev = an.evaluator(attacker);
  const d = ev.decide('iam:UpdateAssumeRolePolicy', role.arn, { resourceTags: role.tags });
  if (!granted(d)) return;
  const assume = ev.decide('sts:AssumeRole', role.arn, { resourceTags: role.tags });
  if (assume.effect === 'explicit-deny') return;
  const conditional = d.effect === 'conditional';
  an.addEdge({
    src: attacker.arn,
    dst: role.arn,
    kind: 'can_assume',
    privilege: 0,
    conditional,
    locator: d.grants[0] ?? attacker.locator,
    props: {
      reason: `${attacker.name} can rewrite the trust policy of ${role.name} to trust itself, then assume it: ${grantText(d.grants)} allow${d.grants.length === 1 ? 's' : ''} iam:UpdateAssumeRolePolicy on it`,
      technique: 'iam:UpdateAssumeRolePolicy',
      escalation: true,
      pathId: 'iam-012',
      pathIds: ['iam-012'],
      ...(conditional ? { conditions: d.conditions } : {}),
    },
  });
}
