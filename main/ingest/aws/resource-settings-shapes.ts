// The shapes of the AWS exports that sit beside a resource's policy, recognised by content:
//   S3 ACL     `aws s3api get-bucket-acl`             {"Owner": {"ID", "DisplayName"}, "Grants": [{"Grantee": {"Type", "URI" | "ID"}, "Permission"}]}
//   S3 BPA     `aws s3api get-public-access-block`   {"PublicAccessBlockConfiguration": {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}}
//              `aws s3control get-public-access-block --account-id …` (the same shape, for the whole account)
//   KMS grants `aws kms list-grants`                 {"Grants": [{"KeyId", "GrantId", "Name", "GranteePrincipal", "RetiringPrincipal", "Operations", "Constraints"}], "Truncated"}
// None of them names its bucket or account (list-grants names its key in KeyId): the analyst adds a "Bucket" /
// "ResourceArn" / "AccountId" field or passes --resource / --resource-account. Only reads; never decides access.
import { isObject } from '../../aws-policy/document.ts';
import type { KmsGrant } from '../../aws-policy/kms-grants.ts';
import type { PublicAccessBlock, S3Acl } from '../../aws-policy/s3-acl.ts';

const ACL_PERMISSIONS = new Set(['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL']);
const PAB_FIELDS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
const MAX_ENTRIES = 100_000;

export function looksLikeBucketAcl(root: unknown): boolean {
  return (
    isObject(root) && Array.isArray(root.Grants) && root.Grants.some((g) => isObject(g) && isObject(g.Grantee) && typeof g.Permission === 'string')
  );
}

export function looksLikeKmsGrants(root: unknown): boolean {
  return (
    isObject(root) &&
    Array.isArray(root.Grants) &&
    root.Grants.some((g) => isObject(g) && (typeof g.GranteePrincipal === 'string' || Array.isArray(g.Operations)))
  );
}

export function looksLikePublicAccessBlock(root: unknown): boolean {
  return isObject(root) && isObject(root.PublicAccessBlockConfiguration);
}

/** An ACL as the CLI prints it, or why it cannot be read (an unreadable grant could be the public one: refused whole). */
export function readBucketAcl(root: unknown): S3Acl | string {
  if (!isObject(root) || !Array.isArray(root.Grants)) return 'no Grants list';
  if (root.Grants.length > MAX_ENTRIES) return `${root.Grants.length} grants`;
  const ownerId = isObject(root.Owner) && typeof root.Owner.ID === 'string' ? root.Owner.ID : null;
  const grants: S3Acl['grants'] = [];
  for (const [i, g] of root.Grants.entries()) {
    if (!isObject(g) || !isObject(g.Grantee) || typeof g.Permission !== 'string') return `grant ${i} has no Grantee or Permission`;
    if (!ACL_PERMISSIONS.has(g.Permission)) return `grant ${i} has an unknown Permission ${JSON.stringify(g.Permission.slice(0, 40))}`;
    const e = g.Grantee;
    if (typeof e.Type !== 'string') return `grant ${i} has a Grantee without a Type`;
    grants.push({
      type: e.Type,
      uri: typeof e.URI === 'string' ? e.URI : null,
      id: typeof e.ID === 'string' ? e.ID : null,
      permission: g.Permission,
    });
  }
  return { ownerId, grants };
}

/** Block Public Access settings; a missing field is off (AWS's default for a setting never made). */
export function readPublicAccessBlock(root: unknown): PublicAccessBlock | string {
  if (!isObject(root) || !isObject(root.PublicAccessBlockConfiguration)) return 'no PublicAccessBlockConfiguration';
  const c = root.PublicAccessBlockConfiguration;
  for (const f of PAB_FIELDS) if (c[f] !== undefined && typeof c[f] !== 'boolean') return `${f} is not true or false`;
  return {
    blockPublicAcls: c.BlockPublicAcls === true,
    ignorePublicAcls: c.IgnorePublicAcls === true,
    blockPublicPolicy: c.BlockPublicPolicy === true,
    restrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

/** One list-grants entry, with the key it is for, or why it cannot be read. */
export function readKmsGrant(raw: unknown): { keyId: string | null; grant: KmsGrant } | string {
  if (!isObject(raw)) return 'the grant is not an object';
  if (typeof raw.GranteePrincipal !== 'string' || !raw.GranteePrincipal) return 'the grant has no GranteePrincipal';
  if (!Array.isArray(raw.Operations) || raw.Operations.some((o) => typeof o !== 'string' || !/^[A-Za-z]+$/.test(o)))
    return "the grant's Operations is not a list of operation names";
  const c = isObject(raw.Constraints) ? raw.Constraints : null;
  const pairs = (v: unknown): Record<string, string> | null | string => {
    if (v === undefined) return null;
    if (!isObject(v) || Object.values(v).some((x) => typeof x !== 'string')) return 'an encryption-context constraint is not a map of strings';
    return v as Record<string, string>;
  };
  const equals = pairs(c?.EncryptionContextEquals);
  const subset = pairs(c?.EncryptionContextSubset);
  if (typeof equals === 'string') return equals;
  if (typeof subset === 'string') return subset;
  return {
    keyId: typeof raw.KeyId === 'string' ? raw.KeyId : null,
    grant: {
      grantId: typeof raw.GrantId === 'string' ? raw.GrantId : '',
      name: typeof raw.Name === 'string' && raw.Name ? raw.Name : null,
      grantee: raw.GranteePrincipal,
      operations: raw.Operations as string[],
      contextEquals: equals,
      contextSubset: subset,
    },
  };
}

/** A bucket named by the file itself: a "ResourceArn" or a "Bucket" name the analyst added. */
export function bucketOf(root: Record<string, unknown>): string | null {
  if (typeof root.ResourceArn === 'string') return root.ResourceArn;
  if (typeof root.Bucket === 'string' && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(root.Bucket)) return `arn:aws:s3:::${root.Bucket}`;
  return null;
}

/** An account named by the file itself ("AccountId" or "ResourceAccount"). */
export function accountOf(root: Record<string, unknown>): string | null {
  for (const k of ['AccountId', 'ResourceAccount']) if (typeof root[k] === 'string' && /^\d{12}$/.test(root[k])) return root[k];
  return null;
}
