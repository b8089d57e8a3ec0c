// Loads normalised CloudTrail events into the case: the auth event itself, the access key as a credential of
// the caller, observed `can_assume` edges from successful AssumeRole*, the users, keys and passwords that
// credential changes create, disable or delete, role trust set by CreateRole / UpdateAssumeRolePolicy
// (cloudtrail-trust.ts) and permissions boundaries (a role or user prop, never a grant). Shared by the JSON and the
// Sentinel CSV importers.
// Edges seen many times are written once per import (at finish), so a million events cost a million inserts, not more.
import type { StoredAddress } from '../../store/address-column.ts';
import type { CaseWriter } from '../writer.ts';
import { obj, text } from './cloudtrail-changes.ts';
import type { TrailActor, TrailEvent } from './cloudtrail-normalise.ts';
import { TrailTrust } from './cloudtrail-trust.ts';
import { AwsIdentities, isAccessKeyId, isIamName, parseIamArn, principalArn } from './identity.ts';
import { canAssumeEdgeReader } from '../../store/ingest-edges.ts';
import { patchNodeProps } from '../../store/ingest-nodes.ts';

/** A role a change names, as the trust loader needs it. */
interface RoleRef {
  role: number;
  roleName: string;
  account: string;
  partition: string;
}

/** What the few events with an assumption or a change carry besides their event row. */
export type RareParts = Pick<TrailEvent, 'ts' | 'actor' | 'assumed' | 'change' | 'targetText'>;

interface ObservedAssume {
  src: number;
  dst: number;
  first: number;
  last: number;
  count: number;
}

const MAX_PENDING_ASSUMES = 200_000;

export class TrailLoader {
  private readonly writer: CaseWriter;
  private readonly ids: AwsIdentities;
  private readonly assumes = new Map<string, ObservedAssume>();
  private readonly actors = new Map<string, number>();
  private readonly trust: TrailTrust;

  constructor(writer: CaseWriter) {
    this.writer = writer;
    this.ids = new AwsIdentities(writer);
    this.trust = new TrailTrust(writer, this.ids);
  }

  load(e: TrailEvent, locator: number, where: string): void {
    const w = this.writer;
    const target = e.targetText ? (w.find(e.targetText) ?? null) : null;
    this.write(
      e.ts,
      this.identityOf(e.actor, where),
      e.accessKeyId,
      w.address(e.ip),
      w.term(e.userAgent),
      w.term(e.action),
      target,
      w.term(e.targetText),
      e.outcome,
      locator,
      e.props,
      where,
      e.assumed || e.change ? e : null,
    );
  }

  /**
   * The event with its strings already resolved (terms, actor node): the path bulk loaders take.
   * `rare` carries the assumption / change of the few events that have one.
   */
  write(
    ts: number,
    identity: number | null,
    accessKeyId: string | null,
    ip: StoredAddress | null,
    userAgent: number | null,
    action: number | null,
    target: number | null,
    targetTerm: number | null,
    outcome: 0 | 1,
    locator: number,
    props: string,
    where: string,
    rare: RareParts | null,
  ): void {
    const w = this.writer;
    let credential: number | null = null;
    if (accessKeyId) {
      credential = this.ids.accessKey(accessKeyId, identity, where);
      if (identity === null) identity = w.ownerOfCredential(credential);
    }
    if (rare?.assumed) {
      const role = this.ids.principal({ ...rare.assumed.role, type: 'role' }, where);
      target ??= role; // the role assumed is the call's target, even when this very event created its node
      if (identity !== null) this.observeAssume(identity, role, ts);
      if (rare.assumed.tempKeyId) this.ids.accessKey(rare.assumed.tempKeyId, role, where, { issued_at: new Date(ts).toISOString() });
    }
    if (rare?.change) {
      this.applyChange(rare, identity, where);
      if (target === null && rare.targetText) target = w.find(rare.targetText) ?? null; // e.g. the user CreateUser made
    }
    w.eventWithTerms(ts, identity, credential, ip, userAgent, action, target, targetTerm, outcome, null, null, locator, props);
  }

  /**
   * Writes the observed role assumptions; call once when the file is done. An edge the trust policy (or an earlier
   * log) already gave keeps its props and its conditional flag: the observation is merged in, never replaces them.
   */
  finish(): void {
    this.trust.finish();
    const existing = canAssumeEdgeReader(this.writer.db);
    for (const a of this.assumes.values()) {
      const before = existing(a.src, a.dst);
      const old = before?.props ? (JSON.parse(before.props) as Record<string, unknown>) : {};
      const oldFirst = typeof old.first_seen === 'string' ? Date.parse(old.first_seen) : NaN;
      this.writer.edge(
        {
          src: a.src,
          dst: a.dst,
          kind: 'can_assume',
          lastUsedAt: new Date(a.last).toISOString(),
          conditional: before?.conditional === 1,
          props: {
            ...old,
            observed: true,
            first_seen: new Date(oldFirst < a.first ? oldFirst : a.first).toISOString(),
            count: (typeof old.count === 'number' ? old.count : 0) + a.count,
          },
        },
        'observed AssumeRole',
      );
    }
    this.assumes.clear();
  }

  /** The actor's node, cached by its JSON text (a log has few distinct actors and many events). */
  identityOf(actor: string | null, where: string): number | null {
    if (actor === null) return null;
    const cached = this.actors.get(actor);
    if (cached !== undefined) return cached;
    const a = JSON.parse(actor) as TrailActor;
    let id: number;
    switch (a.kind) {
      case 'user':
      case 'role':
        id = this.ids.principal(
          { type: a.kind, partition: a.partition, account: a.account, name: a.name, path: a.path, uniqueId: a.uniqueId },
          where,
        );
        break;
      case 'root':
        id = this.ids.root(a.account, a.partition, where);
        break;
      case 'service':
        id = this.ids.service(a.host, where);
        break;
      case 'federated':
        id = this.ids.federated(a.provider, a.subject, a.subkind, where);
        break;
    }
    if (this.actors.size > 100_000) this.actors.clear(); // flat memory on hostile inputs
    this.actors.set(actor, id);
    return id;
  }

  private observeAssume(src: number, dst: number, ts: number): void {
    const key = `${src}>${dst}`;
    const seen = this.assumes.get(key);
    if (seen) {
      seen.count++;
      if (ts < seen.first) seen.first = ts;
      if (ts > seen.last) seen.last = ts;
      return;
    }
    if (this.assumes.size >= MAX_PENDING_ASSUMES) this.finish(); // flat memory; the edge upsert merges repeats
    this.assumes.set(key, { src, dst, first: ts, last: ts, count: 1 });
  }

  /** Turns a successful change into the nodes it made or unmade (the event itself carries props.change). */
  private applyChange(e: Pick<TrailEvent, 'ts' | 'actor' | 'change'>, caller: number | null, where: string): void {
    const c = e.change!;
    const w = this.writer;
    const at = new Date(e.ts).toISOString();
    const user = (): number | null => {
      const name = c.detail.user;
      if (name && isIamName(name) && c.account) {
        return this.ids.principal({ type: 'user', partition: c.partition, account: c.account, name, path: '/' }, where);
      }
      return caller; // IAM defaults to the calling user when userName is left out
    };
    switch (c.kind) {
      case 'user_created':
        this.createdPrincipal(obj(c.created?.user), 'user', at, where, c.detail.boundary);
        return;
      case 'role_created': {
        const role =
          this.createdPrincipal(obj(c.created?.role), 'role', at, where, c.detail.boundary) ?? this.namedRole(c, where, at, c.detail.boundary);
        if (role && c.trust) this.trust.set({ ...role, ts: e.ts, setBy: 'CreateRole', document: c.trust, where });
        return;
      }
      case 'trust_policy_changed': {
        const role = this.namedRole(c, where, null, undefined);
        if (role && c.trust) this.trust.set({ ...role, ts: e.ts, setBy: 'UpdateAssumeRolePolicy', document: c.trust, where });
        return;
      }
      case 'permissions_boundary_set':
      case 'permissions_boundary_deleted': {
        // The boundary is a ceiling on the principal's own permissions: recorded as a prop, never as an edge.
        const target = c.detail.role ? (this.namedRole(c, where, null, undefined)?.role ?? null) : user();
        if (target !== null)
          this.patchNode(target, { permissions_boundary: c.kind === 'permissions_boundary_set' ? (c.detail.boundary ?? null) : null });
        return;
      }
      case 'access_key_created':
      case 'access_key_deleted':
      case 'access_key_status_changed': {
        const keyId = c.detail.access_key;
        if (!isAccessKeyId(keyId)) return;
        this.ids.accessKey(keyId, user(), where);
        const status =
          c.kind === 'access_key_created'
            ? 'active'
            : c.kind === 'access_key_deleted'
              ? 'deleted'
              : c.detail.key_status === 'Inactive'
                ? 'disabled'
                : c.detail.key_status === 'Active'
                  ? 'active'
                  : null;
        w.upsertNode(
          {
            key: keyId,
            kind: 'credential',
            subkind: 'access_key',
            status,
            createdAt: c.kind === 'access_key_created' ? at : null,
            props: c.kind === 'access_key_created' ? { temporary: false } : { [`${status ?? 'status'}_at`]: at },
          },
          where,
        );
        return;
      }
      case 'password_created':
      case 'password_changed':
      case 'password_deleted': {
        const owner = user();
        if (owner === null) return;
        const arnKey = this.ownerArn(c, e.actor);
        if (!arnKey) return;
        const key = `${arnKey}#password`;
        w.upsertNode(
          {
            key,
            kind: 'credential',
            subkind: 'password',
            name: 'console password',
            provider: 'aws',
            status: c.kind === 'password_deleted' ? 'deleted' : 'active',
            createdAt: c.kind === 'password_created' ? at : null,
            props: c.kind === 'password_changed' ? { last_rotated_at: at } : c.kind === 'password_deleted' ? { deleted_at: at } : null,
          },
          where,
        );
        const id = w.find(key)!;
        this.linkCredential(owner, id, where);
        return;
      }
      case 'user_deleted':
      case 'role_deleted': {
        const name = c.kind === 'user_deleted' ? c.detail.user : c.detail.role;
        if (!name || !isIamName(name) || !c.account) return;
        const type = c.kind === 'user_deleted' ? 'user' : 'role';
        this.ids.principal({ type, partition: c.partition, account: c.account, name, path: '/' }, where);
        // Keyed by the alias: the node may carry a path in its ARN key that this record does not show.
        w.upsertNode(
          { key: `aws:${type}:${c.account}:${name}`, kind: type === 'user' ? 'identity' : 'role', status: 'deleted', props: { deleted_at: at } },
          where,
        );
        return;
      }
    }
  }

  /** The ARN the password belongs to: the named user, else the calling user. */
  private ownerArn(c: NonNullable<TrailEvent['change']>, actorJson: string | null): string | null {
    if (c.detail.user && isIamName(c.detail.user) && c.account) return principalArn(c.partition, c.account, 'user', c.detail.user);
    const actor = actorJson ? (JSON.parse(actorJson) as TrailActor) : null;
    if (actor?.kind === 'user') return principalArn(actor.partition, actor.account, 'user', actor.name, actor.path);
    return null;
  }

  private linkCredential(owner: number, credential: number, where: string): void {
    this.writer.edge({ src: owner, dst: credential, kind: 'has_credential' }, where);
    this.writer.edge({ src: credential, dst: owner, kind: 'authenticates' }, where);
  }

  /** A user or role from a Create* response: the node with its creation time, unique id and permissions boundary. */
  private createdPrincipal(
    entity: Record<string, unknown> | null,
    type: 'user' | 'role',
    at: string,
    where: string,
    boundary: string | undefined,
  ): RoleRef | null {
    const arn = parseIamArn(text(entity?.arn));
    if (!arn || arn.type !== type) return null;
    const uniqueId = text(entity?.[type === 'user' ? 'userId' : 'roleId'], 128);
    const id = this.ids.principal({ type, partition: arn.partition, account: arn.account, name: arn.name, path: arn.path, uniqueId }, where);
    this.writer.upsertNode(
      {
        key: `aws:${type}:${arn.account}:${arn.name}`,
        kind: type === 'user' ? 'identity' : 'role',
        subkind: type === 'role' ? 'role' : null,
        name: arn.name,
        provider: 'aws',
        status: 'active',
        createdAt: at,
        props: { aws_account: arn.account, ...(boundary ? { permissions_boundary: boundary } : {}) },
      },
      where,
    );
    return { role: id, roleName: arn.name, account: arn.account, partition: arn.partition };
  }

  /**
   * The role a change names by roleName (UpdateAssumeRolePolicy; a CreateRole whose response was not logged, then
   * created here with its creation time and boundary). Null when the name or the account is unusable.
   */
  private namedRole(c: NonNullable<TrailEvent['change']>, where: string, createdAt: string | null, boundary: string | undefined): RoleRef | null {
    const name = c.detail.role;
    if (!name || !isIamName(name) || !c.account) return null;
    const id = this.ids.principal({ type: 'role', partition: c.partition, account: c.account, name, path: '/' }, where);
    if (createdAt) {
      this.writer.upsertNode(
        {
          key: `aws:role:${c.account}:${name}`,
          kind: 'role',
          subkind: 'role',
          name,
          provider: 'aws',
          status: 'active',
          createdAt,
          props: { aws_account: c.account, ...(boundary ? { permissions_boundary: boundary } : {}) },
        },
        where,
      );
    }
    return { role: id, roleName: name, account: c.account, partition: c.partition };
  }

  /** Props on a node without taking over its provenance; null members remove a prop (json_patch). */
  private patchNode(id: number, props: Record<string, unknown>): void {
    patchNodeProps(this.writer.db, id, JSON.stringify(props));
  }
}
