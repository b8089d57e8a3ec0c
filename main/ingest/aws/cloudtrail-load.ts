// Loads normalised CloudTrail events into the case: the auth event itself, the access key as a credential of
// the caller, observed `can_assume` edges from successful AssumeRole*, and the users, keys and passwords that
// credential changes create, disable or delete. Shared by the JSON and the Sentinel CSV importers.
// Edges seen many times are written once per import (at finish), so a million events cost a million inserts, not more.
import type { CaseWriter } from '../writer.ts';
import { obj, text } from './cloudtrail-changes.ts';
import type { TrailActor, TrailEvent } from './cloudtrail-normalise.ts';
import { AwsIdentities, isAccessKeyId, isIamName, parseIamArn, principalArn } from './identity.ts';

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

  constructor(writer: CaseWriter) {
    this.writer = writer;
    this.ids = new AwsIdentities(writer);
  }

  load(e: TrailEvent, locator: number, where: string): void {
    const w = this.writer;
    let identity = this.actor(e.actor, where);
    let credential: number | null = null;
    if (e.accessKeyId) {
      credential = this.ids.accessKey(e.accessKeyId, identity, where);
      if (identity === null) identity = w.ownerOfCredential(credential);
    }
    if (e.assumed) {
      const role = this.ids.principal({ ...e.assumed.role, type: 'role' }, where);
      if (identity !== null) this.observeAssume(identity, role, e.ts);
      if (e.assumed.tempKeyId) this.ids.accessKey(e.assumed.tempKeyId, role, where, { issued_at: new Date(e.ts).toISOString() });
    }
    if (e.change) this.applyChange(e, identity, where);
    const target = e.targetText ? w.find(e.targetText) ?? null : null;
    w.event({
      ts: e.ts, identity, credential, ip: e.ip, userAgent: e.userAgent, action: e.action, target, targetText: e.targetText,
      outcome: e.outcome, locator, props: e.props,
    });
  }

  /** Writes the observed role assumptions; call once when the file is done. */
  finish(): void {
    for (const a of this.assumes.values()) {
      this.writer.edge({
        src: a.src, dst: a.dst, kind: 'can_assume', lastUsedAt: new Date(a.last).toISOString(),
        props: { observed: true, first_seen: new Date(a.first).toISOString(), count: a.count },
      }, 'observed AssumeRole');
    }
    this.assumes.clear();
  }

  private actor(a: TrailActor | null, where: string): number | null {
    if (!a) return null;
    switch (a.kind) {
      case 'user':
      case 'role':
        return this.ids.principal({ type: a.kind, partition: a.partition, account: a.account, name: a.name, path: a.path, uniqueId: a.uniqueId }, where);
      case 'root':
        return this.ids.root(a.account, a.partition, where);
      case 'service':
        return this.ids.service(a.host, where);
      case 'federated':
        return this.ids.federated(a.provider, a.subject, a.subkind, where);
    }
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
  private applyChange(e: TrailEvent, caller: number | null, where: string): void {
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
        this.createdPrincipal(obj(c.created?.user), 'user', at, where);
        return;
      case 'role_created':
        this.createdPrincipal(obj(c.created?.role), 'role', at, where);
        return;
      case 'access_key_created':
      case 'access_key_deleted':
      case 'access_key_status_changed': {
        const keyId = c.detail.access_key;
        if (!isAccessKeyId(keyId)) return;
        this.ids.accessKey(keyId, user(), where);
        const status = c.kind === 'access_key_created' ? 'active' : c.kind === 'access_key_deleted' ? 'deleted'
          : c.detail.key_status === 'Inactive' ? 'disabled' : c.detail.key_status === 'Active' ? 'active' : null;
        w.upsertNode({
          key: keyId, kind: 'credential', subkind: 'access_key', status,
          createdAt: c.kind === 'access_key_created' ? at : null,
          props: c.kind === 'access_key_created' ? { temporary: false } : { [`${status ?? 'status'}_at`]: at },
        }, where);
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
        w.upsertNode({
          key, kind: 'credential', subkind: 'password', name: 'console password', provider: 'aws',
          status: c.kind === 'password_deleted' ? 'deleted' : 'active',
          createdAt: c.kind === 'password_created' ? at : null,
          props: c.kind === 'password_changed' ? { last_rotated_at: at } : c.kind === 'password_deleted' ? { deleted_at: at } : null,
        }, where);
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
        w.upsertNode({ key: `aws:${type}:${c.account}:${name}`, kind: type === 'user' ? 'identity' : 'role', status: 'deleted', props: { deleted_at: at } }, where);
        return;
      }
    }
  }

  /** The ARN the password belongs to: the named user, else the calling user. */
  private ownerArn(c: NonNullable<TrailEvent['change']>, actor: TrailActor | null): string | null {
    if (c.detail.user && isIamName(c.detail.user) && c.account) return principalArn(c.partition, c.account, 'user', c.detail.user);
    if (actor?.kind === 'user') return principalArn(actor.partition, actor.account, 'user', actor.name, actor.path);
    return null;
  }

  private linkCredential(owner: number, credential: number, where: string): void {
    this.writer.edge({ src: owner, dst: credential, kind: 'has_credential' }, where);
    this.writer.edge({ src: credential, dst: owner, kind: 'authenticates' }, where);
  }

  /** A user or role from a Create* response: the node with its creation time and unique id. */
  private createdPrincipal(entity: Record<string, unknown> | null, type: 'user' | 'role', at: string, where: string): void {
    const arn = parseIamArn(text(entity?.arn));
    if (!arn || arn.type !== type) return;
    const uniqueId = text(entity?.[type === 'user' ? 'userId' : 'roleId'], 128);
    this.ids.principal({ type, partition: arn.partition, account: arn.account, name: arn.name, path: arn.path, uniqueId }, where);
    this.writer.upsertNode({
      key: `aws:${type}:${arn.account}:${arn.name}`, kind: type === 'user' ? 'identity' : 'role',
      subkind: type === 'role' ? 'role' : null, name: arn.name, provider: 'aws', status: 'active', createdAt: at,
      props: { aws_account: arn.account },
    }, where);
  }
}
