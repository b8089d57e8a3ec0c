// Reads the JSON of `aws iam get-account-authorization-details` into the policy model. One record per
// user, group, role, managed policy, inline policy and trust policy: each is counted, and a record
// that cannot be used is rejected with a specific reason (the principal itself still loads when only
// one of its policies is unreadable; the gap is remembered so evaluation never over-trusts it).
import { isObject, parsePolicyDocument, PolicyError } from '../../aws-policy/document.ts';
import type { AwsAccount, Group, ManagedPolicy, PolicyDoc, Principal, PrincipalType } from '../../aws-policy/model.ts';

export interface ParseSink {
  countRow(): void;
  reject(locator: string, reason: string, raw: unknown): void;
}

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::([^:]*):(user|role|group)(\/.*)$/;
const ACCOUNT = /^\d{12}$/;
const MAX_ITEMS = 2_000_000;

/**
 * The export's main account (the most common one), with any other accounts whose principals the file also
 * holds as `siblings`. Each record goes to the account its ARN names; AWS-managed policies belong to all.
 */
export function parseAuthorizationDetails(root: Record<string, unknown>, sink: ParseSink): AwsAccount {
  const primary = findAccountId(root);
  const accounts = new Map<string, AwsAccount>();
  const bucket = (arn: unknown): AwsAccount => {
    const named = typeof arn === 'string' ? arn.split(':')[4] : undefined;
    const id = named && ACCOUNT.test(named) ? named : primary;
    let a = accounts.get(id);
    if (!a) accounts.set(id, (a = { id, users: [], roles: [], groups: new Map(), policies: new Map(), scps: [] }));
    return a;
  };
  const main = bucket(primary);
  const shared = new Map<string, ManagedPolicy>();
  for (const [i, raw] of items(root, 'Policies')) {
    const arn = isObject(raw) ? raw.Arn : undefined;
    // AWS-managed policies (account "aws") can be attached in every account.
    const into = typeof arn === 'string' && AWS_MANAGED.test(arn) ? { ...main, policies: shared } : bucket(arn);
    readManagedPolicy(into, raw, `/Policies/${i}`, sink);
  }
  for (const [i, raw] of items(root, 'GroupDetailList')) readGroup(bucket(isObject(raw) ? raw.Arn : undefined), raw, `/GroupDetailList/${i}`, sink);
  for (const [i, raw] of items(root, 'UserDetailList'))
    readPrincipal(bucket(isObject(raw) ? raw.Arn : undefined), 'user', raw, `/UserDetailList/${i}`, sink);
  for (const [i, raw] of items(root, 'RoleDetailList'))
    readPrincipal(bucket(isObject(raw) ? raw.Arn : undefined), 'role', raw, `/RoleDetailList/${i}`, sink);
  for (const a of accounts.values()) for (const [arn, p] of shared) if (!a.policies.has(arn)) a.policies.set(arn, p);
  const siblings = [...accounts.values()].filter((a) => a !== main && (a.users.length || a.roles.length || a.groups.size));
  if (siblings.length) main.siblings = siblings.sort((x, y) => x.id.localeCompare(y.id));
  return main;
}

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

function* items(root: Record<string, unknown>, key: string): Generator<[number, unknown]> {
  const list = root[key];
  if (!Array.isArray(list)) return;
  const n = Math.min(list.length, MAX_ITEMS);
  for (let i = 0; i < n; i++) yield [i, list[i]];
}

/** The export's own account: the most common 12-digit account in its principal and policy ARNs. */
function findAccountId(root: Record<string, unknown>): string {
  const counts = new Map<string, number>();
  for (const key of ['UserDetailList', 'RoleDetailList', 'GroupDetailList', 'Policies']) {
    for (const [, raw] of items(root, key)) {
      if (!isObject(raw) || typeof raw.Arn !== 'string') continue;
      const account = raw.Arn.split(':')[4];
      if (account && ACCOUNT.test(account)) counts.set(account, (counts.get(account) ?? 0) + 1);
    }
  }
  let best = '';
  for (const [a, n] of counts) if (!best || n > counts.get(best)!) best = a;
  return best || 'unknown-account';
}

function readManagedPolicy(account: AwsAccount, raw: unknown, locator: string, sink: ParseSink): void {
  sink.countRow();
  if (!isObject(raw)) return sink.reject(locator, 'managed policy entry is not an object', raw);
  const { Arn: arn, PolicyName: name, PolicyVersionList: versions } = raw;
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return sink.reject(locator, 'managed policy without an Arn', raw);
  if (account.policies.has(arn)) return sink.reject(locator, `duplicate managed policy ${arn}`, raw);
  if (!Array.isArray(versions) || !versions.length) return sink.reject(locator, `managed policy ${arn} has no PolicyVersionList`, raw);
  const policyName = typeof name === 'string' ? name : arn.split('/').pop()!;
  const defaultIndex = pickDefault(versions, raw.DefaultVersionId);
  if (defaultIndex < 0) return sink.reject(locator, `managed policy ${arn}: no version is marked default`, raw);
  let document: PolicyDoc;
  try {
    document = parsePolicyDocument((versions[defaultIndex] as Record<string, unknown>).Document, arn, policyName);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return sink.reject(
      `${locator}/PolicyVersionList/${defaultIndex}`,
      `managed policy ${arn}, default version: ${e.message}`,
      versions[defaultIndex],
    );
  }
  const otherVersions: ManagedPolicy['otherVersions'] = [];
  versions.forEach((v, j) => {
    if (j === defaultIndex || !isObject(v)) return;
    const versionId = typeof v.VersionId === 'string' ? v.VersionId : `#${j}`;
    try {
      otherVersions.push({ versionId, document: parsePolicyDocument(v.Document, `${arn} version ${versionId}`, policyName) });
    } catch {
      // An unreadable old version only matters to SetDefaultPolicyVersion, which then treats it as unknown.
      otherVersions.push({ versionId, document: { label: `${arn} version ${versionId} (unreadable)`, name: policyName, statements: [] } });
    }
  });
  account.policies.set(arn, { arn, name: policyName, document, otherVersions, locator });
}

function pickDefault(versions: unknown[], defaultId: unknown): number {
  const flagged = versions.findIndex((v) => isObject(v) && v.IsDefaultVersion === true);
  if (flagged >= 0) return flagged;
  const byId = versions.findIndex((v) => isObject(v) && v.VersionId === defaultId);
  if (byId >= 0) return byId;
  return versions.length === 1 ? 0 : -1;
}

function readGroup(account: AwsAccount, raw: unknown, locator: string, sink: ParseSink): void {
  sink.countRow();
  if (!isObject(raw)) return sink.reject(locator, 'group entry is not an object', raw);
  const name = raw.GroupName;
  if (typeof name !== 'string' || !name) return sink.reject(locator, 'group without a GroupName', raw);
  const arn = principalArn(raw.Arn, 'group', account, name, raw.Path);
  if (!arn) return sink.reject(locator, `group ${name}: Arn is not an IAM group ARN`, raw);
  if (account.groups.has(name)) return sink.reject(locator, `duplicate group ${name}`, raw);
  const gaps: string[] = [];
  const group: Group = {
    arn,
    name,
    account: account.id,
    id: stringOrNull(raw.GroupId),
    locator,
    gaps,
    createdAt: isoDate(raw.CreateDate),
    inline: readInline(raw.GroupPolicyList, `${locator}/GroupPolicyList`, `${name}/inline`, gaps, sink),
    managed: attached(raw.AttachedManagedPolicies),
  };
  account.groups.set(name, group);
}

function readPrincipal(account: AwsAccount, type: PrincipalType, raw: unknown, locator: string, sink: ParseSink): void {
  sink.countRow();
  const what = type === 'user' ? 'user' : 'role';
  if (!isObject(raw)) return sink.reject(locator, `${what} entry is not an object`, raw);
  const name = type === 'user' ? raw.UserName : raw.RoleName;
  if (typeof name !== 'string' || !name) return sink.reject(locator, `${what} without a ${type === 'user' ? 'UserName' : 'RoleName'}`, raw);
  const arn = principalArn(raw.Arn, type, account, name, raw.Path);
  if (!arn) return sink.reject(locator, `${what} ${name}: Arn is not an IAM ${what} ARN`, raw);
  const gaps: string[] = [];
  const inlineKey = type === 'user' ? 'UserPolicyList' : 'RolePolicyList';
  const boundary =
    isObject(raw.PermissionsBoundary) && typeof raw.PermissionsBoundary.PermissionsBoundaryArn === 'string'
      ? raw.PermissionsBoundary.PermissionsBoundaryArn
      : null;
  const principal: Principal = {
    type,
    arn,
    name,
    id: stringOrNull(type === 'user' ? raw.UserId : raw.RoleId),
    account: account.id,
    path: typeof raw.Path === 'string' ? raw.Path : '/',
    tags: readTags(raw.Tags),
    locator,
    gaps,
    inline: readInline(raw[inlineKey], `${locator}/${inlineKey}`, `${name}/inline`, gaps, sink),
    managed: attached(raw.AttachedManagedPolicies),
    groups: type === 'user' && Array.isArray(raw.GroupList) ? raw.GroupList.filter((g): g is string => typeof g === 'string') : [],
    boundary,
    trust: null,
    instanceProfiles: Array.isArray(raw.InstanceProfileList)
      ? raw.InstanceProfileList.flatMap((p) => (isObject(p) && typeof p.Arn === 'string' ? [p.Arn] : []))
      : [],
    createdAt: isoDate(raw.CreateDate),
    lastUsedAt: type === 'user' ? isoDate(raw.PasswordLastUsed) : isObject(raw.RoleLastUsed) ? isoDate(raw.RoleLastUsed.LastUsedDate) : null,
  };
  if (type === 'role') {
    sink.countRow(); // the trust policy is a record of its own: it decides who can become the role
    try {
      principal.trust = parsePolicyDocument(raw.AssumeRolePolicyDocument, `the trust policy of ${name}`, 'trust');
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      sink.reject(`${locator}/AssumeRolePolicyDocument`, `role ${name}, trust policy: ${e.message}`, raw.AssumeRolePolicyDocument ?? null);
    }
  }
  (type === 'user' ? account.users : account.roles).push(principal);
}

function readInline(list: unknown, locator: string, labelPrefix: string, gaps: string[], sink: ParseSink): PolicyDoc[] {
  if (!Array.isArray(list)) return [];
  const out: PolicyDoc[] = [];
  list.slice(0, MAX_ITEMS).forEach((entry, j) => {
    sink.countRow();
    const where = `${locator}/${j}`;
    if (!isObject(entry) || typeof entry.PolicyName !== 'string') {
      gaps.push(`inline policy ${where} has no PolicyName`);
      return sink.reject(where, 'inline policy without a PolicyName', entry);
    }
    try {
      out.push(parsePolicyDocument(entry.PolicyDocument, `${labelPrefix}/${entry.PolicyName}`, entry.PolicyName));
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      gaps.push(`inline policy ${entry.PolicyName} could not be read`);
      sink.reject(where, `inline policy ${entry.PolicyName}: ${e.message}`, entry);
    }
  });
  return out;
}

/**
 * The principal's ARN as exported. Exports from tools sometimes carry a non-numeric account
 * (the cloudmapper demo has `arn:aws:iam::aws:user/...`); the ARN stays the key as written so other
 * sources that quote it resolve, and the principal is placed in the export's account.
 */
function principalArn(raw: unknown, type: string, account: AwsAccount, name: string, path: unknown): string | null {
  if (typeof raw !== 'string') {
    if (!ACCOUNT.test(account.id)) return null;
    const p = typeof path === 'string' && path.startsWith('/') ? path : '/';
    return `arn:aws:iam::${account.id}:${type}${p}${name}`;
  }
  const m = PRINCIPAL_ARN.exec(raw);
  if (!m || m[2] !== type || raw.length > 2048) return null;
  return raw;
}

function attached(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((p) => (isObject(p) && typeof p.PolicyArn === 'string' ? [p.PolicyArn] : []));
}

function readTags(list: unknown): Map<string, string> {
  const tags = new Map<string, string>();
  if (!Array.isArray(list)) return tags;
  for (const t of list.slice(0, 1000)) {
    if (isObject(t) && typeof t.Key === 'string') tags.set(t.Key, typeof t.Value === 'string' ? t.Value : '');
  }
  return tags;
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}

/**
 * The three date styles seen in exports: ISO with `Z`, ISO with `+00:00`, and Python's
 * `2019-12-18 19:10:08+00:00` (space separator); epoch seconds or milliseconds also pass.
 */
export function isoDate(v: unknown): string | null {
  let t: number;
  if (typeof v === 'number') t = v < 1e11 ? v * 1000 : v;
  else if (typeof v === 'string' && v.length < 64) t = Date.parse(v.trim().replace(/^(\d{4}-\d\d-\d\d) /, '$1T'));
  else return null;
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
