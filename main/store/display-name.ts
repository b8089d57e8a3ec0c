// The name a person understands for any node, decided once in the engine and used by every API result a screen
// shows: the inventory's own name (display name, app name) when it says more than the key, else what the key
// itself tells (UPN, user or role name from an ARN, k8s namespace:name, login, email), else the key.
// Never used for lookups: the key stays the identity of a node; this is only how it reads.
// In store/ because graph/, inventory/ and findings/ all present names and none of them may import another's.
import type { CaseFile } from './case-file.ts';

export interface NamedNode {
  key: string;
  kind?: string | null;
  subkind?: string | null;
  name?: string | null;
  props?: Record<string, unknown> | null;
}

/** The display name of one node. Pure: everything it needs is in the row. */
export function displayName(node: NamedNode): string {
  const key = node.key;
  const name = clean(node.name);
  const props = node.props ?? {};
  const upn = clean(props.upn) ?? clean(props.userPrincipalName) ?? clean(props.user_principal_name);
  if (name && name !== key && !isOpaque(name)) return name;
  if (upn) return upn;
  const fromKey = nameFromKey(key);
  if (fromKey) return fromKey;
  return name ?? key;
}

/** What a key says by itself, or null when it says nothing more than itself. */
export function nameFromKey(key: string): string | null {
  // A credential-report slot: "<user arn>#access_key_1" reads "deploy access key 1".
  const slot = /^(.+)#(access_key|cert|password)_?(\d*)$/.exec(key);
  if (slot) {
    const owner = nameFromKey(slot[1]) ?? slot[1];
    return `${owner} ${slot[2].replace('_', ' ')}${slot[3] ? ` ${slot[3]}` : ''}`;
  }
  const arn = /^arn:aws[\w-]*:([\w-]+):[\w-]*:(\d*):(.+)$/.exec(key);
  if (arn) return arnName(arn[1], arn[3]);
  const k8sDemo = /^k8s-sa:[^/]+\/([^/]+)\/(.+)$/.exec(key);
  if (k8sDemo) return `${k8sDemo[1]}:${k8sDemo[2]}`;
  const k8s = /^k8s:(sa|role|pod|secret):([^:]+):(.+)$/.exec(key);
  if (k8s) return `${k8s[2]}:${k8s[3]}`;
  const k8sOther = /^k8s:(user|group|clusterrole|ns|secrets):(.+)$/.exec(key);
  if (k8sOther) return k8sOther[2];
  const prefixed =
    /^(entra:upn|okta:login|github:user|github:app|github:repo|github:org|github:team|gcp:user|gcp:sa|gcp:group|gcp:domain|aws:service|aws:user:\d+|aws:role:\d+|aws:group:\d+):(.+)$/.exec(
      key,
    );
  if (prefixed) return prefixed[2];
  const linux = /^linux:([^:]+):(.+)$/.exec(key);
  if (linux && linux[1] !== 'host' && linux[1] !== 'sshkey') return `${linux[2]}@${linux[1]}`;
  const host = /^(?:linux|windows):host:(.+)$/.exec(key);
  if (host) return host[1];
  const windows = /^windows:(.+)$/.exec(key);
  if (windows && !windows[1].startsWith('sid:')) return windows[1];
  return null;
}

function arnName(service: string, resource: string): string {
  if (service === 'iam' && resource === 'root') return 'account root';
  if (service === 'sts') {
    const session = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
    if (session) return `${session[1]} (session ${session[2]})`;
  }
  if (service === 's3') return resource.split('/')[0];
  // user/path/name, role/name, table/name, secret:name-AbCdEf, key/uuid, parameter/path/name
  const parts = resource.split(/[/:]/).filter(Boolean);
  const last = parts[parts.length - 1] ?? resource;
  if (service === 'secretsmanager') return last.replace(/-[A-Za-z0-9]{6}$/, '');
  return last;
}

/** GUIDs, long hex ids and raw access key ids read no better than the key. */
function isOpaque(name: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(name) || /^[0-9a-f]{24,}$/i.test(name);
}

function clean(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text ? text : null;
}

/**
 * Display names by key for a result: one query per 500 keys, each key looked up once. Keys the case does not
 * know (what-if nodes, external principals) read by what the key tells.
 */
export function displayNames(kase: CaseFile, keys: Iterable<string>): Map<string, string> {
  const wanted = [...new Set(keys)];
  const out = new Map<string, string>();
  // A credential without a name of its own reads by whom it belongs to: "deploy session key", "alice access key".
  const owned: { key: string; owner: string; what: string }[] = [];
  const query = kase.db.prepare(`SELECT key, kind, subkind, name, json_extract(props, '$.upn') AS upn,
      json_extract(props, '$.userPrincipalName') AS upn2,
      CASE WHEN kind = 'credential' THEN json_extract(props, '$.temporary') END AS temporary,
      CASE WHEN kind = 'credential' THEN coalesce(json_extract(props, '$.identity'),
        (SELECT o.key FROM edge e JOIN node o ON o.id = e.dst WHERE e.src = node.id AND e.kind = 'authenticates' LIMIT 1)) END AS owner
    FROM node WHERE key IN (SELECT value FROM json_each(?))`);
  for (let i = 0; i < wanted.length; i += 500) {
    const batch = wanted.slice(i, i + 500);
    for (const r of query.all(JSON.stringify(batch)) as CredRow[]) {
      const name = displayName({ key: r.key, kind: r.kind, subkind: r.subkind, name: r.name, props: { upn: r.upn, userPrincipalName: r.upn2 } });
      out.set(r.key, name);
      if (r.kind === 'credential' && name === r.key && r.owner) {
        owned.push({
          key: r.key,
          owner: r.owner,
          what: r.temporary === 1 || r.temporary === true ? 'session key' : (r.subkind ?? 'credential').replace(/_/g, ' '),
        });
      }
    }
  }
  if (owned.length) {
    const owners = displayNames(
      kase,
      owned.map((o) => o.owner).filter((o) => !out.has(o)),
    );
    for (const o of owned) out.set(o.key, `${out.get(o.owner) ?? owners.get(o.owner) ?? o.owner} ${o.what}`);
  }
  for (const key of wanted) if (!out.has(key)) out.set(key, displayName({ key }));
  return out;
}

interface CredRow {
  key: string;
  kind: string;
  subkind: string | null;
  name: string | null;
  upn: unknown;
  upn2: unknown;
  temporary: unknown;
  owner: string | null;
}

/** The same as a plain object (what the API carries). */
export function nameRecord(kase: CaseFile, keys: Iterable<string>): Record<string, string> {
  return Object.fromEntries(displayNames(kase, keys));
}
