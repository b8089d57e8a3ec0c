// `can_assume` from role trust policies. A trust policy naming a principal's own ARN is enough in the
// same account (unless the principal's policies explicitly deny); one naming the account or `*` also
// needs the caller's own sts:AssumeRole permission. Other accounts, `*` and identity providers become
// external nodes, since the export cannot see who is behind them.
import { evaluateConditions, type Tri } from './conditions.ts';
import { granted, grantText, indexByArn, nameable, type Analysis } from './analysis.ts';
import { actionApplies } from './evaluate.ts';
import type { Principal, Statement } from './model.ts';

export const ANY_PRINCIPAL = 'aws:any-principal';

/**
 * Admin-equivalent callers are left out of account-wide trusts: their one edge to the admin node already
 * says they can become any such role (in a large account that is tens of thousands of redundant edges).
 */
export function deriveTrustEdges(an: Analysis, admins: Set<Principal>): void {
  // Trusts naming the account (or *) are checked per caller against the roles its own policies can
  // name: in a large account that is far fewer pairs than every caller × every such role.
  const accountWide: { role: Principal; s: Statement; named: Set<Principal> }[] = [];
  for (const role of an.account.roles) {
    if (!role.trust) continue;
    for (const s of role.trust.statements) {
      if (s.effect !== 'Allow' || !s.principals) continue;
      externalTrust(an, role, s);
      const named = new Set<Principal>();
      for (const entry of s.principals.aws) {
        const p = an.byArn.get(entry);
        if (p && p !== role) named.add(p);
      }
      for (const p of named) sameAccountTrust(an, role, s, p, 'direct');
      if (s.principals.everyone || s.principals.aws.some((e) => isOwnAccount(e, an.account.id))) accountWide.push({ role, s, named });
    }
  }
  if (!accountWide.length) return;
  const entries = accountWide.map((e) => ({ ...e, arn: e.role.arn }));
  const index = indexByArn(entries);
  for (const caller of an.principals) {
    const ev = an.evaluator(caller);
    if (admins.has(caller) || !ev.mentions('sts:AssumeRole')) continue;
    for (const { role, s, named } of nameable(ev, 'sts:AssumeRole', index)) {
      if (role === caller || named.has(caller)) continue;
      sameAccountTrust(an, role, s, caller, 'account');
    }
  }
}

function isOwnAccount(entry: string, account: string): boolean {
  return entry === account || entry === `arn:aws:iam::${account}:root`;
}

/** Would the trust policy's Deny statements or conditions stop this caller? */
function trustVerdict(an: Analysis, role: Principal, s: Statement, caller: Principal): { tri: Tri; conditions: string[] } {
  const lookup = an.evaluator(caller).lookup(role.arn, { resourceTags: role.tags });
  const conditions: string[] = [];
  let tri: Tri = s.conditions.length ? evaluateConditions(s.conditions, lookup) : 'true';
  if (tri === 'unknown') conditions.push(`the trust policy of ${role.name} (${s.sid}) requires ${s.conditionText}`);
  for (const d of role.trust!.statements) {
    if (d.effect !== 'Deny' || !actionApplies(d, 'sts:AssumeRole') || !denyNames(d, caller)) continue;
    const c = d.conditions.length ? evaluateConditions(d.conditions, lookup) : 'true';
    if (c === 'true') return { tri: 'false', conditions };
    if (c === 'unknown') {
      tri = tri === 'false' ? 'false' : 'unknown';
      conditions.push(`unless the trust policy of ${role.name} (${d.sid}) denies when ${d.conditionText}`);
    }
  }
  return { tri, conditions };
}

function denyNames(d: Statement, caller: Principal): boolean {
  if (!d.principals) return false;
  return d.principals.everyone || d.principals.aws.some((e) => e === caller.arn || isOwnAccount(e, caller.account));
}

function sameAccountTrust(an: Analysis, role: Principal, s: Statement, caller: Principal, how: 'direct' | 'account'): void {
  if (!actionApplies(s, 'sts:AssumeRole')) return;
  const trust = trustVerdict(an, role, s, caller);
  if (trust.tri === 'false') return;
  const d = an.evaluator(caller).decide('sts:AssumeRole', role.arn, { resourceTags: role.tags });
  if (d.effect === 'explicit-deny') return;
  if (how === 'account' && !granted(d)) return;
  const trusts = how === 'direct' ? caller.arn : s.principals!.everyone ? 'any principal (*)' : `the account ${caller.account}`;
  const permission = granted(d)
    ? ` and ${caller.name}'s ${grantText(d.grants)} grant${d.grants.length === 1 ? 's' : ''} sts:AssumeRole on it`
    : ' (a same-account trust naming the principal needs no permission of its own)';
  const conditions = [...trust.conditions, ...(granted(d) ? d.conditions : [])];
  const conditional = trust.tri === 'unknown' || d.effect === 'conditional';
  an.addEdge({
    src: caller.arn, dst: role.arn, kind: 'can_assume', privilege: 0, conditional,
    locator: `${role.arn} trust (${s.sid})`,
    props: {
      reason: `${caller.name} can assume ${role.name} because the trust policy of ${role.name} allows ${trusts}${permission}`,
      technique: 'sts:AssumeRole',
      ...(conditional ? { conditions } : {}),
    },
  });
}

/** Principals the export cannot see: other accounts, everyone, identity providers. */
function externalTrust(an: Analysis, role: Principal, s: Statement): void {
  const principals = s.principals!;
  const add = (key: string, kind: 'identity' | 'role', subkind: string, name: string, who: string, action: string) => {
    if (!actionApplies(s, action)) return;
    an.addNode({ key, kind, subkind, name, props: { provider: 'aws', external: true } });
    const conditional = s.conditions.length > 0;
    an.addEdge({
      src: key, dst: role.arn, kind: 'can_assume', privilege: 0, conditional, locator: `${role.arn} trust (${s.sid})`,
      props: {
        reason: `the trust policy of ${role.name} allows ${who}`,
        technique: action,
        ...(conditional ? { conditions: [`the trust policy of ${role.name} (${s.sid}) requires ${s.conditionText}`] } : {}),
      },
    });
  };
  if (principals.everyone) {
    add(ANY_PRINCIPAL, 'identity', 'external', 'any AWS principal (public trust)', 'any AWS principal in any account (*)', 'sts:AssumeRole');
  }
  for (const entry of principals.aws) {
    const account = /^\d{12}$/.test(entry) ? entry : /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(entry)?.[1];
    if (account && account !== an.account.id) {
      add(`arn:aws:iam::${account}:root`, 'identity', 'human', `root of external account ${account}`,
        `any principal of account ${account} that its own policies allow`, 'sts:AssumeRole');
      continue;
    }
    const m = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)\/.+/.exec(entry);
    if (m && !an.byArn.has(entry)) {
      const kind = m[2] === 'role' ? 'role' : 'identity';
      const outside = m[1] !== an.account.id;
      add(entry, kind, m[2] === 'role' ? 'role' : 'human', entry.split('/').pop()!, `${entry}${outside ? ' (another account)' : ' (not in this export)'}`, 'sts:AssumeRole');
    }
  }
  for (const provider of principals.federated) {
    const saml = provider.includes(':saml-provider/');
    add(provider, 'identity', 'federated', `identity provider ${provider.split('/').pop()}`, `identities federated through ${provider}`,
      saml ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity');
  }
}
