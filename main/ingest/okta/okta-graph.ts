// Okta identity conventions and the graph facts Okta events establish. Users `okta:user:<id>` (aliases: the
// login/email as written and `okta:login:<login>`), groups `okta:group:<id>`, apps (as systems signed in to)
// `okta:app:<id>`, OAuth clients and system principals as non-human identities, API tokens `okta:token:<id>`.
import type { CaseWriter } from '../writer.ts';
import type { NodeKind } from '../../../shared/model.ts';
import { SeenOnce, str, type Rec } from '../entra/json-log.ts';

export interface Facts {
  credential?: number;
  props?: Record<string, unknown>;
}

/** Okta object type → how the case models it. */
const TYPES: Record<string, { prefix: string; kind: NodeKind; subkind: string | null }> = {
  User: { prefix: 'okta:user', kind: 'identity', subkind: 'human' },
  SystemPrincipal: { prefix: 'okta:system', kind: 'identity', subkind: 'service_account' },
  PublicClientApp: { prefix: 'okta:client', kind: 'identity', subkind: 'oauth_app' },
  Client: { prefix: 'okta:client', kind: 'identity', subkind: 'oauth_app' },
  AppInstance: { prefix: 'okta:app', kind: 'system', subkind: 'saas' },
  UserGroup: { prefix: 'okta:group', kind: 'group', subkind: null },
  Token: { prefix: 'okta:token', kind: 'credential', subkind: 'token' },
};

/**
 * User lifecycle events: a deactivation, suspension or deletion is the user leaving (store/departure.ts reads
 * `left_at`), an activation or unsuspension their return. Tokens they created keep their creator as owner, so the
 * rules can tell a token used after its creator left.
 */
const LIFECYCLE: Record<string, { status: 'active' | 'disabled' | 'deleted'; left: boolean }> = {
  'user.lifecycle.deactivate': { status: 'disabled', left: true },
  'user.lifecycle.suspend': { status: 'disabled', left: true },
  'user.lifecycle.delete.initiated': { status: 'deleted', left: true },
  'user.lifecycle.delete.completed': { status: 'deleted', left: true },
  'user.lifecycle.activate': { status: 'active', left: false },
  'user.lifecycle.reactivate': { status: 'active', left: false },
  'user.lifecycle.unsuspend': { status: 'active', left: false },
};

/** Own keys only: a hostile "constructor" or "__proto__" type must not reach Object.prototype. */
function typeSpec(type: string | null) {
  return type && Object.hasOwn(TYPES, type) ? TYPES[type] : undefined;
}

export class OktaGraph {
  private readonly writer: CaseWriter;
  private readonly once = new SeenOnce();
  /** The latest lifecycle change applied per user in this import: an export out of time order never undoes a later one. */
  private readonly lifecycleAt = new Map<string, number>();

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  /** The actor of an event as an identity node, or null when the log names none. */
  principal(actor: Rec, locator: string): number | null {
    const spec = typeSpec(str(actor.type));
    // An actor is someone acting: an app or group in the actor slot is not an identity we can attribute to.
    if (spec && spec.kind !== 'identity') return null;
    return this.objectNode(actor, locator);
  }

  /** Any Okta object with an id, upserted once per import; users also get their login aliases. */
  objectNode(o: Rec, locator: string): number | null {
    const id = str(o.id);
    const type = str(o.type) ?? 'Unknown';
    if (!id || id === 'unknown') return null;
    const spec = typeSpec(type) ?? {
      prefix: `okta:${type
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, '')
        .slice(0, 40)}`,
      kind: 'identity' as NodeKind,
      subkind: null,
    };
    const key = `${spec.prefix}:${id}`;
    const name = str(o.displayName);
    const login = str(o.alternateId);
    let node: number;
    if (this.once.first(key)) {
      node = this.writer.upsertNode(
        {
          key,
          kind: spec.kind,
          subkind: spec.subkind,
          name: name ?? login,
          provider: 'okta',
          props: login && login !== 'unknown' ? { login } : null,
        },
        locator,
      );
    } else {
      node = this.writer.ref(key, spec.kind, spec.subkind, locator);
    }
    if (type === 'User' && login && login !== 'unknown' && this.once.first(`login:${key}:${login}`)) {
      this.writer.alias(login.toLowerCase(), node);
      this.writer.alias(`okta:login:${login.toLowerCase()}`, node);
    }
    return node;
  }

  /** What the event targets: the first app, else the first user, group or token. */
  primaryTarget(targets: Rec[], locator: string): { id: number | null; text: string | null } {
    const order = ['AppInstance', 'User', 'UserGroup', 'Token', 'PublicClientApp'];
    for (const type of order) {
      const t = targets.find((x) => str(x.type) === type && str(x.id));
      if (t) return { id: this.objectNode(t, locator), text: `${TYPES[type].prefix}:${str(t.id)}` };
    }
    const other = targets[0];
    return { id: null, text: other ? `${str(other.type) ?? 'object'}:${str(other.id) ?? str(other.displayName) ?? '?'}` : null };
  }

  /** Graph facts of a successful event. */
  apply(eventType: string, actor: number, targets: Rec[], ts: number, locator: string): Facts {
    const when = new Date(ts).toISOString();
    const of = (type: string) => targets.find((t) => str(t.type) === type && str(t.id));
    if (eventType === 'group.user_membership.add') {
      const user = of('User');
      const group = of('UserGroup');
      if (user && group) {
        this.writer.edge(
          { src: this.objectNode(user, locator)!, dst: this.objectNode(group, locator)!, kind: 'member_of', grantedAt: when },
          locator,
        );
        return { props: { membership: str(group.displayName) } };
      }
    }
    if (eventType === 'application.user_membership.add') {
      const user = of('User');
      const app = of('AppInstance');
      if (user && app) {
        // An app assignment lets the user sign in to the app; what they can do inside it is the app's business: read.
        this.writer.edge(
          {
            src: this.objectNode(user, locator)!,
            dst: this.objectNode(app, locator)!,
            kind: 'access',
            privilege: 1,
            grantedAt: when,
            props: { via: 'Okta app assignment' },
          },
          locator,
        );
      }
    }
    const lifecycle = Object.hasOwn(LIFECYCLE, eventType) ? LIFECYCLE[eventType] : undefined;
    const user = lifecycle ? of('User') : undefined;
    if (lifecycle && user) {
      const key = `${TYPES.User.prefix}:${str(user.id)}`;
      this.objectNode(user, locator);
      if ((this.lifecycleAt.get(key) ?? -Infinity) <= ts) {
        if (this.lifecycleAt.size < 1_000_000) this.lifecycleAt.set(key, ts);
        this.writer.upsertNode(
          {
            key,
            kind: 'identity',
            provider: 'okta',
            status: lifecycle.status,
            props: lifecycle.left ? { left_at: when, left_by: `Okta ${eventType}` } : { returned_at: when },
          },
          locator,
        );
        return { props: { lifecycle: lifecycle.status } };
      }
    }
    if (eventType === 'system.api_token.create') {
      const token = of('Token');
      if (token) {
        // An Okta API token acts with the permissions of the admin who created it.
        const cred = this.objectNode(token, locator)!;
        this.writer.edge({ src: actor, dst: cred, kind: 'has_credential', grantedAt: when }, locator);
        this.writer.edge({ src: cred, dst: actor, kind: 'authenticates', grantedAt: when }, locator);
        return { credential: cred };
      }
    }
    if (eventType === 'system.api_token.revoke') {
      const token = of('Token');
      if (token) {
        const cred = this.objectNode(token, locator)!;
        this.writer.upsertNode(
          { key: `okta:token:${str(token.id)}`, kind: 'credential', subkind: 'token', status: 'deleted', provider: 'okta' },
          locator,
        );
        return { credential: cred };
      }
    }
    return {};
  }

  /**
   * The API token a request was made with (`transaction.detail.requestApiTokenId`). Okta attributes such events
   * to the token's creator as actor; the token itself is what acted, so it becomes the event's credential, held by
   * that actor (the token keeps acting after its creator leaves, which the rules must be able to see).
   */
  actingToken(tokenId: string, actor: number | null, locator: string): number {
    const key = `okta:token:${tokenId}`;
    const cred = this.once.first(key)
      ? this.writer.upsertNode({ key, kind: 'credential', subkind: 'token', provider: 'okta', props: { api_token: true } }, locator)
      : this.writer.ref(key, 'credential', 'token', locator);
    if (actor !== null && this.once.first(`holder:${key}:${actor}`)) {
      this.writer.edge({ src: actor, dst: cred, kind: 'has_credential' }, locator);
      this.writer.edge({ src: cred, dst: actor, kind: 'authenticates' }, locator);
    }
    return cred;
  }
}
