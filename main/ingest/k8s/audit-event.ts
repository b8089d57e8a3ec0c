// One Kubernetes API request, normalised from its three common exports: native audit.k8s.io Events (log files,
// webhook batches, EventLists), GKE Cloud Audit Log entries (serviceName k8s.io) and AKS diagnostic logs
// (category kube-audit / kube-audit-admin with the native event as a JSON string in properties.log, or Log
// Analytics AKSAudit rows). Native events are also accepted without their top-level apiVersion (some collectors
// and webhook receivers drop it): kind "Event" (or none) with auditID, stage, verb and user. Pure: no case writes.
import { field, jsonValue, list, rec, RecordError, requireMillis, str, type Rec } from '../entra/json-log.ts';
import { actingCredential, issuedToken, type ActingCredential, type IssuedToken } from './acting-credential.ts';

export interface ApiRequest {
  shape: Shape;
  ts: number;
  username: string | null;
  groups: string[];
  impersonated: string | null;
  ip: string | null;
  userAgent: string | null;
  verb: string;
  resource: string | null;
  subresource: string | null;
  namespace: string | null;
  name: string | null;
  ok: boolean;
  /** The request ran to completion (the response is in this event), so `ok` is its real outcome. */
  completed: boolean;
  /** The object sent with the request (audit level Request or RequestResponse), e.g. the binding a create made. */
  requestObject: Rec | null;
  /** The credential the request was made with (a service-account token, a client certificate), when logged. */
  credential: ActingCredential | null;
  /** A TokenRequest's response: the token it issued (RequestResponse audit level only). */
  issued: IssuedToken | null;
  props: Record<string, unknown>;
}

export type Shape = 'native' | 'gke' | 'aks';

export function shapeOf(r: Rec): Shape | null {
  if (str(r.kind) === 'Event' && /^audit\.k8s\.io\//.test(str(r.apiVersion) ?? '')) return 'native';
  if (bareAuditEvent(r)) return 'native';
  const p = rec(r.protoPayload);
  if (p && str(p.serviceName) === 'k8s.io') return 'gke';
  if (/^kube-audit(-admin)?$/.test(str(field(r, 'category')) ?? '') && field(r, 'properties') !== undefined) return 'aks';
  if (/^AKSAudit(Admin)?$/.test(str(field(r, 'Type')) ?? '')) return 'aks';
  return null;
}

export function readRequest(r: Rec): ApiRequest {
  const shape = shapeOf(r);
  if (shape === 'gke') return fromGke(r);
  if (shape === 'aks') {
    const inner = rec(jsonValue(field(rec(jsonValue(field(r, 'properties'))), 'log')));
    return fromNative(inner ?? r, shape); // without properties.log: AKSAudit rows, the native fields in PascalCase
  }
  if (shape === 'native') return fromNative(r, shape);
  throw new RecordError('not a Kubernetes audit event (no audit.k8s.io Event, GKE k8s.io entry or AKS kube-audit record)');
}

/**
 * An audit event captured without apiVersion. The fields required together (auditID, stage, verb, a user object)
 * are the audit schema's own; a core/v1 Event (kind "Event" too) has apiVersion, involvedObject and reason instead.
 */
function bareAuditEvent(r: Rec): boolean {
  if (r.apiVersion !== undefined) return false;
  const kind = r.kind;
  if (kind !== undefined && kind !== 'Event') return false;
  return !!str(r.auditID) && !!str(r.stage) && !!str(r.verb) && rec(r.user) !== null;
}

function fromNative(e: Rec, shape: Shape): ApiRequest {
  const user = rec(jsonValue(field(e, 'user', 'User')));
  const obj = rec(jsonValue(field(e, 'objectRef', 'ObjectRef')));
  const status = rec(jsonValue(field(e, 'responseStatus', 'ResponseStatus')));
  const annotations = rec(jsonValue(field(e, 'annotations', 'Annotations')));
  const decision = str(annotations?.['authorization.k8s.io/decision']);
  const code = typeof status?.code === 'number' ? status.code : null;
  const stage = str(field(e, 'stage', 'Stage'));
  return {
    shape,
    ts: requireMillis(
      field(e, 'stageTimestamp', 'StageReceivedTime', 'requestReceivedTimestamp', 'RequestReceivedTime', 'TimeGenerated'),
      'stageTimestamp',
    ),
    username: str(user?.username),
    groups: list(user?.groups)
      .map(str)
      .filter((g): g is string => !!g),
    impersonated: str(rec(jsonValue(field(e, 'impersonatedUser', 'ImpersonatedUser')))?.username),
    ip: str(list(jsonValue(field(e, 'sourceIPs', 'SourceIps')))[0]),
    userAgent: str(field(e, 'userAgent', 'UserAgent')),
    verb: str(field(e, 'verb', 'Verb')) ?? 'unknown',
    resource: str(obj?.resource),
    subresource: str(obj?.subresource),
    namespace: str(obj?.namespace),
    name: str(obj?.name),
    ok: code !== null ? code < 400 : decision !== 'forbid',
    // RequestReceived events carry the request before the server answered: only the final stage says it succeeded.
    completed: code !== null && (stage === null || stage === 'ResponseComplete'),
    requestObject: rec(jsonValue(field(e, 'requestObject', 'RequestObject'))),
    credential: actingCredential(user, annotations),
    issued: issuedToken(rec(jsonValue(field(e, 'responseObject', 'ResponseObject')))),
    props: {
      stage,
      auditID: str(field(e, 'auditID', 'AuditId')),
      code: code ?? undefined,
      decision,
      reason: str(annotations?.['authorization.k8s.io/reason']),
      requestURI: str(field(e, 'requestURI', 'RequestUri'))?.slice(0, 300),
    },
  };
}

/** GKE: methodName io.k8s.core.v1.pods.create, resourceName core/v1/namespaces/<ns>/pods/<name>[/<sub>]. */
function fromGke(r: Rec): ApiRequest {
  const p = rec(r.protoPayload)!;
  const auth = rec(p.authenticationInfo);
  const meta = rec(p.requestMetadata);
  const method = str(p.methodName) ?? '';
  const path = (str(p.resourceName) ?? '').split('/');
  const nsAt = path.indexOf('namespaces');
  const rest = nsAt >= 0 ? path.slice(nsAt + 2) : path.slice(2);
  const statusCode = rec(p.status)?.code;
  const denied = list(p.authorizationInfo).some((a) => rec(a)?.granted === false);
  return {
    shape: 'gke',
    ts: requireMillis(r.timestamp ?? r.receiveTimestamp, 'timestamp'),
    username: str(auth?.principalEmail),
    groups: [],
    impersonated: null,
    ip: str(meta?.callerIp),
    userAgent: str(meta?.callerSuppliedUserAgent),
    verb: method.slice(method.lastIndexOf('.') + 1) || 'unknown',
    resource: rest[0] ?? null,
    name: rest[1] ?? null,
    subresource: rest[2] ?? null,
    namespace: nsAt >= 0 ? (path[nsAt + 1] ?? null) : null,
    ok: !(typeof statusCode === 'number' && statusCode !== 0) && !denied,
    completed: true, // GKE writes one entry per request, after the response
    requestObject: rec(p.request),
    credential: null,
    issued: null, // GKE's entries do not carry the user's extra fields
    props: { method, cluster: str(rec(rec(r.resource)?.labels)?.cluster_name), insertId: str(r.insertId) },
  };
}
