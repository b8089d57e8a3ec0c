// Importers for resource-based policies (one format per service, shapes in resource-policy-shapes.ts): the
// policy is kept in aws_policy (kind 'resource', owner = the resource's ARN), then the access edges of every
// resource with a policy are derived again from both sides (resource-policy-refresh.ts), so the result is the
// same whichever of the policy and the authorization-details export is imported first.
import { ApiError } from '../../../shared/api/contract.ts';
import { isObject, parsePolicyDocument, PolicyError } from '../../aws-policy/document.ts';
import { arnAccount, policyLabel, RESOURCE_SERVICES, type ResourceService } from '../../aws-policy/resource-policy.ts';
import { openText } from '../file-source.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { JsonTooDeep, tooDeep } from '../json/read-json-records.ts';
import { REFRESH, refreshResourcePolicyEdges } from './resource-policy-refresh.ts';
import { arnProblem, readResourcePolicyFile } from './resource-policy-shapes.ts';
import { insertResourcePolicy } from '../../store/aws-policies.ts';

/** Resource policies are small (S3 20 KB, KMS 32 KB, Lambda 20 KB, SQS/SNS/Secrets 20 KB); a margin for pretty printing. */
const MAX_CHARS = 4 * 1024 * 1024;

const FORMATS: { name: string; service: ResourceService; description: string }[] = [
  {
    name: 'aws-s3-bucket-policy',
    service: 's3',
    description:
      'S3 bucket policy (`aws s3api get-bucket-policy` JSON or the policy document), combined with identity policies into who can reach the bucket',
  },
  {
    name: 'aws-kms-key-policy',
    service: 'kms',
    description: 'KMS key policy (`aws kms get-key-policy` JSON or the document; the key ARN from --resource or a KeyArn field)',
  },
  {
    name: 'aws-secretsmanager-resource-policy',
    service: 'secretsmanager',
    description: 'Secrets Manager resource policy (`aws secretsmanager get-resource-policy` JSON)',
  },
  { name: 'aws-lambda-function-policy', service: 'lambda', description: 'Lambda function policy (`aws lambda get-policy` JSON)' },
  { name: 'aws-sns-topic-policy', service: 'sns', description: 'SNS topic policy (`aws sns get-topic-attributes` JSON)' },
  { name: 'aws-sqs-queue-policy', service: 'sqs', description: 'SQS queue policy (`aws sqs get-queue-attributes` JSON)' },
];

export const resourcePolicyImporters: Importer[] = FORMATS.map((f) => ({
  name: f.name,
  description: f.description,
  detect: (sample) => detect(sample, f.service),
  run: (ctx) => run(ctx, f.service),
}));

function detect(sample: Sample, service: ResourceService): Detection | null {
  const head = sample.head.trimStart();
  if (!head.startsWith('{') || !/"(Policy|ResourcePolicy|Statement)"/.test(head)) return null;
  let root: unknown;
  try {
    if (tooDeep(head)) return null;
    root = JSON.parse(head);
  } catch {
    return null; // longer than the sample: no resource policy is
  }
  const file = readResourcePolicyFile(root);
  if (!file || file.service !== service) return null;
  // A bare document is only a resource policy by its Principal elements: less sure than a CLI wrapper.
  return { confidence: file.locator === '/' ? 0.75 : 0.92, reason: `${RESOURCE_SERVICES[service].label} policy (${file.shape})` };
}

async function run(ctx: ImportContext, service: ResourceService): Promise<void> {
  const root = await readJson(ctx);
  const file = readResourcePolicyFile(root);
  if (!file || file.service !== service) throw new ApiError('bad-input', `${ctx.fileName}: not a ${RESOURCE_SERVICES[service].label} policy`);
  const given = ctx.options.resource ?? null;
  if (given && file.arn && given !== file.arn) {
    throw new ApiError('bad-input', `${ctx.fileName}: the file names ${file.arn} but --resource says ${given}; leave --resource out or correct it`);
  }
  const arn = file.arn ?? given;
  if (!arn) {
    throw new ApiError(
      'bad-input',
      `${ctx.fileName}: cannot tell which ${RESOURCE_SERVICES[service].label} this policy belongs to (${file.arnProblem ?? 'the file does not say'}); import it alone with --resource <arn>, or add "ResourceArn" to the file`,
    );
  }
  const bad = arnProblem(service, arn);
  if (bad) throw new ApiError('bad-input', `${ctx.fileName}: ${bad}`);
  const fromArn = arnAccount(arn);
  const account = fromArn ?? ctx.options.resourceAccount ?? file.account;
  if (fromArn && ctx.options.resourceAccount && ctx.options.resourceAccount !== fromArn) {
    throw new ApiError('bad-input', `${ctx.fileName}: ${arn} is in account ${fromArn} but --resource-account says ${ctx.options.resourceAccount}`);
  }
  ctx.countRow();
  const label = policyLabel({ arn, service });
  try {
    parsePolicyDocument(file.policy, label, service);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    // Half a policy could hide a Deny: the whole policy is refused, never read in part.
    ctx.writer.reject(file.locator, `${RESOURCE_SERVICES[service].label} policy of ${arn}: ${e.message}`, file.policy);
    return;
  }
  const text = typeof file.policy === 'string' ? file.policy.trim() : JSON.stringify(file.policy);
  insertResourcePolicy(ctx.writer.db, ctx.writer.sourceId, account ?? '', arn, service, text, file.locator);
  if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
  // Once per import: a folder of a thousand bucket policies re-derives once, not a thousand times.
  if (ctx.finishBatch) ctx.finishBatch(REFRESH, refreshResourcePolicyEdges);
  else refreshResourcePolicyEdges(ctx.writer);
}

/** The file as one JSON object, refused when larger than any resource-level export can be (also used by the ACL, Block Public Access and grants importers). */
export async function readJson(ctx: ImportContext): Promise<unknown> {
  let text = '';
  for await (const chunk of openText(ctx.path, ctx.progress)) {
    text += chunk as string;
    if (text.length > MAX_CHARS) throw new ApiError('bad-input', `${ctx.fileName}: larger than a resource policy export can be`);
  }
  try {
    if (tooDeep(text)) throw new JsonTooDeep();
    const root = JSON.parse(text) as unknown;
    if (!isObject(root)) throw new Error('the top level is not a JSON object');
    return root;
  } catch (e) {
    throw new ApiError('bad-input', `${ctx.fileName}: not valid JSON (${(e as Error).message.slice(0, 120)})`);
  }
}
