// One CloudTrail record (as JSON, or rebuilt from a Sentinel CSV row) → a plain TrailEvent: who, from where,
// what, on what, with which outcome, plus the role assumption or credential change it shows.
// Pure and allocation-light: no writer, no I/O, so it can run in a parse worker; every field is checked
// (types, lengths, dates) because the record is hostile until proven otherwise.
import { normaliseIp, parseIsoMillis, INVALID } from '../normalise.ts';
import { changeDetail, changeKind, obj, text, trustDocument, type ChangeDetail } from './cloudtrail-changes.ts';
import { eventTarget } from './cloudtrail-target.ts';
import { isAccessKeyId, isAccountId, isIamName, parseIamArn } from './identity.ts';

type Obj = Record<string, unknown>;

/** Who made the call, before it is a node. */
export type TrailActor =
  | { kind: 'user' | 'role'; partition: string; account: string; name: string; path: string; uniqueId: string | null }
  | { kind: 'root'; partition: string; account: string }
  | { kind: 'service'; host: string }
  | { kind: 'federated'; provider: string; subject: string; subkind: 'human' | 'workload' };

/**
 * Plain data only (it crosses from the parse worker by structured clone): the actor travels as its JSON text,
 * which is also the loader's cache key, and props as the JSON text the event row stores.
 */
export interface TrailEvent {
  ts: number;
  /** JSON of a TrailActor, or null when nobody can be charged (e.g. a console login to a hidden user name). */
  actor: string | null;
  accessKeyId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** `<eventSource>:<eventName>` */
  action: string;
  targetText: string | null;
  outcome: 0 | 1;
  /** JSON: event_id, region, read_only, session, mfa, error, change… */
  props: string;
  /** A successful AssumeRole*: the role assumed and the temporary key it issued. */
  assumed: { role: TrailActor & { kind: 'role' }; tempKeyId: string | null } | null;
  /** A successful credential or identity change the loader turns into nodes. */
  change: {
    kind: string;
    detail: ChangeDetail;
    account: string | null;
    partition: string;
    created: Obj | null;
    /** CreateRole / UpdateAssumeRolePolicy: the trust policy as logged (parsed by the loader). */
    trust: string | null;
  } | null;
}

export type Normalised = TrailEvent | { reject: string };

const AWS_SERVICE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

export function normaliseRecord(rec: unknown): Normalised {
  const r = obj(rec);
  if (!r) return { reject: 'not a CloudTrail record (not a JSON object)' };
  const timeText = r.eventTime ?? r['@timestamp'];
  if (timeText === undefined || timeText === null || timeText === '') return { reject: 'missing eventTime' };
  if (typeof timeText !== 'string') return { reject: 'eventTime is not a string' };
  const ts = parseIsoMillis(timeText);
  if (ts === null || ts === INVALID) return { reject: `unparseable eventTime "${timeText.slice(0, 40)}" (expected ISO 8601 between 1990 and 2100)` };
  const source = text(r.eventSource, 256);
  const name = text(r.eventName, 256);
  if (!source || !name) return { reject: `missing ${source ? 'eventName' : 'eventSource'}` };
  const action = `${source}:${name}`;

  const identity = obj(r.userIdentity);
  const sessionContext = obj(identity?.sessionContext);
  const request = obj(r.requestParameters);
  const response = obj(r.responseElements);
  const additional = obj(r.additionalEventData);
  const errorCode = text(r.errorCode, 256);
  const errorMessage = text(r.errorMessage, 300);
  const responseVerdict = response ? response[name] : undefined;
  const failed = errorCode !== null || responseVerdict === 'Failure' || (errorMessage !== null && name === 'ConsoleLogin');
  const props: Record<string, unknown> = {};
  const eventId = text(r.eventID, 128);
  if (eventId) props.event_id = eventId;
  const region = text(r.awsRegion, 64);
  if (region) props.region = region;
  if (r.readOnly === true || r.readOnly === false) props.read_only = r.readOnly;
  if (failed) props.error = errorCode ?? errorMessage ?? 'Failure';
  if (failed && errorMessage && errorCode) props.error_message = errorMessage;

  const resolved = memoActor(identity, sessionContext, props);
  const who = resolved.actor;
  if (!who && identity) {
    const attempted = text(identity.userName, 128);
    if (attempted) props.attempted_user = attempted;
  }
  const mfa = sessionContext ? obj(sessionContext.attributes)?.mfaAuthenticated : undefined;
  if (mfa === 'true' || mfa === true) props.mfa = true;
  else if (mfa === 'false' || mfa === false) props.mfa = false;
  else if (additional?.MFAUsed === 'Yes') props.mfa = true;
  else if (additional?.MFAUsed === 'No') props.mfa = false;

  const rawKey = identity?.accessKeyId;
  const accessKeyId = isAccessKeyId(rawKey) ? rawKey : null;
  const ipText = text(r.sourceIPAddress, 256);
  let ip: string | null = null;
  if (ipText) {
    ip = normaliseIp(ipText);
    if (ip === null) {
      ip = ipText;
      if (AWS_SERVICE_HOST.test(ipText) || ipText === 'AWS Internal') props.ip_is_service = true;
      else props.unparsed_ip = true;
    }
  }
  const partition = who && 'partition' in who ? who.partition : 'aws';
  const account = text(r.recipientAccountId, 12) ?? (who && 'account' in who ? who.account : null);
  const iamAccount = isAccountId(account) ? account : null;
  const targetText = eventTarget(request, r.resources, partition, iamAccount);

  let assumed: TrailEvent['assumed'] = null;
  if (!failed && name.startsWith('AssumeRole') && source === 'sts.amazonaws.com') assumed = assumedRole(request, response, targetText);
  if (assumed) {
    const session = text(request?.roleSessionName, 128);
    if (session) props.assumed_session = session;
  }
  let change: TrailEvent['change'] = null;
  const kind = changeKind(action);
  if (kind) {
    const detail = changeDetail(request, response);
    props.change = kind;
    Object.assign(props, detail);
    if (!failed) change = { kind, detail, account: iamAccount, partition, created: response, trust: trustDocument(name, request, response) };
  }

  return {
    ts,
    actor: resolved.json,
    accessKeyId,
    ip,
    userAgent: text(r.userAgent, 1024),
    action,
    targetText,
    outcome: failed ? 0 : 1,
    props: JSON.stringify(props),
    assumed,
    change,
  };
}

interface ResolvedActor {
  actor: TrailActor | null;
  json: string | null;
}

const actorMemo = new Map<string, ResolvedActor>();
const MAX_MEMO = 50_000;

/**
 * actorOf for the two types that make up nearly every log (IAMUser, AssumedRole), remembered by the fields it
 * reads: the ARN grammar runs once per principal, and the same JSON string instance is reused (its hash cached).
 */
function memoActor(u: Obj | null, session: Obj | null, props: Record<string, unknown>): ResolvedActor {
  const type = u?.type;
  const arn = u?.arn;
  let key: string | null = null;
  let sessionName: string | null = null;
  if (typeof arn === 'string' && arn.length < 2048) {
    if (type === 'IAMUser') key = `U${arn}\u0000${String(u!.principalId)}\u0000${String(u!.userName)}\u0000${String(u!.accountId)}`;
    else if (type === 'AssumedRole') {
      const roleStart = arn.indexOf(':assumed-role/');
      const cut = roleStart < 0 ? -1 : arn.indexOf('/', roleStart + 14);
      if (cut > 0) {
        const issuer = obj(session?.sessionIssuer);
        key = `R${arn.slice(0, cut)}\u0000${String(issuer?.arn)}\u0000${String(issuer?.principalId)}\u0000${String(u!.principalId).split(':')[0]}`;
        sessionName = arn.slice(cut + 1);
      }
    }
  }
  if (key !== null) {
    const hit = actorMemo.get(key);
    if (hit) {
      props.identity_type = type;
      if (sessionName) props.session = sessionName;
      return hit;
    }
  }
  const actor = actorOf(u, session, props);
  const resolved = { actor, json: actor ? JSON.stringify(actor) : null };
  if (key !== null) {
    if (actorMemo.size >= MAX_MEMO) actorMemo.clear();
    actorMemo.set(key, resolved);
  }
  return resolved;
}

/** userIdentity → the principal to charge the call to; session names and odd types go into props. */
function actorOf(u: Obj | null, session: Obj | null, props: Record<string, unknown>): TrailActor | null {
  if (!u) return null;
  const type = text(u.type, 64);
  if (type) props.identity_type = type;
  const arn = parseIamArn(text(u.arn));
  const issuer = obj(session?.sessionIssuer);
  const account = text(u.accountId, 12);
  switch (type) {
    case 'IAMUser': {
      if (arn?.type === 'user')
        return { kind: 'user', partition: arn.partition, account: arn.account, name: arn.name, path: arn.path, uniqueId: uniqueId(u.principalId) };
      const name = u.userName;
      if (isIamName(name) && isAccountId(account) && name !== 'HIDDEN_DUE_TO_SECURITY_REASONS') {
        return { kind: 'user', partition: 'aws', account, name, path: '/', uniqueId: uniqueId(u.principalId) };
      }
      return null;
    }
    case 'AssumedRole': {
      const issuerArn = parseIamArn(text(issuer?.arn));
      if (arn?.session) props.session = arn.session;
      const role = issuerArn?.type === 'role' ? issuerArn : arn?.type === 'assumed-role' ? arn : null;
      if (!role) return null;
      const id = uniqueId(issuer?.principalId) ?? uniqueId(text(u.principalId)?.split(':')[0]);
      return { kind: 'role', partition: role.partition, account: role.account, name: role.name, path: role.path, uniqueId: id };
    }
    case 'Root':
      if (arn?.type === 'root') return { kind: 'root', partition: arn.partition, account: arn.account };
      return isAccountId(account) ? { kind: 'root', partition: 'aws', account } : null;
    case 'AWSService': {
      const host = text(u.invokedBy, 256);
      return host ? { kind: 'service', host } : null;
    }
    case 'AWSAccount': {
      // A principal of another account, not named further: charged to that account's root.
      const pid = text(u.principalId, 256);
      if (pid) props.account_principal = pid;
      return isAccountId(account) ? { kind: 'root', partition: 'aws', account } : null;
    }
    case 'FederatedUser': {
      // GetFederationToken sessions act with (a subset of) the issuing IAM user's rights.
      if (arn?.type === 'federated-user') props.federated_user = arn.name;
      const issuerArn = parseIamArn(text(issuer?.arn));
      if (issuerArn?.type === 'user')
        return {
          kind: 'user',
          partition: issuerArn.partition,
          account: issuerArn.account,
          name: issuerArn.name,
          path: issuerArn.path,
          uniqueId: uniqueId(issuer?.principalId),
        };
      return null;
    }
    case 'WebIdentityUser':
    case 'SAMLUser': {
      const provider = text(u.identityProvider, 256) ?? 'unknown-provider';
      const subject = text(u.userName, 256) ?? text(u.principalId, 256);
      if (!subject) return null;
      return { kind: 'federated', provider, subject, subkind: type === 'SAMLUser' ? 'human' : 'workload' };
    }
    case 'IdentityCenterUser': {
      const onBehalf = obj(u.onBehalfOf);
      const userId = text(onBehalf?.userId, 256);
      if (!userId) return null;
      return { kind: 'federated', provider: text(onBehalf?.identityStoreArn, 256) ?? 'identitycenter', subject: userId, subkind: 'human' };
    }
    default:
      if (arn?.type === 'user')
        return { kind: 'user', partition: arn.partition, account: arn.account, name: arn.name, path: arn.path, uniqueId: null };
      if (arn?.type === 'root') return { kind: 'root', partition: arn.partition, account: arn.account };
      return null;
  }
}

function uniqueId(v: unknown): string | null {
  return typeof v === 'string' && /^A[A-Z0-9]{3}[A-Z0-9]{8,124}$/.test(v) ? v : null;
}

function assumedRole(request: Obj | null, response: Obj | null, targetText: string | null): TrailEvent['assumed'] {
  const arn = parseIamArn(text(request?.roleArn) ?? targetText);
  if (!arn || arn.type !== 'role') return null;
  const creds = obj(response?.credentials);
  const key = creds?.accessKeyId;
  const assumedRoleId = text(obj(response?.assumedRoleUser)?.assumedRoleId, 256);
  return {
    role: {
      kind: 'role',
      partition: arn.partition,
      account: arn.account,
      name: arn.name,
      path: arn.path,
      uniqueId: uniqueId(assumedRoleId?.split(':')[0]),
    },
    tempKeyId: isAccessKeyId(key) ? key : null,
  };
}
