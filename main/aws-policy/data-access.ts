// Data-access edges (`access` with read/write/admin) from principals to the data services the case
// knows: S3, Secrets Manager, SSM Parameter Store, KMS, DynamoDB and RDS. A policy that names specific
// resources gets one system node per resource; a wildcard gets one node per service per account,
// e.g. `aws:<account>:s3:*` "all S3 buckets in <account>". Resource policies (bucket, key, secret
// policies) are not in this export, so these edges say what the principal's own policies allow; a resource
// whose own policy is imported has its edges re-derived from both sides (resource-policy.ts).
import { granted, type Analysis } from './analysis.ts';
import type { Decision } from './evaluate.ts';
import type { Principal } from './model.ts';

interface Service {
  id: string;
  /** Action prefixes whose resources belong to this service. */
  prefixes: string[];
  label: string;
  kind: 'storage' | 'secret_store' | 'database';
  levels: [level: 1 | 2 | 3, actions: string[]][];
  /** A resource of this service that no policy names, for probing "all of them". */
  anyResource(account: string): string;
}

const SERVICES: Service[] = [
  {
    id: 's3',
    prefixes: ['s3'],
    label: 'S3 buckets',
    kind: 'storage',
    levels: [
      [3, ['s3:PutBucketPolicy', 's3:DeleteBucket', 's3:PutBucketAcl']],
      [2, ['s3:PutObject', 's3:DeleteObject']],
      [1, ['s3:GetObject', 's3:ListBucket']],
    ],
    anyResource: () => 'arn:aws:s3:::blastmap-any-bucket',
  },
  {
    id: 'secretsmanager',
    prefixes: ['secretsmanager'],
    label: 'Secrets Manager secrets',
    kind: 'secret_store',
    levels: [
      [3, ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteSecret']],
      [2, ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret']],
      [1, ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue']],
    ],
    anyResource: (a) => `arn:aws:secretsmanager:us-east-1:${a}:secret:blastmap-any-secret-AbCdEf`,
  },
  {
    id: 'ssm',
    prefixes: ['ssm'],
    label: 'SSM parameters',
    kind: 'secret_store',
    levels: [
      [3, ['ssm:DeleteParameter', 'ssm:DeleteParameters']],
      [2, ['ssm:PutParameter']],
      [1, ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath']],
    ],
    anyResource: (a) => `arn:aws:ssm:us-east-1:${a}:parameter/blastmap-any-parameter`,
  },
  {
    id: 'kms',
    prefixes: ['kms'],
    label: 'KMS keys',
    kind: 'secret_store',
    levels: [
      [3, ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CreateGrant']],
      [2, ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptTo']],
      [1, ['kms:Decrypt']],
    ],
    anyResource: (a) => `arn:aws:kms:us-east-1:${a}:key/blastmap-any-key`,
  },
  {
    id: 'dynamodb',
    prefixes: ['dynamodb'],
    label: 'DynamoDB tables',
    kind: 'database',
    levels: [
      [3, ['dynamodb:DeleteTable', 'dynamodb:PutResourcePolicy', 'dynamodb:UpdateTable']],
      [2, ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']],
      [1, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem']],
    ],
    anyResource: (a) => `arn:aws:dynamodb:us-east-1:${a}:table/blastmap-any-table`,
  },
  {
    id: 'rds',
    prefixes: ['rds', 'rds-db', 'rds-data'],
    label: 'RDS databases',
    kind: 'database',
    levels: [
      [3, ['rds:ModifyDBInstance', 'rds:ModifyDBCluster', 'rds:DeleteDBInstance']],
      [2, ['rds-db:connect', 'rds-data:ExecuteStatement']],
      [1, ['rds:CreateDBSnapshot', 'rds:CreateDBClusterSnapshot']],
    ],
    anyResource: (a) => `arn:aws:rds:us-east-1:${a}:db:blastmap-any-database`,
  },
];

const ACTIONS = new Map(SERVICES.map((s) => [s, s.levels.flatMap(([, list]) => list)]));

/** The actions that make each privilege of a data service (admin first), shared with resource-based policies. */
export function accessLevels(serviceId: string): [level: 1 | 2 | 3, actions: string[]][] | null {
  return SERVICES.find((s) => s.id === serviceId)?.levels ?? null;
}
const S3_OBJECT_ACTIONS = new Set(['s3:getobject', 's3:putobject', 's3:deleteobject']);

interface Target {
  key: string;
  name: string;
  /** null: every resource of the service (probe with anyResource). */
  resource: string | null;
}

export function deriveDataAccessEdges(an: Analysis): void {
  const targetCache = new Map(SERVICES.map((s) => [s, new Map<string, Target | null>()]));
  for (const p of an.principals) {
    const ev = an.evaluator(p);
    for (const service of SERVICES) {
      if (!service.prefixes.some((prefix) => ev.touches(prefix))) continue;
      const mentioned = ACTIONS.get(service)!.filter((a) => ev.mentions(a));
      if (!mentioned.length) continue;
      const cache = targetCache.get(service)!;
      const targets = new Map<string, Target>();
      for (const a of mentioned) {
        for (const pattern of ev.allowedResourcePatterns(a)) {
          let t = cache.get(pattern);
          if (t === undefined) cache.set(pattern, (t = targetOf(service, pattern, an.account.id)));
          // Keyed by what is probed: two patterns can name the same system (a table and its index).
          const id = t?.resource ?? t?.key;
          if (t && id && !targets.has(id)) targets.set(id, t);
        }
      }
      for (const t of targets.values()) accessTo(an, p, service, t);
    }
  }
}

function accessTo(an: Analysis, p: Principal, service: Service, t: Target): void {
  const ev = an.evaluator(p);
  for (const [level, actions] of service.levels) {
    let conditional: Decision | null = null;
    let firm: { d: Decision; action: string } | null = null;
    for (const action of actions) {
      const d = ev.decide(action, probe(service, t, action, an.account.id));
      if (d.effect === 'allow') {
        firm = { d, action };
        break;
      }
      if (granted(d) && !conditional) conditional = d;
    }
    const chosen = firm?.d ?? conditional;
    if (!chosen) continue;
    const action = firm?.action ?? actions.find((a) => granted(ev.decide(a, probe(service, t, a, an.account.id))))!;
    const word = level === 3 ? 'administer' : level === 2 ? 'write' : 'read';
    an.addNode({
      key: t.key,
      kind: 'system',
      subkind: service.kind,
      name: t.name,
      props: { provider: 'aws', service: service.id, account: an.account.id },
    });
    an.addEdge({
      src: p.arn,
      dst: t.key,
      kind: 'access',
      privilege: level,
      conditional: !firm,
      locator: chosen.grants[0] ?? p.locator,
      props: {
        reason: `${p.name} can ${word} ${t.name}: ${chosen.grants.slice(0, 3).join(', ')} allow${chosen.grants.length === 1 ? 's' : ''} ${action}${t.resource ? ` on ${t.resource}` : ' on every resource'}`,
        actions: [action],
        ...(!firm ? { conditions: chosen.conditions } : {}),
      },
    });
    return; // levels run from admin down: the first one granted is the privilege
  }
}

function probe(service: Service, t: Target, action: string, account: string): string {
  const base = t.resource ?? service.anyResource(account);
  if (service.id === 's3' && S3_OBJECT_ACTIONS.has(action.toLowerCase())) return `${base}/blastmap-any-object`;
  return base;
}

/** The system a resource pattern names for this service, or null when it belongs to another service. */
function targetOf(service: Service, pattern: string, account: string): Target | null {
  const all: Target = { key: `aws:${account}:${service.id}:*`, name: `all ${service.label} in ${account}`, resource: null };
  if (pattern === '*' || /^arn:(\*|aws[a-z-]*):\*/.test(pattern) || pattern === 'arn:*') return all;
  const parts = pattern.split(':');
  if (parts.length < 6 || !service.prefixes.some((s) => globOk(parts[2], s))) return null;
  if (service.id === 's3') {
    const bucket = parts.slice(5).join(':').split('/')[0];
    if (!bucket || bucket === '*') return all;
    return {
      key: `arn:aws:s3:::${bucket}`,
      name: bucket.includes('*') ? `S3 buckets matching ${bucket}` : `S3 bucket ${bucket}`,
      resource: `arn:aws:s3:::${bucket}`,
    };
  }
  const resource = parts.slice(5).join(':');
  if (/^[\w-]*[:/]?\*$/.test(resource) || resource === '*') return all;
  const arn = service.id === 'dynamodb' ? pattern.replace(/\/(index|stream|backup|export)\/.*$/, '') : pattern;
  return { key: arn, name: `${service.label.replace(/s$/, '')} ${arn.split(':').slice(5).join(':')}`, resource: pattern };
}

function globOk(segment: string, service: string): boolean {
  return segment === service || segment === '*';
}
