// GCP IAM policies: `gcloud … get-iam-policy --format json` documents, Cloud Asset Inventory exports (camelCase
// `assetType`/`iamPolicy` from `gcloud asset export`, snake_case `asset_type`/`iam_policy` from the API and BigQuery
// exports) and `gcloud asset search-all-iam-policies` results. Each binding member gets one access edge per resource
// (its roles kept in props, the highest privilege wins); impersonation roles on a service account become can_assume.
// Policies holding only audit configs (no bindings) are recognised and left out: they grant nothing.
import path from 'node:path';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { field, firstRecord, forEachJsonRecord, list, rec, RecordError, str, type Rec } from '../entra/json-log.ts';
import { GcpNodes, memberPrincipal } from './gcp-principals.ts';
import { IMPERSONATION_ROLES, resourceKind, rolePrivilege, serviceAccountOf } from './gcp-roles.ts';

export const gcpIamPolicyImporter: Importer = {
  name: 'gcp-iam-policy',
  description: 'GCP IAM policies (get-iam-policy JSON, Cloud Asset Inventory exports in camelCase or snake_case, search-all-iam-policies)',
  detect,
  run,
};

function policyOf(r: Rec): Rec | null {
  return rec(field(r, 'iamPolicy', 'iam_policy', 'policy')) ?? (Array.isArray(r.bindings) || auditOnly(r) ? r : null);
}

/**
 * A policy that holds only audit logging settings (`auditConfigs` / `audit_configs`, no bindings): Cloud Asset
 * exports list one for every project, folder or organisation that sets data-access logging. It grants nothing, so
 * it is not a row of this format: such records are left out, neither loaded nor rejected.
 */
function auditOnly(policy: Rec): boolean {
  return policy.bindings === undefined && Array.isArray(field(policy, 'auditConfigs', 'audit_configs'));
}

function detect(sample: Sample): Detection | null {
  const r = firstRecord(sample.head);
  const policy = r ? policyOf(r) : null;
  if (policy) {
    const b = rec(list(policy.bindings)[0]);
    if (Array.isArray(policy.bindings) && (!b || (str(b.role) && Array.isArray(b.members)))) {
      return { confidence: 0.95, reason: `GCP IAM policy ${r === policy ? 'document (bindings of role → members)' : 'assets (iamPolicy.bindings)'}` };
    }
    if (auditOnly(policy))
      return {
        confidence: 0.9,
        reason: `GCP IAM policy ${r === policy ? 'document' : 'assets'} with audit configs only (no role bindings: nothing to load)`,
      };
  }
  if (!r && /"(iam_policy|iamPolicy)"\s*:/.test(sample.head) && /"roles\/[a-zA-Z.]+"/.test(sample.head)) {
    return { confidence: 0.9, reason: 'GCP asset IAM policies (iamPolicy with roles/… bindings)' };
  }
  return null;
}

async function run(ctx: ImportContext): Promise<void> {
  const nodes = new GcpNodes(ctx.writer);
  await forEachJsonRecord(ctx, (r, locator) => loadPolicy(ctx, nodes, r, locator), { accept: (r) => !isAuditOnlyRecord(r) });
}

function isAuditOnlyRecord(r: Rec): boolean {
  const policy = policyOf(r);
  return policy !== null && auditOnly(policy);
}

interface Grant {
  roles: string[];
  privilege: number;
  conditional: boolean;
  conditions: string[];
}

function loadPolicy(ctx: ImportContext, nodes: GcpNodes, r: Rec, locator: string): void {
  const policy = policyOf(r);
  if (!policy || !Array.isArray(policy.bindings)) throw new RecordError('no IAM policy bindings in this record (not an IAM policy asset)');
  // A bare get-iam-policy document does not say which resource it belongs to: the file stands for it.
  const name = str(field(r, 'name', 'resource')) ?? `(IAM policy in ${path.basename(ctx.fileName)})`;
  const assetType = str(field(r, 'assetType', 'asset_type'));
  const sa =
    assetType === 'iam.googleapis.com/ServiceAccount' || /iam\.googleapis\.com\/.*serviceAccounts\//.test(name) ? serviceAccountOf(name) : null;
  const resourceKey = name.startsWith('//') ? name : `gcp:resource:${name}`;
  const resource = sa
    ? nodes.principal(memberPrincipal(`serviceAccount:${sa}`), locator)
    : nodes.system(resourceKey, resourceKind(assetType, name), name, { assetType, project: str(field(r, 'project')) }, locator);
  const grants = new Map<string, Grant>();
  for (const b of list(policy.bindings)) {
    const binding = rec(b);
    const role = binding && str(binding.role);
    if (!binding || !role) continue;
    const condition = rec(binding.condition);
    const { privilege } = rolePrivilege(role);
    for (const m of list(binding.members)) {
      const member = str(m);
      if (!member) continue;
      const g = grants.get(member) ?? { roles: [], privilege: 0, conditional: true, conditions: [] };
      g.roles.push(role);
      if (!condition) g.conditional = false;
      else g.conditions.push(str(condition.title) ?? str(condition.expression) ?? 'condition');
      // On a service account only impersonation matters; elsewhere the role's privilege on the resource.
      g.privilege = Math.max(g.privilege, sa ? (IMPERSONATION_ROLES.has(role) ? 3 : 0) : privilege);
      grants.set(member, g);
    }
  }
  for (const [member, g] of grants) {
    const p = memberPrincipal(member);
    const src = nodes.principal(p, locator);
    const props: Record<string, unknown> = {
      roles: g.roles,
      conditions: g.conditions.length ? g.conditions : undefined,
      public: p.public || undefined,
    };
    if (sa) {
      if (g.privilege > 0) ctx.writer.edge({ src, dst: resource, kind: 'can_assume', conditional: g.conditional, props }, locator);
      continue;
    }
    if (g.roles.some((role) => role === 'roles/iam.serviceAccountTokenCreator' || role === 'roles/iam.serviceAccountUser')) {
      props.impersonatesServiceAccountsIn = name; // granted above the service accounts: every one in this resource
    }
    ctx.writer.edge({ src, dst: resource, kind: 'access', privilege: g.privilege, conditional: g.conditional, props }, locator);
  }
}
