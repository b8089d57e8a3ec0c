// A CloudTrail S3 delivery tree as AWS writes it: AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
// <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<random>.json.gz, one gzipped one-line {"Records":[…]} per region
// and five-minute window, plus the CloudTrail-Digest tree beside it (one digest per region and hour).
// Object sizes follow what busy and quiet windows give: records per object are log-normal (median 150, long tail
// to 2,000, a few empty objects), so most objects are small and a few are large, as in real buckets. Records come
// from cloudTrailRecord (below; the periodic generator the NDJSON bench used before) with a seeded offset per object.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

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

/**
 * One record; ~800 bytes like real management events. Cardinalities: 2k users, 200 roles, ~10k IPs, 40 agents.
 * Periodic (`i % n`): the NDJSON bench moved to realistic-ndjson.ts; the tree bench keeps this one so its figures
 * stay comparable with the ones recorded.
 */
function cloudTrailRecord(i: number, base: number): Record<string, unknown> {
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

/** Deterministic uniform numbers in [0, 1). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TreeStats {
  objects: number;
  digests: number;
  records: number;
  bytes: number;
}

/** Writes `objects` log objects (and their digests) under `root`; returns what it wrote. */
export function writeCloudTrailTree(root: string, objects: number, seed = 7): TreeStats {
  const random = seeded(seed);
  const base = Date.UTC(2024, 5, 1);
  const stats: TreeStats = { objects: 0, digests: 0, records: 0, bytes: 0 };
  let next = 0;
  const hours = new Set<string>();
  for (let o = 0; o < objects; o++) {
    const region = REGIONS[o % REGIONS.length];
    const window = base + Math.floor(o / REGIONS.length) * 5 * 60_000;
    const stamp = new Date(window).toISOString();
    const [y, m, d] = stamp.slice(0, 10).split('-');
    // Box–Muller: log-normal record counts, median 150.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const n = random() < 0.02 ? 0 : Math.min(2000, Math.max(1, Math.round(150 * Math.exp(0.9 * z))));
    const records = [];
    for (let i = 0; i < n; i++) {
      const r = cloudTrailRecord(next++, base);
      r.eventTime = new Date(window + Math.floor(random() * 300_000)).toISOString().replace(/\.\d+Z$/, 'Z');
      r.awsRegion = region;
      records.push(r);
    }
    const dir = path.join(root, 'AWSLogs', ACCOUNT, 'CloudTrail', region, y, m, d);
    fs.mkdirSync(dir, { recursive: true });
    const name = `${ACCOUNT}_CloudTrail_${region}_${stamp.slice(0, 16).replace(/[-:]/g, '')}Z_${Math.floor(random() * 2 ** 40).toString(36)}.json.gz`;
    const body = zlib.gzipSync(JSON.stringify({ Records: records }));
    fs.writeFileSync(path.join(dir, name), body);
    stats.objects++;
    stats.records += n;
    stats.bytes += body.length;
    const hour = `${region}/${stamp.slice(0, 13)}`;
    if (!hours.has(hour)) {
      hours.add(hour);
      const ddir = path.join(root, 'AWSLogs', ACCOUNT, 'CloudTrail-Digest', region, y, m, d);
      fs.mkdirSync(ddir, { recursive: true });
      const digest = {
        awsAccountId: ACCOUNT,
        digestStartTime: stamp,
        digestEndTime: stamp,
        digestS3Bucket: 'trail-bucket',
        digestS3Object: `AWSLogs/${ACCOUNT}/CloudTrail-Digest/${region}/${y}/${m}/${d}/x.json.gz`,
        digestPublicKeyFingerprint: 'f'.repeat(32),
        digestSignatureAlgorithm: 'SHA256withRSA',
        newestEventTime: stamp,
        oldestEventTime: stamp,
        previousDigestSignature: null,
        logFiles: [],
      };
      fs.writeFileSync(
        path.join(ddir, `${ACCOUNT}_CloudTrail-Digest_${region}_trail_${region}_${stamp.slice(0, 13).replace(/[-:]/g, '')}0000Z.json.gz`),
        zlib.gzipSync(JSON.stringify(digest)),
      );
      stats.digests++;
    }
  }
  return stats;
}
