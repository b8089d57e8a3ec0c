// Kubernetes credentials met in audit events, as credential nodes held by the identity that used them: TokenRequest
// tokens `k8s:token:<jti>` (bound to a pod: the pod and node are props), legacy secret-based tokens by their Secret
// `k8s:secret:<ns>:<secret>` (the key k8s-objects gives the listed Secret), client certificates `k8s:cert:<sha256>`. Each has_credential from its holder
// and authenticates as it, like an Okta API token or a GitHub token: the event names the credential that acted,
// and the behavioural rules judge a service-account token as its own subject (store/workload-tokens.ts).
// Pod-bound tokens are short-lived by construction (the kubelet rotates them; deleting the pod voids them), so they
// are `temporary`, like an STS session key: never a long-lived secret, never what keeps an identity alive.
import type { CaseWriter } from '../writer.ts';
import { SeenOnce } from '../entra/json-log.ts';
import { WORKLOAD_TOKEN_PROP } from '../../store/workload-tokens.ts';
import type { ActingCredential, IssuedToken } from './acting-credential.ts';
import type { K8sPrincipal } from './k8s-names.ts';

export class K8sCredentials {
  private readonly writer: CaseWriter;
  private readonly once = new SeenOnce();

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  /** The credential node an event was made with, held by the identity that used it. */
  acting(c: ActingCredential, who: K8sPrincipal, holder: number, locator: string): number {
    const ns = /^k8s:sa:([^:]+):/.exec(who.key)?.[1] ?? null;
    if (c.type === 'certificate') {
      return this.held(
        `k8s:cert:${c.id}`,
        'certificate',
        `client certificate of ${who.name} (${c.id.slice(0, 12)}…)`,
        { fingerprint_sha256: c.id },
        holder,
        locator,
      );
    }
    if (c.type === 'legacy-token') {
      // The same node as the Secret listed by k8s-objects (k8s-loader.ts), so use and inventory meet.
      return this.held(
        `k8s:secret:${ns ?? '*'}:${c.id}`,
        'token',
        `${ns ?? '*'}/${c.id}`,
        { [WORKLOAD_TOKEN_PROP]: true, legacy: true, secret: c.id, namespace: ns ?? undefined },
        holder,
        locator,
      );
    }
    return this.held(
      `k8s:token:${c.id}`,
      'token',
      tokenName(c.id, c.pod),
      {
        [WORKLOAD_TOKEN_PROP]: true,
        temporary: true,
        jti: c.id,
        namespace: ns ?? undefined,
        bound: c.pod ? 'Pod' : undefined,
        pod: c.pod ?? undefined,
        podUid: c.podUid ?? undefined,
        node: c.node ?? undefined,
        nodeUid: c.nodeUid ?? undefined,
      },
      holder,
      locator,
    );
  }

  /**
   * The token a successful TokenRequest for a service account issued: with its JTI (the token is in the logged
   * response) it becomes the service account's credential with its issue and expiry times; without it the event
   * still says when the token expires and what it is bound to.
   */
  issued(t: IssuedToken, sa: K8sPrincipal, holder: number, locator: string): Record<string, unknown> {
    const facts = { tokenExpiresAt: t.expiresAt ?? undefined, boundObject: t.boundKind && t.boundName ? `${t.boundKind} ${t.boundName}` : undefined };
    if (!t.jti) return facts;
    const key = `k8s:token:${t.jti}`;
    const pod = t.boundKind === 'Pod' ? t.boundName : null;
    this.held(
      key,
      'token',
      tokenName(t.jti, pod),
      {
        [WORKLOAD_TOKEN_PROP]: true,
        temporary: true,
        jti: t.jti,
        expires_at: t.expiresAt ?? undefined,
        bound: t.boundKind ?? undefined,
        pod: pod ?? undefined,
      },
      holder,
      locator,
      t.issuedAt,
    );
    // Written again with the issue time even when the token was already seen acting (its node has no time yet).
    return { ...facts, issuedToken: key };
  }

  private held(
    key: string,
    subkind: string,
    name: string,
    props: Record<string, unknown>,
    holder: number,
    locator: string,
    createdAt: string | null = null,
  ): number {
    const id =
      this.once.first(key) || createdAt
        ? this.writer.upsertNode({ key, kind: 'credential', subkind, name, provider: 'kubernetes', createdAt, props }, locator)
        : this.writer.ref(key, 'credential', subkind, locator);
    if (this.once.first(`${holder}>${key}`)) {
      this.writer.edge({ src: holder, dst: id, kind: 'has_credential' }, locator);
      this.writer.edge({ src: id, dst: holder, kind: 'authenticates' }, locator);
    }
    return id;
  }
}

/** How an analyst tells rotated tokens apart: the pod they were issued for and the start of the JTI. */
function tokenName(jti: string, pod: string | null): string {
  return pod ? `pod ${pod} (JTI ${jti.slice(0, 8)})` : `JTI ${jti.slice(0, 8)}`;
}
