// GitHub identity conventions and graph facts: users `github:user:<login>` (alias `github:user_id:<id>`), apps
// and bots `github:app:<slug>`, tokens `github:token:<token_id or hashed_token>`, repositories
// `github:repo:<owner/name>` (repository), organisations `github:org:<login>` (saas), teams `github:team:<org>/<slug>`.
// Credentials (tokens, deploy keys, OAuth authorisations) and what they were granted live in github-credentials.ts.
import type { NodeKind } from '../../../shared/model.ts';
import type { CaseWriter } from '../writer.ts';
import { list, SeenOnce, str, type Rec } from '../entra/json-log.ts';
import { GitHubCredentials, type Credential } from './github-credentials.ts';
import { detail, firstOf, repoPrivilege, type Target } from './github-fields.ts';

export { firstOf, type Target } from './github-fields.ts';

export class GitHubGraph {
  readonly writer: CaseWriter;
  readonly credentials: GitHubCredentials;
  private readonly once = new SeenOnce();
  /** The latest membership change recorded per user and kind in this import (GitHub's API lists newest first). */
  private readonly membershipAt = new Map<string, number>();

  constructor(writer: CaseWriter) {
    this.writer = writer;
    this.credentials = new GitHubCredentials(this);
  }

  actor(login: string, actorId: string | null, bot: boolean, locator: string): number {
    const isApp = bot || login.endsWith('[bot]');
    const name = login.replace(/\[bot\]$/, '');
    const key = isApp ? `github:app:${name.toLowerCase()}` : `github:user:${name.toLowerCase()}`;
    return this.node(
      key,
      'identity',
      isApp ? 'oauth_app' : 'human',
      name,
      actorId ? `github:${isApp ? 'app' : 'user'}_id:${actorId}` : null,
      locator,
    );
  }

  /** A GitHub App or OAuth app by its name or slug. */
  app(name: string, locator: string): number {
    return this.node(appKey(name), 'identity', 'oauth_app', name, null, locator);
  }

  /** The repository an entry is about, else its organisation. */
  target(r: Rec, locator: string): Target | null {
    const repo = str(r.repo) ?? str(r.repository);
    if (repo) return this.repo(repo, str(r.visibility), locator);
    return this.org(r, locator);
  }

  /** The entry's organisation as a system, or null for entries outside any organisation (a user's own account). */
  org(r: Rec, locator: string): Target | null {
    const org = firstOf(r.org);
    if (!org) return null;
    const key = `github:org:${org.toLowerCase()}`;
    return { id: this.node(key, 'system', 'saas', org, null, locator), key };
  }

  /** Graph facts of an entry; returns notes for the event's props. */
  apply(
    action: string,
    actor: number,
    r: Rec,
    target: Target | null,
    credential: Credential | null,
    ts: number,
    locator: string,
  ): Record<string, unknown> | null {
    const grantedAt = new Date(ts).toISOString();
    const subject = str(r.user);
    const member = () => (subject ? this.actor(subject, str(r.user_id), false, locator) : null);
    switch (action) {
      case 'repo.create':
        if (target)
          this.writer.edge(
            { src: actor, dst: target.id, kind: 'access', privilege: 3, grantedAt, props: { via: 'created the repository' } },
            locator,
          );
        return null;
      case 'org.add_member': {
        const m = member();
        // Org members read what the org shares; org owners administer everything in it.
        if (m !== null && target)
          this.writer.edge(
            { src: m, dst: target.id, kind: 'access', privilege: str(r.permission) === 'admin' ? 3 : 1, grantedAt, props: { via: action } },
            locator,
          );
        if (m !== null && subject) this.membership(subject, 'returned_at', ts, { returned_at: grantedAt }, locator);
        return null;
      }
      case 'org.remove_member': {
        // A member removed from the organisation has left it (store/departure.ts); their tokens keep them as owner.
        if (member() !== null && subject)
          this.membership(
            subject,
            'left_at',
            ts,
            { left_at: grantedAt, left_by: `GitHub ${action}${firstOf(r.org) ? ` (${firstOf(r.org)})` : ''}` },
            locator,
          );
        return null;
      }
      case 'repo.add_member':
      case 'repo.update_member': {
        const m = member();
        const p = repoPrivilege(str(r.permission)) ?? 1;
        if (m !== null && target)
          this.writer.edge({ src: m, dst: target.id, kind: 'access', privilege: p, grantedAt, props: { via: action } }, locator);
        return null;
      }
      case 'team.create': {
        const team = this.team(r, locator);
        return team ? { team: team.key } : null;
      }
      case 'team.add_member': {
        const m = member();
        const team = this.team(r, locator);
        if (m !== null && team) this.writer.edge({ src: m, dst: team.id, kind: 'member_of', grantedAt, props: { via: action } }, locator);
        return team ? { team: team.key } : null;
      }
      case 'team.add_repository':
      case 'team.update_repository_permission': {
        // The team's members get the repository through the team (member_of, then this access edge).
        const team = this.team(r, locator);
        const repo = str(r.repo) ?? str(r.repository);
        if (!team || !repo) return team ? { team: team.key } : null;
        const permission = detail(r, 'permission');
        const p = repoPrivilege(permission);
        // Without a permission in the entry the grant is recorded as read (GitHub's default for a team), flagged as unknown.
        this.writer.edge(
          {
            src: team.id,
            dst: this.repo(repo, str(r.visibility), locator).id,
            kind: 'access',
            privilege: p ?? 1,
            grantedAt,
            props: { via: action, permission: p ? permission : undefined, permissionUnknown: p ? undefined : true },
          },
          locator,
        );
        return { team: team.key };
      }
      case 'integration_installation.create':
      case 'integration_installation.repositories_added': {
        const slug = str(r.integration) ?? str(r.name);
        if (!slug) return null;
        const app = this.app(slug, locator);
        // Whoever installed the app is the one accountable for it (orphaned-identity reads owner_claims).
        const installer = action === 'integration_installation.create' ? str(r.actor) : null;
        if (installer) {
          this.writer.upsertNode(
            {
              key: appKey(slug),
              kind: 'identity',
              provider: 'github',
              props: { owner_claims: { 'GitHub App installer': `github:user:${installer.toLowerCase()}` } },
            },
            locator,
          );
        }
        const repos = list(r.repositories_added_names)
          .map(str)
          .filter((x): x is string => !!x);
        // The log does not carry the installation's permissions: recorded as read, flagged as unknown.
        for (const name of repos.slice(0, 1000)) {
          this.writer.edge(
            {
              src: app,
              dst: this.repo(name, null, locator).id,
              kind: 'access',
              privilege: 1,
              grantedAt,
              props: { via: action, permissionsUnknown: true },
            },
            locator,
          );
        }
        // Installed on all of an organisation's repositories: the grant is on the organisation.
        const org = str(r.repository_selection) === 'all' ? this.org(r, locator) : null;
        if (org)
          this.writer.edge(
            {
              src: app,
              dst: org.id,
              kind: 'access',
              privilege: 1,
              grantedAt,
              props: { via: action, repositorySelection: 'all', permissionsUnknown: true },
            },
            locator,
          );
        return { app: slug, repositories: repos.slice(0, 50) };
      }
      default:
        return this.credentials.apply(action, actor, r, credential, ts, locator);
    }
  }

  /** Records a departure or return on a user, unless this import already recorded a later one of the same kind. */
  private membership(login: string, field: 'left_at' | 'returned_at', ts: number, props: Record<string, unknown>, locator: string): void {
    const k = `${field}\u0000${login.toLowerCase()}`;
    if ((this.membershipAt.get(k) ?? -Infinity) > ts) return;
    if (this.membershipAt.size < 1_000_000) this.membershipAt.set(k, ts);
    this.writer.upsertNode({ key: `github:user:${login.toLowerCase()}`, kind: 'identity', provider: 'github', props }, locator);
  }

  /** The team an entry names (`team` or `data.team`, "org/slug"; a bare slug belongs to the entry's org). */
  team(r: Rec, locator: string): Target | null {
    const name = detail(r, 'team');
    if (!name) return null;
    const org = firstOf(r.org);
    const full = name.includes('/') || !org ? name : `${org}/${name}`;
    const key = `github:team:${full.toLowerCase()}`;
    return { id: this.node(key, 'group', null, full, null, locator), key };
  }

  repo(name: string, visibility: string | null, locator: string): Target {
    const key = `github:repo:${name.toLowerCase()}`;
    return { id: this.node(key, 'system', 'repository', name, null, locator, visibility ? { visibility } : null), key };
  }

  /** Writes a node the first time this import names it; later mentions only look it up. */
  node(
    key: string,
    kind: NodeKind,
    subkind: string | null,
    name: string,
    alias: string | null,
    locator: string,
    props: Record<string, unknown> | null = null,
  ): number {
    if (!this.once.first(key)) return this.writer.ref(key, kind, subkind, locator);
    const id = this.writer.upsertNode({ key, kind, subkind, name, provider: 'github', props }, locator);
    if (alias) this.writer.alias(alias, id);
    return id;
  }
}

function appKey(name: string): string {
  return `github:app:${name.toLowerCase().replace(/\s+/g, '-')}`;
}
