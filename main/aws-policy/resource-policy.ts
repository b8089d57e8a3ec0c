// Resource-based policies (S3 bucket, KMS key, Secrets Manager secret, Lambda function, SNS topic, SQS queue
// policies) combined with the callers' identity policies as AWS evaluates a request:
//   - an explicit Deny anywhere (resource policy, identity policies, boundary, SCP) wins;
//   - same account: the resource policy OR the identity policies may allow (a union). A grant naming a role's
//     ARN is still capped by the role's permissions boundary; one naming a user is not. KMS is the exception:
//     identity policies count only when the key policy allows the account (its "Enable IAM policies" statement);
//   - across accounts: the resource policy must allow the caller (by ARN, by its account, or `*`) AND the
//     caller's own policies, evaluated in its own account, must allow it;
//   - `Principal: "*"` reaches anyone, also callers the case cannot see: an edge from `aws:any-principal`,
//     firm when the statement has no condition (public), conditional otherwise;
//   - what sits beside the policy counts with it: an S3 bucket's ACL and a KMS key's grants are further Allows
//     (s3-acl.ts, kms-grants.ts), Block Public Access drops public ACL grants or a public policy's reach beyond the
//     bucket's account, and the organisation's RCPs deny on the resource's side (resource-control.ts).
// Pure: it is given the accounts (the case's exports) and the policies and returns nodes and edges.
import { evaluateConditions, type KeyLookup, type Tri } from './conditions.ts';
import { accessLevels } from './data-access.ts';
import { actionApplies, PrincipalPolicies, type DecisionParts, type EvalOptions } from './evaluate.ts';
import type { AwsAccount, DerivedEdge, DerivedNode, PolicyDoc, Principal, Statement } from './model.ts';
import { orgOf, rcpDecision, rcpsFor, type Organization } from './resource-control.ts';
import { canonicalPrincipal, isPublicPolicy } from './s3-acl.ts';
import { ANY_PRINCIPAL, ANY_PRINCIPAL_NAME, externalLookup } from './trust.ts';
import { resourceMatches } from './wildcard.ts';

export type ResourceService = 's3' | 'kms' | 'secretsmanager' | 'lambda' | 'sns' | 'sqs';

export interface ResourcePolicy {
  /** The resource's ARN (for S3 the bucket's, `arn:aws:s3:::<bucket>`): the key of its system node. */
  arn: string;
  service: ResourceService;
  /** The account owning the resource; null when neither its ARN nor the import says (S3 bucket ARNs carry none). */
  account: string | null;
  document: PolicyDoc;
  /** Where the policy was read, for edge locators (e.g. "bucket-policy.json /Policy"). */
  locator: string;
  /** Allows that live beside the policy, each as a document: the bucket's ACL (s3-acl.ts), the key's grants (kms-grants.ts). */
  extra?: PolicyDoc[];
  /** RestrictPublicBuckets is on (who sets it, in words: "the bucket", "its account"); null or absent when off. */
  restrictPublicBuckets?: string | null;
}

/** What the case knows beyond the accounts and the resources: the organisation and its RCPs. */
export interface ResourceEvalOptions extends EvalOptions {
  organization?: Organization;
}

type Level = 1 | 2 | 3;
type Verdict = 'yes' | 'maybe' | 'no';

interface ServiceInfo {
  label: string;
  subkind: 'storage' | 'secret_store' | 'host' | 'saas';
  prefix: string;
  levels: [Level, string[]][];
  /** Object-level actions (S3): probed on objects of the bucket rather than the bucket itself. */
  objectActions?: Set<string>;
}

export const RESOURCE_SERVICES: Record<ResourceService, ServiceInfo> = {
  s3: {
    label: 'S3 bucket',
    subkind: 'storage',
    prefix: 's3',
    levels: accessLevels('s3')!,
    objectActions: new Set(['s3:getobject', 's3:putobject', 's3:deleteobject']),
  },
  kms: { label: 'KMS key', subkind: 'secret_store', prefix: 'kms', levels: accessLevels('kms')! },
  secretsmanager: { label: 'Secrets Manager secret', subkind: 'secret_store', prefix: 'secretsmanager', levels: accessLevels('secretsmanager')! },
  // Changing a function's code runs code as its role: admin. Invoking it is write; reading its configuration
  // (environment variables often hold secrets) and code is read.
  lambda: {
    label: 'Lambda function',
    subkind: 'host',
    prefix: 'lambda',
    levels: [
      [3, ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:AddPermission', 'lambda:DeleteFunction']],
      [2, ['lambda:InvokeFunction']],
      [1, ['lambda:GetFunction', 'lambda:GetFunctionConfiguration']],
    ],
  },
  // Subscribing to a topic delivers its messages to the subscriber: read.
  sns: {
    label: 'SNS topic',
    subkind: 'saas',
    prefix: 'sns',
    levels: [
      [3, ['sns:SetTopicAttributes', 'sns:AddPermission', 'sns:DeleteTopic']],
      [2, ['sns:Publish']],
      [1, ['sns:Subscribe']],
    ],
  },
  sqs: {
    label: 'SQS queue',
    subkind: 'storage',
    prefix: 'sqs',
    levels: [
      [3, ['sqs:SetQueueAttributes', 'sqs:AddPermission', 'sqs:DeleteQueue']],
      [2, ['sqs:SendMessage', 'sqs:DeleteMessage', 'sqs:PurgeQueue']],
      [1, ['sqs:ReceiveMessage']],
    ],
  },
};

const WORDS: Record<Level, string> = { 3: 'administer', 2: 'write', 1: 'read' };
const ACL_LABEL = 'the ACL of ';

/** The account an ARN names (its fifth field), or null (S3 bucket ARNs have none). */
export function arnAccount(arn: string): string | null {
  const a = arn.split(':')[4];
  return a && /^\d{12}$/.test(a) ? a : null;
}

/**
 * How reasons and screens name a resource: its label and the last part of its ARN ("S3 bucket reports",
 * "KMS key 1234abcd-…", "Secrets Manager secret prod/db-AbCdEf", "Lambda function my-function", "SQS queue jobs").
 */
export function resourceName(r: Pick<ResourcePolicy, 'arn' | 'service'>): string {
  const rest = r.arn.split(':').slice(5).join(':');
  const tail = rest.replace(/^(key\/|function:|secret:)/, '');
  return `${RESOURCE_SERVICES[r.service].label} ${tail}`;
}

/** How reasons name a resource's policy: "the policy of S3 bucket my-bucket". */
export function policyLabel(r: Pick<ResourcePolicy, 'arn' | 'service'>): string {
  return `the policy of ${resourceName(r)}`;
}

export interface ResourcePolicyResult {
  nodes: DerivedNode[];
  edges: DerivedEdge[];
}

/**
 * Every principal of every account given against every resource policy given: one `access` edge per
 * (principal, resource) with the highest privilege granted, plus edges from principals the case cannot
 * see (other accounts, `*`) that the policies name. Edges say whether they hold only under a condition.
 */
export function deriveResourcePolicyEdges(
  accounts: AwsAccount[],
  resources: ResourcePolicy[],
  options: ResourceEvalOptions = {},
): ResourcePolicyResult {
  const asOf = options.asOf ?? Date.now();
  const { organization, ...rest } = options;
  const evalOptions = { ...rest, asOf };
  const known = new Map<string, { account: AwsAccount; p: Principal }>();
  const evaluators = new Map<Principal, PrincipalPolicies>();
  for (const account of accounts) {
    for (const p of [...account.users, ...account.roles]) {
      if (!known.has(p.arn)) known.set(p.arn, { account, p });
      evaluators.set(p, new PrincipalPolicies(account, p, evalOptions));
    }
  }
  const accountIds = new Set(accounts.map((a) => a.id));
  const nodes = new Map<string, DerivedNode>();
  const edges: DerivedEdge[] = [];
  for (const r of resources) {
    const info = RESOURCE_SERVICES[r.service];
    const name = resourceName(r);
    const docs = [r.document, ...(r.extra ?? [])];
    const services = [...new Set(docs.flatMap((d) => d.statements.flatMap((s) => s.principals?.service ?? [])))].slice(0, 50);
    const rcps = rcpsFor(organization, r.account);
    const restricted = r.service === 's3' && !!r.restrictPublicBuckets && isPublicPolicy(r.document);
    nodes.set(r.arn, {
      key: r.arn,
      kind: 'system',
      subkind: info.subkind,
      name,
      props: {
        provider: 'aws',
        service: r.service,
        ...(r.account ? { account: r.account } : {}),
        resource_policy: true,
        ...(services.length ? { trusted_services: services } : {}),
        ...(rcps.length ? { resource_control_policies: rcps.map((d) => d.name).slice(0, 20) } : {}),
        ...(r.extra?.length ? { also_granted_by: r.extra.map((d) => d.name) } : {}),
        ...(restricted ? { restrict_public_buckets: r.restrictPublicBuckets } : {}),
      },
    });
    const ctx: ResourceContext = {
      r,
      info,
      name,
      asOf,
      docs,
      rcps,
      restricted,
      org: organization,
      accountIds,
      ownerOnlySource: ownerOnlySource(docs, r.account),
      keysByAccount: new Map(),
    };
    const anyone = anyoneEdge(ctx);
    if (anyone) {
      nodes.set(ANY_PRINCIPAL, {
        key: ANY_PRINCIPAL,
        kind: 'identity',
        subkind: 'external',
        name: ANY_PRINCIPAL_NAME,
        props: { provider: 'aws', external: true },
      });
      edges.push(anyone.edge);
    }
    for (const e of externalEdges(ctx, known, accountIds)) {
      nodes.set(e.node.key, e.node);
      edges.push(e.edge);
    }
    for (const { p } of known.values()) {
      const edge = principalEdge(ctx, p, evaluators.get(p)!, anyone);
      if (edge) edges.push(edge);
    }
  }
  return { nodes: [...nodes.values()], edges };
}

interface ResourceContext {
  r: ResourcePolicy;
  info: ServiceInfo;
  name: string;
  asOf: number;
  /** The policy and the documents beside it (ACL, grants). */
  docs: PolicyDoc[];
  /** The RCPs governing this resource (none in the management account or for services RCPs do not cover). */
  rcps: PolicyDoc[];
  /** RestrictPublicBuckets on a bucket whose policy is public: the policy counts only for the bucket's own account. */
  restricted: boolean;
  org: Organization | undefined;
  accountIds: Set<string>;
  /** Every aws:SourceOwner the documents test is the resource's own account (the SNS default topic policy). */
  ownerOnlySource: boolean;
  /** callerKeys per caller account (null: anyone). */
  keysByAccount: Map<string | null, Record<string, string[] | null>>;
}

/** Who a resource statement is asked about: a principal of the case, an account or principal it cannot see, or anyone. */
interface Who {
  arn: string | null;
  id: string | null;
  account: string | null;
  /** The role's name, to match sessions of it (`arn:aws:sts::<account>:assumed-role/<name>/…`). */
  roleName: string | null;
  /** An account as a whole (its root): matched by entries naming the account. */
  wholeAccount: boolean;
  /** A service-linked role: RCPs do not apply to it. */
  serviceLinked?: boolean;
}

/** What the resource policy says about one request by one caller. */
interface ResourceSide {
  /** Allowed by a statement naming the caller itself (its ARN, a session of it, or `*`). */
  principal: Verdict;
  /** Allowed only by a statement naming the caller's account (delegation to the account's own policies). */
  account: Verdict;
  /** True when the principal grant comes from `*` statements only. */
  viaEveryone: boolean;
  deny: Verdict;
  grants: string[];
  conditions: string[];
}

function resourceSide(ctx: ResourceContext, action: string, resource: string, who: Who, lookup: KeyLookup): ResourceSide {
  const out: ResourceSide = { principal: 'no', account: 'no', viaEveryone: false, deny: 'no', grants: [], conditions: [] };
  let named: Verdict = 'no';
  let everyone: Verdict = 'no';
  for (const doc of ctx.docs) {
    // RestrictPublicBuckets: a public bucket policy lets in nobody outside the bucket's account (its Denies still count).
    const restricted = doc === ctx.r.document && ctx.restricted && (!who.account || who.account !== ctx.r.account);
    for (const s of doc.statements) {
      if (!actionApplies(s, action) || !resourceApplies(s, resource)) continue;
      if (restricted && s.effect === 'Allow') continue;
      const how = names(s, who);
      if (!how) continue;
      const c: Tri = s.conditions.length ? evaluateConditions(s.conditions, lookup) : 'true';
      if (c === 'false') continue;
      const v: Verdict = c === 'true' ? 'yes' : 'maybe';
      if (s.effect === 'Deny') {
        out.deny = best(out.deny, v);
        if (v === 'maybe') out.conditions.push(`unless denied by ${doc.label} (${s.sid}) when ${s.conditionText}`);
        continue;
      }
      if (how === 'account') out.account = best(out.account, v);
      else if (how === 'everyone') everyone = best(everyone, v);
      else named = best(named, v);
      out.grants.push(`${doc.label} (${s.sid})`);
      if (v === 'maybe') out.conditions.push(`allowed by ${doc.label} (${s.sid}) only when ${s.conditionText}`);
    }
  }
  if (!who.serviceLinked) {
    const rcp = rcpDecision(ctx.rcps, action, resource, lookup);
    out.deny = best(out.deny, rcp.deny);
    out.conditions.push(...rcp.conditions);
  }
  out.principal = best(named, everyone);
  out.viaEveryone = ORDER[everyone] > ORDER[named];
  return out;
}

/** How a statement's Principal (or NotPrincipal) names the caller: itself, everyone, its account, or not at all. */
function names(s: Statement, who: Who): 'principal' | 'everyone' | 'account' | null {
  if (s.notPrincipals) {
    // NotPrincipal excludes exactly what it lists: an account's root listed there does not exclude its users and roles.
    const l = listed(s.notPrincipals.aws, who);
    return s.notPrincipals.everyone || l === 'principal' || (l === 'account' && who.wholeAccount) ? null : 'everyone';
  }
  if (!s.principals) return null;
  if (s.principals.everyone) return 'everyone';
  return listed(s.principals.aws, who);
}

function listed(entries: string[], who: Who): 'principal' | 'account' | null {
  let found: 'principal' | 'account' | null = null;
  for (const e of entries) {
    if (!who.wholeAccount && who.arn && (e === who.arn || (who.id && e === who.id))) return 'principal';
    if (!who.wholeAccount && who.roleName && who.account) {
      const m = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(e);
      if (m && m[1] === who.account && m[2] === who.roleName) return 'principal';
    }
    const account = /^\d{12}$/.test(e) ? e : /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(e)?.[1];
    if (account && account === who.account) found = 'account';
  }
  return found;
}

function resourceApplies(s: Statement, resource: string): boolean {
  if (s.resources) return s.resources.some((p) => resourceMatches(p, resource));
  if (s.notResources) return !s.notResources.some((p) => resourceMatches(p, resource));
  return true; // a resource policy without Resource applies to the resource it is attached to
}

const ORDER: Record<Verdict, number> = { no: 0, maybe: 1, yes: 2 };
function best(a: Verdict, b: Verdict): Verdict {
  return ORDER[a] >= ORDER[b] ? a : b;
}
function least(a: Verdict, b: Verdict): Verdict {
  return ORDER[a] <= ORDER[b] ? a : b;
}

/** The resources a request for `action` is tried on: the resource, or for S3 object actions objects the policy names. */
function probes(ctx: ResourceContext, action: string): string[] {
  if (!ctx.info.objectActions?.has(action.toLowerCase())) return [ctx.r.arn];
  const out = new Set([`${ctx.r.arn}/blastmap-any-object`]);
  for (const s of ctx.docs.flatMap((d) => d.statements)) {
    for (const p of s.resources ?? []) if (p.startsWith(`${ctx.r.arn}/`)) out.add(p.replace(/[*?]/g, 'x'));
  }
  return [...out];
}

/**
 * Condition keys a request to this resource carries whoever makes it: its region and account, and TLS (the caller
 * chooses it, so the common "deny unless aws:SecureTransport" statement stops no one who wants in).
 */
function requestKeys(ctx: ResourceContext): Record<string, string[]> {
  const keys: Record<string, string[]> = { 'aws:SecureTransport': ['true'] };
  const region = ctx.r.arn.split(':')[3];
  if (region) keys['aws:RequestedRegion'] = [region];
  if (ctx.r.account) keys['aws:ResourceAccount'] = [ctx.r.account];
  const resourceOrg = orgOf(ctx.org, ctx.r.account, ctx.accountIds);
  if (resourceOrg) keys['aws:ResourceOrgID'] = [resourceOrg];
  return keys;
}

/**
 * Keys that depend on who calls (its account, null for anyone). A direct request by an IAM principal carries no
 * aws:SourceAccount (only a service acting for a resource sends it); AWS:SourceOwner, the legacy SNS/SQS key, is the
 * caller's account, so the default topic policy (`*` when SourceOwner is the topic's account) lets in the owner
 * account's principals and no one else. For anyone the owner account is decided only where every SourceOwner the
 * documents test is the resource's own account: anyone else is then refused. aws:PrincipalOrgID is the
 * organisation's id for accounts the case knows belong to it (resource-control.ts), undecided otherwise.
 */
function callerKeys(ctx: ResourceContext, account: string | null): Record<string, string[] | null> {
  // Every principal of an account asks the same: built once per (resource, account), decisions are many.
  let keys = ctx.keysByAccount.get(account);
  if (!keys) ctx.keysByAccount.set(account, (keys = buildCallerKeys(ctx, account)));
  return keys;
}

function buildCallerKeys(ctx: ResourceContext, account: string | null): Record<string, string[] | null> {
  const keys: Record<string, string[] | null> = { ...requestKeys(ctx), 'aws:SourceAccount': null, 'aws:PrincipalIsAWSService': ['false'] };
  if (account) keys['aws:SourceOwner'] = [account];
  else if (ctx.ownerOnlySource) keys['aws:SourceOwner'] = ['blastmap-an-account-other-than-the-owner'];
  const org = orgOf(ctx.org, account, ctx.accountIds);
  if (org) keys['aws:PrincipalOrgID'] = [org];
  return keys;
}

function ownerOnlySource(docs: PolicyDoc[], account: string | null): boolean {
  if (!account) return false;
  const values = docs.flatMap((d) =>
    d.statements.flatMap((s) => s.conditions.filter((c) => c.key.toLowerCase() === 'aws:sourceowner').flatMap((c) => c.values)),
  );
  return values.length > 0 && values.every((v) => v === account);
}

interface Grant {
  level: Level;
  verdict: Verdict;
  action: string;
  grants: string[];
  conditions: string[];
  crossAccount: boolean;
  viaEveryone: boolean;
  /** Why it holds, in words (which side allows it). */
  because: string;
}

/** Highest level a caller gets, trying each level's actions on each probe: firm beats conditional within a level. */
function highest(ctx: ResourceContext, decide: (action: string, resource: string) => Omit<Grant, 'level' | 'action'> | null): Grant | null {
  for (const [level, actions] of ctx.info.levels) {
    let found: Grant | null = null;
    for (const action of actions) {
      for (const resource of probes(ctx, action)) {
        const g = decide(action, resource);
        if (!g || g.verdict === 'no') continue;
        if (!found || (found.verdict === 'maybe' && g.verdict === 'yes')) found = { ...g, level, action };
        if (found.verdict === 'yes') break;
      }
      if (found?.verdict === 'yes') break;
    }
    if (found) return found;
  }
  return null;
}

/** `*` statements: anyone at all, including callers the case cannot see and, for S3, anonymous requests. */
function anyoneEdge(ctx: ResourceContext): { edge: DerivedEdge; level: Level; firm: boolean } | null {
  const who: Who = { arn: null, id: null, account: null, roleName: null, wholeAccount: false };
  const lookup = withKeys(externalLookup(null, ctx.asOf), callerKeys(ctx, null));
  const g = highest(ctx, (action, resource) => {
    const rs = resourceSide(ctx, action, resource, who, lookup);
    if (rs.deny === 'yes' || rs.principal === 'no') return null;
    const verdict = rs.deny === 'maybe' ? least(rs.principal, 'maybe') : rs.principal;
    return { verdict, grants: rs.grants, conditions: rs.conditions, crossAccount: false, viaEveryone: true, because: '' };
  });
  if (!g) return null;
  const firm = g.verdict === 'yes';
  return {
    level: g.level,
    firm,
    edge: {
      src: ANY_PRINCIPAL,
      dst: ctx.r.arn,
      kind: 'access',
      privilege: g.level,
      conditional: !firm,
      locator: `${ctx.r.locator} (${sids(g.grants)})`,
      props: {
        reason: `anyone can ${WORDS[g.level]} ${ctx.name}: ${g.grants.slice(0, 3).join(', ')} allow${g.grants.length === 1 ? 's' : ''} ${g.action} to Principal "*"${firm ? ' with no condition (public)' : ''}`,
        actions: [g.action],
        resourcePolicy: true,
        public: firm,
        ...(g.grants.every((x) => x.startsWith(ACL_LABEL)) ? { publicAcl: true } : {}),
        ...(!firm ? { conditions: g.conditions } : {}),
      },
    },
  };
}

/** Principals the policy names that the case does not hold: other accounts (as their root) and unknown users and roles. */
function externalEdges(ctx: ResourceContext, known: Map<string, unknown>, accountIds: Set<string>): { node: DerivedNode; edge: DerivedEdge }[] {
  const out: { node: DerivedNode; edge: DerivedEdge }[] = [];
  const seen = new Set<string>();
  for (const s of ctx.docs.flatMap((d) => d.statements)) {
    if (s.effect !== 'Allow' || !s.principals) continue;
    for (const entry of s.principals.aws) {
      const account = /^\d{12}$/.test(entry) ? entry : /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(entry)?.[1];
      const m = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)\/.+/.exec(entry);
      let who: Who;
      let node: DerivedNode;
      if (entry.startsWith(canonicalPrincipal(''))) {
        // An S3 ACL grant to a canonical user: the owner of some other account, which the case cannot name.
        const id = entry.slice(canonicalPrincipal('').length);
        who = { arn: entry, id: null, account: null, roleName: null, wholeAccount: false };
        node = {
          key: `aws:${entry}`,
          kind: 'identity',
          subkind: 'human',
          name: `S3 canonical user ${id.slice(0, 12)}…`,
          props: { provider: 'aws', external: true, canonical_id: id },
        };
      } else if (account) {
        // An account the case holds is evaluated principal by principal; the resource's own account grants nothing by itself.
        if (accountIds.has(account) || account === ctx.r.account) continue;
        const key = `arn:aws:iam::${account}:root`;
        who = { arn: key, id: null, account, roleName: null, wholeAccount: true };
        node = { key, kind: 'identity', subkind: 'human', name: `root of external account ${account}`, props: { provider: 'aws', external: true } };
      } else if (m) {
        if (known.has(entry)) continue;
        who = { arn: entry, id: null, account: m[1], roleName: m[2] === 'role' ? entry.split('/').pop()! : null, wholeAccount: false };
        node = {
          key: entry,
          kind: m[2] === 'role' ? 'role' : 'identity',
          subkind: m[2] === 'role' ? 'role' : 'human',
          name: entry.split('/').pop()!,
          props: { provider: 'aws', external: true },
        };
      } else continue;
      if (seen.has(node.key)) continue;
      seen.add(node.key);
      const lookup = withKeys(externalLookup(who.account, ctx.asOf), callerKeys(ctx, who.account));
      const g = highest(ctx, (action, resource) => {
        const rs = resourceSide(ctx, action, resource, who, lookup);
        const allow = best(rs.principal, rs.account);
        if (rs.deny === 'yes' || allow === 'no') return null;
        return {
          verdict: rs.deny === 'maybe' ? least(allow, 'maybe') : allow,
          grants: rs.grants,
          conditions: rs.conditions,
          crossAccount: true,
          viaEveryone: false,
          because: '',
        };
      });
      if (!g) continue;
      const firm = g.verdict === 'yes';
      // A canonical user (no account known) is the owner of some other account: the bucket owner's own grant is left out.
      const other = !who.account || who.account !== ctx.r.account;
      const whom = who.wholeAccount
        ? `account ${who.account}`
        : !who.account
          ? `${node.name} (another account)`
          : `${entry}${other ? ' (another account)' : ' (not in the case)'}`;
      const granter = g.grants[0]?.replace(/ \([^()]*\)$/, '') ?? ctx.r.document.label;
      out.push({
        node,
        edge: {
          src: node.key,
          dst: ctx.r.arn,
          kind: 'access',
          privilege: g.level,
          conditional: !firm,
          locator: `${ctx.r.locator} (${sids(g.grants)})`,
          props: {
            reason: `${granter} lets ${whom} ${WORDS[g.level]} ${ctx.name} (${g.action}, by ${g.grants.slice(0, 3).join(', ')})${other ? "; its own account's policies must allow it too, and the case does not hold them" : ''}`,
            actions: [g.action],
            resourcePolicy: true,
            ...(other ? { crossAccount: true } : {}),
            ...(!firm ? { conditions: g.conditions } : {}),
          },
        },
      });
    }
  }
  return out;
}

/** One principal of the case against the resource: both sides combined per the rules in the file header. */
function principalEdge(
  ctx: ResourceContext,
  p: Principal,
  ev: PrincipalPolicies,
  anyone: { level: Level; firm: boolean } | null,
): DerivedEdge | null {
  const who: Who = {
    arn: p.arn,
    id: p.id,
    account: p.account,
    roleName: p.type === 'role' ? p.name : null,
    wholeAccount: false,
    serviceLinked: p.type === 'role' && p.path.startsWith('/aws-service-role/'),
  };
  // Cheap pre-filter: neither side can say anything about this principal.
  if (
    !ev.touches(ctx.info.prefix) &&
    !ctx.docs.some((d) =>
      d.statements.some(
        (s) => s.effect === 'Allow' && (s.notPrincipals || (s.principals && (s.principals.everyone || listed(s.principals.aws, who)))),
      ),
    )
  )
    return null;
  const keys = callerKeys(ctx, p.account);
  const g = highest(ctx, (action, resource) => {
    const parts = ev.decideParts(action, resource, { keys });
    const rs = resourceSide(ctx, action, resource, who, ev.lookup(resource, { keys }));
    return combine(ctx, p, parts, rs);
  });
  if (!g) return null;
  // Reached by `*` alone, and anyone gets as much: the edge from "any principal" already says it.
  if (g.viaEveryone && anyone && anyone.level >= g.level && (anyone.firm || g.verdict === 'maybe')) return null;
  const firm = g.verdict === 'yes';
  return {
    src: p.arn,
    dst: ctx.r.arn,
    kind: 'access',
    privilege: g.level,
    conditional: !firm,
    locator: `${ctx.r.locator}${g.grants.length ? ` (${sids(g.grants)})` : ''}`,
    props: {
      reason: `${p.name} can ${WORDS[g.level]} ${ctx.name} (${g.action}): ${g.because}`,
      actions: [g.action],
      resourcePolicy: true,
      ...(g.crossAccount ? { crossAccount: true } : {}),
      ...(!firm ? { conditions: [...new Set(g.conditions)].slice(0, 20) } : {}),
    },
  };
}

function combine(ctx: ResourceContext, p: Principal, parts: DecisionParts, rs: ResourceSide): Omit<Grant, 'level' | 'action'> | null {
  if (parts.deny === 'yes' || rs.deny === 'yes' || parts.scps === 'no') return null;
  const label = ctx.r.document.label;
  const own = least(parts.identity, parts.boundary ?? 'yes');
  const ownText = `${p.name}'s ${parts.grants.slice(0, 3).join(', ') || 'policies'}`;
  // KMS: a key's policy must let the account's IAM policies in before they count, even in the key's account.
  const identityPath = ctx.r.service === 'kms' ? least(own, best(rs.account, rs.principal)) : own;
  // A grant naming a role is capped by its boundary; one naming a user is not (AWS's same-account rule).
  const resourcePath = p.type === 'role' ? least(rs.principal, parts.boundary ?? 'yes') : rs.principal;
  const same = best(identityPath, resourcePath);
  const cross = least(own, best(rs.principal, rs.account));
  let verdict: Verdict;
  let crossAccount = false;
  let because: string;
  const conditions = [...parts.conditions, ...rs.conditions];
  const sameText = () =>
    ORDER[resourcePath] >= ORDER[identityPath]
      ? `${rs.grants.slice(0, 3).join(', ')} allow${rs.grants.length === 1 ? 's' : ''} it${p.type === 'user' ? '' : ' (within its permissions boundary)'}`
      : `${ownText} allow${parts.grants.length === 1 ? 's' : ''} it${ctx.r.service === 'kms' ? ` and ${label} lets the account's IAM policies decide` : ` (${label} does not deny it)`}`;
  const crossText = () => `across accounts both sides allow it: ${ownText} in account ${p.account} and ${rs.grants.slice(0, 3).join(', ')}`;
  if (ctx.r.account === p.account) {
    verdict = same;
    because = sameText();
  } else if (ctx.r.account) {
    verdict = cross;
    crossAccount = true;
    because = crossText();
  } else if (cross !== 'no') {
    // The owner is unknown (an S3 bucket policy without its account): what holds across accounts holds anyway.
    verdict = cross;
    because = crossText();
  } else {
    verdict = least(same, 'maybe');
    because = `${sameText()}, if the resource is in ${p.name}'s account ${p.account}`;
    if (same !== 'no')
      conditions.push(
        `only if ${ctx.name} belongs to account ${p.account} (the file does not say which account owns it; across accounts ${p.name}'s own policies would have to allow it too)`,
      );
  }
  if (verdict === 'no') return null;
  if (parts.deny === 'maybe' || rs.deny === 'maybe' || parts.scps === 'maybe') verdict = least(verdict, 'maybe');
  const viaEveryone = rs.viaEveryone && ORDER[rs.principal] > ORDER[identityPath];
  return { verdict, grants: rs.grants, conditions, crossAccount, viaEveryone, because };
}

function withKeys(lookup: KeyLookup, keys: Record<string, string[] | null>): KeyLookup {
  const values = (rawKey: string): string[] | null | undefined => {
    for (const k of Object.keys(keys)) if (k.toLowerCase() === rawKey.toLowerCase()) return keys[k];
    return lookup(rawKey);
  };
  return Object.assign(values, { window: lookup.window, chosen: lookup.chosen });
}

function sids(grants: string[]): string {
  return [...new Set(grants.map((g) => /\(([^()]*)\)$/.exec(g)?.[1] ?? g))].slice(0, 3).join(', ');
}
