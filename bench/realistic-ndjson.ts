// CloudTrail and Entra ID sign-in NDJSON shaped like real logs, for the NDJSON ingest bench (issue 20).
//
// Why: the CloudTrail generator this replaces was periodic (2,000 users and 5,000 sessions cycled by `i % n`,
// 40 agents `aws-sdk-go/1.${i % 40}.0 …`, one event every 250 ms in order, no resources array). Every
// dictionary the importer keeps stayed small and hot and no record named a new key, so it measured the best case
// (113k records/s) while the synthetic enterprise's files, which look like AWS's, imported at 37k.
// Both generators here are seeded: the same bytes on every machine.
//
// CloudTrail (writeRealisticCloudTrail), one record per line as CloudWatch Logs / lake exports deliver them:
// - principals: 5,000, Zipf-ranked (exponent 1.0: a few pipelines and service roles make most calls). 20% IAM
//   users with a long-term AKIA key (replaced after a geometric number of their events, mean 400), 77% roles
//   called through assumed-role sessions, 3% AWS services (userIdentity.type AWSService, the service's host as
//   source address and agent).
// - access keys: every assumed-role session has its own ASIA key and session name and ends after a geometric
//   number of its role's events (mean 4), so a new key appears every few events (at 1M records ~250k keys, the
//   ratio the synthetic enterprise's files have: 118k keys in 383k records). Successful AssumeRole calls issue
//   one more key each (responseElements.credentials).
// - actions: Zipf over 24 real calls, S3 object reads and writes first (data events), then KMS, STS, Secrets
//   Manager, DynamoDB, EC2, Lambda, SSM, logs, SQS, IAM reads, and rare IAM changes (CreateAccessKey).
// - resources: object-level ARNs as data events log them (`resources[0]` is arn:aws:s3:::bucket/key, then the
//   bucket): 400 buckets (Zipf), and 60% of object calls name an object never seen before (dated partition
//   paths with a random part), the rest one of the bucket's 50 most recent objects. KMS keys, secrets, tables,
//   functions, parameters and log groups are a few thousand ARNs (Zipf). At 1M records ~40% of records name a
//   distinct target, as object-level trails do.
// - source addresses: 55% the principal's own few hosts in its home /24, 30% a host of a popular /24 (300
//   Zipf-chosen), 12% a random public IPv4, 3% IPv6: the shares of the CSV bench (realistic-auth-events.ts).
// - user agents: each principal uses 1–3 clients from real SDK, CLI and browser families with versions
//   (realistic-auth-events.ts CLIENTS), 5% of calls from a freshly drawn one; every agent is 40–200 bytes.
// - times: a week, each record jittered ±5 minutes from its slot and 0.5% delivered 1–48 h late, so the file
//   is not sorted by eventTime. ~2% of calls fail (AccessDenied and friends).
//
// Entra ID sign-ins (writeRealisticEntraSignIns), diagnostic-settings NDJSON (category + properties):
// - 10,000 users (Zipf 1.0), 400 service principals with 1–2 client secrets each, 100 managed identities;
//   categories 20% SignInLogs (interactive), 55% NonInteractiveUserSignInLogs, 20% ServicePrincipalSignInLogs,
//   5% ManagedIdentitySignInLogs. 300 resources (apps signed in to), Zipf.
// - addresses and times as above; user agents: browsers for interactive sign-ins, MSAL / Office / SDK clients
//   for the rest (40–200 bytes), none for managed identities (as Entra logs them).
// - ~3% failures with the real error codes (50126 bad password, 50074 MFA required, 50140, 7000215 bad secret…).
// The shares are our assumptions, chosen to look like busy tenants and accounts; the bench prints the
// distinct counts it got so a reader can judge them.
import fs from 'node:fs';
import { CLIENTS, rng, zipf } from './realistic-auth-events.ts';

/** Bump when the output changes, so cached files in bench/out are regenerated rather than silently reused. */
export const NDJSON_GENERATOR_VERSION = 1;

export interface NdjsonStats {
  records: number;
  bytes: number;
  principals: number;
  keys: number;
  addresses: number;
  userAgents: number;
  targets: number;
  outOfOrder: number;
  userAgentBytes: { min: number; max: number };
}

type Draw = (n: number) => number;

const WORDS = ['payments', 'billing', 'ledger', 'search', 'ingest', 'etl', 'reports', 'backup', 'deploy', 'orders', 'catalog', 'ml', 'audit', 'crm'];
const FIRST = ['anna', 'ben', 'chen', 'dmitri', 'elena', 'farid', 'grace', 'hiro', 'ines', 'jonas', 'kofi', 'lena', 'maria', 'noah', 'olga'];
const LAST = ['smith', 'mueller', 'garcia', 'kim', 'nowak', 'rossi', 'silva', 'tanaka', 'okafor', 'dubois', 'patel', 'nguyen', 'larsen'];
const ACCOUNTS = ['123456789012', '210987654321', '345678901234'];
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';

/** What every record of both logs shares: the seeded draws, addresses, clients, times and the file writer. */
class Shape {
  readonly random: () => number;
  readonly r: Draw;
  private readonly prefixes: string[];
  private readonly v6: string[];
  private readonly pickPrefix: () => number;
  private readonly base = Date.UTC(2026, 10, 2);
  private readonly slotMs: number;
  readonly seen = {
    principals: new Set<number>(),
    keys: new Set<string>(),
    addresses: new Set<string>(),
    ua: new Set<string>(),
    targets: new Set<string>(),
  };
  readonly stats: NdjsonStats;
  private previousTs = -Infinity;

  constructor(seed: number, records: number) {
    this.random = rng(seed);
    this.r = (n) => Math.floor(this.random() * n);
    this.pickPrefix = zipf(300, 1.0, this.random);
    this.prefixes = Array.from({ length: 300 }, () => `${this.publicOctet()}.${this.r(256)}.${this.r(256)}`);
    this.v6 = Array.from({ length: 20 }, () => `2a0${1 + this.r(8)}:${this.hex(4)}:${this.hex(4)}:${this.hex(4)}`);
    this.slotMs = (7 * 86_400_000) / Math.max(1, records);
    this.stats = {
      records,
      bytes: 0,
      principals: 0,
      keys: 0,
      addresses: 0,
      userAgents: 0,
      targets: 0,
      outOfOrder: 0,
      userAgentBytes: { min: Infinity, max: 0 },
    };
  }

  publicOctet(): number {
    let x;
    do x = 1 + this.r(223);
    while (x === 10 || x === 127 || x === 100 || x === 172 || x === 192);
    return x;
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[this.r(16)];
    return s;
  }

  b32(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += B32[this.r(32)];
    return s;
  }

  guid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.r(4)]}${this.hex(3)}-${this.hex(12)}`;
  }

  /** Geometric with the given mean (memoryless: sessions and keys end at random). */
  lifetime(mean: number): number {
    return 1 + Math.floor(Math.log(1 - this.random()) / Math.log(1 - 1 / mean));
  }

  home(): { prefix: number; hosts: number[] } {
    return { prefix: this.r(300), hosts: Array.from({ length: 1 + this.r(4) }, () => 1 + this.r(254)) };
  }

  address(home: { prefix: number; hosts: number[] }): string {
    const u = this.random();
    if (u < 0.55) return `${this.prefixes[home.prefix]}.${home.hosts[this.r(home.hosts.length)]}`;
    if (u < 0.85) return `${this.prefixes[this.pickPrefix()]}.${1 + this.r(254)}`;
    if (u < 0.97) return `${this.publicOctet()}.${this.r(256)}.${this.r(256)}.${1 + this.r(254)}`;
    return `${this.v6[this.r(20)]}:${this.hex(4)}:${this.hex(4)}:${this.hex(4)}:${this.hex(4)}`;
  }

  /** A client string of 40–200 bytes from the given families. */
  client(families: readonly ((r: Draw) => string)[]): string {
    let ua;
    do ua = families[this.r(families.length)](this.r);
    while (ua.length < 40 || ua.length > 200);
    return ua;
  }

  /** The i-th record's time: its slot in a week, jittered ±5 min, 0.5% 1–48 h late. */
  time(i: number): number {
    let ts = this.base + i * this.slotMs + (this.random() + this.random() - 1) * 300_000;
    if (this.random() < 0.005) ts -= 3_600_000 * (1 + this.random() * 47);
    ts = Math.round(ts);
    if (ts < this.previousTs) this.stats.outOfOrder++;
    this.previousTs = ts;
    return ts;
  }

  note(principal: number, key: string | null, address: string, ua: string | null, target: string | null): void {
    this.seen.principals.add(principal);
    if (key) this.seen.keys.add(key);
    this.seen.addresses.add(address);
    if (ua) {
      this.seen.ua.add(ua);
      if (ua.length < this.stats.userAgentBytes.min) this.stats.userAgentBytes.min = ua.length;
      if (ua.length > this.stats.userAgentBytes.max) this.stats.userAgentBytes.max = ua.length;
    }
    if (target) this.seen.targets.add(target);
  }

  write(file: string, records: number, record: (i: number) => Record<string, unknown>): NdjsonStats {
    const fd = fs.openSync(file, 'w');
    let chunk = '';
    for (let i = 0; i < records; i++) {
      chunk += `${JSON.stringify(record(i))}\n`;
      if (chunk.length > 1 << 20) {
        this.stats.bytes += fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    this.stats.bytes += fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const s = this.seen;
    Object.assign(this.stats, {
      principals: s.principals.size,
      keys: s.keys.size,
      addresses: s.addresses.size,
      userAgents: s.ua.size,
      targets: s.targets.size,
    });
    return this.stats;
  }
}

interface AwsPrincipal {
  type: 'IAMUser' | 'AssumedRole' | 'AWSService';
  account: string;
  name: string;
  uniqueId: string;
  key: string;
  keyLeft: number;
  session: string;
  home: { prefix: number; hosts: number[] };
  clients: string[];
}

/** [eventSource, eventName, what it acts on]; the order is the Zipf rank (most frequent first). */
const CALLS: [
  string,
  string,
  'object' | 'bucket' | 'kms' | 'role' | 'secret' | 'table' | 'function' | 'parameter' | 'logs' | 'queue' | 'none' | 'key',
][] = [
  ['s3', 'GetObject', 'object'],
  ['s3', 'PutObject', 'object'],
  ['kms', 'Decrypt', 'kms'],
  ['sts', 'AssumeRole', 'role'],
  ['secretsmanager', 'GetSecretValue', 'secret'],
  ['dynamodb', 'GetItem', 'table'],
  ['s3', 'HeadObject', 'object'],
  ['ec2', 'DescribeInstances', 'none'],
  ['sts', 'GetCallerIdentity', 'none'],
  ['s3', 'ListObjects', 'bucket'],
  ['lambda', 'Invoke', 'function'],
  ['ssm', 'GetParameter', 'parameter'],
  ['logs', 'PutLogEvents', 'logs'],
  ['kms', 'GenerateDataKey', 'kms'],
  ['dynamodb', 'PutItem', 'table'],
  ['sqs', 'SendMessage', 'queue'],
  ['s3', 'DeleteObject', 'object'],
  ['iam', 'ListRoles', 'none'],
  ['iam', 'GetRole', 'role'],
  ['ecr', 'GetAuthorizationToken', 'none'],
  ['s3', 'GetBucketAcl', 'bucket'],
  ['ec2', 'DescribeSecurityGroups', 'none'],
  ['iam', 'ListAccessKeys', 'none'],
  ['iam', 'CreateAccessKey', 'key'],
];
const ERRORS = ['AccessDenied', 'AccessDeniedException', 'NoSuchKey', 'ThrottlingException', 'ResourceNotFoundException'];
const AWS_SERVICES = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'cloudformation.amazonaws.com',
  'config.amazonaws.com',
  'elasticloadbalancing.amazonaws.com',
];

/** Writes `records` CloudTrail records to `file` (NDJSON) and returns what the file holds. Deterministic. */
export function writeRealisticCloudTrail(file: string, records: number, seed = 20261208): NdjsonStats {
  const g = new Shape(seed, records);
  const { r, random } = g;
  const pickPrincipal = zipf(5_000, 1.0, random);
  const pickCall = zipf(CALLS.length, 1.0, random);
  const pickBucket = zipf(400, 1.0, random);
  const pickResource = zipf(3_000, 1.1, random);
  const pickRole = zipf(400, 1.0, random);
  const principals: AwsPrincipal[] = Array.from({ length: 5_000 }, (_, i) => {
    const u = random();
    const type = u < 0.2 ? 'IAMUser' : u < 0.97 ? 'AssumedRole' : 'AWSService';
    const name =
      type === 'IAMUser'
        ? r(2) === 0
          ? `${FIRST[r(FIRST.length)]}.${LAST[r(LAST.length)]}${i}`
          : `svc-${WORDS[r(WORDS.length)]}-${i}`
        : type === 'AssumedRole'
          ? `${WORDS[r(WORDS.length)]}-${WORDS[r(WORDS.length)]}-${i}${r(3) === 0 ? '-irsa' : ''}`
          : AWS_SERVICES[r(AWS_SERVICES.length)];
    return {
      type,
      account: ACCOUNTS[r(ACCOUNTS.length)],
      name,
      uniqueId: `${type === 'IAMUser' ? 'AIDA' : 'AROA'}${g.b32(17)}`,
      key: `${type === 'IAMUser' ? 'AKIA' : 'ASIA'}${g.b32(16)}`,
      keyLeft: g.lifetime(type === 'IAMUser' ? 400 : 4),
      session: `botocore-session-${1_700_000_000 + r(99_999_999)}`,
      home: g.home(),
      clients: Array.from({ length: 1 + r(3) }, () => g.client(CLIENTS)),
    };
  });
  const buckets = Array.from({ length: 400 }, (_, b) => `${WORDS[b % WORDS.length]}-${['prod', 'stage', 'dev'][b % 3]}-data-${g.hex(4)}`);
  const recent: string[][] = buckets.map(() => []);
  const kinds = ['kms', 'secret', 'table', 'function', 'parameter', 'logs', 'queue'] as const;
  const resources = new Map(
    kinds.map((k) => [
      k,
      Array.from({ length: 3_000 }, (_, n) => {
        const a = ACCOUNTS[n % 3];
        const region = REGIONS[n % 4];
        const w = WORDS[n % WORDS.length];
        switch (k) {
          case 'kms':
            return `arn:aws:kms:${region}:${a}:key/${g.guid()}`;
          case 'secret':
            return `arn:aws:secretsmanager:${region}:${a}:secret:prod/${w}/db-${n}-${g.b32(6).toLowerCase()}`;
          case 'table':
            return `arn:aws:dynamodb:${region}:${a}:table/${w}-${n}`;
          case 'function':
            return `arn:aws:lambda:${region}:${a}:function:${w}-handler-${n}`;
          case 'parameter':
            return `arn:aws:ssm:${region}:${a}:parameter/${w}/config-${n}`;
          case 'logs':
            return `arn:aws:logs:${region}:${a}:log-group:/aws/lambda/${w}-handler-${n}`;
          default:
            return `arn:aws:sqs:${region}:${a}:${w}-queue-${n}`;
        }
      }),
    ]),
  );
  const roleArns = Array.from({ length: 400 }, (_, n) => `arn:aws:iam::${ACCOUNTS[n % 3]}:role/${WORDS[n % WORDS.length]}-deploy-${n}`);

  const objectArn = (bucket: number, write: boolean): string => {
    const ring = recent[bucket];
    if (!write && ring.length && random() >= 0.6) return ring[r(ring.length)];
    const day = 1 + r(28);
    const key = `${['exports', 'raw', 'curated', 'tmp'][r(4)]}/dt=2026-11-${String(day).padStart(2, '0')}/hour=${String(r(24)).padStart(2, '0')}/part-${r(100_000)}-${g.hex(8)}.${['parquet', 'json.gz', 'csv'][r(3)]}`;
    const arn = `arn:aws:s3:::${buckets[bucket]}/${key}`;
    if (ring.length >= 50) ring[r(50)] = arn;
    else ring.push(arn);
    return arn;
  };

  return g.write(file, records, (i) => {
    const pIndex = pickPrincipal();
    const p = principals[pIndex];
    if (p.type !== 'AWSService' && --p.keyLeft < 0) {
      p.key = `${p.type === 'IAMUser' ? 'AKIA' : 'ASIA'}${g.b32(16)}`;
      p.keyLeft = g.lifetime(p.type === 'IAMUser' ? 400 : 4) - 1;
      if (p.type === 'AssumedRole') p.session = r(4) === 0 ? `i-0${g.hex(16)}` : `botocore-session-${1_700_000_000 + r(99_999_999)}`;
    }
    const ts = g.time(i);
    const eventTime = new Date(ts).toISOString().slice(0, 19) + 'Z';
    const [service, name, on] = CALLS[pickCall()];
    const region = REGIONS[r(4)];
    const service_ = p.type === 'AWSService';
    const ip = service_ ? p.name : g.address(p.home);
    const ua = service_ ? p.name : random() < 0.05 ? g.client(CLIENTS) : p.clients[r(p.clients.length)];
    const failed = random() < 0.02;

    let userIdentity: Record<string, unknown>;
    const arnBase = `arn:aws:iam::${p.account}`;
    if (p.type === 'IAMUser') {
      userIdentity = {
        type: 'IAMUser',
        principalId: p.uniqueId,
        arn: `${arnBase}:user/${p.name}`,
        accountId: p.account,
        accessKeyId: p.key,
        userName: p.name,
      };
    } else if (p.type === 'AssumedRole') {
      userIdentity = {
        type: 'AssumedRole',
        principalId: `${p.uniqueId}:${p.session}`,
        arn: `arn:aws:sts::${p.account}:assumed-role/${p.name}/${p.session}`,
        accountId: p.account,
        accessKeyId: p.key,
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: p.uniqueId, arn: `${arnBase}:role/${p.name}`, accountId: p.account, userName: p.name },
          webIdFederationData: {},
          attributes: { creationDate: eventTime, mfaAuthenticated: 'false' },
        },
      };
    } else userIdentity = { type: 'AWSService', invokedBy: p.name };

    let requestParameters: Record<string, unknown> | null = null;
    let responseElements: Record<string, unknown> | null = null;
    let res: { accountId?: string; type: string; ARN: string }[] | undefined;
    let target: string | null = null;
    let host = `${service}.${region}.amazonaws.com`;
    if (on === 'object' || on === 'bucket') {
      const b = pickBucket();
      host = `${buckets[b]}.s3.${region}.amazonaws.com`;
      const bucketArn = `arn:aws:s3:::${buckets[b]}`;
      if (on === 'object') {
        target = objectArn(b, name === 'PutObject');
        requestParameters = { bucketName: buckets[b], Host: host, key: target.slice(bucketArn.length + 1) };
        res = [
          { type: 'AWS::S3::Object', ARN: target },
          { accountId: p.account, type: 'AWS::S3::Bucket', ARN: bucketArn },
        ];
      } else {
        target = bucketArn;
        requestParameters = { bucketName: buckets[b], Host: host, prefix: 'exports/', 'list-type': '2' };
        res = [{ accountId: p.account, type: 'AWS::S3::Bucket', ARN: bucketArn }];
      }
    } else if (on === 'role') {
      target = roleArns[pickRole()];
      if (name === 'AssumeRole') {
        const session = `${p.name}-${r(1_000_000)}`;
        requestParameters = { roleArn: target, roleSessionName: session, durationSeconds: 3600 };
        const roleId = `AROA${g.b32(17)}`;
        responseElements = {
          credentials: { accessKeyId: `ASIA${g.b32(16)}`, sessionToken: g.b32(120), expiration: new Date(ts + 3_600_000).toUTCString() },
          assumedRoleUser: {
            assumedRoleId: `${roleId}:${session}`,
            arn: `${target.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/${session}`,
          },
        };
        res = [{ accountId: target.split(':')[4], type: 'AWS::IAM::Role', ARN: target }];
      } else requestParameters = { roleName: target.slice(target.lastIndexOf('/') + 1) };
    } else if (on === 'key') {
      requestParameters = { userName: p.type === 'IAMUser' ? p.name : `svc-${WORDS[r(WORDS.length)]}-${r(5_000)}` };
      responseElements = {
        accessKey: {
          accessKeyId: `AKIA${g.b32(16)}`,
          status: 'Active',
          userName: requestParameters.userName,
          createDate: new Date(ts).toUTCString(),
        },
      };
    } else if (on !== 'none') {
      target = resources.get(on)![pickResource()];
      const type = {
        kms: 'AWS::KMS::Key',
        secret: 'AWS::SecretsManager::Secret',
        table: 'AWS::DynamoDB::Table',
        function: 'AWS::Lambda::Function',
        parameter: 'AWS::SSM::Parameter',
        logs: 'AWS::Logs::LogGroup',
        queue: 'AWS::SQS::Queue',
      }[on];
      requestParameters =
        on === 'kms'
          ? { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { 'aws:lambda:FunctionArn': resources.get('function')![r(3000)] } }
          : on === 'secret'
            ? { secretId: target }
            : on === 'table'
              ? { tableName: target.slice(target.lastIndexOf('/') + 1), key: { pk: { S: `order#${r(1e9)}` } } }
              : { name: target.slice(target.lastIndexOf(':') + 1) };
      res = [{ accountId: target.split(':')[4], type, ARN: target }];
    } else requestParameters = name === 'DescribeInstances' ? { instancesSet: {}, filterSet: {} } : null;
    if (failed) responseElements = null;

    g.note(pIndex, service_ ? null : p.key, ip, service_ ? null : ua, target);
    const record: Record<string, unknown> = {
      eventVersion: '1.09',
      userIdentity,
      eventTime,
      eventSource: `${service}.amazonaws.com`,
      eventName: name,
      awsRegion: region,
      sourceIPAddress: ip,
      userAgent: ua,
    };
    if (failed) {
      record.errorCode = ERRORS[r(ERRORS.length)];
      record.errorMessage = `User: ${String(userIdentity.arn ?? p.name)} is not authorized to perform: ${service}:${name}`;
    }
    record.requestParameters = requestParameters;
    record.responseElements = responseElements;
    record.requestID = service === 's3' ? g.b32(16) : g.guid();
    record.eventID = g.guid();
    record.readOnly = /^(Get|List|Describe|Head)/.test(name);
    if (res) record.resources = res;
    record.eventType = 'AwsApiCall';
    record.managementEvent = !(on === 'object' || (service === 'dynamodb' && on === 'table') || name === 'Invoke');
    record.recipientAccountId = p.account;
    record.eventCategory = record.managementEvent ? 'Management' : 'Data';
    record.tlsDetails = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host };
    return record;
  });
}

/** Entra's own clients: MSAL and Office agents for non-interactive and service sign-ins. */
const ENTRA_CLIENTS: ((r: Draw) => string)[] = [
  (r) => `MSAL.NetCore/4.${55 + r(10)}.${r(4)}.0 (.NET ${6 + r(3)}.0.${r(30)}; Linux 5.15.0-${1000 + r(80)}-azure #${r(100)}-Ubuntu SMP)`,
  (r) => `MSAL Python/1.${24 + r(6)}.0 Python/3.11.${r(9)} (Linux-5.15.0-${1000 + r(80)}-azure-x86_64-with-glibc2.35)`,
  (r) => `azsdk-js-identity/4.${r(5)}.${r(3)} core-rest-pipeline/1.${12 + r(6)}.0 Node/v20.${r(18)}.0 OS/(x64-Linux-5.15.0-${1000 + r(80)}-azure)`,
  (r) =>
    `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${118 + r(12)}.0.0.0 Safari/537.36 Teams/24${r(300)}.${r(3000)}.${r(3000)}.${r(9000)}`,
  (r) => `Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.${17000 + r(900)}; Pro)`,
  (r) => `Windows-AzureAD-Authentication-Provider/1.0 (Windows NT 10.0; Win64; x64; build ${19041 + r(5)}.${r(4000)})`,
];
const BROWSERS = CLIENTS.slice(-5);
const SIGNIN_ERRORS: [number, string][] = [
  [50126, 'Error validating credentials due to invalid username or password.'],
  [50074, 'Strong Authentication is required.'],
  [50140, 'This error occurred due to "Keep me signed in" interrupt when the user was signing in.'],
  [
    50076,
    'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.',
  ],
  [7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.'],
];
const APPS = [
  'Office 365 Exchange Online',
  'Microsoft Graph',
  'Azure Portal',
  'SharePoint Online',
  'Microsoft Teams',
  'Azure Key Vault',
  'Salesforce',
  'GitHub Enterprise',
  'Atlassian Jira',
  'Snowflake',
  'Workday',
  'ServiceNow',
];
const CITIES: [string, string, string, number, number][] = [
  ['Frankfurt am Main', 'Hessen', 'DE', 50.1109, 8.6821],
  ['Dublin', 'Dublin', 'IE', 53.3498, -6.2603],
  ['Seattle', 'Washington', 'US', 47.6062, -122.3321],
  ['London', 'England', 'GB', 51.5072, -0.1276],
  ['Singapore', 'Singapore', 'SG', 1.3521, 103.8198],
  ['Sao Paulo', 'Sao Paulo', 'BR', -23.5505, -46.6333],
];

interface EntraPrincipal {
  kind: 'user' | 'sp' | 'mi';
  id: string;
  appId: string;
  name: string;
  upn: string;
  secrets: string[];
  home: { prefix: number; hosts: number[] };
  city: number;
  clients: string[];
}

/** Writes `records` Entra ID sign-ins (diagnostic-settings NDJSON) to `file`. Deterministic. */
export function writeRealisticEntraSignIns(file: string, records: number, seed = 20261209): NdjsonStats {
  const g = new Shape(seed, records);
  const { r, random } = g;
  const tenant = g.guid();
  const make = (kind: EntraPrincipal['kind'], n: number): EntraPrincipal => {
    const first = FIRST[r(FIRST.length)];
    const last = LAST[r(LAST.length)];
    const name = kind === 'user' ? `${first} ${last}` : `${WORDS[r(WORDS.length)]}-${kind === 'sp' ? 'app' : 'identity'}-${n}`;
    return {
      kind,
      id: g.guid(),
      appId: g.guid(),
      name,
      upn: `${first}.${last}${n}@contoso.example`,
      secrets: kind === 'sp' ? Array.from({ length: 1 + r(2) }, () => g.guid()) : [],
      home: g.home(),
      city: r(CITIES.length),
      clients: kind === 'mi' ? [] : Array.from({ length: 1 + r(3) }, () => g.client(kind === 'user' && r(2) === 0 ? BROWSERS : ENTRA_CLIENTS)),
    };
  };
  const users = Array.from({ length: 10_000 }, (_, n) => make('user', n));
  const sps = Array.from({ length: 400 }, (_, n) => make('sp', n));
  const mis = Array.from({ length: 100 }, (_, n) => make('mi', n));
  const pickUser = zipf(users.length, 1.0, random);
  const pickSp = zipf(sps.length, 1.0, random);
  const pickMi = zipf(mis.length, 1.0, random);
  const apps = Array.from({ length: 300 }, (_, n) => ({ id: g.guid(), name: n < APPS.length ? APPS[n] : `${WORDS[n % WORDS.length]} portal ${n}` }));
  const pickApp = zipf(apps.length, 1.0, random);

  return g.write(file, records, (i) => {
    const u = random();
    const category =
      u < 0.2 ? 'SignInLogs' : u < 0.75 ? 'NonInteractiveUserSignInLogs' : u < 0.95 ? 'ServicePrincipalSignInLogs' : 'ManagedIdentitySignInLogs';
    const userish = u < 0.75;
    const index = userish ? pickUser() : u < 0.95 ? 10_000 + pickSp() : 10_400 + pickMi();
    const p = userish ? users[index] : u < 0.95 ? sps[index - 10_000] : mis[index - 10_400];
    const ts = g.time(i);
    const frac = String(r(10_000_000)).padStart(7, '0');
    const time = `${new Date(ts).toISOString().slice(0, 19)}.${frac}`;
    const ip = g.address(p.home);
    const interactive = category === 'SignInLogs';
    const ua = p.kind === 'mi' ? null : interactive ? g.client(BROWSERS) : random() < 0.05 ? g.client(ENTRA_CLIENTS) : p.clients[r(p.clients.length)];
    const failure = random() < 0.03 ? SIGNIN_ERRORS[p.kind === 'sp' ? 4 : r(4)] : null;
    const app = apps[pickApp()];
    const client = userish ? apps[r(12)] : { id: p.appId, name: p.name };
    const city = CITIES[random() < 0.9 ? p.city : r(CITIES.length)];
    const secret = p.secrets.length ? p.secrets[r(p.secrets.length)] : null;
    g.note(index, secret, ip, ua, app.id);
    const correlationId = g.guid();
    const properties: Record<string, unknown> = {
      id: g.guid(),
      createdDateTime: `${time}+00:00`,
      ...(userish ? { userDisplayName: p.name, userPrincipalName: p.upn, userId: p.id } : { userId: null }),
      appId: client.id,
      appDisplayName: client.name,
      ipAddress: ip,
      status: failure
        ? { errorCode: failure[0], failureReason: failure[1], additionalDetails: 'MFA requirement satisfied by claim in the token' }
        : { errorCode: 0 },
      clientAppUsed: interactive ? 'Browser' : userish ? 'Mobile Apps and Desktop clients' : null,
      ...(ua ? { userAgent: ua } : {}),
      deviceDetail: userish
        ? {
            deviceId: r(3) === 0 ? '' : g.guid(),
            displayName: '',
            operatingSystem: ['Windows10', 'MacOs', 'Ios', 'Linux'][r(4)],
            browser: interactive ? 'Chrome 124.0.0' : '',
          }
        : undefined,
      location: { city: city[0], state: city[1], countryOrRegion: city[2], geoCoordinates: { latitude: city[3], longitude: city[4] } },
      correlationId,
      conditionalAccessStatus: userish ? ['success', 'notApplied', 'failure'][r(10) === 0 ? 2 : r(2)] : 'notApplied',
      appliedConditionalAccessPolicies: [],
      authenticationRequirement: interactive ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
      isInteractive: interactive,
      tokenIssuerType: 'AzureAD',
      processingTimeInMilliseconds: 20 + r(600),
      riskDetail: 'none',
      riskLevelAggregated: 'none',
      riskLevelDuringSignIn: 'none',
      riskState: 'none',
      resourceDisplayName: app.name,
      resourceId: app.id,
      ...(userish ? { userType: 'Member' } : { servicePrincipalId: p.id, servicePrincipalName: p.name }),
      ...(p.kind === 'sp' ? { servicePrincipalCredentialKeyId: secret, clientCredentialType: 'clientSecret' } : {}),
      ...(p.kind === 'mi' ? { managedIdentityType: r(2) ? 'systemAssigned' : 'userAssigned', clientCredentialType: 'managedIdentity' } : {}),
      crossTenantAccessType: 'none',
      authenticationProtocol: interactive ? 'none' : 'oAuth2',
      incomingTokenType: 'none',
      uniqueTokenIdentifier: Buffer.from(g.hex(24)).toString('base64url'),
    };
    return {
      time: `${time}Z`,
      resourceId: `/tenants/${tenant}/providers/Microsoft.aadiam`,
      operationName: 'Sign-in activity',
      operationVersion: '1.0',
      category,
      tenantId: tenant,
      resultType: failure ? String(failure[0]) : '0',
      resultSignature: 'None',
      resultDescription: failure?.[1],
      durationMs: 0,
      callerIpAddress: ip,
      correlationId,
      identity: userish ? p.name : undefined,
      Level: 4,
      location: city[2],
      properties,
    };
  });
}
