// Importer for `aws iam get-account-authorization-details` JSON: users, groups, roles, managed and
// inline policies, trust policies. Recognised by its top-level lists; loads the identities, keeps
// every policy document, and evaluates the policies into can_assume / access edges in the same
// import transaction (main/aws-policy).
import { ApiError } from '../../../shared/api/contract.ts';
import { analyseAccount } from '../../aws-policy/analyse.ts';
import { isObject } from '../../aws-policy/document.ts';
import { openText } from '../file-source.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { loadAccount } from './authorization-details-load.ts';
import { parseAuthorizationDetails } from './authorization-details-parse.ts';
import { storedScps } from './stored-scps.ts';
import { REFRESH, refreshResourcePolicyEdges } from './resource-policy-refresh.ts';
import { JsonTooDeep, tooDeep } from '../json/read-json-records.ts';

/** The export is one JSON document that must be held whole; beyond this it is not a real export. */
const MAX_BYTES = 512 * 1024 * 1024;
const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList'];

export const authorizationDetailsImporter: Importer = {
  name: 'aws-authorization-details',
  description: 'AWS IAM get-account-authorization-details JSON (users, groups, roles, policies; evaluated into access and escalation paths)',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const head = sample.head.trimStart();
  if (!head.startsWith('{')) return null;
  const lists = LISTS.filter((k) => head.includes(`"${k}"`));
  if (!lists.length) return null;
  const policies = head.includes('"Policies"') && head.includes('"PolicyVersionList"');
  const strong = lists.length >= 2 || policies || /"(AssumeRolePolicyDocument|AttachedManagedPolicies)"/.test(head);
  return {
    confidence: strong ? 0.97 : 0.8,
    reason: `JSON object with ${[...lists, ...(policies ? ['Policies'] : [])].join(', ')} (get-account-authorization-details)`,
  };
}

async function run(ctx: ImportContext): Promise<void> {
  const root = await readDocument(ctx);
  if (!LISTS.some((k) => Array.isArray(root[k])) && !Array.isArray(root.Policies)) {
    throw new ApiError(
      'bad-input',
      `${ctx.fileName}: not a get-account-authorization-details export (no UserDetailList, GroupDetailList, RoleDetailList or Policies list)`,
    );
  }
  const account = parseAuthorizationDetails(root, {
    countRow: () => ctx.countRow(),
    reject: (locator, reason, raw) => ctx.writer.reject(locator, reason, raw),
  });
  if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
  for (const a of [account, ...(account.siblings ?? [])]) {
    const scps = storedScps(ctx.writer, a.id);
    if (scps.length) a.scps = [scps];
  }
  const analysis = analyseAccount(account);
  for (const w of analysis.warnings) ctx.warn(w);
  if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
  loadAccount(ctx.writer, root, account, analysis);
  // Resources whose own policies the case holds: their edges combine this export with those policies.
  if (ctx.finishBatch) ctx.finishBatch(REFRESH, refreshResourcePolicyEdges);
  else refreshResourcePolicyEdges(ctx.writer);
}

async function readDocument(ctx: ImportContext): Promise<Record<string, unknown>> {
  const parts: string[] = [];
  let size = 0;
  for await (const chunk of openText(ctx.path, ctx.progress)) {
    size += (chunk as string).length;
    if (size > MAX_BYTES)
      throw new ApiError('bad-input', `${ctx.fileName}: larger than ${MAX_BYTES / 2 ** 20} MiB; not an authorization-details export`);
    if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
    parts.push(chunk as string);
  }
  let root: unknown;
  try {
    const text = parts.join('');
    if (tooDeep(text)) throw new JsonTooDeep();
    root = JSON.parse(text);
  } catch (e) {
    throw new ApiError('bad-input', `${ctx.fileName}: not valid JSON (${(e as Error).message.slice(0, 120)})`);
  }
  if (!isObject(root)) throw new ApiError('bad-input', `${ctx.fileName}: the top level is not a JSON object`);
  return root;
}
