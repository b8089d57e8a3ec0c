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
import { deriveTrustEdges } from './trust.ts';

export interface AnalysisResult {
  adminKey: string;
  nodes: DerivedNode[];
  edges: DerivedEdge[];
  /** For the import result: managed policies whose documents had to come from elsewhere or stay unknown. */
  warnings: string[];
}

export function analyseAccount(account: AwsAccount, options: AnalysisOptions = {}): AnalysisResult {
  const completion = completeManagedPolicies(account);
  const warnings: string[] = [];
  if (completion.fromDataset.length) {
    warnings.push(`${completion.fromDataset.length} AWS-managed polic${completion.fromDataset.length === 1 ? 'y' : 'ies'} not in the export evaluated from the offline dataset: ${completion.fromDataset.slice(0, 10).join(', ')}${completion.fromDataset.length > 10 ? ', …' : ''}`);
  }
  if (completion.unknown.length) {
    warnings.push(`${completion.unknown.length} managed polic${completion.unknown.length === 1 ? 'y is' : 'ies are'} attached but known neither to the export nor to the AWS-managed policy dataset; whatever they could grant is kept as conditional: ${completion.unknown.slice(0, 10).join(', ')}${completion.unknown.length > 10 ? ', …' : ''}`);
  }
  const an = new Analysis(account, options);
  const admins = deriveAdminEdges(an);
  deriveTrustEdges(an, admins);
  deriveTakeOverEdges(an, admins);
  derivePassRoleEdges(an, admins);
  deriveSelfModifyEdges(an, admins);
  deriveDataAccessEdges(an);
  return { adminKey: an.adminKey, nodes: [...an.nodes.values()], edges: [...an.edges.values()], warnings };
}
