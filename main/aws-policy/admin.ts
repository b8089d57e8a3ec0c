// Admin-equivalence: a principal whose effective permissions cover everything (`*` on `*`, even
// through NotAction) or that can rewrite IAM at will (`iam:*` on `*`) controls the account.
// Decided by probing the principal's evaluator, so Deny, boundaries and conditions all count.
import { allOf, grantText, type Analysis } from './analysis.ts';
import type { PrincipalPolicies } from './evaluate.ts';
import type { PolicyDoc, Principal } from './model.ts';

/** A policy granting everything: what an attacker attaches or writes when they can. */
export const ADMIN_DOC: PolicyDoc = {
  label: 'a policy the attacker writes (Allow * on *)',
  name: 'attacker-admin',
  statements: [
    {
      sid: 'AttackerAdmin',
      effect: 'Allow',
      actions: ['*'],
      notActions: null,
      resources: ['*'],
      notResources: null,
      principals: null,
      notPrincipals: null,
      conditions: [],
      conditionText: null,
    },
  ],
};

export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** One action per service family plus one no real policy names, so only real wildcards pass. */
function everythingProbes(account: string): [string, string][] {
  return [
    ['iam:CreateUser', `arn:aws:iam::${account}:user/blastmap-probe`],
    ['ec2:RunInstances', `arn:aws:ec2:us-east-1:${account}:instance/blastmap-probe`],
    ['s3:GetObject', 'arn:aws:s3:::blastmap-probe-bucket/blastmap-probe'],
    ['lambda:CreateFunction', `arn:aws:lambda:us-east-1:${account}:function:blastmap-probe`],
    ['kms:Decrypt', `arn:aws:kms:us-east-1:${account}:key/blastmap-probe`],
    ['organizations:LeaveOrganization', '*'],
    ['blastmapprobe:AnyAction', `arn:aws:blastmapprobe:us-east-1:${account}:thing/blastmap-probe`],
  ];
}

/** The IAM writes that let a principal grant itself anything. */
function iamAdminProbes(account: string): [string, string][] {
  return [
    ['iam:CreateUser', `arn:aws:iam::${account}:user/blastmap-probe`],
    ['iam:PutUserPolicy', `arn:aws:iam::${account}:user/blastmap-probe`],
    ['iam:AttachUserPolicy', `arn:aws:iam::${account}:user/blastmap-probe`],
    ['iam:PutRolePolicy', `arn:aws:iam::${account}:role/blastmap-probe`],
    ['iam:AttachRolePolicy', `arn:aws:iam::${account}:role/blastmap-probe`],
    ['iam:CreatePolicyVersion', `arn:aws:iam::${account}:policy/blastmap-probe`],
    ['iam:UpdateAssumeRolePolicy', `arn:aws:iam::${account}:role/blastmap-probe`],
    ['iam:CreateAccessKey', `arn:aws:iam::${account}:user/blastmap-probe`],
  ];
}

export interface AdminVerdict {
  conditional: boolean;
  grants: string[];
  conditions: string[];
  how: 'all actions on all resources' | 'full IAM write access';
}

export function adminVerdict(ev: PrincipalPolicies, account: string): AdminVerdict | null {
  const facts = { keys: { 'iam:PolicyARN': [ADMINISTRATOR_ACCESS] } };
  // Reasons name the statements behind the last probe of each set: the one only real wildcards pass.
  // mentions() is a cached look at actions only: most principals fail it without a single decision.
  const probes = everythingProbes(account);
  if (probes.every(([a]) => ev.mentions(a))) {
    const everything = probes.map(([a, r]) => ev.decide(a, r, facts));
    const all = allOf(everything);
    if (all) return { ...all, grants: everything[everything.length - 1].grants, how: 'all actions on all resources' };
  }
  const iamProbes = iamAdminProbes(account);
  if (iamProbes.every(([a]) => ev.mentions(a))) {
    const iamDecisions = iamProbes.map(([a, r]) => ev.decide(a, r, facts));
    const iam = allOf(iamDecisions);
    if (iam) return { ...iam, grants: iamDecisions[1].grants, how: 'full IAM write access' };
  }
  return null;
}

/** Edges principal → account admin node for every admin-equivalent principal, and the root user. */
export function deriveAdminEdges(an: Analysis): Set<Principal> {
  const admins = new Set<Principal>();
  for (const p of an.principals) {
    const v = adminVerdict(an.evaluator(p), an.account.id);
    if (!v) continue;
    admins.add(p);
    an.addEdge({
      src: p.arn,
      dst: an.adminKey,
      kind: 'access',
      privilege: 3,
      conditional: v.conditional,
      locator: v.grants[0] ?? p.locator,
      props: {
        reason: `${p.name} is admin-equivalent: ${grantText(v.grants)} allow${v.grants.length === 1 ? 's' : ''} ${v.how}`,
        ...(v.conditional ? { conditions: v.conditions } : {}),
      },
    });
  }
  const root = `arn:aws:iam::${an.account.id}:root`;
  an.addNode({ key: root, kind: 'identity', subkind: 'human', name: `root user of ${an.account.id}`, props: { root: true, provider: 'aws' } });
  an.addEdge({
    src: root,
    dst: an.adminKey,
    kind: 'access',
    privilege: 3,
    conditional: false,
    locator: 'account root',
    props: { reason: `the root user of ${an.account.id} has unrestricted control of the account` },
  });
  return admins;
}
