// Escalations that rewrite permissions: Put*Policy, Attach*Policy, CreatePolicyVersion,
// SetDefaultPolicyVersion and AddUserToGroup, on oneself or on a group, role or user one belongs to
// or can become. The change only helps if the principal that receives it then becomes admin-equivalent
// (its other Denies, boundary and SCPs still apply), so each candidate is re-evaluated as a what-if.
import { adminVerdict, ADMIN_DOC, ADMINISTRATOR_ACCESS } from './admin.ts';
import { allOf, granted, grantText, type Analysis } from './analysis.ts';
import type { Decision, PrincipalPolicies, Variant } from './evaluate.ts';
import type { PolicyDoc, Principal } from './model.ts';

const MODIFY_ACTIONS = [
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:PutUserPolicy',
  'iam:AttachUserPolicy',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:PutGroupPolicy',
  'iam:AttachGroupPolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AddUserToGroup',
];

interface Hop {
  via: string[];
  conditional: boolean;
  potential: boolean;
  /** How the first step away from the attacker was taken (names the two-step catalogue paths). */
  firstTechnique?: string;
}

export function deriveSelfModifyEdges(an: Analysis, admins: Set<Principal>): void {
  const adjacency = assumeAdjacency(an);
  const adminArns = adminPolicies(an);
  const verdicts = new Map<string, boolean>();
  for (const attacker of an.principals) {
    if (admins.has(attacker)) continue;
    const ev = an.evaluator(attacker);
    if (!MODIFY_ACTIONS.some((a) => ev.mentions(a))) continue;
    const reach = reachable(an, attacker, adjacency);
    for (const [target, hop] of reach) {
      for (const c of candidates(an, target, adminArns)) {
        const d = decideAll(ev, c);
        if (!d) continue;
        const key = `${target.arn}\u0000${c.variantKey}`;
        let isAdmin = verdicts.get(key);
        if (isAdmin === undefined) {
          isAdmin = adminVerdict(an.variant(target, c.variant), an.account.id) !== null;
          verdicts.set(key, isAdmin);
        }
        if (!isAdmin) continue;
        addEscalation(an, attacker, target, hop, c, d);
      }
    }
  }
}

/** The attacker's decision for the change and, when it must also drop a boundary, for that too (either way of doing it). */
function decideAll(ev: PrincipalPolicies, c: Candidate): Decision | null {
  const d = ev.decide(c.action, c.resource, c.facts);
  if (!granted(d) || !c.unbound) return granted(d) ? d : null;
  const drop = c.unbound.actions.map((a) => ev.decide(a, c.unbound!.resource));
  const way = drop.find((x) => x.effect === 'allow') ?? drop.find(granted);
  if (!way) return null;
  const all = allOf([d, way])!;
  return { effect: all.conditional ? 'conditional' : 'allow', grants: all.grants, conditions: all.conditions };
}

function addEscalation(an: Analysis, attacker: Principal, target: Principal, hop: Hop, c: Candidate, d: Decision): void {
  const self = target === attacker;
  const conditional = d.effect === 'conditional' || hop.conditional;
  const through = self ? '' : ` and can become ${target.name} (${hop.via.join(' → ')})`;
  an.addEdge({
    src: attacker.arn,
    dst: an.adminKey,
    kind: 'access',
    privilege: 3,
    conditional,
    locator: d.grants[0] ?? attacker.locator,
    props: {
      reason: `${attacker.name} can ${c.what}${through}: ${grantText(d.grants)} allow${d.grants.length === 1 ? 's' : ''} ${c.action} on ${c.resource}`,
      technique: c.unbound ? `${c.action} + ${c.unbound.actions[0]}` : c.action,
      escalation: true,
      ...withPathId(modifyPathId(c.action, self ? undefined : hop)),
      ...(self ? {} : { via: hop.via }),
      ...(hop.potential ? { potential: true } : {}),
      ...(conditional ? { conditions: d.conditions.length ? d.conditions : ['a step on the way is conditional'] } : {}),
    },
  });
}

interface Candidate {
  action: string;
  resource: string;
  facts: { keys?: Record<string, string[] | null>; resourceTags?: Map<string, string> | null };
  variant: Variant;
  variantKey: string;
  what: string;
  /** The target's permissions boundary must go first: any one of these actions on it does that. */
  unbound?: { actions: string[]; resource: string };
}

/**
 * Every permission change that would land on `target` (a user or role the attacker is or can become);
 * with a boundary, each also comes in a variant that deletes or replaces the boundary first.
 */
function candidates(an: Analysis, target: Principal, adminArns: string[]): Candidate[] {
  const direct = directCandidates(an, target, adminArns);
  if (!target.boundary) return direct;
  const kind = target.type === 'user' ? 'User' : 'Role';
  const unbound = { actions: [`iam:Delete${kind}PermissionsBoundary`, `iam:Put${kind}PermissionsBoundary`], resource: target.arn };
  const freed: Candidate[] = direct.map((c) => ({
    ...c,
    unbound,
    variant: { ...c.variant, dropBoundary: true },
    variantKey: `${c.variantKey} without boundary`,
    what: `${c.what} after deleting its permissions boundary`,
  }));
  // Removing the boundary alone is enough when the boundary was all that held the target back.
  freed.push({
    action: unbound.actions[0],
    resource: target.arn,
    facts: {},
    variant: { dropBoundary: true },
    variantKey: 'without boundary',
    what: `delete the permissions boundary of ${target.name}, which is all that caps its own policies`,
  });
  return [...direct, ...freed];
}

function directCandidates(an: Analysis, target: Principal, adminArns: string[]): Candidate[] {
  const out: Candidate[] = [];
  const kind = target.type === 'user' ? 'User' : 'Role';
  const tags = { resourceTags: target.tags };
  out.push({
    action: `iam:Put${kind}Policy`,
    resource: target.arn,
    facts: tags,
    variant: { extraDocs: [ADMIN_DOC] },
    variantKey: 'admin-doc',
    what: `write an inline admin policy on ${target.name}`,
  });
  for (const policyArn of adminArns) {
    out.push({
      action: `iam:Attach${kind}Policy`,
      resource: target.arn,
      facts: { ...tags, keys: { 'iam:PolicyARN': [policyArn] } },
      variant: { extraDocs: [policyDoc(an, policyArn)] },
      variantKey: `attach ${policyArn}`,
      what: `attach ${policyArn} to ${target.name}`,
    });
  }
  const groups = target.type === 'user' ? target.groups.map((g) => an.account.groups.get(g)).filter((g) => g !== undefined) : [];
  for (const g of groups) {
    out.push({
      action: 'iam:PutGroupPolicy',
      resource: g.arn,
      facts: {},
      variant: { extraDocs: [ADMIN_DOC] },
      variantKey: 'admin-doc',
      what: `write an inline admin policy on its group ${g.name}`,
    });
    for (const policyArn of adminArns) {
      out.push({
        action: 'iam:AttachGroupPolicy',
        resource: g.arn,
        facts: { keys: { 'iam:PolicyARN': [policyArn] } },
        variant: { extraDocs: [policyDoc(an, policyArn)] },
        variantKey: `attach ${policyArn}`,
        what: `attach ${policyArn} to its group ${g.name}`,
      });
    }
  }
  const attached = new Set([...target.managed, ...groups.flatMap((g) => g.managed)]);
  for (const policyArn of attached) {
    const policy = an.account.policies.get(policyArn);
    if (!policy || policyArn.startsWith('arn:aws:iam::aws:policy/')) continue; // AWS-managed policies cannot be edited
    out.push({
      action: 'iam:CreatePolicyVersion',
      resource: policyArn,
      facts: {},
      variant: { replace: new Map([[policyArn, ADMIN_DOC]]) },
      variantKey: `replace ${policyArn}`,
      what: `publish a new default version of ${policy.name}, which is attached to ${target.name}`,
    });
    for (const v of policy.otherVersions) {
      out.push({
        action: 'iam:SetDefaultPolicyVersion',
        resource: policyArn,
        facts: {},
        variant: { replace: new Map([[policyArn, v.document]]) },
        variantKey: `version ${policyArn} ${v.versionId}`,
        what: `make version ${v.versionId} of ${policy.name} (attached to ${target.name}) the default`,
      });
    }
  }
  if (target.type === 'user') {
    for (const g of an.account.groups.values()) {
      if (target.groups.includes(g.name)) continue;
      out.push({
        action: 'iam:AddUserToGroup',
        resource: g.arn,
        facts: {},
        variant: { extraGroups: [g.name] },
        variantKey: `group ${g.name}`,
        what: `add ${target.name} to the group ${g.name}`,
      });
    }
  }
  return out;
}

/** AdministratorAccess plus every managed policy in the export that grants everything on its own. */
function adminPolicies(an: Analysis): string[] {
  const list = [ADMINISTRATOR_ACCESS];
  for (const p of an.account.policies.values()) {
    if (p.arn === ADMINISTRATOR_ACCESS) continue;
    if (p.document.statements.some((s) => s.effect === 'Allow' && s.actions?.includes('*') && s.resources?.includes('*') && !s.conditions.length))
      list.push(p.arn);
  }
  return list;
}

function policyDoc(an: Analysis, arn: string): PolicyDoc {
  return an.account.policies.get(arn)?.document ?? { ...ADMIN_DOC, label: arn };
}

/** Principals the attacker is or can become, over the `can_assume` edges found so far (breadth-first). */
function reachable(an: Analysis, start: Principal, adjacency: Adjacency): Map<Principal, Hop> {
  const out = new Map<Principal, Hop>([[start, { via: [start.name], conditional: false, potential: false }]]);
  const queue = [start];
  while (queue.length) {
    const p = queue.shift()!;
    const hop = out.get(p)!;
    for (const e of adjacency.get(p.arn) ?? []) {
      const next = an.byArn.get(e.dst);
      if (!next || out.has(next)) continue;
      out.set(next, {
        via: [...hop.via, next.name],
        conditional: hop.conditional || e.conditional,
        potential: hop.potential || !!e.props.potential,
        firstTechnique: hop.firstTechnique ?? e.props.technique,
      });
      queue.push(next);
    }
  }
  return out;
}

type Adjacency = Map<string, { dst: string; conditional: boolean; props: { potential?: boolean; technique?: string } }[]>;

function assumeAdjacency(an: Analysis): Adjacency {
  const map: Adjacency = new Map();
  for (const e of an.edges.values()) {
    if (e.kind !== 'can_assume') continue;
    const list = map.get(e.src) ?? [];
    list.push(e);
    map.set(e.src, list);
  }
  return map;
}

/** Catalogue ids of permission changes made on oneself (pathfinding.cloud's self-escalation paths). */
const SELF_PATHS: Record<string, string> = {
  'iam:CreatePolicyVersion': 'iam-001',
  'iam:PutRolePolicy': 'iam-005',
  'iam:PutUserPolicy': 'iam-007',
  'iam:AttachUserPolicy': 'iam-008',
  'iam:AttachRolePolicy': 'iam-009',
  'iam:AttachGroupPolicy': 'iam-010',
  'iam:PutGroupPolicy': 'iam-011',
  'iam:AddUserToGroup': 'iam-013',
};
/** Two-step paths: how the attacker becomes the target, then the change it makes there. */
const VIA_PATHS: Record<string, Record<string, string>> = {
  'sts:AssumeRole': { 'iam:AttachRolePolicy': 'iam-014', 'iam:CreatePolicyVersion': 'iam-016', 'iam:PutRolePolicy': 'iam-017' },
  'iam:CreateAccessKey': { 'iam:AttachUserPolicy': 'iam-015', 'iam:PutUserPolicy': 'iam-018' },
  'iam:UpdateAssumeRolePolicy': { 'iam:AttachRolePolicy': 'iam-019', 'iam:CreatePolicyVersion': 'iam-020', 'iam:PutRolePolicy': 'iam-021' },
};

/** The catalogue id for a change, on oneself or after becoming someone in one step; longer chains have none of their own (each hop names its own). */
function modifyPathId(action: string, hop: Hop | undefined): string | undefined {
  if (!hop) return SELF_PATHS[action];
  if (hop.via.length !== 2 || !hop.firstTechnique) return undefined;
  return VIA_PATHS[hop.firstTechnique]?.[action];
}

function withPathId(id: string | undefined): { pathId?: string; pathIds?: string[] } {
  return id ? { pathId: id, pathIds: [id] } : {};
}
