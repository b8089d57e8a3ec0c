// CloudTrail NDJSON ingest: a generated log of realistic records (IAM users with long-term keys, assumed-role
// sessions, AWS services, AssumeRole calls, failures, IAM changes) imported into a fresh case, end to end.
// Two sizes show whether memory stays flat as files grow. Files are kept in bench/out (gitignored) between runs.
import fs from 'node:fs';
import path from 'node:path';
import { conditionsNote, importIntoFreshCase } from './import-once.ts';
import { median } from './measure.ts';
import type { BenchFigure, BenchModule } from './types.ts';

const TARGET_RECORDS_PER_S = 80_000;
const ACCOUNT = '123456789012';
const SOURCES = [
  ['s3.amazonaws.com', 'GetObject'],
  ['ec2.amazonaws.com', 'DescribeInstances'],
  ['iam.amazonaws.com', 'ListUsers'],
  ['secretsmanager.amazonaws.com', 'GetSecretValue'],
  ['sts.amazonaws.com', 'GetCallerIdentity'],
  ['kms.amazonaws.com', 'Decrypt'],
  ['lambda.amazonaws.com', 'Invoke'],
  ['ssm.amazonaws.com', 'GetParameters'],
] as const;

function keyId(prefix: string, n: number): string {
  return `${prefix}${n.toString(36).toUpperCase().padStart(16, 'Q')}`;
}

function ip(n: number): string {
  return `${20 + (n % 200)}.${(n * 7) % 256}.${(n * 13) % 256}.${n % 251}`;
}

/** One record; ~800 bytes like real management events. Cardinalities: 2k users, 200 roles, ~10k IPs, 40 agents. */
export function cloudTrailRecord(i: number, base: number): Record<string, unknown> {
  const eventTime = new Date(base + i * 250).toISOString().replace('.000Z', 'Z');
  const kind = i % 100;
  const [eventSource, eventName] = SOURCES[i % SOURCES.length];
  const user = `user-${i % 2000}`;
  const role = `role-${i % 200}`;
  let userIdentity: Record<string, unknown>;
  if (kind < 70) {
    userIdentity = {
      type: 'IAMUser',
      principalId: `AIDA${(i % 2000).toString().padStart(16, '0')}`,
      arn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
      accountId: ACCOUNT,
      accessKeyId: keyId('AKIA', i % 2000),
      userName: user,
    };
  } else if (kind < 97) {
    userIdentity = {
      type: 'AssumedRole',
      principalId: `AROA${(i % 200).toString().padStart(16, '0')}:session-${i % 5000}`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session-${i % 5000}`,
      accountId: ACCOUNT,
      accessKeyId: keyId('ASIA', i % 5000),
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${(i % 200).toString().padStart(16, '0')}`,
          arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
          accountId: ACCOUNT,
          userName: role,
        },
        attributes: { creationDate: eventTime, mfaAuthenticated: 'false' },
      },
    };
  } else {
    userIdentity = { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' };
  }
  const assume = kind === 98 || kind === 3;
  const record: Record<string, unknown> = {
    eventVersion: '1.09',
    userIdentity,
    eventTime,
    eventSource: assume ? 'sts.amazonaws.com' : eventSource,
    eventName: assume ? 'AssumeRole' : eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: kind >= 97 ? 'ec2.amazonaws.com' : ip(i % 10_007),
    userAgent: `aws-sdk-go/1.${i % 40}.0 (go1.22; linux; amd64)`,
    requestParameters: assume
      ? { roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, roleSessionName: `session-${i % 5000}` }
      : eventSource === 's3.amazonaws.com'
        ? { bucketName: `bucket-${i % 300}`, key: `data/${i}.json` }
        : { maxResults: 50 },
    responseElements: assume ? { credentials: { accessKeyId: keyId('ASIA', i % 5000), expiration: 'Jan 1, 2025, 1:00:00 AM' } } : null,
    requestID: `req-${i}`,
    eventID: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    readOnly: !assume,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${eventSource}` },
  };
  if (i % 23 === 0) {
    record.errorCode = 'AccessDenied';
    record.errorMessage = `User is not authorized to perform ${eventName}`;
  }
  return record;
}

export function writeCloudTrailNdjson(file: string, records: number): void {
  const fd = fs.openSync(file, 'w');
  const base = Date.UTC(2024, 5, 1);
  let chunk: string[] = [];
  for (let i = 0; i < records; i++) {
    chunk.push(JSON.stringify(cloudTrailRecord(i, base)));
    if (chunk.length === 20_000) {
      fs.writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) fs.writeSync(fd, `${chunk.join('\n')}\n`);
  fs.closeSync(fd);
}

const mod: BenchModule = {
  title: 'CloudTrail NDJSON ingest',
  async run({ repetitions }) {
    const out = path.resolve(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    const figures: BenchFigure[] = [];
    for (const records of [250_000, 1_000_000]) {
      const file = path.join(out, `cloudtrail_${records}.ndjson`);
      if (!fs.existsSync(file)) writeCloudTrailNdjson(file, records);
      const runs = [];
      for (let r = 0; r < (records === 1_000_000 ? repetitions : 1); r++) runs.push(await importIntoFreshCase(file));
      if (runs.some((x) => x.loaded !== records))
        throw new Error(`cloudtrail bench: expected ${records} loaded, got ${runs.map((x) => x.loaded).join(', ')}`);
      const rate = records / (median(runs.map((x) => x.ms)) / 1000);
      figures.push({
        name: `import ${records.toLocaleString('en-US')} records incl. index build`,
        value: rate,
        unit: 'records/s',
        target: `≥ ${TARGET_RECORDS_PER_S.toLocaleString('en-US')} records/s`,
        met: rate >= TARGET_RECORDS_PER_S,
        peakMb: Math.max(...runs.map((x) => x.peakMb)),
        note: `${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB file; ${runs.length} run(s), median; ${conditionsNote(runs)}`,
      });
      figures.push({
        name: `CPU per record, all threads (${records.toLocaleString('en-US')})`,
        value: median(runs.map((x) => (x.cpuMs * 1000) / records)),
        unit: 'µs',
        note: 'sha256, parsing in workers, writes, index build, usage roll-up; on 2 idle cores wall time is at least half of this',
      });
    }
    return figures;
  },
};
export default mod;
