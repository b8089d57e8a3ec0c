// DuckDB over the vendor's own files: a view that gives the JSON the "lake" layout the generated queries read
// (Athena's CloudTrail table, the diagnostic-settings Entra sign-in table). The columns are declared, not
// inferred: inference turns ISO times into TIMESTAMPs (the queries compare them as ISO text) and would make
// request parameters a struct (the queries read them as JSON text, as Athena stores them). Pure text.
import { DIALECTS } from './dialects.ts';
import type { SourceName } from './sources.ts';

// Vendor key spelling is kept (DuckDB resolves identifiers and struct fields case-insensitively), so a
// rare-event extract written back as JSON has the vendor's own keys and its importer reads it.
const CLOUDTRAIL_COLUMNS: Record<string, string> = {
  eventVersion: 'VARCHAR',
  userIdentity:
    'STRUCT(type VARCHAR, principalId VARCHAR, arn VARCHAR, accountId VARCHAR, invokedBy VARCHAR, accessKeyId VARCHAR, userName VARCHAR, ' +
    'sessionContext STRUCT(attributes STRUCT(mfaAuthenticated VARCHAR, creationDate VARCHAR), ' +
    'sessionIssuer STRUCT(type VARCHAR, principalId VARCHAR, arn VARCHAR, accountId VARCHAR, userName VARCHAR)))',
  eventTime: 'VARCHAR',
  eventSource: 'VARCHAR',
  eventName: 'VARCHAR',
  awsRegion: 'VARCHAR',
  sourceIPAddress: 'VARCHAR',
  userAgent: 'VARCHAR',
  errorCode: 'VARCHAR',
  errorMessage: 'VARCHAR',
  requestParameters: 'JSON',
  responseElements: 'JSON',
  additionalEventData: 'JSON',
  requestID: 'VARCHAR',
  eventID: 'VARCHAR',
  readOnly: 'BOOLEAN',
  resources: 'STRUCT(accountId VARCHAR, type VARCHAR, ARN VARCHAR)[]',
  eventType: 'VARCHAR',
  apiVersion: 'VARCHAR',
  managementEvent: 'BOOLEAN',
  recipientAccountId: 'VARCHAR',
  serviceEventDetails: 'JSON',
  sharedEventID: 'VARCHAR',
  vpcEndpointId: 'VARCHAR',
  eventCategory: 'VARCHAR',
};

const ENTRA_COLUMNS: Record<string, string> = {
  time: 'VARCHAR',
  resourceId: 'VARCHAR',
  operationName: 'VARCHAR',
  category: 'VARCHAR',
  tenantId: 'VARCHAR',
  resultType: 'VARCHAR',
  callerIpAddress: 'VARCHAR',
  correlationId: 'VARCHAR',
  identity: 'VARCHAR',
  location: 'VARCHAR',
  properties:
    'STRUCT(id VARCHAR, createdDateTime VARCHAR, userDisplayName VARCHAR, userPrincipalName VARCHAR, userId VARCHAR, ' +
    'appId VARCHAR, appDisplayName VARCHAR, ipAddress VARCHAR, autonomousSystemNumber INTEGER, status STRUCT(errorCode INTEGER, failureReason VARCHAR), ' +
    'clientAppUsed VARCHAR, userAgent VARCHAR, isInteractive BOOLEAN, resourceDisplayName VARCHAR, resourceId VARCHAR, ' +
    'servicePrincipalId VARCHAR, servicePrincipalName VARCHAR, servicePrincipalCredentialKeyId VARCHAR, ' +
    'servicePrincipalCredentialThumbprint VARCHAR, clientCredentialType VARCHAR, managedIdentityType VARCHAR, userType VARCHAR, ' +
    'conditionalAccessStatus VARCHAR, authenticationRequirement VARCHAR, riskLevelDuringSignIn VARCHAR, ' +
    'location STRUCT(city VARCHAR, state VARCHAR, countryOrRegion VARCHAR))',
};

const VIEWS: Partial<Record<SourceName, { table: string; columns: Record<string, string> }>> = {
  cloudtrail: { table: 'cloudtrail_logs', columns: CLOUDTRAIL_COLUMNS },
  'entra-signin': { table: 'entra_signin_logs', columns: ENTRA_COLUMNS },
};

/**
 * `CREATE VIEW <table> AS SELECT * FROM read_json(<files>, …)` for newline-delimited vendor JSON (a glob such as
 * `logs/*.json.gz` works). Null when there is no view for the source.
 */
export function duckdbView(source: SourceName, files: string): string | null {
  const view = VIEWS[source];
  if (!view) return null;
  const d = DIALECTS.duckdb;
  const columns = Object.entries(view.columns)
    .map(([k, t]) => `${d.ident(k)}: ${d.str(t)}`)
    .join(', ');
  // No ignore_errors: a line that does not parse fails the query, where the analyst sees it, instead of vanishing.
  return (
    `CREATE OR REPLACE VIEW ${d.table(view.table)} AS SELECT * FROM read_json(${d.str(files)}, format = 'newline_delimited', ` +
    `columns = {${columns}});`
  );
}
