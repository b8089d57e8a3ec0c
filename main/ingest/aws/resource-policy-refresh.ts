// Re-derives the access edges of every resource that has a resource-based policy in the case, from both sides:
// the latest policy of each resource and the AWS accounts the case holds (stored-accounts.ts). Run after every
// resource-policy import and every authorization-details import, so the answer does not depend on the order.
// Edges into such a resource that policy evaluation made earlier (the identity-only view of the export, or an
// older policy) are replaced, not merged: a Deny in the resource policy must be able to take a grant away.
// Edges other sources made (an entitlements CSV, observed use) are left alone. What sits beside the policies (RCPs,
// bucket ACLs, Block Public Access, KMS grants: resource-settings.ts) is read back here too, so importing any of them
// before or after the rest gives the same graph.
import { parsePolicyDocument } from '../../aws-policy/document.ts';
import {
  deriveResourcePolicyEdges,
  policyLabel,
  RESOURCE_SERVICES,
  type ResourcePolicy,
  type ResourceService,
} from '../../aws-policy/resource-policy.ts';
import type { CaseWriter } from '../writer.ts';
import { applyRcpsToTrusts } from './rcp-trusts.ts';
import { storedResourceSettings } from './resource-settings.ts';
import { storedAccounts } from './stored-accounts.ts';
import { latestResourcePolicyRows } from '../../store/aws-policies.ts';
import { derivedAccessEdges } from '../../store/ingest-edges.ts';
import { resourcePolicyHolderCheck } from '../../store/ingest-nodes.ts';

/**
 * Formats whose access edges are policy evaluations (kept in step with the registry's names). An SCP file is one:
 * importing it re-evaluates the accounts (policy-reevaluation.ts), and the edges written then name it as source.
 */
export const DERIVED_BY = [
  'aws-authorization-details',
  'aws-organizations-scps',
  'aws-s3-bucket-policy',
  'aws-kms-key-policy',
  'aws-secretsmanager-resource-policy',
  'aws-lambda-function-policy',
  'aws-sns-topic-policy',
  'aws-sqs-queue-policy',
  'aws-organizations-rcps',
  'aws-s3-bucket-acl',
  'aws-s3-public-access-block',
  'aws-kms-grants',
];

/** The name of this step for ImportContext.finishBatch. */
export const REFRESH = 'aws-resource-policy-edges';

export function refreshResourcePolicyEdges(w: CaseWriter): void {
  const rows = latestResourcePolicyRows(w.db);
  const settings = storedResourceSettings(w.db);
  const policies: ResourcePolicy[] = [];
  for (const r of rows) {
    const service = r.name as ResourceService;
    if (!RESOURCE_SERVICES[service]) continue;
    try {
      const document = parsePolicyDocument(r.document, policyLabel({ arn: r.owner, service }), service);
      policies.push({ arn: r.owner, service, account: r.account || null, document, locator: `${r.file_name} ${r.locator}` });
    } catch {
      // validated when imported; a damaged row is left out rather than guessed
    }
  }
  const resources = settings.complete(policies);
  const accounts = resources.length || settings.organization ? storedAccounts(w) : [];
  // Role assumptions are requests to STS: the RCPs of the role's account apply to them too (rcp-trusts.ts).
  applyRcpsToTrusts(w, settings.organization, new Set(accounts.map((a) => a.id)));
  if (!resources.length) return;
  const result = deriveResourcePolicyEdges(accounts, resources, { organization: settings.organization });
  // A resource node is (re)written by the import of its policy, not by every later import that re-derives its edges:
  // its "imported from" stays the policy's file.
  const ownPolicy = new Set([...rows.filter((r) => r.source_id === w.sourceId).map((r) => r.owner), ...settings.describedBy(w.sourceId)]);
  const hasPolicy = resourcePolicyHolderCheck(w.db);
  for (const n of result.nodes) {
    const existing = w.find(n.key);
    // A principal another source describes keeps its own description; a placeholder is completed.
    if (existing !== undefined && (n.kind !== 'system' || (!ownPolicy.has(n.key) && hasPolicy(existing)))) continue;
    w.upsertNode(
      {
        key: n.key,
        kind: n.kind,
        subkind: existing === undefined ? n.subkind : null,
        name: existing === undefined ? n.name : null,
        provider: 'aws',
        props: n.props ?? null,
      },
      'derived',
    );
  }
  const fresh = new Map<number, Map<number, (typeof result.edges)[number]>>();
  for (const e of result.edges) {
    const dst = w.find(e.dst) ?? w.ref(e.dst, 'system', null, e.locator);
    const src = w.find(e.src) ?? w.ref(e.src, 'identity', null, e.locator);
    let m = fresh.get(dst);
    if (!m) fresh.set(dst, (m = new Map()));
    const had = m.get(src);
    if (!had || had.privilege < e.privilege || (had.conditional && !e.conditional)) m.set(src, e);
  }
  const derived = derivedAccessEdges(w.db, DERIVED_BY);
  for (const r of resources) {
    const dst = w.find(r.arn);
    if (dst === undefined) continue;
    const edges = fresh.get(dst) ?? new Map();
    const before = new Map(derived.into(dst).map((x) => [x.src, x.id]));
    for (const [src, id] of before) {
      const e = edges.get(src);
      if (!e) derived.remove(id);
      else {
        derived.replace(id, {
          privilege: e.privilege,
          conditional: e.conditional,
          props: JSON.stringify(e.props),
          sourceId: w.sourceId,
          locator: e.locator,
        });
        edges.delete(src);
      }
    }
    for (const [src, e] of edges)
      w.edge({ src, dst, kind: 'access', privilege: e.privilege, conditional: e.conditional, props: { ...e.props } }, e.locator);
  }
}
