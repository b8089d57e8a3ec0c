// The AWS accounts the case already holds, rebuilt as the policy model from what authorization-details imports
// stored: principals and groups (nodes with their policy props), their documents (aws_policy) and the SCPs. Used
// when a resource-based policy or an SCP arrives after the export, so both sides can be combined without the export
// file, and by the re-evaluation of `blastmap derive`: it must give the evaluation the same model the import gave it
// (trust policies, instance profiles, dates and locators included), or a re-derived graph would differ from the first.
import { parsePolicyDocument } from '../../aws-policy/document.ts';
import { completeManagedPolicies } from '../../aws-policy/managed-dataset.ts';
import type { AwsAccount, Group, ManagedPolicy, PolicyDoc, Principal } from '../../aws-policy/model.ts';
import type { CaseWriter } from '../writer.ts';
import { storedScps } from './stored-scps.ts';
import { identityPolicyRows } from '../../store/aws-policies.ts';
import { arnAliasesReader, awsPrincipalRows } from '../../store/ingest-nodes.ts';

// The account part is not always 12 digits in real exports (sample files write `aws`): the principal's account is the
// one the export filed it under (props.aws_account), the ARN's only when that is missing.
const IAM_ARN = /^arn:aws[a-z-]*:iam::([^:]*):(user|role|group)\/.+$/;

export function storedAccounts(w: CaseWriter): AwsAccount[] {
  const nodes = awsPrincipalRows(w.db);
  if (!nodes.length) return [];
  const docs = identityPolicyRows(w.db);
  // Later imports of the same document win (a newer export of the account).
  const inline = new Map<string, Map<string, string>>();
  const trust = new Map<string, string>();
  const managed = new Map<string, { name: string; current: string | null; others: Map<string, string> }>();
  for (const d of docs) {
    if (d.kind === 'trust') trust.set(d.owner, d.document);
    else if (d.kind === 'inline') {
      let m = inline.get(d.owner);
      if (!m) inline.set(d.owner, (m = new Map()));
      m.set(d.name, d.document);
    } else {
      let m = managed.get(d.owner);
      if (!m) managed.set(d.owner, (m = { name: d.name, current: null, others: new Map() }));
      if (d.is_default) m.current = d.document;
      else m.others.set(d.version_id ?? `#${m.others.size}`, d.document);
    }
  }
  const aliasesOf = arnAliasesReader(w.db);
  const accounts = new Map<string, AwsAccount>();
  const accountOf = (id: string) => {
    let a = accounts.get(id);
    if (!a) accounts.set(id, (a = { id, users: [], roles: [], groups: new Map(), policies: new Map(), scps: [] }));
    return a;
  };
  for (const n of nodes) {
    const props = parse(n.props);
    const arn = IAM_ARN.test(n.key) ? n.key : aliasesOf(n.id).find((a) => IAM_ARN.test(a));
    const m = arn ? IAM_ARN.exec(arn) : null;
    if (!arn || !m) continue;
    const account = accountOf(str(props.aws_account) ?? m[1]);
    const name = arn.split('/').pop()!;
    const inlineDocs = readDocs(inline.get(arn), name);
    const managedArns = strings(props.managed_policies);
    const gaps = strings(props.policy_gaps);
    // The export's own locator (/RoleDetailList/3) when the node still has it, so re-derived edges cite the same record.
    const locator = n.locator?.startsWith('/') ? n.locator : n.key;
    if (m[2] === 'group') {
      const g: Group = {
        arn,
        account: account.id,
        name,
        id: str(props.aws_id),
        inline: inlineDocs,
        managed: managedArns,
        locator,
        gaps,
        createdAt: n.created_at,
      };
      account.groups.set(name, g);
      continue;
    }
    const tags = new Map<string, string>();
    if (props.tags && typeof props.tags === 'object' && !Array.isArray(props.tags)) {
      for (const [k, v] of Object.entries(props.tags as Record<string, unknown>)) tags.set(k, typeof v === 'string' ? v : '');
    }
    const trustText = m[2] === 'role' ? trust.get(arn) : undefined;
    const p: Principal = {
      type: m[2] as 'user' | 'role',
      arn,
      name,
      id: str(props.aws_id),
      account: account.id,
      path: str(props.path) ?? '/',
      tags,
      inline: inlineDocs,
      managed: managedArns,
      groups: strings(props.groups),
      boundary: str(props.permissions_boundary),
      trust: trustText === undefined ? null : readDoc(trustText, `the trust policy of ${name}`, 'trust'),
      instanceProfiles: strings(props.instance_profiles),
      locator,
      gaps,
      createdAt: n.created_at,
      lastUsedAt: n.last_used_at,
    };
    (p.type === 'user' ? account.users : account.roles).push(p);
  }
  const policies = new Map<string, ManagedPolicy>();
  for (const [arn, m] of managed) {
    if (m.current === null) continue;
    const document = readDoc(m.current, arn, m.name);
    if (!document) continue;
    const otherVersions = [...m.others].flatMap(([versionId, text]) => {
      const d = readDoc(text, `${arn} version ${versionId}`, m.name);
      return d ? [{ versionId, document: d }] : [];
    });
    policies.set(arn, { arn, name: m.name, document, otherVersions, locator: arn });
  }
  for (const a of accounts.values()) {
    for (const [arn, p] of policies) {
      const owner = arn.split(':')[4];
      if (owner === a.id || owner === 'aws') a.policies.set(arn, p);
    }
    const scps = storedScps(w, a.id);
    if (scps.length) a.scps = [scps];
    completeManagedPolicies(a);
  }
  return [...accounts.values()];
}

function readDocs(byName: Map<string, string> | undefined, owner: string): PolicyDoc[] {
  return [...(byName ?? [])].flatMap(([name, text]) => {
    const d = readDoc(text, `${owner}/inline/${name}`, name);
    return d ? [d] : [];
  });
}

function readDoc(text: string, label: string, name: string): PolicyDoc | null {
  try {
    return parsePolicyDocument(text, label, name);
  } catch {
    return null; // stored documents were validated on import; the principal's gaps already say what was unreadable
  }
}

function parse(props: string | null): Record<string, unknown> {
  try {
    const v = props ? (JSON.parse(props) as unknown) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}
