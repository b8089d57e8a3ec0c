// The shapes in which analysts export resource-based policies, recognised by content:
//   S3      `aws s3api get-bucket-policy`        {"Policy": "<policy JSON as a string>"}, or the bare policy document
//   KMS     `aws kms get-key-policy`             {"Policy": "<string>", "PolicyName": "default"} (older CLIs: no PolicyName)
//   Secrets `aws secretsmanager get-resource-policy` {"ARN", "Name", "ResourcePolicy": "<string>"}
//   Lambda  `aws lambda get-policy`              {"Policy": "<string>", "RevisionId"}
//   SNS     `aws sns get-topic-attributes`       {"Attributes": {"Policy": "<string>", "TopicArn", …}}
//   SQS     `aws sqs get-queue-attributes`       {"Attributes": {"Policy": "<string>", "QueueArn", …}}
// and any of them as a bare document ({"Version", "Statement": [… with Principal …]}), told apart by the actions
// and resources its statements name. Which service a `{"Policy": …}` file is for is read the same way.
// This file only reads and classifies; it never decides access.
import { isObject } from '../../aws-policy/document.ts';
import { arnAccount, type ResourceService } from '../../aws-policy/resource-policy.ts';

export interface ResourcePolicyFile {
  service: ResourceService;
  /** The policy document as found (a JSON string or an object). */
  policy: unknown;
  /** Where it sits in the file, for locators. */
  locator: string;
  /** The resource's ARN as the file gives it (its own field, or its statements' Resource), or null. */
  arn: string | null;
  /** Why the file names no single resource, for the message that asks for --resource. */
  arnProblem: string | null;
  /** The owning account as the file gives it (a `ResourceAccount` added by the analyst), or null. */
  account: string | null;
  /** Which export this is, in words. */
  shape: string;
}

/** Reads a parsed file as a resource policy, or null when it is not one. */
export function readResourcePolicyFile(root: unknown): ResourcePolicyFile | null {
  if (!isObject(root)) return null;
  const extraArn = typeof root.ResourceArn === 'string' ? root.ResourceArn : null;
  const extraAccount = typeof root.ResourceAccount === 'string' && /^\d{12}$/.test(root.ResourceAccount) ? root.ResourceAccount : null;
  const found = shapeOf(root);
  if (!found) return null;
  const doc = decode(found.policy);
  if (!doc) return null;
  const service = found.service ?? serviceOf(doc);
  if (!service) return null;
  let arn = extraArn ?? found.arn;
  let arnProblem: string | null = null;
  if (!arn) ({ arn, problem: arnProblem } = arnFromStatements(service, doc));
  return { service, policy: found.policy, locator: found.locator, arn, arnProblem, account: extraAccount, shape: found.shape };
}

interface Shape {
  policy: unknown;
  locator: string;
  service: ResourceService | null;
  arn: string | null;
  shape: string;
}

function shapeOf(root: Record<string, unknown>): Shape | null {
  if (typeof root.ResourcePolicy === 'string' && (typeof root.ARN === 'string' || typeof root.Name === 'string')) {
    return {
      policy: root.ResourcePolicy,
      locator: '/ResourcePolicy',
      service: 'secretsmanager',
      arn: typeof root.ARN === 'string' ? root.ARN : null,
      shape: 'secretsmanager get-resource-policy',
    };
  }
  if (isObject(root.Attributes) && typeof root.Attributes.Policy === 'string') {
    const a = root.Attributes;
    if (typeof a.TopicArn === 'string')
      return { policy: a.Policy, locator: '/Attributes/Policy', service: 'sns', arn: a.TopicArn, shape: 'sns get-topic-attributes' };
    if (typeof a.QueueArn === 'string')
      return { policy: a.Policy, locator: '/Attributes/Policy', service: 'sqs', arn: a.QueueArn, shape: 'sqs get-queue-attributes' };
    return { policy: a.Policy, locator: '/Attributes/Policy', service: null, arn: null, shape: 'get-topic-attributes / get-queue-attributes' };
  }
  if (typeof root.Policy === 'string') {
    if (typeof root.RevisionId === 'string')
      return { policy: root.Policy, locator: '/Policy', service: 'lambda', arn: null, shape: 'lambda get-policy' };
    if (typeof root.PolicyName === 'string')
      return {
        policy: root.Policy,
        locator: '/Policy',
        service: 'kms',
        arn: typeof root.KeyArn === 'string' ? root.KeyArn : null,
        shape: 'kms get-key-policy',
      };
    return {
      policy: root.Policy,
      locator: '/Policy',
      service: null,
      arn: typeof root.KeyArn === 'string' ? root.KeyArn : null,
      shape: 'get-bucket-policy / get-key-policy',
    };
  }
  if (root.Statement !== undefined) return { policy: root, locator: '/', service: null, arn: null, shape: 'policy document' };
  return null;
}

interface RawStatement {
  actions: string[];
  resources: string[];
  hasPrincipal: boolean;
}

/** The document's statements, loosely (the strict parse comes later and rejects what is off-grammar). */
function decode(policy: unknown): RawStatement[] | null {
  let doc = policy;
  if (typeof doc === 'string') {
    if (doc.length > 2_000_000) return null;
    try {
      doc = JSON.parse(doc);
    } catch {
      return null;
    }
  }
  if (!isObject(doc) || doc.Statement === undefined) return null;
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const strings = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  const out = list.filter(isObject).map((s) => ({
    actions: [...strings(s.Action), ...strings(s.NotAction)].map((a) => a.toLowerCase()),
    resources: [...strings(s.Resource), ...strings(s.NotResource)],
    hasPrincipal: s.Principal !== undefined || s.NotPrincipal !== undefined,
  }));
  // A resource policy names who it lets in; identity policies and SCPs do not.
  return out.length && out.some((s) => s.hasPrincipal) ? out : null;
}

const ARN_SERVICES: Record<string, ResourceService> = {
  s3: 's3',
  kms: 'kms',
  secretsmanager: 'secretsmanager',
  lambda: 'lambda',
  sns: 'sns',
  sqs: 'sqs',
};

/**
 * The service a document is for: the one its resource ARNs name, else the one its actions name. A role trust
 * policy (sts actions only) and documents mixing services are not resource policies of one kind.
 */
function serviceOf(statements: RawStatement[]): ResourceService | null {
  const byArn = new Set<string>();
  const byAction = new Set<string>();
  for (const s of statements) {
    for (const r of s.resources) {
      const svc = r.split(':')[2];
      if (r.startsWith('arn:') && svc) byArn.add(svc);
    }
    for (const a of s.actions) if (a !== '*') byAction.add(a.split(':')[0]);
  }
  const pick = (set: Set<string>) => {
    const known = [...set].filter((x) => ARN_SERVICES[x]);
    return known.length === 1 && set.size === 1 ? ARN_SERVICES[known[0]] : null;
  };
  return pick(byArn) ?? (byArn.size === 0 ? pick(byAction) : null);
}

/** The one resource every statement names (S3: its bucket; Lambda: its function), or why there is none. */
function arnFromStatements(service: ResourceService, statements: RawStatement[]): { arn: string | null; problem: string | null } {
  if (service !== 's3' && service !== 'lambda' && service !== 'sqs' && service !== 'sns') {
    return { arn: null, problem: service === 'kms' ? 'a key policy names its key as "*"' : 'the file does not name its resource' };
  }
  const found = new Set<string>();
  for (const s of statements) {
    for (const r of s.resources) {
      if (r === '*') continue;
      const arn = resourceOf(service, r);
      if (arn) found.add(arn);
    }
  }
  if (found.size === 1) {
    const arn = [...found][0];
    if (!/[*?]/.test(arn)) return { arn, problem: null };
    return { arn: null, problem: `its statements name ${arn}, a pattern, not one resource` };
  }
  return {
    arn: null,
    problem: found.size
      ? `its statements name ${found.size} resources (${[...found].slice(0, 3).join(', ')})`
      : 'its statements name no resource ARN',
  };
}

function resourceOf(service: ResourceService, r: string): string | null {
  const parts = r.split(':');
  if (parts.length < 6 || parts[2] !== service) return null;
  if (service === 's3') {
    const bucket = parts.slice(5).join(':').split('/')[0];
    return bucket ? `${parts.slice(0, 5).join(':')}:${bucket}` : null;
  }
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]: a policy of a version or alias is the function's.
  if (service === 'lambda') return parts[5] === 'function' && parts[6] ? parts.slice(0, 7).join(':') : null;
  return parts.slice(0, 6).join(':');
}

/** Whether an ARN given for a resource is of the service the file's policy is for, and well formed. */
export function arnProblem(service: ResourceService, arn: string): string | null {
  const parts = arn.split(':');
  if (!/^arn:aws[a-z-]*$/.test(`${parts[0]}:${parts[1]}`) || parts.length < 6) return `${arn} is not an ARN`;
  if (parts[2] !== service) return `${arn} is not a ${service} ARN, but the policy is for ${service}`;
  if (service === 's3')
    return parts[3] || parts[4] || !parts[5] || parts[5].includes('/') ? `${arn} is not a bucket ARN (arn:aws:s3:::<bucket>)` : null;
  if (!arnAccount(arn)) return `${arn} names no 12-digit account`;
  if (service === 'kms' && !/^key\/[\w-]+$/.test(parts.slice(5).join(':')))
    return `${arn} is not a key ARN (arn:aws:kms:<region>:<account>:key/<key id>)`;
  return null;
}
