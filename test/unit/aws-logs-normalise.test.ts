// Pure parts of the AWS log importers: ARN grammar, record normalisation (who, where, outcome, target, change),
// the Sentinel locale dates, and detection by content.
import { describe, expect, it } from 'vitest';
import { cloudTrailImporter } from '../../main/ingest/aws/cloudtrail.ts';
import { cloudTrailSentinelCsvImporter, sentinelTime } from '../../main/ingest/aws/cloudtrail-sentinel-csv.ts';
import { normaliseRecord, type TrailEvent } from '../../main/ingest/aws/cloudtrail-normalise.ts';
import { credentialReportImporter } from '../../main/ingest/aws/credential-report.ts';
import { parseIamArn } from '../../main/ingest/aws/identity.ts';

const base = {
  eventVersion: '1.08',
  eventTime: '2024-01-02T03:04:05Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'ListUsers',
  recipientAccountId: '123456789012',
};

function ok(rec: unknown): TrailEvent {
  const e = normaliseRecord(rec);
  if ('reject' in e) throw new Error(`rejected: ${e.reject}`);
  return e;
}

describe('parseIamArn', () => {
  it('reads users with paths, roles, root and assumed-role sessions', () => {
    expect(parseIamArn('arn:aws:iam::123456789012:user/dev/team/alice')).toEqual({
      partition: 'aws',
      account: '123456789012',
      type: 'user',
      path: '/dev/team/',
      name: 'alice',
    });
    expect(parseIamArn('arn:aws-us-gov:iam::123456789012:role/admin')).toMatchObject({
      partition: 'aws-us-gov',
      type: 'role',
      path: '/',
      name: 'admin',
    });
    expect(parseIamArn('arn:aws:iam::123456789012:root')).toMatchObject({ type: 'root' });
    expect(parseIamArn('arn:aws:sts::123456789012:assumed-role/deploy/i-0abc')).toMatchObject({
      type: 'assumed-role',
      name: 'deploy',
      session: 'i-0abc',
    });
  });

  it('refuses resource ARNs, short accounts and hostile text', () => {
    expect(parseIamArn('arn:aws:s3:::bucket')).toBeNull();
    expect(parseIamArn('arn:aws:iam::1234:user/x')).toBeNull();
    expect(parseIamArn(`arn:aws:iam::123456789012:user/${'a'.repeat(5000)}`)).toBeNull();
    expect(parseIamArn('arn:aws:iam::123456789012:user/bad\nname')).toBeNull();
  });
});

describe('normaliseRecord', () => {
  it('rejects records without a usable time, source or name, with specific reasons', () => {
    expect(normaliseRecord('text')).toEqual({ reject: 'not a CloudTrail record (not a JSON object)' });
    expect(normaliseRecord({ ...base, eventTime: undefined })).toEqual({ reject: 'missing eventTime' });
    expect(normaliseRecord({ ...base, eventTime: 1704164645 })).toEqual({ reject: 'eventTime is not a string' });
    expect(normaliseRecord({ ...base, eventTime: '3024-01-01T00:00:00Z' })).toMatchObject({
      reject: expect.stringContaining('unparseable eventTime'),
    });
    expect(normaliseRecord({ ...base, eventName: '' })).toEqual({ reject: 'missing eventName' });
  });

  it('takes Logstash @timestamp when eventTime is absent', () => {
    expect(ok({ ...base, eventTime: undefined, '@timestamp': '2024-01-02T03:04:05.123Z' }).ts).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 123));
  });

  it('charges an assumed-role session to its role (path from the session issuer) and keeps the session name', () => {
    const e = ok({
      ...base,
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci-42',
        principalId: 'AROAEXAMPLEROLE00001:ci-42',
        accessKeyId: 'ASIAEXAMPLEKEY000001',
        sessionContext: {
          sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/ci/deploy', principalId: 'AROAEXAMPLEROLE00001' },
          attributes: { mfaAuthenticated: 'true' },
        },
      },
    });
    expect(JSON.parse(e.actor!)).toEqual({
      kind: 'role',
      partition: 'aws',
      account: '123456789012',
      name: 'deploy',
      path: '/ci/',
      uniqueId: 'AROAEXAMPLEROLE00001',
    });
    expect(e.accessKeyId).toBe('ASIAEXAMPLEKEY000001');
    expect(JSON.parse(e.props)).toMatchObject({ session: 'ci-42', mfa: true, identity_type: 'AssumedRole' });
  });

  it('charges federated users to their issuing IAM user, web identities to an external subject', () => {
    const fed = ok({
      ...base,
      userIdentity: {
        type: 'FederatedUser',
        arn: 'arn:aws:sts::123456789012:federated-user/bob',
        sessionContext: { sessionIssuer: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/broker' } },
      },
    });
    expect(JSON.parse(fed.actor!)).toMatchObject({ kind: 'user', name: 'broker' });
    expect(JSON.parse(fed.props).federated_user).toBe('bob');
    const web = ok({
      ...base,
      userIdentity: {
        type: 'WebIdentityUser',
        identityProvider: 'token.actions.githubusercontent.com',
        userName: 'repo:org/app:ref:refs/heads/main',
      },
    });
    expect(JSON.parse(web.actor!)).toEqual({
      kind: 'federated',
      provider: 'token.actions.githubusercontent.com',
      subject: 'repo:org/app:ref:refs/heads/main',
      subkind: 'workload',
    });
  });

  it('reads outcome from errorCode, or from a console login verdict without one', () => {
    expect(ok({ ...base, errorCode: 'AccessDenied' }).outcome).toBe(0);
    expect(
      ok({ ...base, eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication' }).outcome,
    ).toBe(0);
    expect(ok({ ...base, eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Success' } }).outcome).toBe(1);
  });

  it('normalises odd IPs and keeps service hostnames as text, flagged', () => {
    expect(ok({ ...base, sourceIPAddress: '075.050.255.67' }).ip).toBe('75.50.255.67');
    const svc = ok({ ...base, sourceIPAddress: 'lambda.amazonaws.com' });
    expect(svc.ip).toBe('lambda.amazonaws.com');
    expect(JSON.parse(svc.props).ip_is_service).toBe(true);
    expect(JSON.parse(ok({ ...base, sourceIPAddress: 'not an ip' }).props).unparsed_ip).toBe(true);
  });

  it('names the target as an ARN the case can resolve', () => {
    expect(ok({ ...base, requestParameters: { userName: 'bob' } }).targetText).toBe('arn:aws:iam::123456789012:user/bob');
    expect(ok({ ...base, requestParameters: { bucketName: 'b1' } }).targetText).toBe('arn:aws:s3:::b1');
    expect(ok({ ...base, resources: [{ ARN: 'arn:aws:kms:us-east-1:123456789012:key/k1' }] }).targetText).toBe(
      'arn:aws:kms:us-east-1:123456789012:key/k1',
    );
    expect(ok({ ...base, requestParameters: { secretId: 'prod/db' } }).targetText).toBe('prod/db');
  });

  it("records IAM changes (only IAM's own CreateUser) and the successful AssumeRole it can observe", () => {
    const key = ok({
      ...base,
      eventName: 'UpdateAccessKey',
      requestParameters: { userName: 'bob', accessKeyId: 'AKIAEXAMPLEKEY000002', status: 'Inactive' },
    });
    expect(JSON.parse(key.props)).toMatchObject({
      change: 'access_key_status_changed',
      user: 'bob',
      access_key: 'AKIAEXAMPLEKEY000002',
      key_status: 'Inactive',
    });
    expect(key.change?.kind).toBe('access_key_status_changed');
    expect(ok({ ...base, eventSource: 'transfer.amazonaws.com', eventName: 'CreateUser' }).change).toBeNull();
    const failed = ok({ ...base, eventName: 'CreateAccessKey', errorCode: 'LimitExceeded' });
    expect(failed.change).toBeNull();
    expect(JSON.parse(failed.props).change).toBe('access_key_created');
    const assume = ok({
      ...base,
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRoleWithWebIdentity',
      requestParameters: { roleArn: 'arn:aws:iam::123456789012:role/gha' },
      responseElements: { credentials: { accessKeyId: 'ASIAEXAMPLEKEY000003' } },
    });
    expect(assume.assumed).toMatchObject({ role: { name: 'gha' }, tempKeyId: 'ASIAEXAMPLEKEY000003' });
    expect(
      ok({
        ...base,
        eventSource: 'sts.amazonaws.com',
        eventName: 'AssumeRole',
        errorCode: 'AccessDenied',
        requestParameters: { roleArn: 'arn:aws:iam::123456789012:role/x' },
      }).assumed,
    ).toBeNull();
  });

  it('bounds huge strings and ignores non-string fields', () => {
    const e = ok({ ...base, userAgent: 'x'.repeat(100_000), sourceIPAddress: { evil: true }, userIdentity: { type: 'IAMUser', arn: 42 } });
    expect(e.userAgent!.length).toBeLessThanOrEqual(1024);
    expect(e.ip).toBeNull();
    expect(e.actor).toBeNull();
  });
});

describe('sentinelTime', () => {
  it('reads day-first 24-hour, month-first 12-hour and ISO forms', () => {
    expect(sentinelTime('21/04/2025, 09:45:54.000')).toBe(Date.UTC(2025, 3, 21, 9, 45, 54));
    expect(sentinelTime('4/21/2025, 9:45:54.120 PM')).toBe(Date.UTC(2025, 3, 21, 21, 45, 54, 120));
    expect(sentinelTime('4/21/2025, 12:00:00 AM')).toBe(Date.UTC(2025, 3, 21, 0, 0, 0));
    expect(sentinelTime('2025-04-21T09:45:54Z')).toBe(Date.UTC(2025, 3, 21, 9, 45, 54));
  });

  it('explains what it cannot read', () => {
    expect(sentinelTime(undefined)).toBe('missing TimeGenerated');
    expect(sentinelTime('04/21/2025, 09:45:54.000')).toContain('unparseable TimeGenerated'); // month 21 in a day-first clock
    expect(sentinelTime('31/02/2025, 10:00:00')).toContain('unparseable');
  });
});

describe('detection', () => {
  const sample = (head: string, fileName = 'x') => ({ fileName, head, gzip: false });

  it('recognises CloudTrail JSON by its keys, not its name', () => {
    expect(
      cloudTrailImporter.detect(
        sample(
          '{"Records":[{"eventVersion":"1.08","userIdentity":{},"eventTime":"2024-01-01T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject"}]}',
        ),
      )?.confidence,
    ).toBeGreaterThan(0.9);
    expect(cloudTrailImporter.detect(sample('{"eventName":"x","eventSource":"y"}', 'cloudtrail.json'))).toBeNull();
    expect(cloudTrailImporter.detect(sample('user,arn\n'))).toBeNull();
  });

  it('recognises the Sentinel export and the credential report by their headers', () => {
    expect(
      cloudTrailSentinelCsvImporter.detect(sample('"TimeGenerated [UTC]",AwsEventId,EventSource,EventName,UserIdentityType\n'))?.confidence,
    ).toBeGreaterThan(0.9);
    expect(cloudTrailSentinelCsvImporter.detect(sample('timestamp,identity,action\n'))).toBeNull();
    expect(credentialReportImporter.detect(sample('user,arn,user_creation_time,password_enabled,password_last_used\n'))?.confidence).toBeGreaterThan(
      0.95,
    );
    expect(
      credentialReportImporter.detect(sample('{\n "Content": "dXNlcg==",\n "ReportFormat": "text/csv",\n "GeneratedTime": "2024-01-01T00:00:00Z"}'))
        ?.confidence,
    ).toBeGreaterThan(0.9);
    expect(credentialReportImporter.detect(sample('{"Content": "hello"}'))).toBeNull();
  });
});
