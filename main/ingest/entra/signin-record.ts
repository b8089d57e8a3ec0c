// One Entra ID sign-in, normalised from any of its exports: diagnostic-settings NDJSON (detail under
// `properties`), Microsoft Graph `signIns` (camelCase), Log Analytics rows (PascalCase, dynamic columns as
// JSON strings) and the portal CSV (mapped to Graph names by signin-csv.ts). Pure: no case writes.
import { field, jsonValue, rec, RecordError, requireMillis, str, type Rec } from './json-log.ts';

export type PrincipalType = 'user' | 'service_principal' | 'managed_identity';

export interface SignIn {
  ts: number;
  principal: PrincipalType;
  category: string | null;
  userId: string | null;
  upn: string | null;
  userName: string | null;
  appId: string | null;
  appName: string | null;
  spId: string | null;
  spName: string | null;
  resourceId: string | null;
  resourceName: string | null;
  ip: string | null;
  userAgent: string | null;
  errorCode: string | null;
  failureReason: string | null;
  interactive: boolean | null;
  credentialKeyId: string | null;
  certificate: boolean;
  country: string | null;
  extras: Record<string, unknown>;
}

const SIGNIN_CATEGORIES = /^(AAD)?(SignInLogs|SigninLogs|NonInteractiveUserSignInLogs|ServicePrincipalSignInLogs|ManagedIdentitySignInLogs)$/i;

export function isSignInCategory(v: unknown): boolean {
  const s = str(v);
  return !!s && SIGNIN_CATEGORIES.test(s);
}

export function readSignIn(r: Rec): SignIn {
  const props = rec(jsonValue(field(r, 'properties')));
  const get = (...names: string[]): unknown => {
    const own = props ? field(props, ...names) : undefined;
    return own !== undefined && own !== null ? own : field(r, ...names);
  };
  const ts = requireMillis(get('createdDateTime', 'TimeGenerated', 'time'), 'createdDateTime');
  const category = str(field(r, 'category', 'Type')) ?? null;
  const status = rec(jsonValue(get('status', 'Status')));
  const errorCode = str(status ? field(status, 'errorCode') : null) ?? str(get('errorCode', 'ResultType', 'resultType'));
  const eventTypes = get('signInEventTypes');
  const types = Array.isArray(eventTypes) ? eventTypes.map((t) => String(t)) : [];
  const location = rec(jsonValue(get('location', 'LocationDetails')));
  const spId = str(get('servicePrincipalId'));
  const userId = str(get('userId'));
  const upn = str(get('userPrincipalName'));
  let principal: PrincipalType = 'user';
  if (/ManagedIdentity/i.test(category ?? '') || types.includes('managedIdentity') || (str(get('managedIdentityType')) && !userId))
    principal = 'managed_identity';
  else if (/ServicePrincipal/i.test(category ?? '') || types.includes('servicePrincipal') || (!userId && !upn && spId))
    principal = 'service_principal';
  if (principal === 'user' && !userId && !upn) throw new RecordError('sign-in names no user (userId / userPrincipalName) and no service principal');
  if (principal !== 'user' && !spId && !str(get('appId'))) throw new RecordError('service principal sign-in without servicePrincipalId or appId');
  const interactive = get('isInteractive');
  return {
    ts,
    principal,
    category,
    userId,
    upn,
    spId,
    userName: str(get('userDisplayName')),
    appId: str(get('appId')),
    appName: str(get('appDisplayName')),
    spName: str(get('servicePrincipalName')),
    // Log Analytics rows also carry ResourceId, the log's own Azure path (/tenants/…): the resource's appId is ResourceIdentity.
    resourceId: [str(get('resourceId')), str(get('ResourceIdentity'))].find((v) => v && !v.startsWith('/')) ?? null,
    resourceName: str(get('resourceDisplayName')),
    ip: str(get('ipAddress', 'IPAddress', 'callerIpAddress')),
    userAgent: str(get('userAgent')),
    errorCode,
    failureReason: str(status ? field(status, 'failureReason') : null) ?? str(get('failureReason', 'ResultDescription')),
    interactive:
      typeof interactive === 'boolean'
        ? interactive
        : interactive === 'true'
          ? true
          : interactive === 'false'
            ? false
            : /^(AAD)?Sign[Ii]nLogs$/.test(category ?? '')
              ? true
              : null,
    credentialKeyId: str(get('servicePrincipalCredentialKeyId', 'credentialKeyId')),
    certificate: !!str(get('servicePrincipalCredentialThumbprint')),
    country: str(location ? field(location, 'countryOrRegion') : null) ?? str(field(r, 'location')),
    extras: compact({
      signInId: str(get('id')),
      correlationId: str(get('correlationId')),
      clientAppUsed: str(get('clientAppUsed')),
      conditionalAccessStatus: str(get('conditionalAccessStatus')),
      riskLevel: str(get('riskLevelDuringSignIn')),
      authenticationRequirement: str(get('authenticationRequirement')),
      clientCredentialType: str(get('clientCredentialType')),
      managedIdentityType: str(get('managedIdentityType')),
      userType: str(get('userType')),
    }),
  };
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
