// What an Entra audit record changed, read from its targetResources[].modifiedProperties: credentials added
// to an app or service principal, delegated permission grants and app role assignments (consent), group and
// role membership. Pure: returns facts; audit.ts writes them.
import { field, jsonValue, list, rec, str, type Rec } from './json-log.ts';

export interface Target {
  id: string | null;
  type: string | null;
  name: string | null;
  upn: string | null;
  changes: Map<string, { old: unknown; new: unknown }>;
}

export function readTargets(value: unknown): Target[] {
  return list(jsonValue(value))
    .map((t) => rec(t))
    .filter((t): t is Rec => !!t)
    .map((t) => {
      const changes = new Map<string, { old: unknown; new: unknown }>();
      for (const m of list(field(t, 'modifiedProperties'))) {
        const mp = rec(m);
        const name = mp && str(field(mp, 'displayName'));
        if (mp && name) changes.set(name, { old: unquote(field(mp, 'oldValue')), new: unquote(field(mp, 'newValue')) });
      }
      return {
        id: str(field(t, 'id')),
        type: str(field(t, 'type')),
        name: str(field(t, 'displayName')),
        upn: str(field(t, 'userPrincipalName')),
        changes,
      };
    });
}

/** Audit values are JSON-encoded strings ("\"User.Read\""); decode one level when they are. */
function unquote(v: unknown): unknown {
  const parsed = jsonValue(v);
  if (typeof parsed === 'string' && parsed.startsWith('"')) {
    try {
      return JSON.parse(parsed);
    } catch {
      return parsed;
    }
  }
  return parsed;
}

export interface AddedKey {
  keyId: string;
  type: 'client_secret' | 'certificate';
  name: string | null;
}

/** Keys present in the new KeyDescription and not in the old one: the credentials this change added. */
export function addedKeys(t: Target): AddedKey[] {
  const c = t.changes.get('KeyDescription');
  if (!c) return [];
  const before = new Set(parseKeys(c.old).map((k) => k.keyId));
  return parseKeys(c.new).filter((k) => !before.has(k.keyId));
}

function parseKeys(v: unknown): AddedKey[] {
  const entries = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  const out: AddedKey[] = [];
  for (const e of entries) {
    const text = String(e);
    for (const m of text.matchAll(/KeyIdentifier=([0-9a-fA-F-]{8,64}),KeyType=(\w+)[^\]]*?(?:DisplayName=([^\]]*))?\]/g)) {
      out.push({ keyId: m[1].toLowerCase(), type: /cert|x509/i.test(m[2]) ? 'certificate' : 'client_secret', name: m[3] || null });
    }
  }
  return out;
}

export interface Grant {
  /** The client service principal's object id. */
  clientSp: string;
  /** The API: its appId when the record names it, else its service principal object id. */
  resource: string;
  resourceName: string | null;
  scopes: string[];
  kind: 'delegated' | 'application';
  consentType: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Add delegated permission grant" / "Add app role assignment to service principal": client → API with scopes. */
export function readGrant(targets: Target[]): Grant | null {
  const api = targets.find((t) => t.changes.has('DelegatedPermissionGrant.Scope') || t.changes.has('AppRole.Value'));
  if (!api || !api.id) return null;
  const delegated = api.changes.has('DelegatedPermissionGrant.Scope');
  const client =
    str(api.changes.get('ServicePrincipal.ObjectID')?.new) ?? targets.find((t) => t !== api && t.type === 'ServicePrincipal')?.id ?? null;
  if (!client) return null;
  const scopeText = str(delegated ? api.changes.get('DelegatedPermissionGrant.Scope')?.new : api.changes.get('AppRole.Value')?.new) ?? '';
  const spns = str(api.changes.get('TargetId.ServicePrincipalNames')?.new) ?? '';
  const appId = spns.split(/[;/]/).find((s) => GUID.test(s)) ?? null;
  return {
    clientSp: client,
    resource: (appId ?? api.id).toLowerCase(),
    resourceName: api.name,
    kind: delegated ? 'delegated' : 'application',
    scopes: scopeText.split(/\s+/).filter(Boolean),
    consentType: str(api.changes.get('DelegatedPermissionGrant.ConsentType')?.new),
  };
}

/**
 * Privilege of a set of OAuth scopes / app roles on their API (documented in docs/identity-resolution.md):
 * tenant-control permissions → admin; anything that writes (ReadWrite, Write, Send, FullControl, Manage) → write; else read.
 */
export function scopePrivilege(scopes: string[]): 1 | 2 | 3 {
  let level: 1 | 2 | 3 = 1;
  for (const s of scopes) {
    if (
      /^(Directory\.(ReadWrite\.All|AccessAsUser\.All)|RoleManagement\.ReadWrite\.|AppRoleAssignment\.ReadWrite\.All|Application\.ReadWrite\.All|full_access_as_app|user_impersonation)$/i.test(
        s,
      )
    )
      return 3;
    if (/ReadWrite|Write|Send|FullControl|Manage/i.test(s)) level = 2;
  }
  return level;
}

/** Group / role membership additions name the container in modified properties of the member target. */
export function membership(
  targets: Target[],
): { member: Target; containerId: string; containerName: string | null; container: 'group' | 'role' } | null {
  for (const t of targets) {
    const group = str(t.changes.get('Group.ObjectID')?.new);
    if (group) return { member: t, containerId: group, containerName: str(t.changes.get('Group.DisplayName')?.new), container: 'group' };
    const role = str(t.changes.get('Role.ObjectID')?.new) ?? str(t.changes.get('Role.TemplateId')?.new);
    if (role) return { member: t, containerId: role, containerName: str(t.changes.get('Role.DisplayName')?.new), container: 'role' };
  }
  return null;
}

/** "Add owner to application / service principal": the new owner (a user or service principal) and what it now owns. */
export function ownership(targets: Target[]): { owner: Target; owned: Target } | null {
  const owned = targets.find((t) => t.type === 'Application' || (t.type === 'ServicePrincipal' && targets.some((o) => o !== t && o.type === 'User')));
  const owner = targets.find((t) => t !== owned && (t.type === 'User' || t.type === 'ServicePrincipal'));
  return owned?.id && owner?.id ? { owner, owned } : null;
}

/** Directory attributes an "Add user" / "Update user" record sets (modifiedProperties), by the Graph property name. */
const USER_ATTRIBUTES: Record<string, string> = {
  usertype: 'userType',
  jobtitle: 'jobTitle',
  department: 'department',
  employeeid: 'employeeId',
  manager: 'manager',
  passwordpolicies: 'passwordPolicies',
  accountenabled: 'accountEnabled',
  onpremisessecurityidentifier: 'onPremisesSecurityIdentifier',
  onpremisesamaccountname: 'onPremisesSamAccountName',
};

/**
 * What the record says the user now is (job title, department, manager, employee id, user type, password policy):
 * the classifier of identity kinds (main/kinds/) weighs these. Values arrive as JSON arrays of one string.
 */
export function userAttributes(t: Target): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [name, change] of t.changes) {
    const attr = USER_ATTRIBUTES[name.toLowerCase().replace(/[^a-z]/g, '')];
    if (!attr) continue;
    const v = Array.isArray(change.new) ? change.new[0] : change.new;
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') out[attr] = typeof v === 'string' ? v.slice(0, 200) : v;
    else if (v === undefined || v === null) out[attr] = '';
  }
  return Object.keys(out).length ? out : null;
}
