// GCP Cloud Audit Logs (LogEntry JSON arrays from `gcloud logging read --format json`, NDJSON sinks): each entry is
// an event on its caller. Service-account impersonation is observed as can_assume: the serviceAccountDelegationInfo
// chain (original principal first), metadata.identityDelegationChain, and iamcredentials token/sign calls.
// Workload identity federation shows as a delegation entry holding only `principalSubject`
// (principal://iam.googleapis.com/…/workloadIdentityPools/…/subject/…): an identity outside Google Cloud, kept as an
// external node that can_assume the service account it acted as.
// GKE audit entries (serviceName k8s.io) belong to the k8s-audit format, not this one.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { normaliseIp } from '../normalise.ts';
import { firstRecord, forEachJsonRecord, list, locatorNumber, rec, RecordError, requireMillis, str, type Rec } from '../entra/json-log.ts';
import { emailPrincipal, GcpNodes, memberPrincipal, type Principal } from './gcp-principals.ts';
import { serviceAccountOf } from './gcp-roles.ts';

export const gcpAuditImporter: Importer = {
  name: 'gcp-audit',
  description: 'GCP Cloud Audit Logs (LogEntry JSON/NDJSON) including service-account impersonation and delegation chains',
  detect,
  run,
};

export function isAuditLogEntry(r: Rec): boolean {
  const p = rec(r.protoPayload);
  return !!p && (/AuditLog$/.test(str(p['@type']) ?? '') || /cloudaudit\.googleapis\.com/.test(str(r.logName) ?? ''));
}

function detect(sample: Sample): Detection | null {
  const r = firstRecord(sample.head);
  if (!r || !isAuditLogEntry(r)) return null;
  const p = rec(r.protoPayload)!;
  if (str(p.serviceName) === 'k8s.io') return null;
  return { confidence: 0.95, reason: `Cloud Audit Log entries (protoPayload AuditLog, ${str(p.serviceName) ?? 'service'})` };
}

const IAMCREDENTIALS = /^(GenerateAccessToken|GenerateIdToken|SignBlob|SignJwt)$/;
/** Longest delegation chain read from one entry. */
const MAX_CHAIN = 20;

async function run(ctx: ImportContext): Promise<void> {
  const nodes = new GcpNodes(ctx.writer);
  await forEachJsonRecord(ctx, (r, locator, index) => loadEntry(ctx, nodes, r, locator, index));
}

function loadEntry(ctx: ImportContext, nodes: GcpNodes, r: Rec, locator: string, index: number): void {
  const p = rec(r.protoPayload);
  if (!p) throw new RecordError('no protoPayload: not a Cloud Audit Log entry');
  const ts = requireMillis(r.timestamp ?? r.receiveTimestamp, 'timestamp');
  const auth = rec(p.authenticationInfo);
  const caller = callerOf(auth);
  const identity = caller ? nodes.principal(caller, locator) : null;
  const service = str(p.serviceName) ?? 'unknown';
  const method = str(p.methodName) ?? 'unknown';
  const resourceName = str(p.resourceName);
  const credential = keyCredential(ctx, auth, identity, locator);

  // Delegation: who acted through whom, original principal first, ending with the caller.
  // Bounded: real chains are a few hops; a hostile entry must not turn into thousands of edges.
  const delegators = list(auth?.serviceAccountDelegationInfo)
    .slice(0, MAX_CHAIN)
    .map(delegator)
    .filter((x): x is Principal => !!x);
  const chain = delegators.map((d) => nodes.principal(d, locator));
  const federated = new Set(chain.filter((_, i) => delegators[i].external));
  if (identity !== null) chain.push(identity);
  if (identity !== null && caller?.external) federated.add(identity);
  // Impersonation requests: the caller becomes each service account in identityDelegationChain, then the target.
  let target: number | null = null;
  const impersonates = service === 'iamcredentials.googleapis.com' && IAMCREDENTIALS.test(method.replace(/^.*\./, ''));
  if (impersonates) {
    const saChain = list(rec(p.metadata)?.identityDelegationChain)
      .slice(0, MAX_CHAIN)
      .map((s) => serviceAccountOf('/' + (str(s) ?? '')));
    const targetEmail =
      serviceAccountOf('/' + (str(rec(p.request)?.name) ?? '')) ?? str(rec(rec(r.resource)?.labels)?.email_id)?.toLowerCase() ?? null;
    const emails = [...saChain, targetEmail].filter((e, i, all): e is string => !!e && all.indexOf(e) === i);
    for (const e of emails) chain.push(nodes.principal(emailPrincipal(e), locator));
    if (emails.length) target = chain[chain.length - 1];
  }
  const ok = outcome(p);
  if (ok) {
    for (let i = 0; i + 1 < chain.length; i++) {
      if (chain[i] === chain[i + 1]) continue;
      const via = federated.has(chain[i]) ? 'workload identity federation' : undefined;
      ctx.writer.edge({ src: chain[i], dst: chain[i + 1], kind: 'can_assume', props: { observed: `${service}:${method}`, via } }, locator);
    }
  }
  const meta = rec(p.requestMetadata);
  const permissions = list(p.authorizationInfo)
    .map((a) => str(rec(a)?.permission))
    .filter(Boolean);
  ctx.writer.event({
    ts,
    identity,
    credential,
    ip: normaliseIp(str(meta?.callerIp)),
    userAgent: str(meta?.callerSuppliedUserAgent),
    action: `${service}:${method}`,
    target,
    targetText: resourceName ? `//${service}/${resourceName}` : null,
    outcome: ok ? 1 : 0,
    locator: locatorNumber(locator, index),
    props: {
      log: str(r.logName)?.replace(/^.*cloudaudit\.googleapis\.com%2F/, ''),
      permissions: permissions.length ? permissions.slice(0, 10) : undefined,
      principalSubject: str(auth?.principalSubject),
      delegatedBy: delegators.length ? delegators.map((d) => d.name) : undefined,
      statusCode: rec(p.status)?.code ?? undefined,
      severity: str(r.severity),
      insertId: str(r.insertId),
    },
  });
}

function callerOf(auth: Rec | null): Principal | null {
  const email = str(auth?.principalEmail);
  if (email) return emailPrincipal(email);
  // principalSubject is an IAM principal identifier ("principal://…" for federated identities, "serviceAccount:…").
  const subject = str(auth?.principalSubject);
  return subject ? memberPrincipal(subject) : null;
}

function delegator(v: unknown): Principal | null {
  const d = rec(v);
  const first = rec(d?.firstPartyPrincipal);
  const email = str(first?.principalEmail);
  if (email) return emailPrincipal(email);
  const third = rec(rec(d?.thirdPartyPrincipal)?.thirdPartyClaims);
  const sub = str(third?.sub) ?? str(third?.subject);
  if (sub) return { key: `gcp:principal:${sub}`, kind: 'identity', subkind: 'workload', name: sub, email: null, external: true };
  // Newer entries name the delegating principal only by its IAM principal identifier.
  const subject = str(d?.principalSubject);
  return subject ? memberPrincipal(subject) : null;
}

/** A service account key the call was authenticated with becomes a credential of that account. */
function keyCredential(ctx: ImportContext, auth: Rec | null, owner: number | null, locator: string): number | null {
  const keyName = str(auth?.serviceAccountKeyName);
  const keyId = keyName ? /\/keys\/([^/]+)$/.exec(keyName)?.[1] : null;
  if (!keyId || owner === null) return null;
  const key = `gcp:sakey:${keyId}`;
  const id = ctx.writer.find(key);
  if (id !== undefined) return id;
  const cred = ctx.writer.upsertNode({ key, kind: 'credential', subkind: 'access_key', name: keyId, provider: 'gcp', props: { keyName } }, locator);
  ctx.writer.edge({ src: owner, dst: cred, kind: 'has_credential' }, locator);
  ctx.writer.edge({ src: cred, dst: owner, kind: 'authenticates' }, locator);
  return cred;
}

function outcome(p: Rec): boolean {
  const code = rec(p.status)?.code;
  if (typeof code === 'number' && code !== 0) return false;
  return !list(p.authorizationInfo).some((a) => rec(a)?.granted === false);
}
