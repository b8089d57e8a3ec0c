// The vendor's own record, re-built from a Microsoft Sentinel / Log Analytics table: which Sentinel column each
// vendor key comes from. Sentinel's tables flatten the record (Okta_CL's `actor_alternateId_s`), rename it
// (AWSCloudTrail's `UserIdentityArn`, GCPAuditLogs' `GCPResourceName`) or keep parts of it as dynamic columns
// (AKSAudit's `User`, GCPAuditLogs' `AuthenticationInfo`); the KQL rare-event extract packs the columns back under
// the vendor's keys (kql-record.ts) so the vendor's importer reads the result, as it does the SQL engines' records
// (record-shapes.ts). Column names are from the Azure Monitor table reference (AWSCloudTrail, GCPAuditLogs,
// AKSAudit), the Okta_CL table definition of the Sentinel Okta solution and the GitHubAuditLogsV2_CL definition of
// the GitHub solution; `_s`/`_d`/`_b`/`_t` names are the older HTTP Data Collector tables (Okta_CL,
// GitHubAuditLogPolling_CL). Pure data.
import type { Field } from './dialects.ts';

/**
 * One vendor key and the Sentinel columns its value may be in, first non-empty wins (a union of two connectors'
 * tables spells a column two ways). text/number/bool: a scalar; time: a datetime column, written as ISO text;
 * dynamic: a dynamic column, or a string column holding JSON (`json: true`), embedded as it is; object: the
 * keys under it; const: a fixed value the table drops.
 */
export type SentinelField =
  | { key: string; type: 'text' | 'number' | 'bool' | 'time' | 'dynamic'; from: Field[] }
  | { key: string; type: 'object'; fields: SentinelField[] }
  | { key: string; type: 'const'; value: string };

const cols = (names: string[], json = false): Field[] => names.map((col) => (json ? { col, json: true } : { col }));
const text = (key: string, ...names: string[]): SentinelField => ({ key, type: 'text', from: cols(names) });
const num = (key: string, ...names: string[]): SentinelField => ({ key, type: 'number', from: cols(names) });
const bool = (key: string, ...names: string[]): SentinelField => ({ key, type: 'bool', from: cols(names) });
const time = (key: string, ...names: string[]): SentinelField => ({ key, type: 'time', from: cols(names) });
const dyn = (key: string, ...names: string[]): SentinelField => ({ key, type: 'dynamic', from: cols(names) });
/** A string column holding the value as JSON text (AWSCloudTrail's RequestParameters, Okta_CL's target_s). */
const jsonText = (key: string, ...names: string[]): SentinelField => ({ key, type: 'dynamic', from: cols(names, true) });
const obj = (key: string, fields: SentinelField[]): SentinelField => ({ key, type: 'object', fields });
const constant = (key: string, value: string): SentinelField => ({ key, type: 'const', value });

/** A re-built record and what the table cannot give back (said in the query and in docs/scale-out.md). */
export interface SentinelRecord {
  fields: SentinelField[];
  lacks: string[];
}

/**
 * CloudTrail from AWSCloudTrail (the AWS S3 connector): the same mapping as the Sentinel CSV importer
 * (main/ingest/aws/cloudtrail-sentinel-csv.ts); column names as a real export of the table spells them (`AWSRegion`,
 * `APIVersion`: KQL names are case-sensitive). TimeGenerated is the record's eventTime.
 */
export const CLOUDTRAIL_SENTINEL: SentinelRecord = {
  fields: [
    time('eventTime', 'TimeGenerated'),
    text('eventVersion', 'EventVersion'),
    text('eventSource', 'EventSource'),
    text('eventName', 'EventName'),
    text('eventType', 'EventTypeName'),
    text('eventID', 'AwsEventId'),
    text('requestID', 'AwsRequestId_', 'AwsRequestId'),
    text('awsRegion', 'AWSRegion'),
    text('sourceIPAddress', 'SourceIpAddress'),
    text('userAgent', 'UserAgent'),
    text('errorCode', 'ErrorCode'),
    text('errorMessage', 'ErrorMessage'),
    bool('readOnly', 'ReadOnly'),
    text('recipientAccountId', 'RecipientAccountId'),
    jsonText('requestParameters', 'RequestParameters'),
    jsonText('responseElements', 'ResponseElements'),
    jsonText('additionalEventData', 'AdditionalEventData'),
    jsonText('resources', 'Resources'),
    jsonText('serviceEventDetails', 'ServiceEventDetails'),
    text('sharedEventID', 'SharedEventId'),
    text('vpcEndpointId', 'VpcEndpointId'),
    text('apiVersion', 'APIVersion'),
    bool('managementEvent', 'ManagementEvent'),
    obj('tlsDetails', [
      text('tlsVersion', 'TlsVersion'),
      text('cipherSuite', 'CipherSuite'),
      text('clientProvidedHostHeader', 'ClientProvidedHostHeader'),
    ]),
    obj('userIdentity', [
      text('type', 'UserIdentityType'),
      text('principalId', 'UserIdentityPrincipalid'),
      text('arn', 'UserIdentityArn'),
      text('accountId', 'UserIdentityAccountId'),
      text('invokedBy', 'UserIdentityInvokedBy'),
      text('accessKeyId', 'UserIdentityAccessKeyId'),
      text('userName', 'UserIdentityUserName'),
      obj('onBehalfOf', [text('userId', 'UserIdentityUserId'), text('identityStoreArn', 'UserIdentityStoreArn')]),
      obj('sessionContext', [
        obj('attributes', [text('mfaAuthenticated', 'SessionMfaAuthenticated'), time('creationDate', 'SessionCreationDate')]),
        obj('sessionIssuer', [
          text('type', 'SessionIssuerType'),
          text('principalId', 'SessionIssuerPrincipalId'),
          text('arn', 'SessionIssuerArn'),
          text('accountId', 'SessionIssuerAccountId'),
          text('userName', 'SessionIssuerUserName'),
        ]),
      ]),
    ]),
  ],
  lacks: [
    'userIdentity.identityProvider (web-identity and SAML sessions are then named by their subject only)',
    'sessionCredentialFromConsole, eventCategory, and keys newer than the connector (no column)',
  ],
};

/** Okta System Log LogEvent from Okta_CL / OktaV2_CL: one `_s`/`_d`/`_b`/`_t` column per flattened field. */
export const OKTA_SENTINEL: SentinelRecord = {
  fields: [
    text('uuid', 'uuid_g', 'uuid_s'),
    time('published', 'published_t'),
    text('eventType', 'eventType_s'),
    text('version', 'version_s'),
    text('severity', 'severity_s'),
    text('legacyEventType', 'legacyEventType_s'),
    text('displayMessage', 'displayMessage_s'),
    obj('actor', [
      text('id', 'actor_id_s'),
      text('type', 'actor_type_s'),
      text('alternateId', 'actor_alternateId_s'),
      text('displayName', 'actor_displayName_s'),
    ]),
    obj('client', [
      obj('userAgent', [
        text('rawUserAgent', 'client_userAgent_rawUserAgent_s'),
        text('os', 'client_userAgent_os_s'),
        text('browser', 'client_userAgent_browser_s'),
      ]),
      text('zone', 'client_zone_s'),
      text('device', 'client_device_s'),
      text('ipAddress', 'client_ipAddress_s'),
      obj('geographicalContext', [
        text('city', 'client_geographicalContext_city_s'),
        text('state', 'client_geographicalContext_state_s'),
        text('country', 'client_geographicalContext_country_s'),
        text('postalCode', 'client_geographicalContext_postalCode_s'),
      ]),
    ]),
    obj('outcome', [text('result', 'outcome_result_s'), text('reason', 'outcome_reason_s')]),
    // The target array and the request's ipChain are kept as JSON text in one column each.
    jsonText('target', 'target_s'),
    obj('request', [jsonText('ipChain', 'request_ipChain_s')]),
    obj('transaction', [
      text('type', 'transaction_type_s'),
      text('id', 'transaction_id_s'),
      obj('detail', [text('requestApiTokenId', 'transaction_detail_requestApiTokenId_s')]),
    ]),
    obj('securityContext', [
      num('asNumber', 'securityContext_asNumber_d'),
      text('asOrg', 'securityContext_asOrg_s'),
      text('isp', 'securityContext_isp_s'),
      text('domain', 'securityContext_domain_s'),
      bool('isProxy', 'securityContext_isProxy_b'),
    ]),
    obj('authenticationContext', [
      text('authenticationProvider', 'authenticationContext_authenticationProvider_s'),
      text('credentialProvider', 'authenticationContext_credentialProvider_s'),
      text('credentialType', 'authenticationContext_credentialType_s'),
      text('externalSessionId', 'authenticationContext_externalSessionId_s'),
      num('authenticationStep', 'authenticationContext_authenticationStep_d'),
    ]),
    obj('debugContext', [
      obj('debugData', [
        text('threatSuspected', 'debugContext_debugData_threatSuspected_s'),
        text('requestUri', 'debugContext_debugData_requestUri_s'),
      ]),
    ]),
  ],
  lacks: [
    'client.id and actor.detailEntry (no column)',
    'debugContext.debugData beyond threatSuspected and requestUri (each key is a column of its own: add the ones you need)',
    'transaction.detail.requestApiTokenId exists only once an event carrying it was ingested (the column is created on first use)',
  ],
};

/**
 * GitHub audit log entry from GitHubAuditLogsV2_CL (CCF: `Action`, `Actor`, `CreatedAt`…) or
 * GitHubAuditLogPolling_CL (the deprecated poller: `action_s`, `actor_s`, `created_at_d`…).
 */
export const GITHUB_SENTINEL: SentinelRecord = {
  fields: [
    // Neither table keeps `@timestamp`; created_at is the same instant (milliseconds since the epoch).
    num('@timestamp', 'CreatedAt', 'created_at_d'),
    num('created_at', 'CreatedAt', 'created_at_d'),
    text('_document_id', 'DocumentId', 'document_id_s'),
    text('action', 'Action', 'action_s'),
    text('actor', 'Actor', 'actor_s'),
    num('actor_id', 'ActorId', 'actor_id_d'),
    text('actor_ip', 'ActorIp', 'actor_ip_s'),
    bool('actor_is_bot', 'ActorIsBot', 'actor_is_bot_b'),
    obj('actor_location', [text('country_code', 'CountryCode', 'actor_location_country_code_s')]),
    text('user', 'User', 'user_s'),
    num('user_id', 'UserId', 'user_id_d'),
    text('user_agent', 'UserAgent', 'user_agent_s'),
    text('org', 'Org', 'org_s'),
    num('org_id', 'OrgId', 'org_id_d'),
    text('repo', 'Repo', 'repo_s'),
    text('business', 'Business', 'business_s'),
    text('hashed_token', 'HashedToken', 'hashed_token_s'),
    num('token_id', 'TokenId', 'token_id_d'),
    text('token_scopes', 'TokenScopes', 'token_scopes_s'),
    text('programmatic_access_type', 'ProgrammaticAccessType', 'programmatic_access_type_s'),
    text('user_programmatic_access_name', 'UserProgrammaticAccessName', 'user_programmatic_access_name_s'),
    text('operation_type', 'OperationType', 'operation_type_s'),
    text('permission', 'Permission', 'permission_s'),
    text('visibility', 'Visibility', 'visibility_s'),
    text('repository_selection', 'RepositorySelection', 'repository_selection_s'),
    text('request_id', 'RequestId', 'request_id_s'),
    text('fingerprint', 'Fingerprint', 'fingerprint_s'),
    text('team', 'Team', 'team_s'),
    text('integration', 'Integration', 'integration_s'),
    text('name', 'Name', 'name_s'),
    bool('read_only', 'ReadOnly', 'read_only_b'),
  ],
  lacks: [
    'GitHubAuditLogsV2_CL has no token_scopes or user_programmatic_access_name column: a token is then named by its id or hash, without its scopes',
    'entries without created_at (CreatedAt) get no time and are rejected on import, as TimeGenerated is the ingestion time',
  ],
};

/** Cloud Audit Logs LogEntry from GCPAuditLogs (the GCP Pub/Sub audit logs connector). */
export const GCP_SENTINEL: SentinelRecord = {
  fields: [
    text('logName', 'LogName'),
    text('insertId', 'InsertId'),
    text('severity', 'Severity'),
    time('timestamp', 'Timestamp'),
    obj('resource', [text('type', 'GCPResourceType'), obj('labels', [text('project_id', 'ProjectId')])]),
    obj('protoPayload', [
      constant('@type', 'type.googleapis.com/google.cloud.audit.AuditLog'),
      text('serviceName', 'ServiceName'),
      text('methodName', 'MethodName'),
      text('resourceName', 'GCPResourceName'),
      dyn('resourceLocation', 'ResourceLocation'),
      dyn('status', 'Status'),
      dyn('authenticationInfo', 'AuthenticationInfo'),
      dyn('authorizationInfo', 'AuthorizationInfo'),
      dyn('requestMetadata', 'RequestMetadata'),
      dyn('request', 'Request'),
      dyn('response', 'Response'),
      dyn('metadata', 'Metadata'),
      dyn('serviceData', 'ServiceData'),
    ]),
  ],
  lacks: [
    "resource.labels other than project_id (e.g. a service account's email_id): a key or token call names its service account from the request instead",
    'receiveTimestamp',
  ],
};

/** Kubernetes audit.k8s.io/v1 Event from AKSAudit / AKSAuditAdmin (the AKS kube-audit diagnostic categories). */
export const AKS_SENTINEL: SentinelRecord = {
  fields: [
    constant('kind', 'Event'),
    constant('apiVersion', 'audit.k8s.io/v1'),
    text('level', 'Level'),
    text('auditID', 'AuditId'),
    text('stage', 'Stage'),
    text('requestURI', 'RequestUri'),
    text('verb', 'Verb'),
    dyn('user', 'User'),
    dyn('sourceIPs', 'SourceIps'),
    text('userAgent', 'UserAgent'),
    dyn('objectRef', 'ObjectRef'),
    dyn('responseStatus', 'ResponseStatus'),
    dyn('requestObject', 'RequestObject'),
    dyn('responseObject', 'ResponseObject'),
    time('requestReceivedTimestamp', 'RequestReceivedTime'),
    time('stageTimestamp', 'StageReceivedTime'),
    dyn('annotations', 'Annotations'),
  ],
  lacks: ['impersonatedUser (AKSAudit has no column for it: a request made with --as is charged to the caller only)'],
};
