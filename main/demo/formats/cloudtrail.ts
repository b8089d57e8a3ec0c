// CloudTrail records as AWS writes them (eventVersion, userIdentity, eventTime, eventSource, … tlsDetails),
// one JSON object per line: the NDJSON that CloudWatch Logs, Firehose and lake exports deliver.
import type { Activity, AwsPrincipal } from '../actors.ts';
import { awsService } from '../actions.ts';
import { hashSeed, Rng } from '../random.ts';
import { isoSecond } from '../rows.ts';

const READ_ONLY = /^(Get|List|Describe|Head|Query|Scan|BatchGet)/;
const DATA_EVENTS = new Set([
  'GetObject',
  'PutObject',
  'DeleteObject',
  'HeadObject',
  'GetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'BatchWriteItem',
  'Scan',
]);

export function cloudTrailRecord(a: Activity, rng: Rng): Record<string, unknown> {
  const who = a.aws ?? a.actor.aws!;
  const region = a.target.region ?? 'eu-central-1';
  const service = a.service ?? 'sts';
  const host = service === 's3' ? `${bucketName(a.target.key)}.s3.${region}.amazonaws.com` : `${service}.${region}.amazonaws.com`;
  const record: Record<string, unknown> = {
    eventVersion: '1.09',
    userIdentity: userIdentity(who, a.ts),
    eventTime: isoSecond(a.ts),
    eventSource: `${service}.amazonaws.com`,
    eventName: a.action,
    awsRegion: region,
    sourceIPAddress: a.ip,
    userAgent: a.userAgent,
  };
  if (!a.ok) {
    record.errorCode = a.errorCode ?? 'AccessDenied';
    record.errorMessage =
      service === 's3'
        ? 'Access Denied'
        : `User: ${sessionArn(who)} is not authorized to perform: ${service}:${a.action} on resource: ${a.target.key} because no identity-based policy allows the ${service}:${a.action} action`;
  }
  const { request, resources, response } = details(a, service, host, who, rng);
  record.requestParameters = request;
  record.responseElements = a.ok ? response : null;
  record.requestID = service === 's3' ? rng.keyChars(16) : rng.guid();
  record.eventID = rng.guid();
  record.readOnly = READ_ONLY.test(a.action);
  if (resources) record.resources = resources;
  record.eventType = 'AwsApiCall';
  record.managementEvent = !DATA_EVENTS.has(a.action);
  record.recipientAccountId = a.target.accountId ?? who.accountId;
  record.eventCategory = DATA_EVENTS.has(a.action) ? 'Data' : 'Management';
  record.tlsDetails = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host };
  return record;
}

const SESSION_MS = 6 * 3_600_000;

function userIdentity(who: AwsPrincipal, ts: number): Record<string, unknown> {
  if (who.type === 'IAMUser') {
    return {
      type: 'IAMUser',
      principalId: who.principalId,
      arn: who.arn,
      accountId: who.accountId,
      accessKeyId: who.accessKeyId,
      userName: who.name,
    };
  }
  // One temporary key per session: SDKs refresh role credentials every few hours, not per call.
  const window = Math.floor(ts / SESSION_MS);
  return {
    type: 'AssumedRole',
    principalId: `${who.principalId}:${who.sessionName}`,
    arn: sessionArn(who),
    accountId: who.accountId,
    accessKeyId: `ASIA${new Rng(hashSeed(who.arn, who.sessionName ?? '', window)).keyChars(16)}`,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: who.principalId, arn: who.arn, accountId: who.accountId, userName: who.name },
      webIdFederationData: {},
      attributes: { creationDate: isoSecond(window * SESSION_MS), mfaAuthenticated: 'false' },
    },
  };
}

function sessionArn(who: AwsPrincipal): string {
  return who.type === 'IAMUser' ? who.arn : `arn:aws:sts::${who.accountId}:assumed-role/${who.name}/${who.sessionName}`;
}

function bucketName(arn: string): string {
  return arn.slice('arn:aws:s3:::'.length);
}

function lastPart(arn: string): string {
  return arn.slice(Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':')) + 1);
}

interface Details {
  request: Record<string, unknown> | null;
  resources?: Record<string, unknown>[];
  response: Record<string, unknown> | null;
}

function details(a: Activity, service: string, host: string, who: AwsPrincipal, rng: Rng): Details {
  const arn = a.target.key;
  const accountId = a.target.accountId ?? who.accountId;
  if (a.action === 'AssumeRole') {
    const session = String(a.request?.roleSessionName ?? 'session');
    const roleId = String(a.request?.roleId ?? 'AROAEXAMPLE');
    return {
      request: { roleArn: arn, roleSessionName: session, durationSeconds: 3600 },
      response: {
        credentials: {
          accessKeyId: `ASIA${rng.keyChars(16)}`,
          sessionToken: `IQoJb3JpZ2luX2VjE${rng.tokenChars(40)}`,
          expiration: new Date(a.ts + 3_600_000).toUTCString(),
        },
        assumedRoleUser: { assumedRoleId: `${roleId}:${session}`, arn: `arn:aws:sts::${accountId}:assumed-role/${lastPart(arn)}/${session}` },
      },
      resources: [{ accountId, type: 'AWS::IAM::Role', ARN: arn }],
    };
  }
  switch (awsService(arn)) {
    case 's3': {
      const bucket = bucketName(arn);
      if (a.action === 'ListObjects')
        return {
          request: { bucketName: bucket, Host: host, prefix: 'exports/', 'list-type': '2' },
          response: null,
          resources: [{ accountId, type: 'AWS::S3::Bucket', ARN: arn }],
        };
      const key = String(
        a.request?.key ??
          `${rng.pick(['exports', 'daily', 'archive', 'reports'])}/2026/${String(rng.between(1, 11)).padStart(2, '0')}/part-${String(rng.int(100000)).padStart(5, '0')}.csv.gz`,
      );
      return {
        request: { bucketName: bucket, Host: host, key },
        response: null,
        resources: [
          { type: 'AWS::S3::Object', ARN: `${arn}/${key}` },
          { accountId, type: 'AWS::S3::Bucket', ARN: arn },
        ],
      };
    }
    case 'dynamodb':
      return {
        request: {
          tableName: lastPart(arn),
          ...(a.action.endsWith('Item') || a.action === 'Query' ? { key: { pk: `ORDER#${rng.int(10_000_000)}` } } : {}),
        },
        response: null,
        resources: [{ accountId, type: 'AWS::DynamoDB::Table', ARN: arn }],
      };
    case 'rds': {
      const db = lastPart(arn);
      const snapshot = a.request?.snapshot ? { dBSnapshotIdentifier: a.request.snapshot } : {};
      const share = a.action === 'ModifyDBSnapshotAttribute' ? { attributeName: 'restore', valuesToAdd: a.request?.valuesToAdd ?? ['all'] } : {};
      return {
        request: { dBInstanceIdentifier: db, ...snapshot, ...share },
        response: null,
        resources: [{ accountId, type: 'AWS::RDS::DBInstance', ARN: arn }],
      };
    }
    case 'secretsmanager':
      return { request: { secretId: arn }, response: null, resources: [{ accountId, type: 'AWS::SecretsManager::Secret', ARN: arn }] };
    case 'ec2': {
      const instanceId = lastPart(arn);
      const request =
        service === 'ssm'
          ? { documentName: 'AWS-RunShellScript', instanceIds: [instanceId], interactive: false }
          : { instancesSet: { items: [{ instanceId }] }, filterSet: {} };
      return { request, response: null, resources: [{ accountId, type: 'AWS::EC2::Instance', ARN: arn }] };
    }
    case 'eks':
      return { request: { name: lastPart(arn) }, response: null, resources: [{ accountId, type: 'AWS::EKS::Cluster', ARN: arn }] };
    default:
      return {
        request: null,
        response: a.action === 'GetCallerIdentity' ? { userId: who.principalId, account: who.accountId, arn: sessionArn(who) } : null,
      };
  }
}
