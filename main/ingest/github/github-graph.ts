// GitHub identity conventions and graph facts: users `github:user:<login>` (alias `github:user_id:<id>`), apps
// and bots `github:app:<slug>`, tokens `github:token:<token_id or hashed_token>`, repositories
// `github:repo:<owner/name>` (repository), organisations `github:org:<login>` (saas), teams `github:team:<org>/<slug>`.
import type { CaseWriter } from '../writer.ts';
import { list, SeenOnce, str, type Rec } from '../entra/json-log.ts';

/** GitHub repository roles → privilege. read/triage read; write/maintain write; admin admin. */
const REPO_PERMISSION: Record<string, 1 | 2 | 3> = { read: 1, pull: 1, triage: 1, write: 2, push: 2, maintain: 2, admin: 3 };

/** `org` and `org_id` are a value in some entries and a list in others: the first value, or null. */
export function firstOf(v: unknown): string | null {
  return Array.isArray(v) ? str(v[0]) : str(v);
}

export class GitHubGraph {
  private readonly writer: CaseWriter;
  private readonly once = new SeenOnce();

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  actor(login: string, actorId: string | null, bot: boolean, locator: string): number {
    const isApp = bot || login.endsWith('[bot]');
    const name = login.replace(/\[bot\]$/, '');
    const key = isApp ? `github:app:${name.toLowerCase()}` : `github:user:${name.toLowerCase()}`;
    return this.node(key, 'identity', isApp ? 'oauth_app' : 'human', name, actorId ? `github:${isApp ? 'app' : 'user'}_id:${actorId}` : null, locator);
  }

  /** The token an entry names, tied to its owner (the actor) the first time it is seen. */
  token(owner: number | null, r: Rec, locator: string): number {
    const tokenId = str(r.token_id);
    const hashed = str(r.hashed_token);
    const key = `github:token:${tokenId ?? hashed}`;
    const id = this.node(key, 'credential', 'token', str(r.user_programmatic_access_name) ?? str(r.programmatic_access_type) ?? 'token',
      tokenId && hashed ? `github:token:${hashed}` : null, locator, { type: str(r.programmatic_access_type), scopes: str(r.token_scopes) });
    if (owner !== null && this.once.first(`owner:${key}`)) {
      this.writer.edge({ src: owner, dst: id, kind: 'has_credential' }, locator);
      this.writer.edge({ src: id, dst: owner, kind: 'authenticates' }, locator);
    }
    return id;
  }

  /** The repository an entry is about, else its organisation. */
  target(r: Rec, locator: string): { id: number; key: string } | null {
    const repo = str(r.repo) ?? str(r.repository);
    if (repo) return this.repo(repo, str(r.visibility), locator);
    const org = firstOf(r.org);
    if (org) {
      const key = `github:org:${org.toLowerCase()}`;
      return { id: this.node(key, 'system', 'saas', org, null, locator), key };
    }
    return null;
  }

  /** Graph facts of an entry; returns notes for the event's props. */
  apply(action: string, actor: number, r: Rec, target: { id: number; key: string } | null, ts: number, locator: string): Record<string, unknown> | null {
    const grantedAt = new Date(ts).toISOString();
    const subject = str(r.user);
    const member = () => (subject ? this.actor(subject, str(r.user_id), false, locator) : null);
    switch (action) {
      case 'repo.create':
        if (target) this.writer.edge({ src: actor, dst: target.id, kind: 'access', privilege: 3, grantedAt, props: { via: 'created the repository' } }, locator);
        return null;
      case 'org.add_member': {
        const m = member();
        // Org members read what the org shares; org owners administer everything in it.
        if (m !== null && target) this.writer.edge({ src: m, dst: target.id, kind: 'access', privilege: str(r.permission) === 'admin' ? 3 : 1, grantedAt, props: { via: action } }, locator);
        return null;
      }
      case 'repo.add_member':
      case 'repo.update_member': {
        const m = member();
        const permission = str(r.permission) ?? '';
        const p = Object.hasOwn(REPO_PERMISSION, permission) ? REPO_PERMISSION[permission] : 1;
        if (m !== null && target) this.writer.edge({ src: m, dst: target.id, kind: 'access', privilege: p, grantedAt, props: { via: action } }, locator);
        return null;
      }
      case 'team.add_member': {
        const m = member();
        const team = str(r.team);
        if (m !== null && team) this.writer.edge({ src: m, dst: this.node(`github:team:${team.toLowerCase()}`, 'group', null, team, null, locator), kind: 'member_of', grantedAt }, locator);
        return null;
      }
      case 'integration_installation.create':
      case 'integration_installation.repositories_added': {
        const slug = str(r.integration) ?? str(r.name);
        if (!slug) return null;
        const app = this.node(`github:app:${slug.toLowerCase().replace(/\s+/g, '-')}`, 'identity', 'oauth_app', slug, null, locator);
        const repos = list(r.repositories_added_names).map(str).filter((x): x is string => !!x);
        // The log does not carry the installation's permissions: recorded as read, flagged as unknown.
        for (const name of repos) {
          this.writer.edge({ src: app, dst: this.repo(name, null, locator).id, kind: 'access', privilege: 1, grantedAt, props: { via: action, permissionsUnknown: true } }, locator);
        }
        return { app: slug, repositories: repos.slice(0, 50) };
      }
      default:
        return null;
    }
  }

  private repo(name: string, visibility: string | null, locator: string): { id: number; key: string } {
    const key = `github:repo:${name.toLowerCase()}`;
    return { id: this.node(key, 'system', 'repository', name, null, locator, visibility ? { visibility } : null), key };
  }

  private node(key: string, kind: 'identity' | 'system' | 'credential' | 'group', subkind: string | null, name: string, alias: string | null,
    locator: string, props: Record<string, unknown> | null = null): number {
    if (!this.once.first(key)) return this.writer.ref(key, kind, subkind, locator);
    const id = this.writer.upsertNode({ key, kind, subkind, name, provider: 'github', props }, locator);
    if (alias) this.writer.alias(alias, id);
    return id;
  }
}
