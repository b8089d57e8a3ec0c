// Entra ID sign-in records in the Azure diagnostic-settings shape (Event Hub / storage export): top-level
// time, category (SignInLogs or ServicePrincipalSignInLogs), callerIpAddress, with the detail in properties.
import type { Activity } from '../actors.ts';
import { COMPANY } from '../names.ts';
import type { Rng } from '../random.ts';

export const ENTRA_FAILURES: Record<string, string> = {
  '50126': 'Error validating credentials due to invalid username or password.',
  '50074': 'Strong Authentication is required.',
  '50034': 'The user account does not exist in the directory.',
  '50053': 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
  '7000215': 'Invalid client secret is provided.',
  '7000222': 'The provided client secret keys are expired.',
};

export interface Place {
  city: string;
  state: string;
  countryOrRegion: string;
  latitude: number;
  longitude: number;
}

export function entraRecord(a: Activity, place: Place, rng: Rng): Record<string, unknown> {
  const who = a.actor.entra!;
  const app = a.target.app!;
  const time = sevenDigits(a.ts, rng);
  const correlationId = rng.guid();
  const id = rng.guid();
  const code = a.ok ? '0' : (a.errorCode ?? (who.category === 'ServicePrincipalSignInLogs' ? '7000215' : '50126'));
  const status = a.ok ? { errorCode: 0 } : { errorCode: Number(code), failureReason: ENTRA_FAILURES[code] ?? 'Other.' };
  const location = {
    city: place.city,
    state: place.state,
    countryOrRegion: place.countryOrRegion,
    geoCoordinates: { latitude: place.latitude, longitude: place.longitude },
  };
  const envelope = {
    time: `${time}Z`,
    resourceId: `/tenants/${COMPANY.tenantId}/providers/Microsoft.aadiam`,
    operationName: 'Sign-in activity',
    operationVersion: '1.0',
    category: who.category,
    tenantId: COMPANY.tenantId,
    resultType: code,
    resultSignature: 'None',
    resultDescription: a.ok ? undefined : ENTRA_FAILURES[code],
    durationMs: 0,
    callerIpAddress: a.ip,
    correlationId,
    identity: who.category === 'SignInLogs' ? who.displayName : undefined,
    Level: 4,
    location: place.countryOrRegion,
  };
  if (who.category === 'ServicePrincipalSignInLogs') {
    return {
      ...envelope,
      properties: {
        id,
        createdDateTime: `${time}+00:00`,
        userId: null,
        appId: who.appId,
        ipAddress: a.ip,
        status,
        location,
        correlationId,
        conditionalAccessStatus: 'notApplied',
        appliedConditionalAccessPolicies: [],
        isInteractive: false,
        tokenIssuerType: 'AzureAD',
        authenticationProcessingDetails: [{ key: 'Azure AD App Authentication Library', value: '' }],
        processingTimeInMilliseconds: rng.between(20, 400),
        riskDetail: 'none',
        riskLevelAggregated: 'low',
        riskLevelDuringSignIn: 'low',
        riskState: 'none',
        resourceDisplayName: app.name,
        resourceId: app.appId,
        servicePrincipalName: who.displayName,
        servicePrincipalId: who.servicePrincipalId,
        flaggedForReview: false,
        isTenantRestricted: false,
        crossTenantAccessType: 'none',
        servicePrincipalCredentialKeyId: who.credentialKeyId,
        uniqueTokenIdentifier: Buffer.from(id).toString('base64url').slice(0, 32),
        incomingTokenType: 'none',
        authenticationProtocol: 'none',
      },
    };
  }
  const interactive = who.clientApp === 'Browser';
  return {
    ...envelope,
    properties: {
      id,
      createdDateTime: `${time}+00:00`,
      userDisplayName: who.displayName,
      userPrincipalName: who.upn,
      userId: who.userId,
      appId: app.appId,
      appDisplayName: app.name,
      ipAddress: a.ip,
      status,
      clientAppUsed: who.clientApp,
      userAgent: a.userAgent,
      deviceDetail: device(a.userAgent),
      location,
      correlationId,
      conditionalAccessStatus: interactive ? 'success' : 'notApplied',
      appliedConditionalAccessPolicies: [],
      authenticationRequirement: interactive ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
      isInteractive: interactive,
      tokenIssuerType: 'AzureAD',
      processingTimeInMilliseconds: rng.between(40, 900),
      riskDetail: 'none',
      riskLevelAggregated: 'none',
      riskLevelDuringSignIn: 'none',
      riskState: 'none',
      resourceDisplayName: app.name,
      resourceId: app.appId,
      userType: 'Member',
      crossTenantAccessType: 'none',
      authenticationProtocol: interactive ? 'none' : 'ropc',
      incomingTokenType: 'none',
      uniqueTokenIdentifier: Buffer.from(id).toString('base64url').slice(0, 32),
    },
  };
}

/** Entra writes seven fractional digits: the millisecond time plus four more. */
function sevenDigits(ts: number, rng: Rng): string {
  return `${new Date(ts).toISOString().slice(0, 23)}${String(rng.int(10000)).padStart(4, '0')}`;
}

function device(userAgent: string): Record<string, string> {
  const os = /iPhone|iOS/.test(userAgent)
    ? 'Ios'
    : /Mac OS/.test(userAgent)
      ? 'MacOs'
      : /Windows/.test(userAgent)
        ? 'Windows10'
        : /Linux|X11/.test(userAgent)
          ? 'Linux'
          : '';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge 124.0.0'
    : /Chrome\//.test(userAgent)
      ? 'Chrome 124.0.0'
      : /Firefox\//.test(userAgent)
        ? 'Firefox 125.0'
        : /Safari\//.test(userAgent)
          ? 'Safari 17.4'
          : /Outlook/.test(userAgent)
            ? 'Outlook Mobile'
            : '';
  return { deviceId: '', displayName: '', operatingSystem: os, browser };
}
