// Where each log source's facts live in the vendor's standard table layouts. A layout names fields, never query
// text: the dialects (dialects.ts) turn them into expressions, so one description serves every engine that reads
// the same layout (Athena, Trino, Spark, DuckDB and BigQuery all read the "lake" layout of the vendor's JSON).
import type { Field } from './dialects.ts';
import {
  CLOUDTRAIL_RECORD,
  ENTRA_SIGNIN_RECORD,
  GCP_BIGQUERY_RECORD,
  GCP_LAKE_RECORD,
  GITHUB_RECORD,
  K8S_RECORD,
  OKTA_RECORD,
  type RecordField,
} from './record-shapes.ts';
import { AKS_SENTINEL, CLOUDTRAIL_SENTINEL, GCP_SENTINEL, GITHUB_SENTINEL, OKTA_SENTINEL, type SentinelRecord } from './sentinel-records.ts';

export const SOURCES = ['cloudtrail', 'entra-signin', 'okta-system-log', 'github-audit', 'gcp-audit', 'k8s-audit'] as const;
export type SourceName = (typeof SOURCES)[number];

export function isSource(name: string): name is SourceName {
  return (SOURCES as readonly string[]).includes(name);
}

/**
 * A value built from fields: a field itself, text joined from parts (NULL when a field part is empty, so a
 * COALESCE moves on), or lower-cased. Lets a layout write the case's own node keys (`entra:user:<id>`,
 * `<eventSource>:<eventName>`) so roll-up rows meet the nodes the vendor importer would have made.
 */
export type Value = Field | { concat: (Value | string)[] } | { lower: Value };

/** A condition over fields, rendered per dialect. */
export type Cond = { in: Field; values: string[] } | { present: Field } | { gt: Field; n: number } | { any: Cond[] } | { all: Cond[] };

export interface Layout {
  /** Default table name(s); several are unioned (KQL only). */
  tables: string[];
  /** One line for the header: what the table is and where its layout is documented. */
  expects: string;
  /** How the analyst gets the table in front of the engine, if it is not there by default. */
  setup?: string;
  time: { field: Field; kind: 'iso' | 'timestamp' | 'epochMs' };
  /** Fields tried in order (COALESCE): the first non-empty one is the value. */
  identity: Value[];
  credential: Value[];
  /** Several fields: the first non-empty (a union of tables that spell a column differently). */
  address: Field | Field[];
  userAgent: Field | Field[];
  action: Value | Value[];
  /** The source ASN, where the engine's table has one. */
  asn?: Field;
  target: Value[];
  /** When the event failed; null when the source does not say (every event then counts as a success). */
  failure: Cond | null;
  /** The events the persistence, logging and MFA rules read whole. */
  persistence: Cond;
  /** Interactive sign-ins: whether the identity is non-human is decided on import against the inventory. */
  console?: Cond;
  /** The vendor's record as the SQL extract re-builds it. */
  record?: RecordField[];
  /** The vendor's record as the KQL extract re-builds it from the Sentinel table (none: the table's own columns). */
  sentinel?: SentinelRecord;
}

const f = (col: string, ...path: (string | number)[]): Field => ({ col, path });
const j = (col: string, ...path: (string | number)[]): Field => ({ col, path, json: true });

// The CloudTrail actions the incident rules read (docs/findings.md), plus the key deletions and deactivations
// credential-created-for-another needs to tell a rotation from a backdoor.
export const CLOUDTRAIL_PERSISTENCE = [
  'CreateAccessKey',
  'DeleteAccessKey',
  'UpdateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'UploadSSHPublicKey',
  'UploadSigningCertificate',
  'CreateServiceSpecificCredential',
  'CreateRole',
  'UpdateAssumeRolePolicy',
  'CreateOpenIDConnectProvider',
  'CreateSAMLProvider',
  'UpdateSAMLProvider',
  'CreateTrustAnchor',
  'UpdateTrustAnchor',
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'DeleteFlowLogs',
  'DeleteResolverQueryLogConfig',
  'DisassociateResolverQueryLogConfig',
  'DeleteDetector',
  'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
];

/**
 * The request parameters that name a call's target directly, most specific first: the order of the CloudTrail
 * importer's eventTarget (main/ingest/aws/cloudtrail-target.ts; a unit test keeps the two lists equal).
 */
export const CLOUDTRAIL_NAMED_PARAMETERS = [
  'secretId',
  'functionName',
  'instanceId',
  'keyId',
  'trailName',
  'snapshotId',
  'groupId',
  'name',
  'resourceArn',
  'modelId',
  'tableName',
  'clusterName',
  'repositoryName',
  'stackName',
  'logGroupName',
  'queueUrl',
  'topicArn',
];

/**
 * What a CloudTrail call acted on, written as the importer writes it so a roll-up row meets the same node: the
 * assumed role, the first resource ARN, the IAM user/role/group named in the request (as an ARN in the recipient
 * account), the policy, the bucket, then the named parameters. `rp` reads the request parameters (JSON text in
 * Athena's table, a record in Sentinel's), `resource` the first resource's ARN, `account` the recipient account.
 */
function cloudtrailTarget(rp: (key: string) => Field, resource: Field | null, account: Field): Value[] {
  const iam = (type: string, key: string): Value => ({ concat: ['arn:aws:iam::', account, `:${type}/`, rp(key)] });
  return [
    rp('roleArn'),
    ...(resource ? [resource] : []),
    iam('user', 'userName'),
    iam('role', 'roleName'),
    iam('group', 'groupName'),
    rp('policyArn'),
    { concat: ['arn:aws:s3:::', rp('bucketName')] },
    ...CLOUDTRAIL_NAMED_PARAMETERS.map(rp),
  ];
}

// Athena's documented CloudTrail table (CREATE EXTERNAL TABLE cloudtrail_logs …): lower-case columns, userIdentity
// as a struct, eventtime as ISO text, request parameters and response elements as JSON text. Identity, credential,
// action (`<eventSource>:<eventName>`) and target are the CloudTrail importer's, so the roll-up names the same nodes.
const cloudtrailLake: Layout = {
  tables: ['cloudtrail_logs'],
  expects:
    'the CloudTrail table from the AWS Athena documentation ("Creating the table for CloudTrail logs"): useridentity struct, eventtime string, sourceipaddress, useragent, errorcode, requestparameters/responseelements JSON strings, resources array of struct(arn, accountid, type), recipientaccountid',
  time: { field: f('eventtime'), kind: 'iso' },
  // An AWS service acting on its own is the importer's `aws:service:<host>` workload.
  identity: [
    f('useridentity', 'sessioncontext', 'sessionissuer', 'arn'),
    f('useridentity', 'arn'),
    { concat: ['aws:service:', f('useridentity', 'invokedby')] },
    f('useridentity', 'principalid'),
  ],
  credential: [f('useridentity', 'accesskeyid')],
  address: f('sourceipaddress'),
  userAgent: f('useragent'),
  action: { concat: [f('eventsource'), ':', f('eventname')] },
  target: cloudtrailTarget((key) => j('requestparameters', key), f('resources', 0, 'arn'), f('recipientaccountid')),
  // A failed console sign-in carries no errorCode, only responseElements.ConsoleLogin = "Failure".
  failure: { any: [{ present: f('errorcode') }, { in: j('responseelements', 'ConsoleLogin'), values: ['Failure'] }] },
  persistence: { in: f('eventname'), values: CLOUDTRAIL_PERSISTENCE },
  console: { in: f('eventname'), values: ['ConsoleLogin'] },
  record: CLOUDTRAIL_RECORD,
};

// Sentinel / Log Analytics AWSCloudTrail: flat columns (the same names as a Sentinel CSV export).
const cloudtrailKql: Layout = {
  tables: ['AWSCloudTrail'],
  expects: 'Microsoft Sentinel / Log Analytics table AWSCloudTrail (AWS S3 connector)',
  time: { field: f('TimeGenerated'), kind: 'timestamp' },
  identity: [f('SessionIssuerArn'), f('UserIdentityArn'), { concat: ['aws:service:', f('UserIdentityInvokedBy')] }, f('UserIdentityPrincipalid')],
  credential: [f('UserIdentityAccessKeyId')],
  address: f('SourceIpAddress'),
  userAgent: f('UserAgent'),
  action: { concat: [f('EventSource'), ':', f('EventName')] },
  // Sentinel keeps Resources as a JSON string; the first resource's ARN is read with the request parameters' way.
  target: cloudtrailTarget((key) => j('RequestParameters', key), j('Resources', 0, 'ARN'), f('RecipientAccountId')),
  failure: { any: [{ present: f('ErrorCode') }, { in: j('ResponseElements', 'ConsoleLogin'), values: ['Failure'] }] },
  persistence: { in: f('EventName'), values: CLOUDTRAIL_PERSISTENCE },
  console: { in: f('EventName'), values: ['ConsoleLogin'] },
  sentinel: CLOUDTRAIL_SENTINEL,
};

// Entra audit operations behind credential-created-for-another, trust-opened-outward and mfa-removed.
export const ENTRA_AUDIT_OPERATIONS = [
  'Add service principal credentials',
  'Update application – Certificates and secrets management ',
  'Update application - Certificates and secrets management',
  'Add service principal',
  'Set domain authentication',
  'Set federation settings on domain',
  'Add federated identity credential',
  'Update federated identity credential',
  'User deleted security info',
  'Admin deleted security info',
  'Delete authentication method',
];

// Entra sign-ins exported by diagnostic settings to storage (the same JSON Event Hubs carries): `time` plus a
// `properties` record shaped like the Graph signIn resource.
const entraLake: Layout = {
  tables: ['entra_signin_logs'],
  expects:
    'Entra ID sign-in logs exported by diagnostic settings (SignInLogs / ServicePrincipalSignInLogs categories) as a JSON table: time, category, properties.{userId, userPrincipalName, servicePrincipalId, appId, ipAddress, userAgent, appDisplayName, resourceId, status.errorCode, servicePrincipalCredentialKeyId}',
  time: { field: f('time'), kind: 'iso' },
  // The Entra importer's keys (main/ingest/entra/entra-nodes.ts): a user by object id, else by UPN; a service
  // principal by id, else by app id; the resource signed in to by its app id; an SP key by its key id.
  identity: [
    { concat: ['entra:user:', { lower: f('properties', 'userId') }] },
    { concat: ['entra:sp:', { lower: f('properties', 'servicePrincipalId') }] },
    { concat: ['entra:upn:', { lower: f('properties', 'userPrincipalName') }] },
    { concat: ['entra:app:', { lower: f('properties', 'appId') }] },
  ],
  credential: [{ concat: ['entra:cred:', { lower: f('properties', 'servicePrincipalCredentialKeyId') }] }],
  address: f('properties', 'ipAddress'),
  asn: f('properties', 'autonomousSystemNumber'),
  userAgent: f('properties', 'userAgent'),
  action: { concat: ['entra:', f('category')] },
  target: [
    { concat: ['entra:resource:', { lower: f('properties', 'resourceId') }] },
    { concat: ['entra:resource:', { lower: f('properties', 'appId') }] },
  ],
  failure: { gt: f('properties', 'status', 'errorCode'), n: 0 },
  // The lake layout holds sign-ins only; credential and federation changes are in the audit category (not covered).
  persistence: { any: [] },
  record: ENTRA_SIGNIN_RECORD,
};

// Sentinel: interactive and service-principal sign-ins plus AuditLogs, unioned; columns a table lacks are empty.
const entraKql: Layout = {
  tables: ['SigninLogs', 'AADServicePrincipalSignInLogs', 'AuditLogs'],
  expects: 'Microsoft Sentinel / Log Analytics tables SigninLogs, AADServicePrincipalSignInLogs and AuditLogs (Entra ID diagnostic settings)',
  time: { field: f('TimeGenerated'), kind: 'timestamp' },
  // The Entra importer's keys, as in the lake layout; AuditLogs rows (persistence) name their actor in InitiatedBy.
  identity: [
    { concat: ['entra:user:', { lower: f('UserId') }] },
    { concat: ['entra:sp:', { lower: f('ServicePrincipalId') }] },
    { concat: ['entra:upn:', { lower: f('UserPrincipalName') }] },
    { concat: ['entra:app:', { lower: f('AppId') }] },
    f('InitiatedBy', 'user', 'userPrincipalName'),
    f('InitiatedBy', 'app', 'displayName'),
  ],
  credential: [{ concat: ['entra:cred:', { lower: f('ServicePrincipalCredentialKeyId') }] }],
  address: f('IPAddress'),
  // SigninLogs and AADServicePrincipalSignInLogs carry it (AuditLogs rows do not: empty there).
  asn: f('AutonomousSystemNumber'),
  userAgent: f('UserAgent'),
  action: { concat: ['entra:', f('Category')] },
  target: [{ concat: ['entra:resource:', { lower: f('ResourceIdentity') }] }, { concat: ['entra:resource:', { lower: f('AppId') }] }],
  failure: { all: [{ present: f('ResultType') }, { gt: f('ResultType'), n: 0 }] },
  // No console clause: every human sign-in is interactive, so extracting them would not be rare. Whether an
  // interactive sign-in was an NHI's is decided from the roll-up (its user agent) against the inventory on import.
  persistence: { in: f('OperationName'), values: ENTRA_AUDIT_OPERATIONS },
};

const OKTA_PERSISTENCE = [
  'user.mfa.factor.deactivate',
  'user.mfa.factor.reset_all',
  'system.api_token.create',
  'system.log_stream.lifecycle.deactivate',
  'system.log_stream.lifecycle.delete',
  'user.account.privilege.grant',
  'system.idp.lifecycle.create',
];

const oktaLake: Layout = {
  tables: ['okta_system_log'],
  expects:
    'Okta System Log events (the /api/v1/logs LogEvent objects, or a log stream) as a JSON table: published, eventType, actor, client, outcome, target (array), transaction',
  time: { field: f('published'), kind: 'iso' },
  identity: [f('actor', 'alternateId'), f('actor', 'id')],
  credential: [f('transaction', 'detail', 'requestApiTokenId')],
  address: f('client', 'ipAddress'),
  asn: f('securityContext', 'asNumber'),
  userAgent: f('client', 'userAgent', 'rawUserAgent'),
  action: f('eventType'),
  target: [f('target', 0, 'alternateId'), f('target', 0, 'id')],
  failure: { in: f('outcome', 'result'), values: ['FAILURE', 'DENY'] },
  persistence: { in: f('eventType'), values: OKTA_PERSISTENCE },
  record: OKTA_RECORD,
};

const GITHUB_PERSISTENCE = [
  'public_key.create',
  'deploy_key.create',
  'org.add_member',
  'org.update_member',
  'repo.add_member',
  'personal_access_token.access_granted',
  'integration_installation.create',
  'audit_log_streaming.destroy',
];

const githubLake: Layout = {
  tables: ['github_audit_log'],
  expects:
    'GitHub organization/enterprise audit log events (REST /audit-log or audit log streaming) as a JSON table: @timestamp (ms), action, actor, actor_ip, user_agent, repo, org, hashed_token',
  time: { field: f('@timestamp'), kind: 'epochMs' },
  identity: [f('actor'), f('actor_id')],
  credential: [f('hashed_token'), f('token_id')],
  address: f('actor_ip'),
  userAgent: f('user_agent'),
  action: f('action'),
  target: [f('repo'), f('org')],
  failure: null,
  persistence: { in: f('action'), values: GITHUB_PERSISTENCE },
  record: GITHUB_RECORD,
};

export const GCP_PERSISTENCE = [
  'google.iam.admin.v1.CreateServiceAccountKey',
  'google.iam.admin.v1.UploadServiceAccountKey',
  'google.iam.admin.v1.CreateServiceAccount',
  'SetIamPolicy',
  'google.iam.v1.WorkloadIdentityPools.CreateWorkloadIdentityPoolProvider',
  'google.logging.v2.ConfigServiceV2.DeleteSink',
  'google.logging.v2.ConfigServiceV2.UpdateSink',
];

function gcpLayout(payload: string, bigquery: boolean): Layout {
  const p = (...path: string[]) => f(payload, ...path);
  return {
    tables: [bigquery ? 'cloudaudit_googleapis_com_activity' : 'gcp_audit_logs'],
    expects: bigquery
      ? 'a Cloud Logging sink to BigQuery: the dataset table cloudaudit_googleapis_com_activity (timestamp, protopayload_auditlog.*); use cloudaudit_googleapis_com_data_access too if Data Access logs are on'
      : 'Cloud Audit Logs LogEntry JSON (a Cloud Logging sink to Cloud Storage) as a table: timestamp, protoPayload.*',
    time: { field: f('timestamp'), kind: bigquery ? 'timestamp' : 'iso' },
    identity: [p('authenticationInfo', 'principalEmail'), p('authenticationInfo', 'principalSubject')],
    credential: [p('authenticationInfo', 'serviceAccountKeyName')],
    address: p('requestMetadata', 'callerIp'),
    userAgent: p('requestMetadata', 'callerSuppliedUserAgent'),
    action: p('methodName'),
    target: [p('resourceName'), p('serviceName')],
    failure: { gt: p('status', 'code'), n: 0 },
    persistence: { in: p('methodName'), values: GCP_PERSISTENCE },
    record: bigquery ? GCP_BIGQUERY_RECORD : GCP_LAKE_RECORD,
  };
}

/** Service-account token requests and RBAC/CSR writes: what the k8s persistence rules read whole. */
function k8sPersistence(verb: Field, resource: Field, subresource: Field): Cond {
  return {
    any: [
      {
        all: [
          { in: verb, values: ['create'] },
          { in: subresource, values: ['token'] },
        ],
      },
      {
        all: [
          { in: verb, values: ['create', 'update', 'patch'] },
          { in: resource, values: ['clusterrolebindings', 'rolebindings', 'certificatesigningrequests'] },
        ],
      },
    ],
  };
}

const k8sLake: Layout = {
  tables: ['k8s_audit_events'],
  expects:
    'Kubernetes audit.k8s.io/v1 Event JSON (API server --audit-log-path or a cloud export) as a table: requestReceivedTimestamp, user, sourceIPs, userAgent, verb, objectRef, responseStatus',
  time: { field: f('requestReceivedTimestamp'), kind: 'iso' },
  identity: [f('user', 'username')],
  // The credential id sits under user.extra with a dotted, slashed key no lake layout maps as a column.
  credential: [],
  address: f('sourceIPs', 0),
  userAgent: f('userAgent'),
  action: f('verb'),
  target: [f('objectRef', 'resource')],
  failure: { gt: f('responseStatus', 'code'), n: 399 },
  persistence: k8sPersistence(f('verb'), f('objectRef', 'resource'), f('objectRef', 'subresource')),
  record: K8S_RECORD,
};

// Sentinel / Log Analytics tables of the other sources. Custom-log (_CL) tables of the older connectors suffix each
// column with its type (`_s` string, `_d` number, `_t` time) and the codeless (CCF) ones do not: the layouts union
// both and name both spellings, and column_ifexists makes the missing one empty. Checked against the table
// references (GCPAuditLogs, AKSAudit) and the Sentinel solutions' parsers (Okta, GitHubAuditData).

// Okta: the Okta Single Sign-On connector's Okta_CL (Azure Function) and OktaV2_CL (codeless), flattened LogEvent.
const oktaKql: Layout = {
  tables: ['Okta_CL', 'OktaV2_CL'],
  expects:
    'Microsoft Sentinel tables Okta_CL / OktaV2_CL (Okta Single Sign-On connector): flattened System Log columns published_t, eventType_s, actor_alternateId_s, client_ipAddress_s, client_userAgent_rawUserAgent_s, outcome_result_s, target_s, securityContext_asNumber_d',
  time: { field: f('published_t'), kind: 'timestamp' },
  identity: [f('actor_alternateId_s'), f('actor_id_s')],
  credential: [f('transaction_detail_requestApiTokenId_s')],
  address: f('client_ipAddress_s'),
  asn: f('securityContext_asNumber_d'),
  userAgent: f('client_userAgent_rawUserAgent_s'),
  action: f('eventType_s'),
  // target_s is the target array as JSON text.
  target: [j('target_s', 0, 'alternateId'), j('target_s', 0, 'id')],
  failure: { in: f('outcome_result_s'), values: ['FAILURE', 'DENY'] },
  persistence: { in: f('eventType_s'), values: OKTA_PERSISTENCE },
  sentinel: OKTA_SENTINEL,
};

// GitHub: the Enterprise Audit Log connector's GitHubAuditLogPolling_CL (deprecated) and GitHubAuditLogsV2_CL (CCF),
// the two tables Sentinel's GitHubAuditData parser unions.
const githubKql: Layout = {
  tables: ['GitHubAuditLogPolling_CL', 'GitHubAuditLogsV2_CL'],
  expects:
    'Microsoft Sentinel tables GitHubAuditLogPolling_CL (action_s, actor_s, repo_s, org_s, actor_ip_s…) and GitHubAuditLogsV2_CL (Action, Actor, Repo, Org, ActorIp…), the tables of the GitHubAuditData parser',
  time: { field: f('TimeGenerated'), kind: 'timestamp' },
  identity: [f('Actor'), f('actor_s')],
  credential: [f('HashedToken'), f('hashed_token_s'), f('TokenId'), f('token_id_d')],
  address: [f('ActorIp'), f('actor_ip_s')],
  userAgent: [f('UserAgent'), f('user_agent_s')],
  action: [f('Action'), f('action_s')],
  target: [f('Repo'), f('repo_s'), f('Org'), f('org_s')],
  failure: null,
  persistence: {
    any: [
      { in: f('Action'), values: GITHUB_PERSISTENCE },
      { in: f('action_s'), values: GITHUB_PERSISTENCE },
    ],
  },
  sentinel: GITHUB_SENTINEL,
};

// GCP: Sentinel's GCPAuditLogs (GCP Pub/Sub audit logs connector): flat columns plus dynamic records.
const gcpKql: Layout = {
  tables: ['GCPAuditLogs'],
  expects:
    'Microsoft Sentinel / Log Analytics table GCPAuditLogs (Google Cloud Platform audit logs connector): Timestamp, PrincipalEmail, MethodName, ServiceName, GCPResourceName, AuthenticationInfo, RequestMetadata, Status (dynamic)',
  time: { field: f('Timestamp'), kind: 'timestamp' },
  identity: [f('PrincipalEmail'), f('AuthenticationInfo', 'principalSubject')],
  credential: [f('AuthenticationInfo', 'serviceAccountKeyName')],
  address: f('RequestMetadata', 'callerIp'),
  userAgent: f('RequestMetadata', 'callerSuppliedUserAgent'),
  action: f('MethodName'),
  target: [f('GCPResourceName'), f('ServiceName')],
  failure: { gt: f('Status', 'code'), n: 0 },
  persistence: { in: f('MethodName'), values: GCP_PERSISTENCE },
  sentinel: GCP_SENTINEL,
};

// AKS: the resource-specific AKSAudit table (diagnostic setting kube-audit). AKSAuditAdmin (kube-audit-admin) has
// the same columns without get/list: name it instead when only that category is collected.
const k8sKql: Layout = {
  tables: ['AKSAudit'],
  expects:
    'Microsoft Sentinel / Log Analytics table AKSAudit (AKS diagnostic setting kube-audit, resource-specific): RequestReceivedTime, User, SourceIps, UserAgent, Verb, ObjectRef, ResponseStatus; AKSAuditAdmin has the same columns',
  setup:
    'Clusters that send kube-audit to the legacy AzureDiagnostics table (Category == "kube-audit", the event in log_s) need a resource-specific diagnostic setting first.',
  time: { field: f('RequestReceivedTime'), kind: 'timestamp' },
  identity: [f('User', 'username')],
  credential: [],
  address: f('SourceIps', 0),
  userAgent: f('UserAgent'),
  action: f('Verb'),
  target: [f('ObjectRef', 'resource')],
  failure: { gt: f('ResponseStatus', 'code'), n: 399 },
  persistence: k8sPersistence(f('Verb'), f('ObjectRef', 'resource'), f('ObjectRef', 'subresource')),
  sentinel: AKS_SENTINEL,
};

const KQL: Record<SourceName, Layout> = {
  cloudtrail: cloudtrailKql,
  'entra-signin': entraKql,
  'okta-system-log': oktaKql,
  'github-audit': githubKql,
  'gcp-audit': gcpKql,
  'k8s-audit': k8sKql,
};

/** The layout an engine reads for a source; null when this pass has none (the CLI says so). */
export function layoutFor(source: SourceName, engine: string): Layout | null {
  if (engine === 'kql') return KQL[source];
  if (source === 'gcp-audit') return engine === 'bigquery' ? gcpLayout('protopayload_auditlog', true) : gcpLayout('protoPayload', false);
  return { cloudtrail: cloudtrailLake, 'entra-signin': entraLake, 'okta-system-log': oktaLake, 'github-audit': githubLake, 'k8s-audit': k8sLake }[
    source
  ];
}
