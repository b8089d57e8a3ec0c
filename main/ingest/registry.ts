// Every format Blastmap can import. Add a format by adding its Importer here.
import { authorizationDetailsImporter } from './aws/authorization-details.ts';
import { serviceControlPoliciesImporter } from './aws/authorization-details-scps.ts';
import { cloudTrailImporter } from './aws/cloudtrail.ts';
import { cloudTrailSentinelCsvImporter } from './aws/cloudtrail-sentinel-csv.ts';
import { credentialReportImporter } from './aws/credential-report.ts';
import { kmsGrantsImporter } from './aws/kms-grants.ts';
import { resourceControlPoliciesImporter } from './aws/resource-control-policies.ts';
import { resourcePolicyImporters } from './aws/resource-policy.ts';
import { bucketAclImporter, publicAccessBlockImporter } from './aws/s3-access-settings.ts';
import { canonicalCsvImporters } from './csv/canonical-csv.ts';
import { authRollupImporter } from './csv/auth-rollup.ts';
import type { Importer } from './importer.ts';
import { openGraphImporter } from './opengraph/opengraph.ts';
import { linuxAuthLogImporter } from './linux/auth-log.ts';
import { entraAuditImporter } from './entra/audit.ts';
import { entraSignInImporter } from './entra/signin.ts';
import { oktaSystemLogImporter } from './okta/system-log.ts';
import { githubAuditImporter } from './github/audit-log.ts';
import { gcpIamPolicyImporter } from './gcp/iam-policy.ts';
import { gcpAuditImporter } from './gcp/audit-log.ts';
import { k8sObjectsImporter } from './k8s/objects.ts';
import { k8sAuditImporter } from './k8s/audit.ts';
import { windowsSecurityImporter } from './windows/security-log.ts';

export const IMPORTERS: Importer[] = [
  openGraphImporter,
  ...canonicalCsvImporters,
  authRollupImporter,
  credentialReportImporter,
  authorizationDetailsImporter,
  serviceControlPoliciesImporter,
  resourceControlPoliciesImporter,
  ...resourcePolicyImporters,
  bucketAclImporter,
  publicAccessBlockImporter,
  kmsGrantsImporter,
  cloudTrailImporter,
  cloudTrailSentinelCsvImporter,
  linuxAuthLogImporter,
  entraSignInImporter,
  entraAuditImporter,
  oktaSystemLogImporter,
  githubAuditImporter,
  gcpIamPolicyImporter,
  gcpAuditImporter,
  k8sObjectsImporter,
  k8sAuditImporter,
  windowsSecurityImporter,
];

export function importerByName(name: string): Importer | undefined {
  return IMPORTERS.find((i) => i.name === name);
}
