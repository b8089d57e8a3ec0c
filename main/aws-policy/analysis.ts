// What every derivation step shares: the account, one evaluator per principal, the roles each AWS
// service may assume, and the collector that merges edges (one per source, target and kind, keeping
// the strongest and remembering the other ways).
import { PrincipalPolicies, type Decision, type EvalOptions, type Variant } from './evaluate.ts';
import type { AwsAccount, DerivedEdge, DerivedNode, Principal } from './model.ts';
import { resourceMatches } from './wildcard.ts';

export type AnalysisOptions = EvalOptions;

export class Analysis {
  readonly account: AwsAccount;
  readonly options: AnalysisOptions;
  readonly principals: Principal[];
  readonly byArn = new Map<string, Principal>();
  readonly evaluators = new Map<Principal, PrincipalPolicies>();
  readonly edges = new Map<string, DerivedEdge>();
  readonly nodes = new Map<string, DerivedNode>();
  readonly adminKey: string;
  /** Principals the export holds in other accounts: trusts naming them are checked across accounts. */
  readonly elsewhere = new Set<string>();
  private servicesCache: Map<string, Principal[]> | null = null;

  constructor(account: AwsAccount, options: AnalysisOptions = {}) {
    this.account = account;
    // One instant for the whole account, so every time-conditioned decision of one import agrees.
    this.options = { ...options, asOf: options.asOf ?? Date.now() };
    this.principals = [...account.users, ...account.roles];
    for (const p of this.principals) {
      if (!this.byArn.has(p.arn)) this.byArn.set(p.arn, p);
      this.evaluators.set(p, new PrincipalPolicies(account, p, this.options));
    }
    this.adminKey = `aws:${account.id}:admin`;
    this.addNode({
      key: this.adminKey,
      kind: 'system',
      subkind: 'account',
      name: `AWS account ${account.id} (administrator)`,
      criticality: 'critical',
      props: { provider: 'aws', account: account.id, meaning: 'admin-equivalent control of the account' },
    });
  }

  evaluator(p: Principal): PrincipalPolicies {
    return this.evaluators.get(p)!;
  }

  /** A what-if evaluator for p (never cached: variants are rare and one-off). */
  variant(p: Principal, variant: Variant): PrincipalPolicies {
    return new PrincipalPolicies(this.account, p, this.options, variant);
  }

  /** Roles whose trust policy names this AWS service (e.g. "lambda.amazonaws.com"). */
  rolesTrustedBy(service: string): Principal[] {
    if (!this.servicesCache) {
      this.servicesCache = new Map();
      for (const role of this.account.roles) {
        for (const s of role.trust?.statements ?? []) {
          if (s.effect !== 'Allow' || !s.principals) continue;
          for (const svc of s.principals.service) {
            const list = this.servicesCache.get(svc) ?? [];
            if (!list.includes(role)) list.push(role);
            this.servicesCache.set(svc, list);
          }
        }
      }
    }
    return this.servicesCache.get(service) ?? [];
  }

  addNode(node: DerivedNode): void {
    if (!this.nodes.has(node.key)) this.nodes.set(node.key, node);
  }

  /** Adds an edge; for the same (src, dst, kind) the firm one beats the conditional, then the potential. */
  addEdge(edge: DerivedEdge): void {
    const id = `${edge.kind}\u0000${edge.src}\u0000${edge.dst}`;
    const existing = this.edges.get(id);
    if (!existing) {
      this.edges.set(id, edge);
      return;
    }
    const better = rank(edge) < rank(existing) || (rank(edge) === rank(existing) && edge.privilege > existing.privilege);
    const [keep, other] = better ? [edge, existing] : [existing, edge];
    const alsoBy = new Set([...(keep.props.alsoBy ?? []), ...(other.props.alsoBy ?? []), other.props.technique ?? other.props.reason]);
    alsoBy.delete(keep.props.technique ?? keep.props.reason);
    keep.props.alsoBy = [...alsoBy].slice(0, 20);
    const ids = new Set([...(keep.props.pathIds ?? []), ...(other.props.pathIds ?? [])]);
    if (ids.size) keep.props.pathIds = [...ids].sort();
    keep.privilege = Math.max(keep.privilege, other.privilege);
    this.edges.set(id, keep);
  }
}

/**
 * The items whose ARN the principal's Allow statements for `action` can name: by direct lookup when the
 * statements list exact ARNs, else by matching. Never drops an item decide() could allow.
 */
export function nameable<T extends { arn: string }>(ev: PrincipalPolicies, action: string, index: ArnIndex<T>): T[] {
  const f = ev.resourceFilter(action);
  if (f.any) return index.items;
  const out = [...f.exact].flatMap((a) => index.byArn.get(a) ?? []);
  for (const p of f.wild) {
    // The same wildcard patterns recur across principals (shared managed policies): match each once.
    let matched = index.byPattern.get(p);
    if (!matched) index.byPattern.set(p, (matched = index.items.filter((i) => resourceMatches(p, i.arn))));
    out.push(...matched);
  }
  return f.wild.length || f.exact.size > 1 ? [...new Set(out)] : out;
}

export interface ArnIndex<T> {
  items: T[];
  byArn: Map<string, T[]>;
  byPattern: Map<string, T[]>;
}

export function indexByArn<T extends { arn: string }>(items: T[]): ArnIndex<T> {
  const byArn = new Map<string, T[]>();
  for (const i of items) {
    const list = byArn.get(i.arn);
    if (list) list.push(i);
    else byArn.set(i.arn, [i]);
  }
  return { items, byArn, byPattern: new Map() };
}

function rank(e: DerivedEdge): number {
  return (e.conditional ? 2 : 0) + (e.props.potential ? 1 : 0);
}

/** Combines decisions that must all hold (e.g. PassRole and RunInstances): null when one is denied. */
export function allOf(decisions: Decision[]): { conditional: boolean; grants: string[]; conditions: string[] } | null {
  const grants: string[] = [];
  const conditions: string[] = [];
  let conditional = false;
  for (const d of decisions) {
    if (d.effect !== 'allow' && d.effect !== 'conditional') return null;
    if (d.effect === 'conditional') conditional = true;
    grants.push(...d.grants.slice(0, 2));
    conditions.push(...d.conditions);
  }
  return { conditional, grants: [...new Set(grants)], conditions: [...new Set(conditions)] };
}

export function granted(d: Decision): boolean {
  return d.effect === 'allow' || d.effect === 'conditional';
}

/** "alice's policy X (Sid)" style list for reasons. */
export function grantText(grants: string[]): string {
  if (!grants.length) return 'its policies';
  return grants.slice(0, 3).join(', ');
}
