// Entry point of AWS policy evaluation: from the account model to the edges and nodes it implies,
// each edge with a human-readable reason. Order matters: escalations that rewrite permissions are
// checked against every principal one can already become, so `can_assume` edges come first.
import { deriveAdminEdges } from './admin.ts';
import { Analysis, type AnalysisOptions } from './analysis.ts';
import { deriveDataAccessEdges } from './data-access.ts';
import { completeManagedPolicies } from './managed-dataset.ts';
import type { AwsAccount, DerivedEdge, DerivedNode } from './model.ts';
import { derivePassRoleEdges } from './pass-role.ts';
import { deriveSelfModifyEdges } from './self-modify.ts';
import { deriveTakeOverEdges } from './take-over.ts';
import { deriveCrossAccountTrustEdges, deriveTrustEdges } from './trust.ts';

export interface AnalysisResult {
  /** The main account's admin node. */
  adminKey: string;
  /** One admin node per account the export holds principals of, main account first. */
  adminKeys: string[];
  nodes: DerivedNode[];
  edges: DerivedEdge[];
  /** For the import result: managed policies whose documents had to come from elsewhere or stay unknown. */
  warnings: string[];
}

/**
 * Evaluates the export's account and every sibling account it also holds, each principal in its own
 * account (its own admin node, its own account-wide trusts), then links accounts only where a role's trust
 * names a principal of another account and that principal's own policies allow sts:AssumeRole.
 */
export function analyseAccount(account: AwsAccount, options: AnalysisOptions = {}): AnalysisResult {
  const accounts = [account, ...(account.siblings ?? [])];
  const completion = { fromDataset: new Set<string>(), unknown: new Set<string>() };
  for (const a of accounts) {
    const c = completeManagedPolicies(a);
    c.fromDataset.forEach((x) => completion.fromDataset.add(x));
    c.unknown.forEach((x) => completion.unknown.add(x));
  }
  const warnings = completionWarnings([...completion.fromDataset], [...completion.unknown]);
  // One instant for the whole export, so every time-conditioned decision agrees.
  const shared = { ...options, asOf: options.asOf ?? Date.now() };
  const exportArns = new Set(accounts.flatMap((a) => [...a.users, ...a.roles].map((p) => p.arn)));
  const analyses = accounts.map((a) => {
    const an = new Analysis(a, shared);
    for (const arn of exportArns) if (!an.byArn.has(arn)) an.elsewhere.add(arn);
    const admins = deriveAdminEdges(an);
    deriveTrustEdges(an, admins);
    deriveTakeOverEdges(an, admins);
    derivePassRoleEdges(an, admins);
    deriveSelfModifyEdges(an, admins);
    deriveDataAccessEdges(an);
    return an;
  });
  if (analyses.length > 1) deriveCrossAccountTrustEdges(analyses);
  const nodes = new Map<string, DerivedNode>();
  for (const an of analyses) {
    for (const n of an.nodes.values()) {
      // An account's own view of a node (its root, its principals) beats another account's "external" stub.
      const had = nodes.get(n.key);
      if (!had || (had.props?.external && !n.props?.external)) nodes.set(n.key, n);
    }
  }
  return {
    adminKey: analyses[0].adminKey,
    adminKeys: analyses.map((an) => an.adminKey),
    nodes: [...nodes.values()],
    edges: analyses.flatMap((an) => [...an.edges.values()]),
    warnings,
  };
}

function completionWarnings(fromDataset: string[], unknown: string[]): string[] {
  const warnings: string[] = [];
  const list = (xs: string[]) => `${xs.slice(0, 10).join(', ')}${xs.length > 10 ? ', …' : ''}`;
  if (fromDataset.length) {
    warnings.push(
      `${fromDataset.length} AWS-managed polic${fromDataset.length === 1 ? 'y' : 'ies'} not in the export evaluated from the offline dataset: ${list(fromDataset)}`,
    );
  }
  if (unknown.length) {
    warnings.push(
      `${unknown.length} managed polic${unknown.length === 1 ? 'y is' : 'ies are'} attached but known neither to the export nor to the AWS-managed policy dataset; whatever they could grant is kept as conditional: ${list(unknown)}`,
    );
  }
  return warnings;
}
