// Kubernetes audit logs (native audit.k8s.io Events, GKE and AKS wrappers) as auth events on the requesting user
// or service account. Impersonation and TokenRequests that succeed are observed can_assume; requests on
// secrets target the namespace's secret store, so reading secrets shows up as exercised access. A successful create
// of a RoleBinding or ClusterRoleBinding whose request body was logged is a grant: the binding is validated and
// loaded like a listed one (k8s-loader.ts, has_role subject → role), its edges marked observed with the event.
// The credential a request was made with (a service-account token by its JTI or Secret, a client certificate;
// acting-credential.ts) is the event's credential, held by the requesting identity (k8s-credentials.ts); a
// TokenRequest whose response was logged names the token it issued and when it expires.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { normaliseIp } from '../normalise.ts';
import { firstRecord, forEachJsonRecord, locatorNumber, rec, SeenOnce, str } from '../entra/json-log.ts';
import { emailPrincipal } from '../gcp/gcp-principals.ts';
import { readRequest, shapeOf, type ApiRequest, type Shape } from './audit-event.ts';
import { K8sCredentials } from './k8s-credentials.ts';
import { K8sLoader } from './k8s-loader.ts';
import { podKey, secretsKey, serviceAccount, userPrincipal, type K8sPrincipal } from './k8s-names.ts';
import { RejectedRecord } from '../record-error.ts';

export const k8sAuditImporter: Importer = {
  name: 'k8s-audit',
  description: 'Kubernetes audit events (native audit.k8s.io, GKE Cloud Audit Logs for k8s.io, AKS kube-audit diagnostics)',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const r = firstRecord(sample.head);
  const shape = r ? shapeOf(r) : null;
  if (!shape) return null;
  return {
    confidence: 0.96,
    reason: `Kubernetes audit events (${shape === 'native' ? 'audit.k8s.io Event' : shape === 'gke' ? 'GKE k8s.io audit log' : 'AKS kube-audit'})`,
  };
}

async function run(ctx: ImportContext): Promise<void> {
  const once = new SeenOnce();
  const node = (p: K8sPrincipal, locator: string): number => {
    const id = ctx.writer.ref(p.key, p.kind, p.subkind, locator);
    if (p.alias && once.first(p.key)) ctx.writer.alias(p.alias, id);
    return id;
  };
  const loader = new K8sLoader(ctx.writer);
  const credentials = new K8sCredentials(ctx.writer);
  await forEachJsonRecord(ctx, (r, locator, index) => {
    const q = readRequest(r);
    const who = q.username ? principalOf(q.username, q.shape) : null;
    const identity = who ? node(who, locator) : null;
    const credential = who && identity !== null && q.credential ? credentials.acting(q.credential, who, identity, locator) : null;
    const target = targetOf(ctx, q, node, locator);
    const grant = q.ok && q.completed ? bindingGrant(loader, q, locator) : null;
    let issued: Record<string, unknown> | null = null;
    if (q.ok && identity !== null) {
      if (q.impersonated) {
        ctx.writer.edge(
          { src: identity, dst: node(principalOf(q.impersonated, q.shape), locator), kind: 'can_assume', props: { observed: 'impersonation' } },
          locator,
        );
      }
      if (q.resource === 'serviceaccounts' && q.subresource === 'token' && q.verb === 'create' && q.namespace && q.name) {
        const sa = serviceAccount(q.namespace, q.name);
        const saNode = node(sa, locator);
        ctx.writer.edge({ src: identity, dst: saNode, kind: 'can_assume', props: { observed: 'TokenRequest' } }, locator);
        if (q.completed && q.issued) issued = credentials.issued(q.issued, sa, saNode, locator);
      }
    }
    const c = q.credential;
    ctx.writer.event({
      ts: q.ts,
      identity,
      credential,
      ip: normaliseIp(q.ip),
      userAgent: q.userAgent,
      action: `k8s:${q.verb}${q.resource ? ` ${q.resource}${q.subresource ? `/${q.subresource}` : ''}` : ''}`,
      target: target.id,
      targetText: target.text,
      outcome: q.ok ? 1 : 0,
      locator: locatorNumber(locator, index),
      props: {
        namespace: q.namespace,
        name: q.name,
        groups: q.groups.length ? q.groups.slice(0, 10) : undefined,
        impersonated: q.impersonated,
        ...q.props,
        // Where the token came from, on the event too: the pod and node a pod-bound token was issued for.
        pod: c?.pod ?? undefined,
        node: c?.node ?? undefined,
        ...grant,
        ...issued,
      },
    });
  });
}

const BINDING_KINDS: Record<string, string> = { rolebindings: 'RoleBinding', clusterrolebindings: 'ClusterRoleBinding' };

/**
 * A binding the request created, loaded as a grant. The event stays whatever the binding holds: an invalid one
 * (a ClusterRoleBinding to a Role, a subject without a namespace) is noted on the event instead of rejecting it.
 */
function bindingGrant(loader: K8sLoader, q: ApiRequest, locator: string): Record<string, unknown> | null {
  if (q.verb !== 'create' || q.subresource || !q.resource || !Object.hasOwn(BINDING_KINDS, q.resource) || !q.requestObject) return null;
  const o = q.requestObject;
  const kind = BINDING_KINDS[q.resource];
  const meta = rec(o.metadata);
  const name = str(meta?.name) ?? q.name;
  const ns = kind === 'RoleBinding' ? (str(meta?.namespace) ?? q.namespace) : null;
  if (!name || (kind === 'RoleBinding' && !ns)) return { grantError: `${kind} without ${name ? 'a namespace' : 'a name'} in the request` };
  try {
    loader.binding(o, name, ns, new Date(q.ts).toISOString(), locator, {
      observed: `k8s audit: create ${q.resource}`,
      auditID: q.props.auditID ?? undefined,
      insertId: q.props.insertId ?? undefined,
    });
    return { grant: ns ? `${kind} ${ns}/${name}` : `${kind} ${name}` };
  } catch (e) {
    if (!(e instanceof RejectedRecord)) throw e;
    return { grantError: e.message };
  }
}

/** Kubernetes usernames; GKE writes Google accounts as emails (elsewhere an email is an OIDC user of the cluster). */
function principalOf(username: string, shape: Shape): K8sPrincipal {
  if (shape === 'gke' && !username.startsWith('system:') && /^[^@\s]+@[^@\s]+$/.test(username)) {
    const p = emailPrincipal(username);
    return { key: p.key, kind: p.kind, subkind: p.subkind, name: p.name, alias: null };
  }
  return userPrincipal(username);
}

/** Secrets target the namespace's secret store; pods their pod system (resolved later if not yet imported). */
function targetOf(
  ctx: ImportContext,
  q: ApiRequest,
  node: (p: K8sPrincipal, l: string) => number,
  locator: string,
): { id: number | null; text: string | null } {
  if (q.resource === 'secrets') {
    const key = secretsKey(q.namespace);
    return { id: ctx.writer.ref(key, 'system', 'secret_store', locator), text: key };
  }
  if (q.resource === 'pods' && q.namespace && q.name) {
    const key = podKey(q.namespace, q.name);
    return { id: ctx.writer.find(key) ?? null, text: key };
  }
  if (q.resource === 'serviceaccounts' && q.namespace && q.name) {
    const p = serviceAccount(q.namespace, q.name);
    return { id: node(p, locator), text: p.key };
  }
  if (!q.resource) return { id: null, text: null };
  return { id: null, text: `k8s:${q.resource}:${q.namespace ?? '*'}:${q.name ?? '*'}` };
}
