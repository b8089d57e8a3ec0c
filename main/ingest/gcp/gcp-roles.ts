// How GCP roles and resources map onto the case's privilege levels and system kinds (documented in
// docs/identity-resolution.md). Basic roles: owner → admin, editor → write, viewer/browser → read. Predefined
// roles by their suffix: *Admin/*.admin/*Owner → admin; *Editor/*Writer/*Creator/*Updater/*Developer/*Operator/
// *User/*Invoker → write; *Viewer/*Reader/*Accessor/*Lister → read. Custom roles: write (their permissions are
// not in the policy; erring towards reach). Anything else: read.

export const IMPERSONATION_ROLES = new Set([
  'roles/iam.serviceAccountTokenCreator',
  'roles/iam.serviceAccountUser',
  'roles/iam.workloadIdentityUser',
  'roles/iam.serviceAccountKeyAdmin',
  'roles/iam.serviceAccountAdmin',
  'roles/owner',
  'roles/editor',
]);

export function rolePrivilege(role: string): { privilege: 1 | 2 | 3; mapped: 'basic' | 'suffix' | 'custom' | 'default' } {
  if (role === 'roles/owner') return { privilege: 3, mapped: 'basic' };
  if (role === 'roles/editor') return { privilege: 2, mapped: 'basic' };
  if (role === 'roles/viewer' || role === 'roles/browser') return { privilege: 1, mapped: 'basic' };
  if (!role.startsWith('roles/')) return { privilege: 2, mapped: 'custom' };
  const name = role.slice(role.lastIndexOf('.') + 1);
  if (/(admin|owner)$/i.test(name)) return { privilege: 3, mapped: 'suffix' };
  if (/(viewer|reader|accessor|lister)$/i.test(name)) return { privilege: 1, mapped: 'suffix' };
  if (/(editor|writer|creator|updater|developer|operator|user|invoker)$/i.test(name)) return { privilege: 2, mapped: 'suffix' };
  return { privilege: 1, mapped: 'default' };
}

/** System kind of a resource from its asset type (or the service in its full resource name). */
export function resourceKind(assetType: string | null, name: string): string {
  const t = (assetType ?? name.replace(/^\/\/([^/]+)\/.*$/, '$1')).toLowerCase();
  if (/cloudresourcemanager/.test(t)) return 'account';
  if (/storage\.googleapis\.com/.test(t)) return 'storage';
  if (/bigquery|sqladmin|spanner|bigtable|firestore|datastore|alloydb/.test(t)) return 'database';
  if (/secretmanager|cloudkms/.test(t)) return 'secret_store';
  if (/container\.googleapis\.com/.test(t)) return 'cluster';
  if (/compute\.googleapis\.com/.test(t) || /run\.googleapis|cloudfunctions/.test(t)) return 'host';
  if (/cloudbuild|artifactregistry|sourcerepo/.test(t)) return 'pipeline';
  return 'saas';
}

/** The service account a resource name designates (…/serviceAccounts/<email>), if any. */
export function serviceAccountOf(resource: string): string | null {
  const m = /\/serviceAccounts\/([^/@\s]+@[^/\s]+)/.exec(resource);
  return m ? m[1].toLowerCase() : null;
}
