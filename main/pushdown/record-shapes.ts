// The vendor's own record, re-built from an engine's table: which table column (or struct field) each vendor key
// comes from. The rare-event extract returns the record as one JSON text column (`blastmap_record`) with the
// vendor's exact key spelling, because the engines' tables do not keep it: Athena and Hive lower-case every column
// and struct field (`eventtime`, `useridentity.sessioncontext`), Trino returns column names lower-cased whatever the
// alias, and BigQuery's audit-log export renames (`protopayload_auditlog`, `requestJson`). With the vendor's keys
// the record is read by the vendor's importer (one importer per vendor shape). Pure data.

/** One vendor key and where its value is in the table (`col`: the column, or the struct field under its parent). */
export type RecordField =
  | { key: string; col: string; type: 'text' | 'number' | 'bool' | 'json' | 'texts' | 'timestamp' }
  | { key: string; col: string; type: 'object' | 'objects'; fields: RecordField[] }
  | { key: string; type: 'const'; value: string };
// text: a string; number/bool: cast (Athena's table holds many as strings); json: a column holding JSON text,
// embedded parsed; texts: an array of strings; timestamp: the engine's timestamp type, written as ISO text;
// object: a struct; objects: an array of structs; const: a fixed value the table drops (`@type`).

/** The key's column as a Hive-style table spells it: the key lower-cased. */
const lc = (key: string) => key.toLowerCase();
export const text = (key: string, col = lc(key)): RecordField => ({ key, col, type: 'text' });
const num = (key: string, col = lc(key)): RecordField => ({ key, col, type: 'number' });
const bool = (key: string, col = lc(key)): RecordField => ({ key, col, type: 'bool' });
const json = (key: string, col = lc(key)): RecordField => ({ key, col, type: 'json' });
const texts = (key: string, col = lc(key)): RecordField => ({ key, col, type: 'texts' });
const obj = (key: string, fields: RecordField[], col = lc(key)): RecordField => ({ key, col, type: 'object', fields });
const objs = (key: string, fields: RecordField[], col = lc(key)): RecordField => ({ key, col, type: 'objects', fields });
const many = (...keys: string[]) => keys.map((k) => text(k));

/**
 * CloudTrail: the columns of the Athena table AWS documents ("Create a table for CloudTrail logs in Athena"),
 * which are the record's keys lower-cased; requestParameters, responseElements, additionalEventData and
 * serviceEventDetails are JSON text there, resources an array of struct(arn, accountid, type). Only columns that
 * the older versions of that DDL have too: a column the analyst's table lacks fails the whole query (the current
 * DDL adds eventcategory, addendum, tlsdetails…; none has managementevent), and the importer reads none of those.
 */
export const CLOUDTRAIL_RECORD: RecordField[] = [
  text('eventVersion'),
  obj('userIdentity', [
    ...many('type', 'principalId', 'arn', 'accountId', 'invokedBy', 'accessKeyId', 'userName'),
    obj('sessionContext', [
      obj('attributes', many('mfaAuthenticated', 'creationDate')),
      obj('sessionIssuer', many('type', 'principalId', 'arn', 'accountId', 'userName')),
    ]),
  ]),
  ...many('eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode', 'errorMessage'),
  json('requestParameters'),
  json('responseElements'),
  json('additionalEventData'),
  ...many('requestID', 'eventID'),
  bool('readOnly'),
  objs('resources', [text('ARN', 'arn'), text('accountId'), text('type')]),
  ...many('eventType', 'apiVersion', 'recipientAccountId'),
  json('serviceEventDetails'),
  ...many('sharedEventID', 'vpcEndpointId'),
];

/** Entra sign-ins from diagnostic settings (the shape Event Hubs and storage exports carry). */
export const ENTRA_SIGNIN_RECORD: RecordField[] = [
  ...many('time', 'resourceId', 'operationName', 'category', 'tenantId', 'resultType', 'callerIpAddress', 'correlationId', 'identity', 'location'),
  obj('properties', [
    ...many('id', 'createdDateTime', 'userDisplayName', 'userPrincipalName', 'userId', 'appId', 'appDisplayName', 'ipAddress'),
    num('autonomousSystemNumber'),
    obj('status', [num('errorCode'), text('failureReason')]),
    ...many('clientAppUsed', 'userAgent'),
    bool('isInteractive'),
    ...many(
      'resourceDisplayName',
      'resourceId',
      'servicePrincipalId',
      'servicePrincipalName',
      'servicePrincipalCredentialKeyId',
      'servicePrincipalCredentialThumbprint',
      'clientCredentialType',
      'managedIdentityType',
      'userType',
      'conditionalAccessStatus',
      'authenticationRequirement',
      'riskLevelDuringSignIn',
    ),
    obj('location', many('city', 'state', 'countryOrRegion')),
  ]),
];

/** Okta System Log LogEvent (the /api/v1/logs objects). */
export const OKTA_RECORD: RecordField[] = [
  ...many('uuid', 'published', 'eventType', 'version', 'severity', 'legacyEventType', 'displayMessage'),
  obj('actor', many('id', 'type', 'alternateId', 'displayName')),
  obj('client', [
    obj('userAgent', many('rawUserAgent', 'os', 'browser')),
    ...many('zone', 'device', 'id', 'ipAddress'),
    obj('geographicalContext', [...many('city', 'state', 'country', 'postalCode')]),
  ]),
  obj('outcome', many('result', 'reason')),
  objs('target', many('id', 'type', 'alternateId', 'displayName')),
  obj('transaction', [text('type'), text('id'), obj('detail', [text('requestApiTokenId')])]),
  obj('securityContext', [num('asNumber'), ...many('asOrg', 'isp', 'domain'), bool('isProxy')]),
  obj('authenticationContext', many('authenticationProvider', 'credentialProvider', 'credentialType', 'externalSessionId')),
];

/** GitHub audit log entries (REST /audit-log, streaming): flat snake_case keys, `@timestamp` in milliseconds. */
export const GITHUB_RECORD: RecordField[] = [
  num('@timestamp'),
  num('created_at'),
  ...many('_document_id', 'action', 'actor'),
  num('actor_id'),
  text('actor_ip'),
  bool('actor_is_bot'),
  ...many('user', 'user_agent', 'org'),
  num('org_id'),
  ...many('repo', 'repository', 'business', 'hashed_token'),
  num('token_id'),
  ...many(
    'token_scopes',
    'programmatic_access_type',
    'user_programmatic_access_name',
    'operation_type',
    'permission',
    'visibility',
    'repository_selection',
    'request_id',
    'public_key_fingerprint',
    'fingerprint',
    'oauth_application_name',
  ),
];

const GCP_AUDIT_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';

/** The AuditLog payload's fields, common to the LogEntry JSON and BigQuery's export. */
function gcpPayload(request: RecordField[]): RecordField[] {
  return [
    { key: '@type', type: 'const', value: GCP_AUDIT_TYPE },
    text('serviceName', 'serviceName'),
    text('methodName', 'methodName'),
    text('resourceName', 'resourceName'),
    obj('status', [num('code', 'code'), text('message', 'message')], 'status'),
    obj(
      'authenticationInfo',
      [
        text('principalEmail', 'principalEmail'),
        text('principalSubject', 'principalSubject'),
        text('serviceAccountKeyName', 'serviceAccountKeyName'),
      ],
      'authenticationInfo',
    ),
    objs('authorizationInfo', [text('resource', 'resource'), text('permission', 'permission'), bool('granted', 'granted')], 'authorizationInfo'),
    obj('requestMetadata', [text('callerIp', 'callerIp'), text('callerSuppliedUserAgent', 'callerSuppliedUserAgent')], 'requestMetadata'),
    ...request,
  ];
}

/**
 * Cloud Audit Logs in BigQuery (a Logging sink): `protopayload_auditlog` for protoPayload, the request, response
 * and metadata as JSON text in `requestJson`/`responseJson`/`metadataJson`, timestamps of type TIMESTAMP.
 */
export const GCP_BIGQUERY_RECORD: RecordField[] = [
  text('logName', 'logName'),
  text('insertId', 'insertId'),
  text('severity', 'severity'),
  obj('resource', [text('type', 'type')], 'resource'),
  { key: 'timestamp', col: 'timestamp', type: 'timestamp' },
  { key: 'receiveTimestamp', col: 'receiveTimestamp', type: 'timestamp' },
  obj(
    'protoPayload',
    gcpPayload([json('request', 'requestJson'), json('response', 'responseJson'), json('metadata', 'metadataJson')]),
    'protopayload_auditlog',
  ),
];

/** Cloud Audit Logs LogEntry JSON in a lake table (request and metadata kept as JSON text, as Hive cannot type them). */
export const GCP_LAKE_RECORD: RecordField[] = [
  ...many('logName', 'insertId', 'severity', 'timestamp', 'receiveTimestamp'),
  obj('resource', [text('type')]),
  obj('protoPayload', gcpPayload([json('request'), json('metadata')]).map(lowerCols)),
];

/** Kubernetes audit.k8s.io/v1 Event. */
export const K8S_RECORD: RecordField[] = [
  ...many('kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb'),
  obj('user', [text('username'), text('uid'), texts('groups'), json('extra')]),
  obj('impersonatedUser', [text('username'), texts('groups')]),
  texts('sourceIPs'),
  text('userAgent'),
  obj('objectRef', many('resource', 'namespace', 'name', 'apiGroup', 'apiVersion', 'subresource')),
  obj('responseStatus', [num('code'), text('status'), text('reason')]),
  json('requestObject'),
  ...many('requestReceivedTimestamp', 'stageTimestamp'),
  json('annotations'),
];

function lowerCols(f: RecordField): RecordField {
  if (f.type === 'const') return f;
  if (f.type === 'object' || f.type === 'objects') return { ...f, col: lc(f.key), fields: f.fields.map(lowerCols) };
  return { ...f, col: lc(f.key) };
}
