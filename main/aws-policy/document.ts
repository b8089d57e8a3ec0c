// Parses an IAM policy document as found in exports: a JSON object, a JSON string, or a URL-encoded
// JSON string (the raw IAM API form). Every field is checked; anything off-grammar is a PolicyError
// with a specific reason, because a half-read policy could hide a Deny.
import type { ConditionClause, PolicyDoc, Statement, TrustPrincipals } from './model.ts';

export class PolicyError extends Error {}

const MAX_STATEMENTS = 5_000;
const MAX_LIST = 10_000;
const MAX_DOC_CHARS = 2_000_000;

export function parsePolicyDocument(raw: unknown, label: string, name: string): PolicyDoc {
  const doc = decodeDocument(raw);
  if (!isObject(doc)) throw new PolicyError('the policy document is not a JSON object');
  const statementRaw = doc.Statement;
  if (statementRaw === undefined) throw new PolicyError('the policy document has no Statement');
  const list = Array.isArray(statementRaw) ? statementRaw : [statementRaw];
  if (list.length > MAX_STATEMENTS) throw new PolicyError(`the policy document has ${list.length} statements (limit ${MAX_STATEMENTS})`);
  const statements = list.map((s, i) => parseStatement(s, i));
  return { label, name, statements };
}

/** Objects pass through; strings are JSON, possibly URL-encoded first. */
function decodeDocument(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw.length > MAX_DOC_CHARS) throw new PolicyError(`the policy document is ${raw.length} characters (limit ${MAX_DOC_CHARS})`);
  let text = raw.trim();
  if (!text.startsWith('{')) {
    try {
      text = decodeURIComponent(text).trim();
    } catch {
      throw new PolicyError('the policy document is neither JSON nor valid URL-encoded JSON');
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new PolicyError('the policy document is not valid JSON');
  }
}

function parseStatement(s: unknown, index: number): Statement {
  const where = `statement ${index}`;
  if (!isObject(s)) throw new PolicyError(`${where} is not an object`);
  const sid = typeof s.Sid === 'string' && s.Sid ? s.Sid : `#${index}`;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new PolicyError(`${where}: Effect must be "Allow" or "Deny" (got ${short(s.Effect)})`);
  const actions = stringList(s.Action, `${where} Action`);
  const notActions = stringList(s.NotAction, `${where} NotAction`);
  if ((actions === null) === (notActions === null)) throw new PolicyError(`${where}: needs exactly one of Action or NotAction`);
  const resources = stringList(s.Resource, `${where} Resource`);
  const notResources = stringList(s.NotResource, `${where} NotResource`);
  if (resources && notResources) throw new PolicyError(`${where}: has both Resource and NotResource`);
  const principals = parsePrincipals(s.Principal, `${where} Principal`);
  const notPrincipals = parsePrincipals(s.NotPrincipal, `${where} NotPrincipal`);
  const conditions = parseConditions(s.Condition, where);
  return {
    sid,
    effect: s.Effect,
    actions: actions?.map((a) => a.toLowerCase()) ?? null,
    notActions: notActions?.map((a) => a.toLowerCase()) ?? null,
    resources,
    notResources,
    principals,
    notPrincipals,
    conditions,
    conditionText: conditions.length ? JSON.stringify(s.Condition) : null,
  };
}

function parsePrincipals(p: unknown, where: string): TrustPrincipals | null {
  if (p === undefined) return null;
  const out: TrustPrincipals = { aws: [], service: [], federated: [], everyone: false };
  if (p === '*') {
    out.everyone = true;
    return out;
  }
  if (!isObject(p)) throw new PolicyError(`${where} must be "*" or an object`);
  for (const key of Object.keys(p)) {
    const values = stringList(p[key], `${where}.${key}`) ?? [];
    if (key === 'AWS') out.aws.push(...values);
    else if (key === 'Service') out.service.push(...values);
    else if (key === 'Federated') out.federated.push(...values);
    // CanonicalUser (S3 only) never appears in IAM trust; kept out of reach rather than guessed.
  }
  if (out.aws.includes('*')) out.everyone = true;
  return out;
}

function parseConditions(c: unknown, where: string): ConditionClause[] {
  if (c === undefined) return [];
  if (!isObject(c)) throw new PolicyError(`${where}: Condition must be an object`);
  const out: ConditionClause[] = [];
  for (const operator of Object.keys(c)) {
    const block = c[operator];
    if (!isObject(block)) throw new PolicyError(`${where}: Condition ${short(operator)} must map keys to values`);
    for (const key of Object.keys(block)) {
      const v = block[key];
      const values = (Array.isArray(v) ? v : [v]).map((x) =>
        typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : null,
      );
      if (values.some((x) => x === null))
        throw new PolicyError(`${where}: Condition ${short(operator)} ${short(key)} has a value that is not a string, number or boolean`);
      out.push({ operator, key, values: values as string[] });
    }
  }
  return out;
}

function stringList(v: unknown, where: string): string[] | null {
  if (v === undefined) return null;
  const list = Array.isArray(v) ? v : [v];
  if (list.length > MAX_LIST) throw new PolicyError(`${where} has ${list.length} entries (limit ${MAX_LIST})`);
  for (const x of list) if (typeof x !== 'string') throw new PolicyError(`${where} must be a string or a list of strings`);
  return list as string[];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
