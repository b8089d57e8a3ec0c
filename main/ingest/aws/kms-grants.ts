// Importer for KMS grants (`aws kms list-grants --key-id …` JSON: {"Grants": [{"KeyId", "GrantId", "Name",
// "GranteePrincipal", "RetiringPrincipal", "IssuingAccount", "Operations", "Constraints"}], "Truncated"}). The
// grants are grouped by key (KeyId is the key's ARN; a bare key id needs --resource) and kept in aws_policy (kind
// 'kms-grants', one row per key: a later list of the same key replaces the earlier one), then the edges of every
// resource are derived again (resource-policy-refresh.ts) with the grants beside the key policy (aws-policy/kms-grants.ts).
import { ApiError } from '../../../shared/api/contract.ts';
import { insertResourceControl } from '../../store/aws-resource-controls.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { readJson } from './resource-policy.ts';
import { REFRESH, refreshResourcePolicyEdges } from './resource-policy-refresh.ts';
import { arnProblem } from './resource-policy-shapes.ts';
import { looksLikeKmsGrants, readKmsGrant } from './resource-settings-shapes.ts';

export const kmsGrantsImporter: Importer = {
  name: 'aws-kms-grants',
  description: 'KMS grants (`aws kms list-grants` JSON): each grant gives its grantee the listed operations on the key, beside the key policy',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const head = sample.head.trimStart();
  if (!head.startsWith('{') || !head.includes('"Grants"') || !/"(GranteePrincipal|GrantId)"/.test(head)) return null;
  return { confidence: 0.92, reason: 'KMS grants (list-grants: Grants with GranteePrincipal and Operations)' };
}

async function run(ctx: ImportContext): Promise<void> {
  const root = await readJson(ctx);
  if (!looksLikeKmsGrants(root))
    throw new ApiError('bad-input', `${ctx.fileName}: not a list-grants output (no Grants with GranteePrincipal or Operations)`);
  const list = (root as { Grants: unknown[] }).Grants;
  const byKey = new Map<string, { grants: unknown[]; first: number }>();
  list.slice(0, 100_000).forEach((raw, i) => {
    ctx.countRow();
    const locator = `/Grants/${i}`;
    const read = readKmsGrant(raw);
    if (typeof read === 'string') return ctx.writer.reject(locator, read, raw);
    const key = keyOf(ctx, read.keyId);
    if (typeof key !== 'string') return ctx.writer.reject(locator, key.problem, raw);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { grants: [], first: i }));
    entry.grants.push(raw);
  });
  for (const [key, { grants, first }] of byKey) {
    insertResourceControl(ctx.writer.db, ctx.writer.sourceId, {
      kind: 'kms-grants',
      account: key.split(':')[4],
      owner: key,
      name: 'kms-grants',
      document: JSON.stringify(grants),
      locator: `/Grants/${first}`,
    });
  }
  if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
  if (ctx.finishBatch) ctx.finishBatch(REFRESH, refreshResourcePolicyEdges);
  else refreshResourcePolicyEdges(ctx.writer);
}

/** The key's ARN: KeyId when it is one, else --resource; a grant naming another key than --resource is refused. */
function keyOf(ctx: ImportContext, keyId: string | null): string | { problem: string } {
  const given = ctx.options.resource ?? null;
  const arn = keyId?.startsWith('arn:') ? keyId : given;
  if (!arn) return { problem: `the grant names its key as ${JSON.stringify(keyId)}, not an ARN; import the file alone with --resource <key ARN>` };
  if (given && arn !== given) return { problem: `the grant is for ${arn}, not for --resource ${given}` };
  const bad = arnProblem('kms', arn);
  return bad ? { problem: bad } : arn;
}
