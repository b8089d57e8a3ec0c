// A canonical auth_events.csv shaped like real authentication logs, for the ingest bench (issue 20).
//
// Why: the generator this replaces was periodic (`svc-${i % 20000}`, 1,900 addresses from `10.${i % 20}…`,
// `ua/${i % 50}`, one event a second in order). Every dictionary stayed tiny and hot, so it measured the
// importer's best case, not what an analyst's files cost. This one draws every column from the distributions
// real logs have, seeded, so a file is the same bytes on every machine and runs are comparable.
//
// What each column looks like (defaults; all in REALISTIC_DEFAULTS):
// - identity: 20,000 identities, Zipf-distributed by rank (exponent 1.0: a few service principals and roles
//   produce most events, the long tail of people a handful each). Names mix e-mail UPNs, service accounts and
//   IAM role ARNs.
// - credential: every identity holds one access key at a time and replaces it after a geometric number of its
//   own events (mean 50). Heavy identities therefore rotate keys every few minutes of their traffic (as
//   assumed-role sessions do), light ones keep one key; at 1M rows there are about as many keys as identities
//   again (~40k). Keys look like AWS key ids (AKIA/ASIA + 16 base-32 characters).
// - source_ip: 55% from the identity's own few hosts in its home /24, 30% from a random host of a popular /24
//   (300 public /24s, Zipf-chosen: NAT gateways, VPNs, office egress), 12% a random public IPv4 address (the
//   long tail: mobile carriers, residential ISPs, scanners), 3% IPv6 (random interface ids in a few /64s).
//   At 1M rows that is ~200k distinct addresses, i.e. most distinct addresses are seen once or twice, the
//   shape of internet-facing sshd and CloudTrail logs. The shares are our assumption, not measured from a
//   corpus; the bench prints the distinct counts it got so the reader can judge.
// - user_agent: each identity uses 1-3 clients chosen from real client families (aws-cli, boto3, the Go, Java
//   and JS SDKs, Terraform, kubectl, Azure CLI, PowerShell, Chrome, Edge, Firefox, Safari on macOS and iOS)
//   with real-looking version numbers; 5% of events come from a freshly drawn client (upgrades, one-off tools).
//   Every agent is 40-200 bytes; browser agents contain commas, so the CSV quotes them (RFC 4180).
// - timestamp: a week of traffic in arrival order, each event jittered by up to ±5 minutes from its slot, and
//   0.5% late arrivals stamped 1-48 hours earlier (delayed log delivery). So the file is not sorted by time.
// - action and target: Zipf over 40 real action names and 5,000 targets (hosts, buckets/objects, secrets, apps).
// - outcome: ~1% failure.
import fs from 'node:fs';

/** Bump when the output changes, so cached files in bench/out are regenerated rather than silently reused. */
export const REALISTIC_GENERATOR_VERSION = 1;

export const REALISTIC_DEFAULTS = {
  seed: 20240101,
  identities: 20_000,
  identityZipf: 1.0,
  targets: 5_000,
  targetZipf: 1.1,
  meanEventsPerKey: 50,
  popularPrefixes: 300,
  /** Shares of source addresses: identity's home hosts, popular /24s, random IPv4; IPv6 is the rest. */
  ipHome: 0.55,
  ipPopular: 0.3,
  ipRandom: 0.12,
  newClientShare: 0.05,
  spanDays: 7,
  jitterMinutes: 5,
  lateShare: 0.005,
  failureShare: 0.01,
};
export type RealisticOptions = typeof REALISTIC_DEFAULTS;

export interface RealisticStats {
  rows: number;
  bytes: number;
  identities: number;
  keys: number;
  addresses: number;
  ipv6Addresses: number;
  userAgents: number;
  targets: number;
  /** Rows whose timestamp is earlier than the row before: how far from sorted the file is. */
  outOfOrder: number;
  failures: number;
  userAgentBytes: { min: number; max: number };
}

/** sfc32: small, fast, good enough statistically for synthetic data, and easy to seed reproducibly. */
export function rng(seed: number): () => number {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next(); // the first outputs of a fresh sfc32 state are correlated with the seed
  return next;
}

/** Samples ranks 0..n-1 with P(r) ∝ 1/(r+1)^s, by binary search over the cumulative distribution. */
export function zipf(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / (r + 1) ** s;
  for (let r = 0; r < n; r++) cdf[r] /= sum;
  return () => {
    const u = random();
    let lo = 0,
      hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const WORDS = [
  'payments',
  'billing',
  'ledger',
  'search',
  'ingest',
  'etl',
  'reports',
  'backup',
  'deploy',
  'build',
  'monitor',
  'gateway',
  'auth',
  'orders',
  'catalog',
  'inventory',
  'analytics',
  'ml',
  'batch',
  'sync',
  'export',
  'audit',
  'crm',
  'hr',
];
const FIRST = [
  'anna',
  'ben',
  'chen',
  'dmitri',
  'elena',
  'farid',
  'grace',
  'hiro',
  'ines',
  'jonas',
  'kofi',
  'lena',
  'maria',
  'noah',
  'olga',
  'pablo',
  'quinn',
  'rosa',
  'sven',
  'tara',
  'uma',
  'vik',
  'wei',
  'yara',
  'zoe',
];
const LAST = [
  'smith',
  'mueller',
  'garcia',
  'kim',
  'nowak',
  'rossi',
  'silva',
  'tanaka',
  'okafor',
  'johansson',
  'dubois',
  'kowalski',
  'patel',
  'nguyen',
  'haddad',
  'larsen',
  'moreau',
  'schmidt',
  'ivanova',
  'brown',
];
const ACTIONS = [
  'AssumeRole',
  'GetObject',
  'PutObject',
  'ListBuckets',
  'GetCallerIdentity',
  'DescribeInstances',
  'Decrypt',
  'GetSecretValue',
  'ConsoleLogin',
  'GetParameters',
  'Invoke',
  'ListUsers',
  'CreateAccessKey',
  'UpdateAssumeRolePolicy',
  'AttachRolePolicy',
  'RunInstances',
  'DeleteObject',
  'GetFederationToken',
  'sign-in',
  'ssh-login',
  'kerberos-tgs',
  'kerberos-tgt',
  'ntlm-auth',
  'ldap-bind',
  'oauth2-token',
  'saml-assertion',
  'rdp-login',
  'sudo',
  'vpn-connect',
  'git-clone',
  'git-push',
  'kubectl-exec',
  'db-connect',
  'ListRoles',
  'GetPolicyVersion',
  'CreateUser',
  'PassRole',
  'StartSession',
  'GetLogEvents',
  'BatchGetItem',
];
const ACCOUNT = '123456789012';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Real client families with versions in the shapes their libraries emit; `r(n)` draws 0..n-1. */
export const CLIENTS: ((r: (n: number) => number) => string)[] = [
  (r) =>
    `aws-cli/2.${r(20)}.${r(40)} Python/3.11.${r(10)} Linux/5.10.${200 + r(30)}-${200 + r(20)}.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/${['s3.cp', 'sts.get-caller-identity', 'ec2.describe-instances', 'iam.list-roles'][r(4)]}`,
  (r) => {
    const v = `1.34.${r(160)}`;
    return `Boto3/${v} md/Botocore#${v} ua/2.0 os/linux#6.1.${r(80)}-${r(120)}.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.${r(8)} md/pyimpl#CPython cfg/retry-mode#legacy Botocore/${v}`;
  },
  (r) =>
    `aws-sdk-go-v2/1.${20 + r(12)}.${r(10)} os/linux lang/go#1.22.${r(10)} md/GOOS#linux md/GOARCH#amd64 api/${['s3', 'sts', 'ec2', 'dynamodb'][r(4)]}#1.${r(60)}.${r(10)}`,
  (r) => {
    const j = `17.0.${r(12)}`;
    return `aws-sdk-java/1.12.${500 + r(200)} Linux/5.15.0-${r(120)}-generic OpenJDK_64-Bit_Server_VM/${j}+7 java/${j} vendor/Eclipse_Adoptium cfg/retry-mode/standard`;
  },
  (r) => {
    const v = `3.${400 + r(200)}.0`;
    return `aws-sdk-js/${v} ua/2.0 os/linux#5.10.${r(230)} lang/js md/nodejs#20.${r(18)}.0 api/sts#${v}`;
  },
  (r) =>
    `Terraform/1.${5 + r(5)}.${r(8)} (+https://www.terraform.io) terraform-provider-aws/5.${r(60)}.0 (+https://registry.terraform.io/providers/hashicorp/aws)`,
  (r) => `kubectl/v1.${26 + r(5)}.${r(12)} (linux/amd64) kubernetes/${(r(0xfffffff) + 0x1000000).toString(16).slice(0, 7)}`,
  (r) =>
    `AZURECLI/2.${50 + r(15)}.0 (MSI) azsdk-python-azure-mgmt-resource/23.${r(3)}.${r(3)} Python/3.11.${r(9)} (Linux-5.15.0-${1000 + r(60)}-azure-x86_64-with-glibc2.35)`,
  (r) => `Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.${19041 + r(5)}; en-US) PowerShell/7.${2 + r(3)}.${r(12)}`,
  (r) =>
    `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${118 + r(12)}.0.${5900 + r(600)}.${r(200)} Safari/537.36`,
  (r) => {
    const v = `${118 + r(12)}.0.${2000 + r(400)}.${r(100)}`;
    return `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v} Safari/537.36 Edg/${v}`;
  },
  (r) => {
    const v = 115 + r(15);
    return `Mozilla/5.0 (X11; Linux x86_64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`;
  },
  (r) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${r(6)} Safari/605.1.15`,
  (r) => {
    const v = `17_${r(7)}`;
    return `Mozilla/5.0 (iPhone; CPU iPhone OS ${v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v.replace('_', '.')} Mobile/15E148 Safari/604.1`;
  },
];

/** RFC 4180: quote a field only when it holds a comma, quote or line break. */
function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Writes `rows` events to `file` and returns what the file holds (distinct counts etc.). Deterministic per options. */
export function writeRealisticAuthEventsCsv(file: string, rows: number, overrides: Partial<RealisticOptions> = {}): RealisticStats {
  const o = { ...REALISTIC_DEFAULTS, ...overrides };
  const random = rng(o.seed);
  const r = (n: number) => Math.floor(random() * n);
  const pickIdentity = zipf(o.identities, o.identityZipf, random);
  const pickTarget = zipf(o.targets, o.targetZipf, random);
  const pickAction = zipf(ACTIONS.length, 1.0, random);
  const pickPrefix = zipf(o.popularPrefixes, 1.0, random);

  // Public-looking /24s (first octet outside 0, 10, 127 and the multicast/reserved space).
  const publicOctet = () => {
    let x;
    do x = 1 + r(223);
    while (x === 10 || x === 127 || x === 100 || x === 172 || x === 192);
    return x;
  };
  const prefixes = Array.from({ length: o.popularPrefixes }, () => `${publicOctet()}.${r(256)}.${r(256)}`);
  const v6Prefixes = Array.from(
    { length: 20 },
    () => `2a0${1 + r(8)}:${r(0x10000).toString(16)}:${r(0x10000).toString(16)}:${r(0x10000).toString(16)}`,
  );

  const newKey = (kind: number) => {
    let k = kind % 3 === 2 ? 'ASIA' : 'AKIA';
    for (let i = 0; i < 16; i++) k += B32[r(32)];
    return k;
  };
  const newClient = () => {
    let ua;
    do ua = CLIENTS[r(CLIENTS.length)](r);
    while (ua.length < 40 || ua.length > 200);
    return ua;
  };

  // Per-identity state, fixed up front so an identity keeps its name, home network and clients all file long.
  const names: string[] = [];
  const homePrefix = new Int32Array(o.identities);
  const homeHosts: number[][] = [];
  const clients: string[][] = [];
  const keys: string[] = [];
  const keyLeft = new Int32Array(o.identities);
  // Geometric lifetime with mean meanEventsPerKey: key changes are memoryless, like sessions that end at random.
  const lifetime = () => 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - 1 / o.meanEventsPerKey));
  for (let id = 0; id < o.identities; id++) {
    const kind = r(3);
    names.push(
      kind === 0
        ? `${FIRST[r(FIRST.length)]}.${LAST[r(LAST.length)]}${id}@corp.example.com`
        : kind === 1
          ? `svc-${WORDS[r(WORDS.length)]}-${id}`
          : `arn:aws:iam::${ACCOUNT}:role/${WORDS[r(WORDS.length)]}-${WORDS[r(WORDS.length)]}-${id}`,
    );
    homePrefix[id] = r(o.popularPrefixes);
    homeHosts.push(Array.from({ length: 1 + r(4) }, () => 1 + r(254)));
    clients.push(Array.from({ length: 1 + r(3) }, newClient));
    keys.push(newKey(kind));
    keyLeft[id] = lifetime();
  }
  const targets = Array.from({ length: o.targets }, (_, t) => {
    switch (t % 5) {
      case 0:
        return `host-${t}.prod.corp.example.com`;
      case 1:
        return `arn:aws:s3:::${WORDS[t % WORDS.length]}-data-${t}/exports/${2020 + (t % 5)}/part-${t}.parquet`;
      case 2:
        return `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${WORDS[t % WORDS.length]}/db-${t}-${((t * 2654435761) >>> 0).toString(36).slice(0, 6)}`;
      case 3:
        return `app:${['salesforce', 'github', 'slack', 'workday', 'jira', 'snowflake'][t % 6]}/${t}`;
      default:
        return `db-${WORDS[t % WORDS.length]}-${t}.internal:5432`;
    }
  });

  const seen = {
    identities: new Set<number>(),
    keys: new Set<string>(),
    addresses: new Set<string>(),
    ua: new Set<string>(),
    targets: new Set<number>(),
  };
  const stats: RealisticStats = {
    rows,
    bytes: 0,
    identities: 0,
    keys: 0,
    addresses: 0,
    ipv6Addresses: 0,
    userAgents: 0,
    targets: 0,
    outOfOrder: 0,
    failures: 0,
    userAgentBytes: { min: Infinity, max: 0 },
  };
  const base = Date.UTC(2024, 0, 1);
  const slotMs = (o.spanDays * 86_400_000) / Math.max(1, rows);
  const jitterMs = o.jitterMinutes * 60_000;
  let previousTs = -Infinity;

  const fd = fs.openSync(file, 'w');
  let chunk = 'timestamp,identity,credential,source_ip,user_agent,action,target,outcome\n';
  for (let i = 0; i < rows; i++) {
    const id = pickIdentity();
    if (--keyLeft[id] < 0) {
      keys[id] = newKey(id);
      keyLeft[id] = lifetime() - 1;
    }
    let ts = base + i * slotMs + (random() + random() - 1) * jitterMs; // triangular jitter: most events near their slot
    if (random() < o.lateShare) ts -= 3_600_000 * (1 + random() * 47);
    ts = Math.max(base - 2 * 86_400_000, Math.round(ts / 1000) * 1000);
    if (ts < previousTs) stats.outOfOrder++;
    previousTs = ts;

    const u = random();
    let ip: string;
    if (u < o.ipHome) ip = `${prefixes[homePrefix[id]]}.${homeHosts[id][r(homeHosts[id].length)]}`;
    else if (u < o.ipHome + o.ipPopular) ip = `${prefixes[pickPrefix()]}.${1 + r(254)}`;
    else if (u < o.ipHome + o.ipPopular + o.ipRandom) ip = `${publicOctet()}.${r(256)}.${r(256)}.${1 + r(254)}`;
    else {
      ip = `${v6Prefixes[r(v6Prefixes.length)]}:${r(0x10000).toString(16)}:${r(0x10000).toString(16)}:${r(0x10000).toString(16)}:${r(0x10000).toString(16)}`;
      if (!seen.addresses.has(ip)) stats.ipv6Addresses++;
    }
    const ua = random() < o.newClientShare ? newClient() : clients[id][r(clients[id].length)];
    const target = pickTarget();
    const failed = random() < o.failureShare;
    if (failed) stats.failures++;

    seen.identities.add(id);
    seen.keys.add(keys[id]);
    seen.addresses.add(ip);
    seen.ua.add(ua);
    seen.targets.add(target);
    if (ua.length < stats.userAgentBytes.min) stats.userAgentBytes.min = ua.length;
    if (ua.length > stats.userAgentBytes.max) stats.userAgentBytes.max = ua.length;

    chunk += `${new Date(ts).toISOString().replace('.000Z', 'Z')},${names[id]},${keys[id]},${ip},${csvField(ua)},${ACTIONS[pickAction()]},${targets[target]},${failed ? 'failure' : 'success'}\n`;
    if (chunk.length > 1 << 20) {
      stats.bytes += fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  stats.bytes += fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  stats.identities = seen.identities.size;
  stats.keys = seen.keys.size;
  stats.addresses = seen.addresses.size;
  stats.userAgents = seen.ua.size;
  stats.targets = seen.targets.size;
  return stats;
}
