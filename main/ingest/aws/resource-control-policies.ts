// Importer for AWS Organizations resource control policies (RCPs): `aws organizations describe-policy` output
// ({"Policy": {"PolicySummary": {… "Type": "RESOURCE_CONTROL_POLICY"}, "Content": "…"}}), a list of such policies
// ({"Policies": […]} or a bare array), each with optional Targets (as `list-targets-for-policy` prints them) — the
// same shapes as the SCP importer's, told apart by their type. Each policy is kept in aws_policy (kind 'rcp', one row
// per target account, '*' for the root or an OU); the access edges of every resource with a policy, an ACL or
// grants are then derived again (resource-policy-refresh.ts), so the RCPs count whether they come before or after
// the rest. What an RCP means is decided in aws-policy/resource-control.ts.
import { ApiError } from '../../../shared/api/contract.ts';
import { isObject, parsePolicyDocument, PolicyError } from '../../aws-policy/document.ts';
import { insertResourceControl } from '../../store/aws-resource-controls.ts';
import { openText } from '../file-source.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { JsonTooDeep, tooDeep } from '../json/read-json-records.ts';
import type { CaseWriter } from '../writer.ts';
import { targetAccounts } from './authorization-details-scps.ts';
import { REFRESH, refreshResourcePolicyEdges } from './resource-policy-refresh.ts';

const MAX_CHARS = 64 * 1024 * 1024;
const TYPE = 'RESOURCE_CONTROL_POLICY';

export const resourceControlPoliciesImporter: Importer = {
  name: 'aws-organizations-rcps',
  description:
    'AWS Organizations resource control policies (describe-policy JSON or a list): deny on the side of S3, STS, SQS, KMS and Secrets Manager resources of member accounts',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const head = sample.head.trimStart();
  if (!(head.startsWith('{') || head.startsWith('['))) return null;
  // list-policies output (summaries, no Content) is recognised too, so that it is refused with what to run instead.
  if (!head.includes(`"${TYPE}"`) || !/"(Content|PolicySummary|Policies)"/.test(head)) return null;
  return { confidence: 0.9, reason: `JSON with Organizations policies of type ${TYPE}` };
}

async function run(ctx: ImportContext): Promise<void> {
  let text = '';
  for await (const chunk of openText(ctx.path, ctx.progress)) {
    text += chunk as string;
    if (text.length > MAX_CHARS) throw new ApiError('bad-input', `${ctx.fileName}: too large for a set of resource control policies`);
  }
  let root: unknown;
  try {
    if (tooDeep(text)) throw new JsonTooDeep();
    root = JSON.parse(text);
  } catch (e) {
    throw new ApiError('bad-input', `${ctx.fileName}: not valid JSON${e instanceof JsonTooDeep ? ` (${e.message})` : ''}`);
  }
  const policies = isObject(root) && Array.isArray(root.Policies);
  const list = Array.isArray(root)
    ? root
    : policies
      ? (root as { Policies: unknown[] }).Policies
      : isObject(root) && root.Policy
        ? [root.Policy]
        : null;
  if (!list) throw new ApiError('bad-input', `${ctx.fileName}: no Policy or Policies in this file`);
  const base = Array.isArray(root) ? '' : policies ? '/Policies' : '/Policy';
  list.slice(0, 100_000).forEach((raw, i) => {
    ctx.countRow();
    loadPolicy(ctx.writer, raw, base === '/Policy' ? base : `${base}/${i}`);
  });
  if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
  if (ctx.finishBatch) ctx.finishBatch(REFRESH, refreshResourcePolicyEdges);
  else refreshResourcePolicyEdges(ctx.writer);
}

function loadPolicy(w: CaseWriter, raw: unknown, locator: string): void {
  if (!isObject(raw)) return w.reject(locator, 'policy entry is not an object', raw);
  const summary = isObject(raw.PolicySummary) ? raw.PolicySummary : raw;
  if (summary.Type !== TYPE) {
    return w.reject(locator, `not a resource control policy (${typeof summary.Type === 'string' ? summary.Type.slice(0, 40) : 'no Type'})`, summary);
  }
  const name = typeof summary.Name === 'string' ? summary.Name : typeof summary.Id === 'string' ? summary.Id : null;
  const owner = typeof summary.Arn === 'string' ? summary.Arn : name;
  if (!name || !owner) return w.reject(locator, 'resource control policy without a Name, Id or Arn', summary);
  // list-policies prints summaries only: without Content there is nothing to evaluate, and guessing would hide a Deny.
  if (raw.Content === undefined)
    return w.reject(locator, `resource control policy ${name} has no Content (list-policies output: run describe-policy for each)`, summary);
  try {
    parsePolicyDocument(raw.Content, `RCP ${name}`, name);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return w.reject(locator, `resource control policy ${name}: ${e.message}`, raw);
  }
  const document = typeof raw.Content === 'string' ? raw.Content : JSON.stringify(raw.Content);
  for (const account of targetAccounts(raw.Targets))
    insertResourceControl(w.db, w.sourceId, { kind: 'rcp', account, owner, name, document, locator });
}
