// Importers for the S3 settings that decide public access beside a bucket policy: the bucket's ACL
// (`aws s3api get-bucket-acl`) and Block Public Access (`aws s3api get-public-access-block` for a bucket,
// `aws s3control get-public-access-block` for an account). Shapes in resource-settings-shapes.ts; what they mean in
// aws-policy/s3-acl.ts. Neither output names its bucket or account: --resource <bucket ARN> (or a "Bucket" /
// "ResourceArn" field) names the bucket, --resource-account (or "AccountId") the account. Kept in aws_policy, then
// the edges of every resource are derived again (resource-policy-refresh.ts): import order does not matter.
import { ApiError } from '../../../shared/api/contract.ts';
import { isObject } from '../../aws-policy/document.ts';
import { insertResourceControl } from '../../store/aws-resource-controls.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { tooDeep } from '../json/read-json-records.ts';
import { readJson } from './resource-policy.ts';
import { REFRESH, refreshResourcePolicyEdges } from './resource-policy-refresh.ts';
import { arnProblem } from './resource-policy-shapes.ts';
import {
  accountOf,
  bucketOf,
  looksLikeBucketAcl,
  looksLikePublicAccessBlock,
  readBucketAcl,
  readPublicAccessBlock,
} from './resource-settings-shapes.ts';

export const bucketAclImporter: Importer = {
  name: 'aws-s3-bucket-acl',
  description:
    'S3 bucket ACL (`aws s3api get-bucket-acl` JSON; the bucket from --resource or a "Bucket" field): grants to AllUsers / AuthenticatedUsers are public access',
  detect: (sample) => detectBy(sample, looksLikeBucketAcl, 0.9, 'S3 bucket ACL (get-bucket-acl: Owner and Grants with Grantee and Permission)'),
  run: runAcl,
};

export const publicAccessBlockImporter: Importer = {
  name: 'aws-s3-public-access-block',
  description:
    'S3 Block Public Access (`aws s3api get-public-access-block` for a bucket with --resource, or `aws s3control get-public-access-block` for an account with --resource-account)',
  detect: (sample) => detectBy(sample, looksLikePublicAccessBlock, 0.92, 'S3 Block Public Access settings (PublicAccessBlockConfiguration)'),
  run: runBlock,
};

function detectBy(sample: Sample, looks: (root: unknown) => boolean, confidence: number, reason: string): Detection | null {
  const head = sample.head.trimStart();
  if (!head.startsWith('{')) return null;
  try {
    if (tooDeep(head)) return null;
    return looks(JSON.parse(head)) ? { confidence, reason } : null;
  } catch {
    return null; // longer than the sample: these outputs are small
  }
}

async function runAcl(ctx: ImportContext): Promise<void> {
  const root = (await readJson(ctx)) as Record<string, unknown>;
  if (!looksLikeBucketAcl(root)) throw new ApiError('bad-input', `${ctx.fileName}: not an S3 bucket ACL (no Grants with Grantee and Permission)`);
  const bucket = bucketNamed(ctx, root);
  if (!bucket)
    throw new ApiError(
      'bad-input',
      `${ctx.fileName}: get-bucket-acl output does not name its bucket; import it alone with --resource arn:aws:s3:::<bucket>, or add "Bucket": "<bucket>" to the file`,
    );
  ctx.countRow();
  const acl = readBucketAcl(root);
  // An unreadable grant could be the public one: the ACL is refused whole, never read in part.
  if (typeof acl === 'string') return ctx.writer.reject('/Grants', `S3 bucket ACL of ${bucket}: ${acl}`, root);
  insertResourceControl(ctx.writer.db, ctx.writer.sourceId, {
    kind: 's3-acl',
    account: ctx.options.resourceAccount ?? accountOf(root) ?? '',
    owner: bucket,
    name: 's3-acl',
    document: JSON.stringify({ Owner: root.Owner ?? null, Grants: root.Grants }),
    locator: '/Grants',
  });
  refresh(ctx);
}

async function runBlock(ctx: ImportContext): Promise<void> {
  const root = (await readJson(ctx)) as Record<string, unknown>;
  const block = readPublicAccessBlock(root);
  if (typeof block === 'string') throw new ApiError('bad-input', `${ctx.fileName}: not S3 Block Public Access settings (${block})`);
  const bucket = bucketNamed(ctx, root);
  const account = ctx.options.resourceAccount ?? accountOf(root);
  if (!bucket && !account) {
    throw new ApiError(
      'bad-input',
      `${ctx.fileName}: the settings name neither a bucket nor an account; import it alone with --resource arn:aws:s3:::<bucket> (get-public-access-block) or --resource-account <account id> (s3control get-public-access-block)`,
    );
  }
  ctx.countRow();
  insertResourceControl(
    ctx.writer.db,
    ctx.writer.sourceId,
    bucket
      ? {
          kind: 's3-public-access-block',
          account: account ?? '',
          owner: bucket,
          name: 's3-public-access-block',
          document: JSON.stringify(root),
          locator: '/PublicAccessBlockConfiguration',
        }
      : {
          kind: 's3-account-public-access-block',
          account: account!,
          owner: account!,
          name: 's3-account-public-access-block',
          document: JSON.stringify(root),
          locator: '/PublicAccessBlockConfiguration',
        },
  );
  refresh(ctx);
}

function bucketNamed(ctx: ImportContext, root: Record<string, unknown>): string | null {
  const inFile = isObject(root) ? bucketOf(root) : null;
  const given = ctx.options.resource ?? null;
  if (given && inFile && given !== inFile) throw new ApiError('bad-input', `${ctx.fileName}: the file names ${inFile} but --resource says ${given}`);
  const bucket = given ?? inFile;
  const bad = bucket ? arnProblem('s3', bucket) : null;
  if (bad) throw new ApiError('bad-input', `${ctx.fileName}: ${bad}`);
  return bucket;
}

function refresh(ctx: ImportContext): void {
  if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
  if (ctx.finishBatch) ctx.finishBatch(REFRESH, refreshResourcePolicyEdges);
  else refreshResourcePolicyEdges(ctx.writer);
}
