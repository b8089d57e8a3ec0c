// Importer for AWS Organizations service control policies, which cap what the authorization-details
// evaluation may grant. Accepts `aws organizations describe-policy` output ({"Policy": …}), a list of
// such policies ({"Policies": […]} or a bare array) with optional Targets. Either order of imports gives the same
// graph: an export imported later is evaluated with the stored SCPs, and an SCP file imported after an export
// re-evaluates the accounts the case holds (policy-reevaluation.ts).
// The OU tree is not known, so SCPs of every level are treated as one level: explicit Denies apply
// exactly; allow-list SCPs that differ between levels may be over-generous (never silently stricter).
import { ApiError } from '../../../shared/api/contract.ts';
import { isObject, parsePolicyDocument, PolicyError } from '../../aws-policy/document.ts';
import type { PolicyDoc } from '../../aws-policy/model.ts';
import { openText } from '../file-source.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import type { CaseWriter } from '../writer.ts';
import { JsonTooDeep, tooDeep } from '../json/read-json-records.ts';
import { REEVALUATE, reevaluateAwsPolicies } from './policy-reevaluation.ts';
import { insertScp } from '../../store/aws-policies.ts';

const MAX_CHARS = 64 * 1024 * 1024;
export const serviceControlPoliciesImporter: Importer = {
  name: 'aws-organizations-scps',
  description:
    'AWS Organizations service control policies (describe-policy JSON or a list), applied when an authorization-details export is evaluated',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const head = sample.head.trimStart();
  if (!(head.startsWith('{') || head.startsWith('['))) return null;
  if (!head.includes('"SERVICE_CONTROL_POLICY"') || !/"(Content|PolicySummary)"/.test(head)) return null;
  return { confidence: 0.9, reason: 'JSON with Organizations policies of type SERVICE_CONTROL_POLICY' };
}

async function run(ctx: ImportContext): Promise<void> {
  let text = '';
  for await (const chunk of openText(ctx.path, ctx.progress)) {
    text += chunk as string;
    if (text.length > MAX_CHARS) throw new ApiError('bad-input', `${ctx.fileName}: too large for a set of service control policies`);
  }
  let root: unknown;
  try {
    if (tooDeep(text)) throw new JsonTooDeep();
    root = JSON.parse(text);
  } catch (e) {
    throw new ApiError('bad-input', `${ctx.fileName}: not valid JSON${e instanceof JsonTooDeep ? ` (${e.message})` : ''}`);
  }
  const list = Array.isArray(root)
    ? root
    : isObject(root) && Array.isArray(root.Policies)
      ? root.Policies
      : isObject(root) && root.Policy
        ? [root.Policy]
        : null;
  if (!list) throw new ApiError('bad-input', `${ctx.fileName}: no Policy or Policies in this file`);
  const base = Array.isArray(root) ? '' : isObject(root) && Array.isArray(root.Policies) ? '/Policies' : '/Policy';
  list.slice(0, 100_000).forEach((raw, i) => {
    ctx.countRow();
    const locator = base === '/Policy' ? base : `${base}/${i}`;
    loadPolicy(ctx.writer, raw, locator);
  });
  // Accounts already in the case were evaluated without these SCPs.
  const reevaluate = (w: CaseWriter) => {
    reevaluateAwsPolicies(w);
  };
  if (ctx.finishBatch) ctx.finishBatch(REEVALUATE, reevaluate);
  else reevaluate(ctx.writer);
}

function loadPolicy(w: CaseWriter, raw: unknown, locator: string): void {
  if (!isObject(raw)) return w.reject(locator, 'policy entry is not an object', raw);
  const summary = isObject(raw.PolicySummary) ? raw.PolicySummary : raw;
  if (typeof summary.Type === 'string' && summary.Type !== 'SERVICE_CONTROL_POLICY') {
    return w.reject(locator, `not a service control policy (${summary.Type.slice(0, 40)})`, summary);
  }
  const name = typeof summary.Name === 'string' ? summary.Name : typeof summary.Id === 'string' ? summary.Id : null;
  const owner = typeof summary.Arn === 'string' ? summary.Arn : name;
  if (!name || !owner) return w.reject(locator, 'service control policy without a Name, Id or Arn', summary);
  let doc: PolicyDoc;
  try {
    doc = parsePolicyDocument(raw.Content, `SCP ${name}`, name);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return w.reject(locator, `service control policy ${name}: ${e.message}`, raw);
  }
  const text = typeof raw.Content === 'string' ? raw.Content : JSON.stringify(raw.Content);
  for (const account of targetAccounts(raw.Targets)) {
    insertScp(w.db, w.sourceId, account, owner, doc.name, text, locator);
  }
}

/** Accounts named as targets; anything else (root, OUs, no targets) applies to every account ('*'). */
export function targetAccounts(targets: unknown): string[] {
  if (!Array.isArray(targets) || !targets.length) return ['*'];
  const out = new Set<string>();
  for (const t of targets) {
    const id = typeof t === 'string' ? t : isObject(t) && typeof t.TargetId === 'string' ? t.TargetId : null;
    out.add(id && /^\d{12}$/.test(id) ? id : '*');
  }
  return [...out];
}
