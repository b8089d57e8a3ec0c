// Blastmap node and edge kinds as BloodHound OpenGraph kind names. One table for both directions: the report
// writes these names and the OpenGraph importer reads them back, so an export round-trips. It lives in shared/
// so that the importer does not depend on the report layer.

/** Node kind → OpenGraph kind. */
export const NODE_KIND_NAMES: Record<string, string> = {
  identity: 'BMIdentity',
  group: 'BMGroup',
  role: 'BMRole',
  credential: 'BMCredential',
  system: 'BMSystem',
  network: 'BMNetwork',
};
/** Edge kind → OpenGraph kind. */
export const EDGE_KIND_NAMES: Record<string, string> = {
  member_of: 'BMMemberOf',
  has_role: 'BMHasRole',
  can_assume: 'BMCanAssume',
  owns: 'BMOwns',
  access: 'BMAccess',
  has_credential: 'BMHasCredential',
  authenticates: 'BMAuthenticates',
  stores: 'BMStores',
  runs_as: 'BMRunsAs',
};
