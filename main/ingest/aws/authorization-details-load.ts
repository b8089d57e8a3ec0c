// Writes an evaluated authorization-details export into the case: principals and groups as nodes
// (keyed by ARN, with the shared AWS aliases so the credential report and CloudTrail land on the same
// nodes), group membership, every policy document (aws_policy), then the derived systems and edges.
import type { AnalysisResult } from '../../aws-policy/analyse.ts';
import { isObject } from '../../aws-policy/document.ts';
import type { AwsAccount, Principal } from '../../aws-policy/model.ts';
import type { CaseWriter } from '../writer.ts';
import { insertAwsPolicy } from '../../store/aws-policies.ts';
import { clearExternalMark, nodeSubkindById } from '../../store/ingest-nodes.ts';

export function loadAccount(w: CaseWriter, root: Record<string, unknown>, account: AwsAccount, analysis: AnalysisResult): void {
  const created = new Set<number>();
  // A file merged from several accounts: each account's identities and documents under its own id.
  for (const a of [account, ...(account.siblings ?? [])]) loadIdentities(w, root, a, created, a === account);
  for (const n of analysis.nodes) {
    if (w.find(n.key) !== undefined && !analysis.adminKeys.includes(n.key)) continue;
    w.upsertNode(
      { key: n.key, kind: n.kind, subkind: n.subkind, name: n.name, provider: 'aws', criticality: n.criticality ?? null, props: n.props ?? null },
      'derived',
    );
  }
  for (const a of [account, ...(account.siblings ?? [])]) {
    const rootId = w.find(`arn:aws:iam::${a.id}:root`);
    if (rootId !== undefined) w.alias(`aws:root:${a.id}`, rootId); // the credential report's name for it
  }
  for (const e of analysis.edges) {
    const src = w.find(e.src) ?? w.ref(e.src, 'identity', null, e.locator);
    const dst = w.find(e.dst) ?? w.ref(e.dst, 'system', null, e.locator);
    w.edge({ src, dst, kind: e.kind, privilege: e.privilege, conditional: e.conditional, props: { ...e.props } }, e.locator);
  }
}

function loadIdentities(w: CaseWriter, root: Record<string, unknown>, account: AwsAccount, created: Set<number>, main: boolean): void {
  const groupIds = new Map<string, number>();
  for (const g of account.groups.values()) {
    const id = upsertIdentity(w, created, {
      key: g.arn,
      alias: `aws:group:${account.id}:${g.name}`,
      uniqueId: g.id,
      kind: 'group',
      subkind: 'group',
      name: g.name,
      createdAt: g.createdAt,
      lastUsedAt: null,
      locator: g.locator,
      props: {
        aws_account: account.id,
        aws_id: g.id,
        managed_policies: g.managed,
        inline_policies: g.inline.map((d) => d.name),
        ...(g.gaps.length ? { policy_gaps: g.gaps } : {}),
      },
    });
    groupIds.set(g.name, id);
  }
  for (const p of [...account.users, ...account.roles]) {
    const id = upsertIdentity(w, created, {
      key: p.arn,
      alias: `aws:${p.type}:${account.id}:${p.name}`,
      uniqueId: p.id,
      kind: p.type === 'user' ? 'identity' : 'role',
      subkind: p.type === 'user' ? userSubkind(p) : 'role',
      name: p.name,
      createdAt: p.createdAt,
      lastUsedAt: p.lastUsedAt,
      locator: p.locator,
      props: principalProps(p, account),
    });
    for (const groupName of p.groups) {
      let gid = groupIds.get(groupName);
      if (gid === undefined) {
        gid = w.ref(`arn:aws:iam::${account.id}:group/${groupName}`, 'group', 'group', p.locator);
        w.alias(`aws:group:${account.id}:${groupName}`, gid);
        groupIds.set(groupName, gid);
      }
      w.edge({ src: id, dst: gid, kind: 'member_of', props: { reason: `${p.name} is listed in the group ${groupName}` } }, `${p.locator}/GroupList`);
    }
  }
  storeDocuments(w, root, account, main);
}

interface IdentityInput {
  key: string;
  alias: string;
  uniqueId: string | null;
  kind: 'identity' | 'role' | 'group';
  subkind: string;
  name: string;
  createdAt: string | null;
  lastUsedAt: string | null;
  locator: string;
  props: Record<string, unknown>;
}

/**
 * Completes the node another AWS source may already hold (by ARN, name alias, then unique id) rather
 * than creating a twin. A unique id already claimed by a node of this import is not trusted: exports
 * can repeat ids (the cloudmapper demo gives two roles the same RoleId).
 */
function upsertIdentity(w: CaseWriter, created: Set<number>, n: IdentityInput): number {
  let key = n.key;
  if (w.find(n.key) === undefined) {
    if (w.find(n.alias) !== undefined) key = n.alias;
    else if (n.uniqueId) {
      const byId = w.find(n.uniqueId);
      if (byId !== undefined && !created.has(byId)) key = n.uniqueId;
    }
  }
  // "human" is only this file's default: a subkind another source set (e.g. the credential report's
  // "no console password → service account") is better evidence and stays.
  const existing = w.find(key);
  let subkind: string | null = n.subkind;
  if (existing !== undefined && !created.has(existing) && subkind === 'human') {
    const current = nodeSubkindById(w.db, existing);
    if (current) subkind = null;
  }
  const id = w.upsertNode(
    {
      key,
      kind: n.kind,
      subkind,
      name: n.name,
      provider: 'aws',
      status: 'active',
      createdAt: n.createdAt,
      lastUsedAt: n.lastUsedAt,
      props: n.props,
    },
    n.locator,
  );
  created.add(id);
  // A resource or trust policy imported earlier may have named this principal as an outsider (an external placeholder): the
  // export says it is one of the account's own.
  if (existing !== undefined) clearExternalMark(w.db, id);
  w.alias(n.key, id);
  w.alias(n.alias, id);
  if (n.uniqueId) w.alias(n.uniqueId, id);
  return id;
}

const SERVICE_TAG = /^(type|kind|usage|purpose|identity[-_ ]?type|account[-_ ]?type|user[-_ ]?type)$/i;
const SERVICE_VALUE = /service|svc|machine|automation|bot|system|application|workload|ci|pipeline/i;
const SERVICE_NAME =
  /^(svc|srv|service|sa|bot|ci|cd|app|api|sys|system|deploy|automation|jenkins|terraform|github|gitlab|circleci|backup)([-_.@]|$)|[-_.](svc|service|bot|sa|ci|api|app|deploy|automation)$/i;
const SERVICE_PATH = /\/(service|services|system|automation|bots?|ci|machine)\//i;

/**
 * Users are people unless clearly a service user: a tag says so (type/kind/usage = service, bot…), the
 * name follows a service convention (svc-…, …-bot, ci-…, terraform…), or the path is /service/, /system/….
 * The export carries no password facts; the credential report refines this (no console password → service).
 */
export function userSubkind(p: Principal): 'human' | 'service_account' {
  for (const [k, v] of p.tags) if (SERVICE_TAG.test(k) && SERVICE_VALUE.test(v)) return 'service_account';
  if (SERVICE_NAME.test(p.name) || SERVICE_PATH.test(p.path)) return 'service_account';
  return 'human';
}

function principalProps(p: Principal, account: AwsAccount): Record<string, unknown> {
  const props: Record<string, unknown> = {
    aws_account: account.id,
    aws_id: p.id,
    path: p.path,
    tags: Object.fromEntries(p.tags),
    managed_policies: p.managed,
    inline_policies: p.inline.map((d) => d.name),
  };
  if (p.type === 'user') props.groups = p.groups;
  if (p.boundary) props.permissions_boundary = p.boundary;
  if (p.instanceProfiles.length) props.instance_profiles = p.instanceProfiles;
  if (p.trust) {
    props.trusted_services = [...new Set(p.trust.statements.flatMap((s) => (s.effect === 'Allow' && s.principals ? s.principals.service : [])))];
    props.trusted_principals = [
      ...new Set(p.trust.statements.flatMap((s) => (s.effect === 'Allow' && s.principals ? [...s.principals.aws, ...s.principals.federated] : []))),
    ].slice(0, 100);
  }
  if (p.gaps.length) props.policy_gaps = p.gaps;
  if (!p.arn.includes(`::${account.id}:`)) props.arn_account_mismatch = true;
  return props;
}

/** Every document as found (URL-decoded), for explanations and re-evaluation; rejected ones are in `reject`. */
function storeDocuments(w: CaseWriter, root: Record<string, unknown>, account: AwsAccount, main: boolean): void {
  const put = (kind: string, owner: string, name: string, version: string | null, isDefault: boolean, doc: unknown, locator: string) => {
    const text = documentText(doc);
    if (text !== null)
      insertAwsPolicy(w.db, { sourceId: w.sourceId, account: account.id, kind, owner, name, versionId: version, isDefault, document: text, locator });
  };
  for (const p of account.policies.values()) {
    if (p.origin === 'dataset') continue; // not part of this file; its locator names the dataset
    if (!main && p.arn.split(':')[4] === 'aws') continue; // AWS-managed policies are stored once, with the main account
    const raw = (root.Policies as unknown[])[Number(p.locator.split('/')[2])];
    if (!isObject(raw) || !Array.isArray(raw.PolicyVersionList)) continue;
    raw.PolicyVersionList.forEach((v, j) => {
      if (isObject(v))
        put(
          'managed',
          p.arn,
          p.name,
          typeof v.VersionId === 'string' ? v.VersionId : null,
          v.IsDefaultVersion === true,
          v.Document,
          `${p.locator}/PolicyVersionList/${j}`,
        );
    });
  }
  const inline = (owner: string, list: unknown, locator: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((e, j) => {
      if (isObject(e) && typeof e.PolicyName === 'string') put('inline', owner, e.PolicyName, null, true, e.PolicyDocument, `${locator}/${j}`);
    });
  };
  for (const g of account.groups.values()) inline(g.arn, rawAt(root, g.locator)?.GroupPolicyList, `${g.locator}/GroupPolicyList`);
  for (const u of account.users) inline(u.arn, rawAt(root, u.locator)?.UserPolicyList, `${u.locator}/UserPolicyList`);
  for (const r of account.roles) {
    const raw = rawAt(root, r.locator);
    inline(r.arn, raw?.RolePolicyList, `${r.locator}/RolePolicyList`);
    if (raw && r.trust) put('trust', r.arn, 'trust', null, true, raw.AssumeRolePolicyDocument, `${r.locator}/AssumeRolePolicyDocument`);
  }
}

function rawAt(root: Record<string, unknown>, locator: string): Record<string, unknown> | null {
  const [, list, index] = locator.split('/');
  const arr = root[list];
  const v = Array.isArray(arr) ? arr[Number(index)] : undefined;
  return isObject(v) ? v : null;
}

function documentText(doc: unknown): string | null {
  if (typeof doc === 'string') {
    const t = doc.trim();
    if (t.startsWith('{')) return t;
    try {
      return decodeURIComponent(t);
    } catch {
      return null;
    }
  }
  return doc === undefined ? null : JSON.stringify(doc);
}
