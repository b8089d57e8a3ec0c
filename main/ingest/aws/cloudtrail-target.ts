// What a CloudTrail call acted on, as text the case can resolve: an ARN wherever one can be built, because node
// keys are ARNs (a later inventory import then links the event by key). Pure: no writer, no I/O.
import { obj, text } from './cloudtrail-changes.ts';
import { isIamName, principalArn } from './identity.ts';

type Obj = Record<string, unknown>;

/** Request parameters naming the target directly, most specific first. */
export const NAMED_PARAMETERS = [
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
] as const;

/**
 * The target of a call: the assumed role, the first resource ARN, or the IAM entity / bucket / secret named in
 * the request. `account` is where IAM names live (the recipient account); null when nothing names a target.
 */
export function eventTarget(request: Obj | null, resources: unknown, partition: string, account: string | null): string | null {
  const roleArn = text(request?.roleArn);
  if (roleArn) return roleArn;
  if (Array.isArray(resources)) {
    for (const r of resources) {
      const arn = text(obj(r)?.ARN) ?? text(obj(r)?.arn);
      if (arn) return arn;
    }
  }
  if (!request) return null;
  if (account) {
    const user = request.userName;
    if (isIamName(user)) return principalArn(partition, account, 'user', user);
    const role = request.roleName;
    if (isIamName(role)) return principalArn(partition, account, 'role', role);
    const group = request.groupName;
    if (isIamName(group)) return `arn:${partition}:iam::${account}:group/${group}`;
  }
  const policy = text(request.policyArn);
  if (policy) return policy;
  const bucket = text(request.bucketName, 255);
  if (bucket) return `arn:${partition}:s3:::${bucket}`;
  for (const p of NAMED_PARAMETERS) {
    const v = text(request[p], 512);
    if (v) return v;
  }
  return null;
}
