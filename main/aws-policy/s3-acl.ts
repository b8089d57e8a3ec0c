// S3 bucket ACLs and Block Public Access, read as what they mean for who can reach a bucket:
//   - an ACL grant is an Allow to its grantee: AllUsers is anyone (anonymous included), AuthenticatedUsers any AWS
//     principal of any account (for the case the same "anyone"), a canonical user another account's owner. The bucket
//     owner's own grant adds nothing (its account's IAM policies decide). READ lists objects, WRITE writes and
//     deletes them, READ_ACP reads the ACL, WRITE_ACP rewrites it (so can grant itself anything: admin), FULL_CONTROL
//     all of it;
//   - IgnorePublicAcls (the bucket's or its account's) makes S3 ignore grants to AllUsers and AuthenticatedUsers;
//   - RestrictPublicBuckets: when the bucket policy is public, only principals of the bucket's own account (and AWS
//     services) keep the access that policy grants; anyone and other accounts lose it;
//   - BlockPublicAcls and BlockPublicPolicy only refuse future changes: they change nothing already in force.
// The ACL becomes a policy document (resource-policy.ts evaluates it beside the bucket policy, so a Deny there, an
// RCP and the cross-account rule apply to ACL grants too). Pure.
import type { PolicyDoc, Statement } from './model.ts';

export interface S3AclGrant {
  /** 'Group' (URI), 'CanonicalUser' (ID) or 'AmazonCustomerByEmail'. */
  type: string;
  uri: string | null;
  id: string | null;
  permission: string;
}

export interface S3Acl {
  ownerId: string | null;
  grants: S3AclGrant[];
}

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

/** What each ACL permission lets the grantee do, as the S3 actions the evaluator knows levels for. */
const PERMISSION_ACTIONS: Record<string, string[]> = {
  READ: ['s3:ListBucket'],
  WRITE: ['s3:PutObject', 's3:DeleteObject'],
  READ_ACP: ['s3:GetBucketAcl'],
  WRITE_ACP: ['s3:PutBucketAcl'],
  FULL_CONTROL: ['s3:ListBucket', 's3:PutObject', 's3:DeleteObject', 's3:GetBucketAcl', 's3:PutBucketAcl'],
};

/** The key an ACL grant to a canonical user is matched by (resource-policy.ts names such grantees by it). */
export function canonicalPrincipal(id: string): string {
  return `s3-canonical-user:${id}`;
}

export function isPublicAclGrant(g: S3AclGrant): boolean {
  return g.type === 'Group' && (g.uri === ALL_USERS || g.uri === AUTHENTICATED_USERS);
}

/**
 * The ACL as a policy document of the bucket: one Allow per grant that gives someone other than the owner
 * something. Public grants are left out when IgnorePublicAcls is set (`ignoredBecause` says by whom).
 */
export function aclDocument(bucketArn: string, bucketName: string, acl: S3Acl, ignoredBecause: string | null): PolicyDoc {
  const statements: Statement[] = [];
  for (const g of acl.grants) {
    const actions = PERMISSION_ACTIONS[g.permission];
    if (!actions) continue;
    if (g.type === 'CanonicalUser' && (!g.id || g.id === acl.ownerId)) continue;
    if (isPublicAclGrant(g) && ignoredBecause) continue;
    const who =
      g.type === 'CanonicalUser'
        ? `canonical user ${g.id!.slice(0, 12)}…`
        : g.uri === ALL_USERS
          ? 'AllUsers'
          : g.uri === AUTHENTICATED_USERS
            ? 'AuthenticatedUsers'
            : g.uri === LOG_DELIVERY
              ? 'LogDelivery'
              : null;
    if (!who) continue; // an e-mail grantee (retired by AWS) or an unknown group: nothing the case can name
    statements.push({
      sid: `${who} ${g.permission}`,
      effect: 'Allow',
      actions: actions.map((a) => a.toLowerCase()),
      notActions: null,
      resources: [bucketArn, `${bucketArn}/*`],
      notResources: null,
      principals: {
        aws: g.type === 'CanonicalUser' ? [canonicalPrincipal(g.id!)] : [],
        service: g.uri === LOG_DELIVERY ? ['logging.s3.amazonaws.com'] : [],
        federated: [],
        everyone: isPublicAclGrant(g),
      },
      notPrincipals: null,
      conditions: [],
      conditionText: null,
    });
  }
  // resource-policy.ts recognises ACL grants by this label ("the ACL of …"): keep the two in step.
  return { label: `the ACL of S3 bucket ${bucketName}`, name: 's3-acl', statements };
}

/**
 * Whether a bucket policy is public in the sense RestrictPublicBuckets acts on: it allows `*` with no condition.
 * (AWS also calls a `*` grant public behind some wide conditions; those stay conditional edges here, and are not
 * restricted: the answer errs towards showing access, never hiding it.)
 */
export function isPublicPolicy(doc: PolicyDoc): boolean {
  return doc.statements.some(
    (s) => s.effect === 'Allow' && !s.conditions.length && (s.notPrincipals || s.principals?.everyone || s.principals?.aws.includes('*')),
  );
}

/** Both levels of Block Public Access, combined: a setting holds when the bucket or its account sets it. */
export function combinedBlock(
  bucket: PublicAccessBlock | null,
  account: PublicAccessBlock | null,
): { ignorePublicAcls: string | null; restrictPublicBuckets: string | null } {
  const by = (k: keyof PublicAccessBlock) => (bucket?.[k] ? 'the bucket' : account?.[k] ? 'its account' : null);
  return { ignorePublicAcls: by('ignorePublicAcls'), restrictPublicBuckets: by('restrictPublicBuckets') };
}
