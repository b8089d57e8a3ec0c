// AWS identity resolution shared by the AWS importers, so that a user, role, account root or access key
// lands on the same node however a file names it (docs/identity-resolution.md):
//   principal key = IAM ARN; aliases aws:user:<acct>:<name>, aws:role:<acct>:<name> and unique ids (AIDA…/AROA…);
//   access keys are credential nodes keyed by the key id, linked has_credential / authenticates.
// It looks names up first (the authorization-details importer may already hold them) and only then creates.
// It never trusts a string it has not matched against the ARN grammar: anything else is kept as text by callers.
import type { CaseWriter } from '../writer.ts';

export interface IamArn {
  partition: string;
  account: string;
  /** user, role, root, assumed-role, federated-user, group, policy… */
  type: string;
  /** IAM path with slashes ("/" when none). */
  path: string;
  name: string;
  /** assumed-role session name. */
  session?: string;
}

const ARN = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/;
const ACCOUNT = /^\d{12}$/;
/** IAM names: letters, digits and +=,.@_- (we allow a little more, never a slash or control character). */
const NAME = /^[\w+=,.@:-]{1,128}$/;
const ACCESS_KEY = /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}$/;
const MAX_ARN = 2048;

/** Parses an IAM or STS principal ARN; null for anything else (including S3, EC2… resource ARNs). */
export function parseIamArn(text: string | null | undefined): IamArn | null {
  if (!text || text.length > MAX_ARN) return null;
  const m = ARN.exec(text);
  if (!m) return null;
  const [, partition, , account, resource] = m;
  if (resource === 'root') return { partition, account, type: 'root', path: '/', name: 'root' };
  const slash = resource.indexOf('/');
  if (slash <= 0) return null;
  const type = resource.slice(0, slash);
  const rest = resource.slice(slash + 1);
  if (type === 'assumed-role') {
    const [role, ...session] = rest.split('/');
    if (!NAME.test(role) || !session.length) return null;
    return { partition, account, type, path: '/', name: role, session: session.join('/') };
  }
  const last = rest.lastIndexOf('/');
  const name = rest.slice(last + 1);
  if (!NAME.test(name)) return null;
  return { partition, account, type, path: last < 0 ? '/' : `/${rest.slice(0, last + 1)}`, name };
}

export function isAccountId(text: unknown): text is string {
  return typeof text === 'string' && ACCOUNT.test(text);
}

export function isAccessKeyId(text: unknown): text is string {
  return typeof text === 'string' && ACCESS_KEY.test(text);
}

export function isIamName(text: unknown): text is string {
  return typeof text === 'string' && NAME.test(text);
}

export function principalArn(partition: string, account: string, type: 'user' | 'role', name: string, path = '/'): string {
  return `arn:${partition}:iam::${account}:${type}${path}${name}`;
}

export function rootArn(account: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${account}:root`;
}

/** A principal as the AWS importers see it, before it is a node. */
export interface PrincipalRef {
  type: 'user' | 'role';
  partition: string;
  account: string;
  name: string;
  path: string;
  /** AIDA…/AROA… when the file gives it. */
  uniqueId?: string | null;
}

/**
 * Resolves AWS principals and keys to node ids, creating what the case does not hold yet.
 * One per import: it remembers what it linked so a million events do not re-write the same edges.
 */
export class AwsIdentities {
  private readonly writer: CaseWriter;
  private readonly principals = new Map<string, number>();
  private readonly linkedKeys = new Set<string>();
  private readonly lastOwner = new Map<string, { id: number; owner: number | null }>();

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  /** A user or role: by ARN, then alias, then unique id; else a placeholder keyed by ARN with the aliases registered. */
  principal(p: PrincipalRef, locator: string): number {
    const arn = principalArn(p.partition, p.account, p.type, p.name, p.path);
    const cached = this.principals.get(arn);
    if (cached !== undefined) return cached;
    const alias = `aws:${p.type}:${p.account}:${p.name}`;
    const w = this.writer;
    // The unique id before the name alias: console logins carry the name as typed (IAM names ignore case).
    let id = w.find(arn) ?? (p.uniqueId ? w.find(p.uniqueId) : undefined) ?? w.find(alias);
    if (id === undefined) {
      id = p.type === 'role' ? w.ref(arn, 'role', 'role', locator) : w.ref(arn, 'identity', null, locator);
      w.alias(alias, id);
    }
    if (p.uniqueId && w.find(p.uniqueId) === undefined) w.alias(p.uniqueId, id);
    this.remember(arn, id);
    return id;
  }

  /** The account root user: kind identity, subkind human, props.root = true. */
  root(account: string, partition = 'aws', locator = ''): number {
    const arn = rootArn(account, partition);
    const cached = this.principals.get(arn);
    if (cached !== undefined) return cached;
    const id =
      this.writer.find(arn) ??
      this.writer.upsertNode(
        {
          key: arn,
          kind: 'identity',
          subkind: 'human',
          name: `root (${account})`,
          provider: 'aws',
          props: { root: true, aws_account: account },
        },
        locator,
      );
    this.writer.alias(`aws:root:${account}`, id);
    this.remember(arn, id);
    return id;
  }

  /** An AWS service acting on its own (userIdentity.type AWSService, invokedBy): a workload identity. */
  service(host: string, locator = ''): number {
    const key = `aws:service:${host}`;
    const cached = this.principals.get(key);
    if (cached !== undefined) return cached;
    const id =
      this.writer.find(key) ??
      this.writer.upsertNode(
        {
          key,
          kind: 'identity',
          subkind: 'workload',
          name: host,
          provider: 'aws',
          props: { aws_service: true },
        },
        locator,
      );
    this.remember(key, id);
    return id;
  }

  /** A web-identity or SAML subject outside IAM (e.g. a GitHub OIDC token, an IdP user). */
  federated(provider: string, subject: string, subkind: 'human' | 'workload', locator = ''): number {
    const key = `aws:federated:${provider}:${subject}`;
    const cached = this.principals.get(key);
    if (cached !== undefined) return cached;
    const id =
      this.writer.find(key) ??
      this.writer.upsertNode(
        {
          key,
          kind: 'identity',
          subkind,
          name: subject,
          provider: provider.slice(0, 200),
          props: { federated: true },
        },
        locator,
      );
    this.remember(key, id);
    return id;
  }

  /**
   * An access key id as a credential of its owner. Temporary (ASIA…) keys authenticate as the session's
   * role or user. Returns the credential id; the edges are written once per key and owner in an import.
   */
  accessKey(keyId: string, owner: number | null, locator: string, extra?: Record<string, unknown>): number {
    const last = this.lastOwner.get(keyId); // the hot path: the same key of the same owner, event after event
    if (last !== undefined && (last.owner === owner || owner === null)) return last.id;
    const w = this.writer;
    let id = w.find(keyId);
    if (id === undefined) {
      const temporary = keyId.startsWith('ASIA');
      id = w.upsertNode(
        {
          key: keyId,
          kind: 'credential',
          subkind: 'access_key',
          name: keyId,
          provider: 'aws',
          props: { temporary, ...extra },
        },
        locator,
      );
    }
    if (owner !== null) {
      const link = `${id}>${owner}`;
      if (!this.linkedKeys.has(link)) {
        this.linkedKeys.add(link);
        if (this.linkedKeys.size > 1_000_000) this.linkedKeys.clear(); // flat memory; a re-link is an idempotent upsert
        w.edge({ src: owner, dst: id, kind: 'has_credential' }, locator);
        w.edge({ src: id, dst: owner, kind: 'authenticates' }, locator);
      }
    }
    if (this.lastOwner.size > 1_000_000) this.lastOwner.clear();
    this.lastOwner.set(keyId, { id, owner });
    return id;
  }

  private remember(key: string, id: number): void {
    if (this.principals.size > 500_000) this.principals.clear();
    this.principals.set(key, id);
  }
}
