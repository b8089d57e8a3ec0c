// `can_assume` from role trust policies. A trust policy naming a principal's own ARN is enough in the
// same account (unless the principal's policies explicitly deny); one naming the account or `*` also
// needs the caller's own sts:AssumeRole permission. Other accounts, `*` and identity providers become
// external nodes, since the export cannot see who is behind them.
import { evaluateConditions, type KeyLookup, type TimeWindow, type Tri } from './conditions.ts';
import { granted, grantText, indexByArn, nameable, type Analysis } from './analysis.ts';
import { actionApplies, type PrincipalPolicies } from './evaluate.ts';
import type { Principal, Statement, TrustPrincipals } from './model.ts';

export const ANY_PRINCIPAL = 'aws:any-principal';
/** Its display name, shared by trust and resource policies (for S3 it includes callers signed in to no account). */
export const ANY_PRINCIPAL_NAME = 'anyone (Principal "*")';

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

/** Would the trust policy's Deny statements or conditions stop this caller? (`ev` is the caller's own evaluator.) */
function trustVerdict(ev: PrincipalPolicies, role: Principal, s: Statement, caller: Principal): { tri: Tri; conditions: string[] } {
  const lookup = ev.lookup(role.arn, { resourceTags: role.tags });
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
  const trust = trustVerdict(an.evaluator(caller), role, s, caller);
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
    src: caller.arn,
    dst: role.arn,
    kind: 'can_assume',
    privilege: 0,
    conditional,
    locator: `${role.arn} trust (${s.sid})`,
    props: {
      reason: `${caller.name} can assume ${role.name} because the trust policy of ${role.name} allows ${trusts}${permission}`,
      technique: 'sts:AssumeRole',
      pathId: 'sts-001',
      pathIds: ['sts-001'],
      ...(conditional ? { conditions } : {}),
    },
  });
}

/** One principal an Allow trust statement names, as the node the case gives it (shared with CloudTrail trust changes). */
export interface TrustedPrincipal {
  /** everyone: "*"; account: an account id or its root; principal: a user or role ARN; federated: an identity provider. */
  scope: 'everyone' | 'account' | 'principal' | 'federated';
  /** Node key: aws:any-principal, the account root ARN, the user or role ARN, the provider ARN or name. */
  key: string;
  kind: 'identity' | 'role';
  subkind: string;
  name: string;
  /** Whom the trust lets in, for reasons. */
  who: string;
  /** The STS action that principal assumes the role with. */
  action: string;
  /** The account of an account, user or role entry. */
  account: string | null;
}

/**
 * What a trust statement's Principal names, in order: everyone, AWS entries (accounts, then users and roles as
 * written), identity providers. Service principals and unique ids are left out: the callers keep services as props
 * and cannot place a bare unique id.
 */
export function trustedPrincipals(principals: TrustPrincipals): TrustedPrincipal[] {
  const out: TrustedPrincipal[] = [];
  if (principals.everyone) {
    out.push({
      scope: 'everyone',
      key: ANY_PRINCIPAL,
      kind: 'identity',
      subkind: 'external',
      name: ANY_PRINCIPAL_NAME,
      who: 'any AWS principal in any account (*)',
      action: 'sts:AssumeRole',
      account: null,
    });
  }
  for (const entry of principals.aws) {
    const account = /^\d{12}$/.test(entry) ? entry : /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(entry)?.[1];
    if (account) {
      out.push({
        scope: 'account',
        key: `arn:aws:iam::${account}:root`,
        kind: 'identity',
        subkind: 'human',
        name: `root of external account ${account}`,
        who: `any principal of account ${account} that its own policies allow`,
        action: 'sts:AssumeRole',
        account,
      });
      continue;
    }
    const m = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)\/.+/.exec(entry);
    if (m) {
      out.push({
        scope: 'principal',
        key: entry,
        kind: m[2] === 'role' ? 'role' : 'identity',
        subkind: m[2] === 'role' ? 'role' : 'human',
        name: entry.split('/').pop()!,
        who: entry,
        action: 'sts:AssumeRole',
        account: m[1],
      });
    }
  }
  for (const provider of principals.federated) {
    const saml = provider.includes(':saml-provider/');
    out.push({
      scope: 'federated',
      key: provider,
      kind: 'identity',
      subkind: 'federated',
      name: `identity provider ${provider.split('/').pop()}`,
      who: `identities federated through ${provider}`,
      action: saml ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity',
      account: null,
    });
  }
  return out;
}

/** Principals the export cannot see: other accounts, everyone, identity providers. */
function externalTrust(an: Analysis, role: Principal, s: Statement): void {
  for (const t of trustedPrincipals(s.principals!)) {
    if (!actionApplies(s, t.action)) continue;
    let who = t.who;
    // The own account is checked caller by caller; principals in the export get their own same-account edges.
    if (t.scope === 'account' && t.account === an.account.id) continue;
    if (t.scope === 'principal') {
      // Principals of this export (this account or another one in the file) get edges that check their own policies.
      if (an.byArn.has(t.key) || an.elsewhere.has(t.key)) continue;
      who += t.account !== an.account.id ? ' (another account)' : ' (not in this export)';
    }
    // Only what holds for any caller is decided here (time, external-id presence, the caller's account);
    // the rest stays conditional with the condition text.
    const verdict: Tri = s.conditions.length ? evaluateConditions(s.conditions, externalLookup(t.account, an.options.asOf!)) : 'true';
    if (verdict === 'false') continue;
    an.addNode({ key: t.key, kind: t.kind, subkind: t.subkind, name: t.name, props: { provider: 'aws', external: true } });
    const conditional = verdict === 'unknown';
    an.addEdge({
      src: t.key,
      dst: role.arn,
      kind: 'can_assume',
      privilege: 0,
      conditional,
      locator: `${role.arn} trust (${s.sid})`,
      props: {
        reason: `the trust policy of ${role.name} allows ${who}`,
        technique: t.action,
        ...(conditional ? { conditions: [`the trust policy of ${role.name} (${s.sid}) requires ${s.conditionText}`] } : {}),
      },
    });
  }
}

/** Condition keys known for a caller the export cannot see: its account (when the trust names one) and the clock. */
export function externalLookup(account: string | null, asOf: number): KeyLookup {
  const values = (rawKey: string): string[] | null | undefined => {
    const key = rawKey.toLowerCase();
    if (key === 'aws:principalaccount' && account) return [account];
    if (key === 'aws:currenttime') return [new Date(asOf).toISOString()];
    if (key === 'aws:epochtime') return [String(Math.floor(asOf / 1000))];
    return undefined;
  };
  const window = (rawKey: string): TimeWindow | undefined => {
    const key = rawKey.toLowerCase();
    if (key === 'aws:currenttime' || key === 'aws:epochtime') return { from: asOf, to: asOf, absent: false, epoch: key === 'aws:epochtime' };
    // The caller may be a user with long-term keys (no token time) or a session up to 36 hours old.
    if (key === 'aws:tokenissuetime') return { from: asOf - 36 * 3600_000, to: asOf, absent: true, epoch: false };
    return undefined;
  };
  return Object.assign(values, { window, chosen: (rawKey: string) => rawKey.toLowerCase() === 'sts:externalid' });
}

/**
 * Trusts naming principals of another account the export also holds (by ARN, by their account, or `*`).
 * Across accounts both sides must agree: the trust lets the caller in AND the caller's own policies, evaluated
 * in its own account, allow sts:AssumeRole on the role. A trust naming the caller's ARN is not enough alone.
 */
export function deriveCrossAccountTrustEdges(analyses: Analysis[]): void {
  for (const target of analyses) {
    for (const home of analyses) {
      if (home === target) continue;
      // Trusts naming the whole home account (or *) are checked per caller against the roles its own
      // policies can name, as within an account: far fewer pairs than every caller × every such role.
      const accountWide: { role: Principal; s: Statement; arn: string }[] = [];
      for (const role of target.account.roles) {
        for (const s of role.trust?.statements ?? []) {
          if (s.effect !== 'Allow' || !s.principals || !actionApplies(s, 'sts:AssumeRole')) continue;
          if (s.principals.everyone || s.principals.aws.some((e) => isOwnAccount(e, home.account.id))) {
            accountWide.push({ role, s, arn: role.arn });
            continue;
          }
          for (const entry of s.principals.aws) {
            const caller = home.byArn.get(entry);
            if (caller) crossAccountTrust(target, home, role, s, caller, false);
          }
        }
      }
      if (!accountWide.length) continue;
      const index = indexByArn(accountWide);
      for (const caller of home.principals) {
        const ev = home.evaluator(caller);
        if (!ev.mentions('sts:AssumeRole')) continue;
        for (const { role, s } of nameable(ev, 'sts:AssumeRole', index)) crossAccountTrust(target, home, role, s, caller, true);
      }
    }
  }
}

function crossAccountTrust(target: Analysis, home: Analysis, role: Principal, s: Statement, caller: Principal, wholeAccount: boolean): void {
  const ev = home.evaluator(caller);
  if (!ev.mentions('sts:AssumeRole')) return;
  const d = ev.decide('sts:AssumeRole', role.arn, { resourceTags: role.tags });
  if (!granted(d)) return;
  const trust = trustVerdict(ev, role, s, caller);
  if (trust.tri === 'false') return;
  const conditional = trust.tri === 'unknown' || d.effect === 'conditional';
  const trusts = s.principals!.everyone ? 'any principal (*)' : wholeAccount ? `the account ${caller.account}` : caller.arn;
  target.addEdge({
    src: caller.arn,
    dst: role.arn,
    kind: 'can_assume',
    privilege: 0,
    conditional,
    locator: `${role.arn} trust (${s.sid})`,
    props: {
      reason: `${caller.name} (account ${caller.account}) can assume ${role.name} (account ${role.account}): the trust policy of ${role.name} allows ${trusts} and ${caller.name}'s ${grantText(d.grants)} grant${d.grants.length === 1 ? 's' : ''} sts:AssumeRole on it`,
      technique: 'sts:AssumeRole',
      crossAccount: true,
      pathId: 'sts-001',
      pathIds: ['sts-001'],
      ...(conditional ? { conditions: [...trust.conditions, ...d.conditions] } : {}),
    },
  });
}
