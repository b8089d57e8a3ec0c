// Entry point of AWS policy evaluation: from the account model to the edges and nodes it implies,
// each edge with a human-readable reason. Order matters: escalations that rewrite permissions are
// checked against every principal one can already become, so `can_assume` edges come first.
import { deriveAdminEdges } from './admin.ts';
import { Analysis, type AnalysisOptions } from './analysis.ts';
import { deriveDataAccessEdges } from './data-access.ts';
import type { AwsAccount, DerivedEdge, DerivedNode } from './model.ts';
import { derivePassRoleEdges } from './pass-role.ts';
import { deriveSelfModifyEdges } from './self-modify.ts';
import { deriveTakeOverEdges } from './take-over.ts';
import { deriveTrustEdges } from './trust.ts';

export interface AnalysisResult {
  adminKey: string;
  nodes: DerivedNode[];
  edges: DerivedEdge[];
}

export function analyseAccount(account: AwsAccount, options: AnalysisOptions = {}): AnalysisResult {
  const an = new Analysis(account, options);
  const admins = deriveAdminEdges(an);
  deriveTrustEdges(an, admins);
  deriveTakeOverEdges(an, admins);
  derivePassRoleEdges(an, admins);
  deriveSelfModifyEdges(an, admins);
  deriveDataAccessEdges(an);
  return { adminKey: an.adminKey, nodes: [...an.nodes.values()], edges: [...an.edges.values()] };
}
