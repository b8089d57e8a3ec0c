// GitHub credentials in the audit log and what they were granted. Personal access tokens (classic and fine-grained)
// and OAuth access tokens are `github:token:<token_id or hashed_token>`; deploy keys
// `github:deploy_key:<owner/repo>:<fingerprint, key id or title>`; OAuth app authorisations
// `github:oauth_authorization:<login>:<app>`. Each is owned by the actor that made it (has_credential). Tokens and
// authorisations act as their owner (authenticates); a deploy key acts only on its repository, so it has an access
// edge there and no authenticates. Grants are written only where the entry says so (a fine-grained token for all of
// an organisation's repositories, an organisation's approval, a named repository); the log never lists a token's
// permissions, so they are read and flagged `permissionsUnknown` unless the entry carries a `permissions` map.
import { rec, SeenOnce, str, type Rec } from '../entra/json-log.ts';
import { detail, repoPrivilege, type Target } from './github-fields.ts';
import type { GitHubGraph } from './github-graph.ts';

/** A credential node of this import: its id and key (the key is needed to update its status). */
export interface Credential {
  id: number;
  key: string;
}

/** A personal access token event that names the token only by its name (no hash): resolved when the file is done. */
interface NamedEvent {
  owner: number;
  login: string;
  name: string;
  ts: number;
  action: string;
  r: Rec;
  locator: string;
}

/** Flat memory on hostile logs: tokens remembered by name, and name-only events waiting for the end of the file. */
const MAX_NAMED = 100_000;
/**
 * Fine-grained tokens log request_created and access_granted a few hundred milliseconds before the create that
 * carries the hash (seen in the Sentinel sample); an approval may also come days later. A grant therefore goes to
 * the latest token of that name created up to this long after it; a revocation or deletion to one created before it.
 */
const GRANT_SLACK_MS = 60_000;

export class GitHubCredentials {
  private readonly graph: GitHubGraph;
  /** `<owner id>\0<token name>` → tokens of that name created in this file, with their creation time. */
  private readonly named = new Map<string, { ts: number; cred: Credential }[]>();
  private namedCount = 0;
  private readonly pending: NamedEvent[] = [];
  /** Owner links written in this import (a repeat would only be a slower idempotent upsert). */
  private readonly linked = new SeenOnce();

  constructor(graph: GitHubGraph) {
    this.graph = graph;
  }

  /** The token an entry names, tied to its owner (the actor) the first time it is seen. */
  token(owner: number | null, r: Rec, action: string, locator: string): Credential {
    const tokenId = str(r.token_id);
    const hashed = str(r.hashed_token);
    const key = `github:token:${tokenId ?? hashed}`;
    const type = str(r.programmatic_access_type) ?? (action.startsWith('oauth_access.') ? 'OAuth access token' : null);
    const name = str(r.user_programmatic_access_name);
    const id = this.graph.node(key, 'credential', 'token', name ?? type ?? 'token', tokenId && hashed ? `github:token:${hashed}` : null, locator, {
      type,
      scopes: str(r.token_scopes),
    });
    if (owner !== null) this.own(owner, { id, key }, true, locator);
    return { id, key };
  }

  /** Credential facts of an entry (called for the actions github-graph.ts does not handle itself). */
  apply(action: string, actor: number, r: Rec, credential: Credential | null, ts: number, locator: string): Record<string, unknown> | null {
    const category = action.slice(0, action.indexOf('.'));
    switch (category) {
      case 'personal_access_token':
      case 'oauth_access':
        if (credential) return this.lifecycle(action, actor, credential, r, ts, locator);
        this.remember(action, actor, r, ts, locator);
        return null;
      case 'deploy_key':
        return this.deployKey(action, actor, r, ts, locator);
      case 'oauth_authorization':
        return this.oauthAuthorization(action, actor, r, ts, locator);
      default:
        return null;
    }
  }

  /** Resolves the token events that named a token only by its name; call once when the file is done. */
  finish(): void {
    for (const e of this.pending) {
      const cred = this.byName(e) ?? this.namedFallback(e);
      this.lifecycle(e.action, e.owner, cred, e.r, e.ts, e.locator);
    }
    this.pending.length = 0;
    this.named.clear();
    this.namedCount = 0;
  }

  /** What a token event says about the token: created, granted, revoked, deleted, regenerated. */
  private lifecycle(action: string, owner: number, cred: Credential, r: Rec, ts: number, locator: string): Record<string, unknown> | null {
    const at = new Date(ts).toISOString();
    const op = action.slice(action.indexOf('.') + 1);
    const w = this.graph.writer;
    switch (op) {
      case 'create': {
        w.upsertNode(
          { key: cred.key, kind: 'credential', createdAt: at, props: { repositorySelection: str(r.repository_selection) ?? undefined } },
          locator,
        );
        const name = str(r.user_programmatic_access_name);
        if (name && action.startsWith('personal_access_token.')) this.rememberCreate(owner, name, cred, ts);
        return this.grants(action, cred, r, at, locator);
      }
      case 'access_granted':
        // An organisation (or the owner) approved the fine-grained token's access to its resources.
        w.upsertNode({ key: cred.key, kind: 'credential', props: { access_granted_at: at } }, locator);
        return this.grants(action, cred, r, at, locator);
      case 'access_revoked':
        w.upsertNode({ key: cred.key, kind: 'credential', props: { access_revoked_at: at } }, locator);
        return null;
      case 'destroy':
        w.upsertNode({ key: cred.key, kind: 'credential', status: 'deleted', props: { deleted_at: at } }, locator);
        return null;
      case 'regenerate':
        w.upsertNode({ key: cred.key, kind: 'credential', props: { last_rotated_at: at } }, locator);
        return null;
      default:
        return null;
    }
  }

  /**
   * Access the entry grants the token: every repository of the organisation (repository_selection "all"), or the
   * repository it names. "none" and entries without a selection grant nothing the log can show.
   */
  private grants(action: string, cred: Credential, r: Rec, grantedAt: string, locator: string): Record<string, unknown> | null {
    const { privilege, known } = tokenPrivilege(r);
    const props = { via: action, permissionsUnknown: known ? undefined : true };
    const out: string[] = [];
    const grant = (t: Target) => {
      this.graph.writer.edge({ src: cred.id, dst: t.id, kind: 'access', privilege, grantedAt, props }, locator);
      out.push(t.key);
    };
    const repo = str(r.repo) ?? str(r.repository);
    if (repo) grant(this.graph.repo(repo, str(r.visibility), locator));
    const selection = str(r.repository_selection);
    // "selected" repositories are not listed in the log: only "all" is a grant the case can place (on the organisation).
    const org = selection === 'all' ? this.graph.org(r, locator) : null;
    if (org) grant(org);
    return out.length ? { grants: out } : null;
  }

  /** A deploy key: the actor holds it; it reads (or, when not read-only, writes) the one repository it was added to. */
  private deployKey(action: string, actor: number, r: Rec, ts: number, locator: string): Record<string, unknown> | null {
    const repo = str(r.repo) ?? str(r.repository);
    const fingerprint = str(r.fingerprint) ?? str(r.public_key_fingerprint);
    const ident = fingerprint ?? detail(r, 'key_id') ?? detail(r, 'public_key_id') ?? detail(r, 'deploy_key_id') ?? str(r.title);
    if (!repo || !ident) return null;
    const key = `github:deploy_key:${repo.toLowerCase()}:${ident}`;
    const title = str(r.title);
    const readOnly = flag(r.read_only);
    const id = this.graph.node(key, 'credential', 'ssh_key', title ?? ident, null, locator, { repo, fingerprint, readOnly: readOnly ?? undefined });
    const cred = { id, key };
    const at = new Date(ts).toISOString();
    if (action === 'deploy_key.create') {
      this.own(actor, cred, false, locator);
      this.graph.writer.upsertNode({ key, kind: 'credential', createdAt: at }, locator);
      this.graph.writer.edge(
        {
          src: id,
          dst: this.graph.repo(repo, str(r.visibility), locator).id,
          kind: 'access',
          privilege: readOnly === false ? 2 : 1,
          grantedAt: at,
          props: { via: action, permissionUnknown: readOnly === null ? true : undefined },
        },
        locator,
      );
    } else if (action === 'deploy_key.delete' || action === 'deploy_key.destroy') {
      this.graph.writer.upsertNode({ key, kind: 'credential', status: 'deleted', props: { deleted_at: at } }, locator);
    }
    return { deployKey: key };
  }

  /**
   * An OAuth app authorised by the actor: a token the app holds and uses as the actor, so the app can act as the
   * actor (can_assume) within the granted scopes. Entries that do not name the app (the Sentinel sample's) say
   * nothing the graph can use: the token itself comes with the oauth_access.create entry and its hash.
   */
  private oauthAuthorization(action: string, actor: number, r: Rec, ts: number, locator: string): Record<string, unknown> | null {
    const appName =
      str(r.oauth_application) ?? str(r.oauth_application_name) ?? str(r.application_name) ?? str(r.application) ?? detail(r, 'oauth_application_id');
    const login = str(r.actor);
    if (!appName || !login) return null;
    const key = `github:oauth_authorization:${login.toLowerCase()}:${appName.toLowerCase()}`;
    const scopes = str(r.scopes) ?? str(r.token_scopes);
    const id = this.graph.node(key, 'credential', 'token', `${appName} (OAuth authorisation)`, null, locator, { app: appName, scopes });
    const at = new Date(ts).toISOString();
    if (action === 'oauth_authorization.create') {
      this.own(actor, { id, key }, true, locator);
      this.graph.writer.upsertNode({ key, kind: 'credential', createdAt: at }, locator);
      this.graph.writer.edge(
        { src: this.graph.app(appName, locator), dst: actor, kind: 'can_assume', grantedAt: at, props: { via: action, scopes } },
        locator,
      );
    } else if (action === 'oauth_authorization.destroy') {
      this.graph.writer.upsertNode({ key, kind: 'credential', status: 'deleted', props: { deleted_at: at } }, locator);
    }
    return { oauthApp: appName };
  }

  private own(owner: number, cred: Credential, authenticates: boolean, locator: string): void {
    if (!this.linked.first(`${owner}>${cred.key}`)) return;
    this.graph.writer.edge({ src: owner, dst: cred.id, kind: 'has_credential' }, locator);
    if (authenticates) this.graph.writer.edge({ src: cred.id, dst: owner, kind: 'authenticates' }, locator);
  }

  private rememberCreate(owner: number, name: string, cred: Credential, ts: number): void {
    if (this.namedCount >= MAX_NAMED) return;
    const k = `${owner}\u0000${name}`;
    let list = this.named.get(k);
    if (!list) this.named.set(k, (list = []));
    list.push({ ts, cred });
    this.namedCount++;
  }

  /** A token event without a hash: kept until the end of the file, when every create of that name is known. */
  private remember(action: string, actor: number, r: Rec, ts: number, locator: string): void {
    const name = str(r.user_programmatic_access_name);
    const login = str(r.actor);
    const op = action.slice(action.indexOf('.') + 1);
    // request_created says nothing the case records (access_granted or the create follows).
    if (!name || !login || op === 'request_created' || this.pending.length >= MAX_NAMED) return;
    this.pending.push({ owner: actor, login, name, ts, action, r, locator });
  }

  private byName(e: NamedEvent): Credential | null {
    const list = this.named.get(`${e.owner}\u0000${e.name}`);
    if (!list) return null;
    const limit = e.ts + (e.action.endsWith('.access_granted') ? GRANT_SLACK_MS : 0);
    let best: { ts: number; cred: Credential } | null = null;
    for (const c of list) if (c.ts <= limit && (!best || c.ts > best.ts)) best = c;
    return best?.cred ?? null;
  }

  /** A token created before this log (or in another file): one node per owner and token name. */
  private namedFallback(e: NamedEvent): Credential {
    const key = `github:pat:${e.login.toLowerCase()}/${e.name}`;
    const id = this.graph.node(key, 'credential', 'token', e.name, null, e.locator, { type: 'personal access token (named only)' });
    this.own(e.owner, { id, key }, true, e.locator);
    return { id, key };
  }
}

/** A boolean the log may write as a string; null when absent or anything else. */
function flag(v: unknown): boolean | null {
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return null;
}

/** The highest permission in an entry's `permissions` map (fine-grained tokens, app installations), else read, unknown. */
function tokenPrivilege(r: Rec): { privilege: number; known: boolean } {
  const permissions = rec(r.permissions) ?? rec(rec(r.data)?.permissions);
  let privilege = 0;
  if (permissions) {
    let n = 0;
    for (const k in permissions) {
      if (++n > 200) break; // bounded: a hostile map is not read to the end
      privilege = Math.max(privilege, repoPrivilege(str(permissions[k])) ?? 0);
    }
  }
  return privilege ? { privilege, known: true } : { privilege: 1, known: false };
}
