// Re-evaluates every AWS account the case holds from what the case stored (stored-accounts.ts), and replaces the
// edges policy evaluation owns. An authorization-details import evaluates its own file at once; this step runs when
// something that changes the answer arrives later (a service control policy imported after the export it caps) and
// on `blastmap derive` (after an upgrade of the evaluator), so the graph does not depend on the order of imports.
// Owned edges: `can_assume` and `access` edges whose source is a policy file (an export, an SCP file, a resource
// policy). Membership, edges other sources made (an entitlements CSV, CloudTrail's observed role use) and usage stay.
import { analyseAccount } from '../../aws-policy/analyse.ts';
import { dropUnreferencedDerivedNodes } from '../../store/derived-nodes.ts';
import { countPolicyEdges, deletePolicyEdges } from '../../store/policy-edges.ts';
import type { CaseWriter } from '../writer.ts';
import { DERIVED_BY, refreshResourcePolicyEdges } from './resource-policy-refresh.ts';
import { storedAccounts } from './stored-accounts.ts';

/** The name of this step for ImportContext.finishBatch. */
export const REEVALUATE = 'aws-policy-evaluation';

/** Formats whose `can_assume`/`access` edges are conclusions of policy evaluation (re-derived here). */
export const EVALUATED_BY = DERIVED_BY;

export interface Reevaluation {
  accounts: number;
  edgesBefore: number;
  edgesAfter: number;
  warnings: string[];
}

export function reevaluateAwsPolicies(w: CaseWriter, options: { asOf?: number } = {}): Reevaluation {
  const accounts = storedAccounts(w);
  if (!accounts.length) return { accounts: 0, edgesBefore: 0, edgesAfter: 0, warnings: [] };
  const [main, ...others] = accounts;
  const analysis = analyseAccount({ ...main, siblings: others }, options);
  const edgesBefore = countPolicyEdges(w.db, EVALUATED_BY);
  deletePolicyEdges(w.db, EVALUATED_BY);
  // Nodes as the import writes them: an admin node is rewritten (its reason may change), others only created.
  for (const n of analysis.nodes) {
    if (w.find(n.key) !== undefined && !analysis.adminKeys.includes(n.key)) continue;
    w.upsertNode(
      { key: n.key, kind: n.kind, subkind: n.subkind, name: n.name, provider: 'aws', criticality: n.criticality ?? null, props: n.props ?? null },
      'derived',
    );
  }
  for (const e of analysis.edges) {
    const src = w.find(e.src) ?? w.ref(e.src, 'identity', null, e.locator);
    const dst = w.find(e.dst) ?? w.ref(e.dst, 'system', null, e.locator);
    w.edge({ src, dst, kind: e.kind, privilege: e.privilege, conditional: e.conditional, props: { ...e.props } }, e.locator);
  }
  // Resources with their own policies combine the new evaluation with those policies, as after an import.
  refreshResourcePolicyEdges(w);
  // What only an earlier evaluation reached (e.g. before an SCP capped it) goes, so the order of imports does not show.
  w.forget(dropUnreferencedDerivedNodes(w.db, EVALUATED_BY));
  const edgesAfter = countPolicyEdges(w.db, EVALUATED_BY);
  return { accounts: accounts.length, edgesBefore, edgesAfter, warnings: analysis.warnings };
}
