// Principal-centric IAM evaluation: may this principal perform this action on this resource?
// All of its policies count together (inline, managed, its groups'), an explicit Deny anywhere wins,
// a permissions boundary and SCPs are ceilings that never grant. Undecidable conditions make the
// answer `conditional` with the condition text, never a silent yes or no.
import { evaluateConditions, substitute, type KeyLookup, type TimeWindow, type Tri } from './conditions.ts';
import type { AwsAccount, PolicyDoc, Principal, Statement } from './model.ts';
import { actionMatches, resourceMatches, servicePrefix } from './wildcard.ts';

export type Effect = 'allow' | 'conditional' | 'implicit-deny' | 'explicit-deny';

export interface Decision {
  effect: Effect;
  /** "<policy label> (<sid>)" of the statements that allow it. */
  grants: string[];
  /** Why it is only conditional: condition texts and gaps. */
  conditions: string[];
}

export interface EvalOptions {
  /** Whether the attacker's session carries MFA. Default false: stolen keys and sessions rarely do. */
  mfa?: boolean;
  /** Decide aws:SourceIp conditions for requests from this address. */
  sourceIp?: string;
  /**
   * When the attacker acts (ms since epoch), for aws:CurrentTime, aws:EpochTime and aws:TokenIssueTime.
   * Default: the clock at evaluation, since an export describes the permissions in force now.
   */
  asOf?: number;
}

/** Longest a session token lives: GetSessionToken and GetFederationToken allow 36 hours, role sessions 12. */
const USER_SESSION_MS = 36 * 3600_000;
const ROLE_SESSION_MS = 12 * 3600_000;

/** Extra facts about one request: condition keys known for it and the resource's tags when known. */
export interface RequestFacts {
  keys?: Record<string, string[] | null>;
  resourceTags?: Map<string, string> | null;
}

export interface Variant {
  extraDocs?: PolicyDoc[];
  extraGroups?: string[];
  replace?: Map<string, PolicyDoc>;
  /** The permissions boundary deleted (or replaced by a permissive one). */
  dropBoundary?: boolean;
}

interface Bound {
  statement: Statement;
  label: string;
}

/** Statements of one policy layer, indexed by service prefix so a decision only scans what can match. */
class StatementSet {
  private readonly byService = new Map<string, Bound[]>();
  private readonly always: Bound[] = [];
  readonly size: number;

  constructor(docs: PolicyDoc[]) {
    let n = 0;
    for (const doc of docs) {
      for (const statement of doc.statements) {
        n++;
        const bound = { statement, label: doc.label };
        const patterns = statement.actions;
        if (!patterns) {
          this.always.push(bound); // NotAction can match any service
          continue;
        }
        const services = new Set(patterns.map(servicePrefix));
        if ([...services].some((s) => s.includes('*') || s.includes('?'))) {
          this.always.push(bound);
          continue;
        }
        for (const s of services) {
          let list = this.byService.get(s);
          if (!list) this.byService.set(s, (list = []));
          list.push(bound);
        }
      }
    }
    this.size = n;
  }

  /** Statements whose Action/NotAction covers this action, cached per action (decisions repeat actions a lot). */
  applicable(action: string): Bound[] {
    // Keyed as written: callers use a small fixed vocabulary of actions, so case variants are rare.
    const key = action;
    let list = this.cache.get(key);
    if (!list) {
      let found: Bound[] | null = null;
      for (const b of this.byService.get(servicePrefix(action)) ?? NONE) if (actionApplies(b.statement, action)) (found ??= []).push(b);
      for (const b of this.always) if (actionApplies(b.statement, action)) (found ??= []).push(b);
      list = found ?? NONE; // most lookups find nothing: share one empty list
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, list);
    }
    return list;
  }

  private readonly cache = new Map<string, Bound[]>();

  /** Whether any statement could concern this service prefix (e.g. "s3") at all. */
  touches(service: string): boolean {
    return this.byService.has(service) || this.always.length > 0;
  }

  /**
   * False only when no Allow statement can grant an action of this service on one of its resources: the
   * service's own statements hold no Allow, and every NotAction / wildcard-service Allow either excludes the
   * service or names resources of other services only (e.g. NotAction iam:* on one S3 bucket). Per service, so
   * far cheaper than asking action by action.
   */
  mayAllowService(service: string): boolean {
    let v = this.serviceAllows.get(service);
    if (v === undefined) {
      v =
        (this.byService.get(service) ?? NONE).some((b) => b.statement.effect === 'Allow') ||
        this.always.some((b) => b.statement.effect === 'Allow' && resourcesMayBeOf(b.statement, service) && !excludesService(b.statement, service));
      this.serviceAllows.set(service, v);
    }
    return v;
  }

  private readonly serviceAllows = new Map<string, boolean>();
}

const NONE: Bound[] = [];

/** Services whose actions act on resources of another service too (SSM commands and Instance Connect on EC2 instances). */
const RESOURCE_SERVICES: Record<string, string[]> = { ssm: ['ssm', 'ec2'], 'ec2-instance-connect': ['ec2', 'ec2-instance-connect'] };

/** Whether a statement's Resource could name something this service acts on (ARNs of unrelated services cannot). */
function resourcesMayBeOf(s: Statement, service: string): boolean {
  if (!s.resources) return true;
  const services = RESOURCE_SERVICES[service] ?? [service];
  return s.resources.some((p) => {
    if (p === '*' || p.includes('${')) return true;
    const svc = p.split(':')[2];
    return svc === undefined || services.includes(svc) || svc.includes('*') || svc.includes('?');
  });
}

/** True when a NotAction lists the whole service (e.g. "iam:*"), so the statement grants none of it. */
function excludesService(s: Statement, service: string): boolean {
  return !!s.notActions?.some((p) => p === '*' || p === `${service}:*`);
}
const REQUESTED_REGION = 'aws:requestedregion';
const EFFECT_ORDER: Record<Effect, number> = { allow: 0, conditional: 1, 'implicit-deny': 2, 'explicit-deny': 3 };
/** Services whose requests always carry aws:RequestedRegion us-east-1 (their single control-plane endpoint). */
const GLOBAL_SERVICES = new Set([
  'iam',
  'organizations',
  'route53',
  'cloudfront',
  'waf',
  'shield',
  'globalaccelerator',
  'support',
  'budgets',
  'ce',
  'health',
  'account',
]);
const NO_RESOURCES: ResourceFilter = { any: false, exact: new Set(), wild: [] };

/** Where the Allow statements for one action point: a cheap pre-filter before full decisions. */
export interface ResourceFilter {
  any: boolean;
  exact: Set<string>;
  wild: string[];
}

type Verdict = 'yes' | 'maybe' | 'no';

/** See PrincipalPolicies.decideParts. */
export interface DecisionParts {
  /** An explicit Deny in the identity policies, the boundary or an SCP (maybe: behind a Condition, or a policy nobody has). */
  deny: Verdict;
  /** Whether the identity policies (inline, managed, groups') allow. */
  identity: Verdict;
  /** Whether the permissions boundary allows; null when there is none. */
  boundary: Verdict | null;
  /** Whether every SCP level allows ('yes' when there are none). */
  scps: Verdict;
  /** The identity statements that allow it. */
  grants: string[];
  /** Why any part is only conditional (condition texts, unverifiable gaps). */
  conditions: string[];
}

type Layer = { allow: Verdict; deny: Verdict; grants: string[]; conditions: string[] };

export class PrincipalPolicies {
  readonly principal: Principal;
  private readonly identity: StatementSet;
  private readonly boundary: StatementSet | null;
  private readonly scps: StatementSet[];
  private readonly gaps: string[];
  private readonly options: EvalOptions;

  /**
   * `variant` evaluates a what-if of the principal: extra documents (e.g. a policy an attacker would
   * attach), extra groups (AddUserToGroup), or managed policies replaced by another version.
   */
  constructor(account: AwsAccount, principal: Principal, options: EvalOptions = {}, variant: Variant = {}) {
    this.principal = principal;
    this.options = options;
    const gaps = [...principal.gaps];
    const docs: PolicyDoc[] = [...principal.inline, ...(variant.extraDocs ?? [])];
    const managed = [...principal.managed];
    for (const groupName of [...principal.groups, ...(variant.extraGroups ?? [])]) {
      const group = account.groups.get(groupName);
      if (!group) {
        gaps.push(`group ${groupName} is not in the export`);
        continue;
      }
      docs.push(...group.inline);
      managed.push(...group.managed);
      gaps.push(...group.gaps);
    }
    for (const arn of new Set(managed)) {
      const policy = account.policies.get(arn);
      const replaced = variant.replace?.get(arn);
      if (replaced) docs.push(replaced);
      else if (policy) docs.push(policy.document);
      else {
        // Unknown content could grant anything as well as deny anything: never a silent non-grant.
        docs.push(unknownPolicy(arn));
        gaps.push(`managed policy ${arn} is not in the export`);
      }
    }
    this.identity = new StatementSet(docs);
    this.boundary = null;
    if (principal.boundary && !variant.dropBoundary) {
      const b = account.policies.get(principal.boundary);
      if (b) this.boundary = new StatementSet([b.document]);
      else gaps.push(`permissions boundary ${principal.boundary} is not in the export`);
    }
    this.scps = account.scps.map((level) => new StatementSet(level));
    this.gaps = gaps.map((g) => `unverifiable: ${g} (it could deny)`);
  }

  /**
   * The decision for one request. The caller picks the region of a regional request, so when a policy tests
   * aws:RequestedRegion the request is tried in each region the policies name and in one they do not, and
   * the most permissive outcome counts (a region lock stops nothing that another region allows).
   */
  decide(action: string, resource: string, facts: RequestFacts = {}): Decision {
    const regions = this.regionChoices(action, facts);
    if (!regions) return this.decideIn(action, resource, facts);
    let best: Decision | null = null;
    for (const region of regions) {
      const d = this.decideIn(action, resource, { ...facts, keys: { ...facts.keys, 'aws:RequestedRegion': [region] } });
      if (!best || EFFECT_ORDER[d.effect] < EFFECT_ORDER[best.effect]) best = d;
      if (best.effect === 'allow') break;
    }
    return best!;
  }

  /** Regions worth trying for this action, or null when no applicable statement tests aws:RequestedRegion. */
  private regionChoices(action: string, facts: RequestFacts): string[] | null {
    // Decisions repeat actions a lot (one per candidate target): work the regions out once per action.
    let cached = this.regions.get(action);
    if (cached === undefined) this.regions.set(action, (cached = this.regionsFor(action)));
    if (cached && facts.keys && Object.keys(facts.keys).some((k) => k.toLowerCase() === REQUESTED_REGION)) return null;
    return cached;
  }

  private readonly regions = new Map<string, string[] | null>();

  private regionsFor(action: string): string[] | null {
    const named = new Set<string>();
    let tested = false;
    for (const set of [this.identity, ...(this.boundary ? [this.boundary] : []), ...this.scps]) {
      for (const { statement } of set.applicable(action)) {
        for (const c of statement.conditions) {
          if (c.key.toLowerCase() !== REQUESTED_REGION) continue;
          tested = true;
          // A pattern (eu-*) stands for the regions it matches: one made-up member is enough to try.
          for (const v of c.values) named.add(v.replace(/[*?]/g, 'x'));
        }
      }
    }
    if (!tested) return null;
    // Global services are served from us-east-1 whatever the caller wants.
    if (GLOBAL_SERVICES.has(servicePrefix(action))) return ['us-east-1'];
    return [...named, 'us-east-1', 'blastmap-unnamed-region'];
  }

  private decideIn(action: string, resource: string, facts: RequestFacts): Decision {
    const lookup = this.lookup(resource, facts);
    const layers: Layer[] = [decideLayer(this.identity, action, resource, lookup)];
    if (this.boundary) layers.push(decideLayer(this.boundary, action, resource, lookup));
    for (const scp of this.scps) layers.push(decideLayer(scp, action, resource, lookup));
    if (layers.some((l) => l.deny === 'yes')) return { effect: 'explicit-deny', grants: [], conditions: [] };
    if (layers.some((l) => l.allow === 'no')) return { effect: 'implicit-deny', grants: [], conditions: [] };
    const conditions = layers.flatMap((l) => l.conditions);
    if (this.gaps.length) conditions.push(...this.gaps);
    const sure = layers.every((l) => l.allow === 'yes' && l.deny === 'no') && !this.gaps.length;
    return { effect: sure ? 'allow' : 'conditional', grants: layers[0].grants, conditions };
  }

  /**
   * The layers of one request kept apart, for combining with a resource-based policy: there the identity
   * policies and the resource policy are a union within an account (an implicit deny in either is not final),
   * while explicit Denies, the permissions boundary and the SCPs still apply (docs/aws.md "Resource-based policies").
   * The request is tried in the region given in `facts` (a resource's own region), never in others.
   */
  decideParts(action: string, resource: string, facts: RequestFacts = {}): DecisionParts {
    const lookup = this.lookup(resource, facts);
    const identity = decideLayer(this.identity, action, resource, lookup);
    const boundary = this.boundary ? decideLayer(this.boundary, action, resource, lookup) : null;
    const scps = this.scps.map((scp) => decideLayer(scp, action, resource, lookup));
    const layers = [identity, ...(boundary ? [boundary] : []), ...scps];
    const deny = layers.some((l) => l.deny === 'yes') ? 'yes' : layers.some((l) => l.deny === 'maybe') || this.gaps.length ? 'maybe' : 'no';
    const scpAllow = scps.some((l) => l.allow === 'no') ? 'no' : scps.some((l) => l.allow === 'maybe') ? 'maybe' : 'yes';
    return {
      deny,
      identity: identity.allow,
      boundary: boundary?.allow ?? null,
      scps: scpAllow,
      grants: identity.grants,
      conditions: [...layers.flatMap((l) => l.conditions), ...this.gaps],
    };
  }

  /** Whether any identity statement could concern this service prefix (cheapest pre-filter). */
  touches(service: string): boolean {
    return this.identity.touches(service);
  }

  /** False only when no identity Allow can grant this service's actions on its resources (see StatementSet). */
  mayAllowService(service: string): boolean {
    return this.identity.mayAllowService(service);
  }

  /** True when some identity statement could concern this action at all (cheap pre-filter). */
  mentions(action: string): boolean {
    return this.identity.applicable(action).some((b) => b.statement.effect === 'Allow');
  }

  /** Resource patterns of the Allow statements that could grant this action (for enumerating targets). */
  allowedResourcePatterns(action: string): string[] {
    const out: string[] = [];
    for (const b of this.identity.applicable(action)) {
      const s = b.statement;
      if (s.effect !== 'Allow') continue;
      if (s.resources) out.push(...s.resources);
      else out.push('*');
    }
    return out;
  }

  /**
   * False only when no Allow statement for the action can name this resource, so decide() would say
   * implicit deny. Lets callers skip most (principal, target) pairs in large accounts.
   */
  mayAllow(action: string, resource: string): boolean {
    const f = this.resourceFilter(action);
    return f.any || f.exact.has(resource) || f.wild.some((p) => resourceMatches(p, resource));
  }

  /** The resource patterns of the Allow statements for an action, split for fast candidate lookups. */
  resourceFilter(action: string): ResourceFilter {
    let f = this.filters.get(action);
    if (!f) {
      const patterns = this.allowedResourcePatterns(action);
      f = patterns.length ? { any: false, exact: new Set(), wild: [] } : NO_RESOURCES;
      for (const p of patterns) {
        if (p === '*' || p.includes('${')) f.any = true;
        else if (p.includes('*') || p.includes('?')) f.wild.push(p);
        else f.exact.add(p);
      }
      this.filters.set(action, f);
    }
    return f;
  }

  private readonly filters = new Map<string, ResourceFilter>();

  /** Condition-key values of this principal's requests (also used for trust-policy conditions). */
  lookup(resource: string, facts: RequestFacts): KeyLookup {
    const p = this.principal;
    const mfa = this.options.mfa ?? false;
    const asOf = this.asOf;
    const values = (rawKey: string): string[] | null | undefined => {
      const key = rawKey.toLowerCase();
      if (facts.keys) {
        for (const k of Object.keys(facts.keys)) if (k.toLowerCase() === key) return facts.keys[k];
      }
      switch (key) {
        case 'aws:username':
          return p.type === 'user' ? [p.name] : null;
        case 'aws:userid':
          return p.type === 'user' && p.id ? [p.id] : undefined;
        case 'aws:principalarn':
          return [p.arn];
        case 'aws:principalaccount':
          return [p.account];
        case 'aws:principaltype':
          return [p.type === 'user' ? 'User' : 'AssumedRole'];
        case 'aws:principalisawsservice':
          return ['false'];
        // Long-term access keys carry no MFA key at all; a role session without MFA says "false".
        case 'aws:multifactorauthpresent':
          return mfa ? ['true'] : p.type === 'user' ? null : ['false'];
        case 'aws:multifactorauthage':
          return mfa ? undefined : null;
        case 'aws:securetransport':
          return ['true'];
        case 'aws:viaawsservice':
          return ['false'];
        case 'aws:calledvia':
        case 'aws:calledviafirst':
        case 'aws:calledvialast':
          return null;
        case 'aws:sourceip':
          return this.options.sourceIp ? [this.options.sourceIp] : undefined;
        case 'aws:currenttime':
          return [new Date(asOf).toISOString()];
        case 'aws:epochtime':
          return [String(Math.floor(asOf / 1000))];
        case 'aws:tokenissuetime':
          return undefined; // a window, not one value (see below)
        case 'aws:resourceaccount': {
          const account = resource.split(':')[4];
          return account && /^\d{12}$/.test(account) ? [account] : undefined;
        }
      }
      if (key.startsWith('aws:principaltag/')) return tagValue(p.tags, rawKey.slice(17));
      if (key.startsWith('aws:resourcetag/') || key.startsWith('iam:resourcetag/')) {
        if (!facts.resourceTags) return undefined;
        return tagValue(facts.resourceTags, rawKey.slice(16));
      }
      return undefined;
    };
    return Object.assign(values, { window: this.window, chosen: callerChoosesKey });
  }

  /** The instants a time key can take in this principal's requests (one function per evaluator: decisions are many). */
  private readonly window = (rawKey: string): TimeWindow | undefined => {
    const key = rawKey.toLowerCase();
    if (key === 'aws:currenttime' || key === 'aws:epochtime')
      return { from: this.asOf, to: this.asOf, absent: false, epoch: key === 'aws:epochtime' };
    // A session's token was issued at most one session lifetime ago; a user's long-term keys carry no token time.
    if (key === 'aws:tokenissuetime') {
      const user = this.principal.type === 'user';
      return { from: this.asOf - (user ? USER_SESSION_MS : ROLE_SESSION_MS), to: this.asOf, absent: user, epoch: false };
    }
    return undefined;
  };

  /** The analysis instant, fixed per evaluator so every decision of one import agrees. */
  private get asOf(): number {
    return (this.fixedAsOf ??= this.options.asOf ?? Date.now());
  }

  private fixedAsOf: number | undefined;
}

/** Stands for a managed policy whose document nobody has: it may allow anything, only "conditionally". */
function unknownPolicy(arn: string): PolicyDoc {
  return {
    label: `${arn} (document unknown)`,
    name: arn.split('/').pop() ?? arn,
    statements: [
      {
        sid: 'unknown-content',
        effect: 'Allow',
        actions: ['*'],
        notActions: null,
        resources: ['*'],
        notResources: null,
        principals: null,
        notPrincipals: null,
        // A key no request carries: the condition stays undecided, so whatever it grants is conditional.
        conditions: [{ operator: 'StringEquals', key: 'blastmap:UnknownPolicyDocument', values: [arn] }],
        conditionText: `its document allows it (${arn} is known neither to the export nor to the AWS-managed policy dataset)`,
      },
    ],
  };
}

/** The caller decides whether to send an external id (its value is another matter: that stays conditional). */
function callerChoosesKey(rawKey: string): boolean {
  return rawKey.toLowerCase() === 'sts:externalid';
}

function tagValue(tags: Map<string, string>, name: string): string[] | null {
  for (const [k, v] of tags) if (k.toLowerCase() === name.toLowerCase()) return [v];
  return null;
}

function decideLayer(set: StatementSet, action: string, resource: string, lookup: KeyLookup): Layer {
  const layer: Layer = { allow: 'no', deny: 'no', grants: [], conditions: [] };
  const maybeAllow: string[] = [];
  for (const { statement: s, label } of set.applicable(action)) {
    if (!resourceApplies(s, resource, lookup)) continue;
    const c: Tri = s.conditions.length ? evaluateConditions(s.conditions, lookup) : 'true';
    if (c === 'false') continue;
    if (s.effect === 'Deny') {
      if (c === 'true') {
        layer.deny = 'yes';
        return layer;
      }
      layer.deny = 'maybe';
      layer.conditions.push(`unless denied by ${label} (${s.sid}) when ${s.conditionText}`);
    } else if (c === 'true') {
      layer.allow = 'yes';
      layer.grants.push(`${label} (${s.sid})`);
    } else {
      if (layer.allow === 'no') layer.allow = 'maybe';
      layer.grants.push(`${label} (${s.sid})`);
      maybeAllow.push(`allowed by ${label} (${s.sid}) only when ${s.conditionText}`);
    }
  }
  if (layer.allow === 'maybe') layer.conditions.push(...maybeAllow);
  if (layer.allow === 'yes') layer.grants = layer.grants.slice(0, 3);
  return layer;
}

export function actionApplies(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.some((p) => actionMatches(p, action));
  return !s.notActions!.some((p) => actionMatches(p, action));
}

function resourceApplies(s: Statement, resource: string, lookup: KeyLookup): boolean {
  if (s.resources) return s.resources.some((p) => patternMatches(p, resource, lookup));
  if (s.notResources) {
    // AWS: a variable it cannot resolve can make the whole statement invalid. Read as "matches nothing", such an
    // entry would make a NotResource statement apply to everything (a role's Deny NotResource .../${aws:username}
    // denying all). An entry that could name this resource for some value of the variable therefore makes the
    // statement apply to nothing; one that could not (another service, another type) simply does not match it.
    // Found by differential testing (docs/aws.md "Differential testing").
    for (const p of s.notResources) {
      const resolved = substitute(p, lookup);
      if (resolved !== undefined ? resourceMatches(resolved, resource) : resourceMatches(p.replace(/\$\{[^}]*\}/g, '*'), resource)) {
        return false;
      }
    }
    return true;
  }
  return true;
}

function patternMatches(pattern: string, resource: string, lookup: KeyLookup): boolean {
  const p = substitute(pattern, lookup);
  // A variable without a value (e.g. ${aws:username} for a role) makes the entry match nothing.
  return p !== undefined && resourceMatches(p, resource);
}
