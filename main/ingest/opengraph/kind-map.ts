// What the node and edge kinds of BloodHound OpenGraph files mean in Blastmap's vocabulary (docs/graph.md, Semantics),
// for files written by the OpenHound community collectors (GitHound, OktaHound, SnowHound, 1PassHound, AIHound,
// DataHound…) and BloodHound's own AD/Azure kinds. Pure data and lookups: no I/O, nothing of the case.
//
// Kinds are matched by the words they are made of, after the collector's prefix: `GH_PersonalAccessToken` reads
// "gh: personal access token", `BHSSOProvider` reads "bh: sso provider". So most new collectors need nothing;
// when one does, it needs one line: a prefix in COLLECTORS, or a rule above the generic rule it must win over
// (the first matching rule decides). Rules that start with a prefix (`^okta: …`) hold one collector's published
// schema facts where the generic words would mislead.
import type { EdgeKind, NodeKind } from '../../../shared/model.ts';

/**
 * Stored kind of an edge that Blastmap keeps but never traverses (the collector's own kind is in props.sourceKind).
 * Not in EDGE_KINDS on purpose: the graph treats any other kind as "unknown, never traversed" (main/graph/csr.ts),
 * which is exactly what a relation without a Blastmap meaning must be.
 */
export const RELATED_EDGE = 'related';

/** Longest labels and kinds looked at: hostile files carry megabyte "kinds". */
const MAX_LABEL = 200;

export interface Collector {
  /** Case-sensitive start of the collector's kinds (`GH` matches `GH_User` and `GHUser`). */
  prefix: string;
  /** node.provider for what it collected. */
  provider: string;
}

/** Longer prefixes first where one starts another (AIHound before a future AI). */
export const COLLECTORS: readonly Collector[] = [
  { prefix: 'AIHound', provider: 'aihound' },
  { prefix: 'MSSQL', provider: 'mssql' },
  { prefix: 'Okta', provider: 'okta' },
  { prefix: 'SNOW', provider: 'snowflake' },
  { prefix: 'jamf', provider: 'jamf' },
  { prefix: 'AWS', provider: 'aws' },
  { prefix: 'GH', provider: 'github' },
  { prefix: 'OP', provider: '1password' },
  { prefix: 'AZ', provider: 'azure' },
  { prefix: 'BH', provider: 'bloodhound' },
];

export interface NodeRule {
  match: RegExp;
  /** null: a known non-principal thing (alerts, policies…), kept as a generic node like unknown kinds. */
  kind: NodeKind | null;
  subkind?: string | null;
}

/**
 * Node kinds, first match wins. Order matters: things that are not principals before the credential words they
 * contain ("secret scanning alert"), roles and groups before identities ("application role", "user group"),
 * non-human identities before humans ("managed identity"), identity providers before "identity".
 */
export const NODE_RULES: readonly NodeRule[] = [
  { match: /^jamf: account$/, kind: 'identity', subkind: 'human' }, // a Jamf Pro login, not a tenant
  { match: /\b(ai|llm|genai)\b.*\b(agents?|assistants?|tools?|bots?|copilots?)\b|\b(copilot|assistant)\b/, kind: 'identity', subkind: 'ai_agent' },
  {
    match:
      /\b(vaults?|key vault|secret store|secrets manager|keychain|credential (store|manager)|password manager|config file|env variable|environment variable|shell history|docker config)\b/,
    kind: 'system',
    subkind: 'secret_store',
  },
  {
    match:
      /\b(alerts?|findings?|requests?|rules?|polic(y|ies)|variables?|templates?|labels?|resource group|management group|containers?|ou|organizational unit|gpo|scopes?)\b/,
    kind: null,
  },
  { match: /\b(ssh key|deploy key|ssh)\b/, kind: 'credential', subkind: 'ssh_key' },
  { match: /\b(certificates?|cert|jwk|x509|pfx)\b/, kind: 'credential', subkind: 'certificate' },
  { match: /\b(passwords?|passwd|login)\b/, kind: 'credential', subkind: 'password' },
  { match: /\b(api key|access key|keys?)\b/, kind: 'credential', subkind: 'access_key' },
  { match: /\bsecrets?\b/, kind: 'credential', subkind: 'client_secret' },
  { match: /\b(tokens?|pat|sessions?|cookies?|credentials?)\b/, kind: 'credential', subkind: 'token' },
  { match: /\b(permissions?|privileges?|entitlements?)\b/, kind: 'role', subkind: 'permission' },
  { match: /\broles?\b/, kind: 'role' },
  { match: /\b(groups?|teams?)\b/, kind: 'group' },
  { match: /\b(identity provider|idp|sso provider|saml provider|oidc provider|authorization server)\b/, kind: 'system', subkind: 'saas' },
  {
    match: /\b(service (account|principal|user)|managed identity|system principal|machine user|bots?|robots?|daemon|automation account)\b/,
    kind: 'identity',
    subkind: 'service_account',
  },
  { match: /\bworkloads?\b/, kind: 'identity', subkind: 'workload' },
  { match: /\b(apps?|applications?|oauth|client|integrations?|installation|plugin|extension)\b/, kind: 'identity', subkind: 'oauth_app' },
  { match: /\b(users?|persons?|people|employees?|humans?|members?|identity|principal)\b/, kind: 'identity', subkind: 'human' },
  { match: /\b(repositor(y|ies)|repos?)\b/, kind: 'system', subkind: 'repository' },
  { match: /\b(data ?stores?|buckets?|storage|blobs?|volumes?|shares?|stages?|drives?|file ?systems?)\b/, kind: 'system', subkind: 'storage' },
  { match: /\b(databases?|db|schemas?|tables?|views?|warehouses?|datasets?)\b/, kind: 'system', subkind: 'database' },
  { match: /\b(pipelines?|workflows?|actions?|builds?|jobs?)\b/, kind: 'system', subkind: 'pipeline' },
  { match: /\b(clusters?|kubernetes|k8s)\b/, kind: 'system', subkind: 'cluster' },
  { match: /\b(networks?|vpcs?|subnets?|firewalls?)\b/, kind: 'system', subkind: 'network' },
  { match: /\b(hosts?|computers?|servers?|machines?|devices?|vms?|instances?|nodes?|workstations?|runners?)\b/, kind: 'system', subkind: 'host' },
  {
    match: /\b(tenants?|organi[sz]ations?|orgs?|enterprises?|accounts?|subscriptions?|domains?|realms?|directory|workspaces?|projects?|forests?)\b/,
    kind: 'system',
    subkind: 'account',
  },
  { match: /\b(services?|saas|platforms?|api)\b/, kind: 'system', subkind: 'saas' },
];

/**
 * What an edge kind says, before the kinds of its ends are known:
 *   member          source is a member of / holds the target group or role ("member of", "assigned to", "has role")
 *   member-reverse  the same, written target → source ("has member")
 *   use             "usage" of a role means holding it (Snowflake), of anything else reading it
 *   assume          source can become the target (assume, impersonate, SSO, "token for", "provider for")
 *   has-credential  source holds the target secret ("has personal access token", "contains credential")
 *   stored-in       the same, written credential → holder
 *   contains        control of the source (a container) is control of the target
 *   admin/write/read  a privilege on the target
 *   access          some right on the target, privilege unsaid ("has permission"): read on a system, control otherwise
 *   relation        a fact that grants nothing (manager of, creator of…); also every kind nothing here names
 */
export type Meaning =
  'member' | 'member-reverse' | 'use' | 'assume' | 'has-credential' | 'stored-in' | 'contains' | 'admin' | 'write' | 'read' | 'access' | 'relation';

export interface EdgeRule {
  match: RegExp;
  meaning: Meaning;
  /** The collector's schema says whether BloodHound traverses it; used when the edge does not say itself. */
  traversable?: boolean;
}

export const EDGE_RULES: readonly EdgeRule[] = [
  // Published schema facts (OktaHound's and GitHound's edge tables) where the words alone would over-grant.
  {
    match:
      /^okta: (user push|group push|user sync|user pull|app assignment|has role|has role assignment|scoped to|idp group assignment|policy mapping|swa|org swa)$/,
    meaning: 'relation',
    traversable: false,
  },
  { match: /^okta: group pull$/, meaning: 'admin' },
  { match: /^okta: read password updates$/, meaning: 'assume' },
  { match: /^gh: contains$/, meaning: 'contains', traversable: false },
  { match: /^gh: has member$/, meaning: 'member-reverse', traversable: false },
  // Generic words.
  { match: /\b(manager of|managed by|device of|creator of|created by|reports to|protected by|configured by|depends on)\b/, meaning: 'relation' },
  { match: /\bmanage self\b/, meaning: 'read' }, // managing one's own account grants nothing over others
  { match: /\bread laps password\b/, meaning: 'admin' }, // the local administrator's password of the computer
  { match: /\bread (\w+ )?password\b/, meaning: 'assume' }, // reading an account's password is becoming it
  { match: /\bhas session\b/, meaning: 'contains' }, // who controls the host can take the signed-in user's tokens
  { match: /\bstored in\b/, meaning: 'stored-in' },
  {
    match: /\b(has|holds|owns?|contains?|requires|stores?|issued)\b.*\b(credentials?|secrets?|tokens?|keys?|passwords?|certificates?|pat|jwk)\b/,
    meaning: 'has-credential',
  },
  { match: /\b(has members?|members|includes member)\b/, meaning: 'member-reverse' },
  {
    match: /\b(member of|belongs to|in group|assigned to|has (\w+ )?roles?|role assignment|granted role|inherits role|membership sync)\b/,
    meaning: 'member',
  },
  {
    match:
      /\b(can assume|assumes?|assume role|impersonat\w*|acts? as|runs? as|use any role|allowed to act|sso|maps to( user)?|same secret|installed as|delegat\w*|provider for|federat\w*|can become|login as|sign in as|(api )?token for|secret of|key of|credential (for|of)|authenticates?( to| as)?|auth to|registry auth)\b/,
    meaning: 'assume',
  },
  { match: /\b(usage|uses?)\b/, meaning: 'use' },
  { match: /\b(contains|has items?|has agent|parent of)\b/, meaning: 'contains' },
  {
    match:
      /\b(owns?|owner|ownership|generic all|full control|write owner|write dacl|write acl|all extended rights|admin\w*|administrat\w*|manage\w*|control\w*|reset password|reset factors|force change password|add member|add self|add key credential|grant\w*|take ownership|recover\w*)\b/,
    meaning: 'admin',
  },
  {
    match:
      /\b(write\w*|push\w*|edit\w*|update\w*|modify|create\w*|delete\w*|insert|truncate|mutate|ingest|upload|import|post|put|task\w*|execute\w*|exec|run|deploy\w*|merge\w*|bypass\w*|dispatch\w*|wipe|remove\w*|invite\w*|operate|rebuild|add\w*|set\w*|change\w*|close\w*|mark\w*|dismiss\w*|rotate|revoke|rdp|ps remote)\b/,
    meaning: 'write',
  },
  {
    match: /\b(read\w*|view\w*|list\w*|get\w*|select|describe|monitor\w*|audit|report|query|access|pull|clone|download|export|copy|browse|search)\b/,
    meaning: 'read',
  },
  // Last: a right whose verb says no privilege ("has permission"); a verb above says more ("modify permissions").
  { match: /\b(has permissions?|permissions?|privileges?|entitled)\b/, meaning: 'access' },
];

const PRIVILEGE_OF: Partial<Record<Meaning, number>> = { read: 1, write: 2, admin: 3 };

/** A label as "<prefix>: <words>" (lower case) and the provider its prefix names. */
export function labelText(label: string): { text: string; provider: string | null } {
  const raw = label.slice(0, MAX_LABEL);
  let collector: Collector | undefined;
  for (const c of COLLECTORS) {
    // The prefix must end at a word boundary of the label: `GH_User`, `GHUser`, but not `Ghost`.
    if (raw.length > c.prefix.length && raw.startsWith(c.prefix) && /[_A-Z]/.test(raw[c.prefix.length])) {
      collector = c;
      break;
    }
  }
  const rest = collector ? raw.slice(collector.prefix.length) : raw;
  const words = rest
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase();
  return { text: `${collector ? collector.prefix.toLowerCase() : ''}: ${words}`, provider: collector?.provider ?? null };
}

export interface NodeKindMatch {
  kind: NodeKind;
  subkind: string | null;
  /** False when no rule named any of the labels: the node is kept as a generic system. */
  known: boolean;
  provider: string | null;
}

/**
 * The Blastmap kind of a node from its OpenGraph kinds (primary first, as BloodHound reads them). A label no rule
 * names (a collector tag like "GH_Base") is skipped; a node no label explains is a generic system, the most
 * neutral kind: systems grant nothing by themselves and are reached only through explicit access.
 */
export function nodeKindOf(labels: readonly string[]): NodeKindMatch {
  let provider: string | null = null;
  for (const label of labels) {
    const { text, provider: p } = labelText(label);
    provider ??= p;
    const rule = NODE_RULES.find((r) => r.match.test(text));
    if (!rule) continue;
    if (rule.kind === null) return { kind: 'system', subkind: null, known: false, provider };
    return { kind: rule.kind, subkind: rule.subkind ?? null, known: true, provider };
  }
  return { kind: 'system', subkind: null, known: false, provider };
}

export function edgeMeaningOf(kind: string): { meaning: Meaning; traversable?: boolean } {
  const { text } = labelText(kind);
  const rule = EDGE_RULES.find((r) => r.match.test(text));
  return rule ? { meaning: rule.meaning, traversable: rule.traversable } : { meaning: 'relation' };
}

export interface MappedEdge {
  kind: EdgeKind;
  /** 1 read, 2 write, 3 admin for `access`; 0 otherwise. */
  privilege: number;
  /** True when the edge was written target → source and is stored the way control flows. */
  reversed: boolean;
}

/**
 * The Blastmap edge for an OpenGraph edge of this meaning between nodes of these kinds, or null when it is kept as
 * a non-traversable relation. `traversable` is what the file or the collector's schema says (undefined: silent):
 * false keeps only edges that end a path anyway (`access` to a system, `has_credential`), because BloodHound's
 * "not traversable" means "the path does not continue through it", and what a role can read is still its reach;
 * true makes an edge of no known meaning count as control of its target.
 */
export function mapEdge(meaning: Meaning, src: NodeKind, dst: NodeKind, traversable: boolean | undefined): MappedEdge | null {
  let reversed = false;
  let m = meaning;
  let [s, d] = [src, dst];
  if (m === 'member-reverse' || m === 'stored-in') {
    reversed = true;
    [s, d] = [d, s];
    m = m === 'member-reverse' ? 'member' : 'has-credential';
  }
  let mapped = byMeaning(m, s, d);
  if (!mapped && traversable === true) mapped = byMeaning('generic', s, d);
  if (mapped && traversable === false && mapped.kind !== 'access' && mapped.kind !== 'has_credential') mapped = null;
  return mapped ? { ...mapped, reversed } : null;
}

function byMeaning(m: Meaning | 'generic', s: NodeKind, d: NodeKind): { kind: EdgeKind; privilege: number } | null {
  const edge = (kind: EdgeKind, privilege = 0) => ({ kind, privilege });
  const fromSystem = () => (d === 'credential' ? edge('stores') : d === 'identity' || d === 'group' || d === 'role' ? edge('runs_as') : null);
  // Edges out of a system: only what the system holds (stores) or acts as (runs_as), which §3 follows when the
  // system is held at write/admin; a system has no rights over another system in Blastmap's model.
  if (s === 'system' || s === 'network') {
    if (m === 'has-credential') return d === 'credential' ? edge('stores') : null;
    return m === 'contains' || m === 'assume' || m === 'access' || m === 'generic' ? fromSystem() : null;
  }
  switch (m) {
    case 'member':
      return d === 'group' ? edge('member_of') : d === 'role' ? edge('has_role') : null;
    case 'use':
      if (d === 'group') return edge('member_of');
      if (d === 'role') return edge('has_role');
      if (d === 'identity') return edge('can_assume');
      if (d === 'credential') return edge('owns');
      return d === 'system' ? edge('access', 1) : null;
    case 'assume':
      if (s === 'credential' && d === 'identity') return edge('authenticates');
      return d === 'system' ? edge('access', 1) : d === 'network' ? null : edge('can_assume');
    case 'has-credential':
      return d === 'credential' ? edge('has_credential') : null;
    case 'contains':
      return d === 'system' || d === 'network' ? null : edge('owns');
    case 'admin':
    case 'write':
    case 'read':
      if (d === 'system') return edge('access', PRIVILEGE_OF[m]!);
      // Reading a secret is holding it; write or admin over an identity, group or role is controlling it.
      if (d === 'credential') return edge('owns');
      return m === 'read' || d === 'network' ? null : edge('owns');
    case 'access':
    case 'generic':
      return d === 'system' ? edge('access', 1) : d === 'network' ? null : edge('owns');
    default:
      return null;
  }
}
