// Entra ID sign-in logs: diagnostic-settings NDJSON (SignInLogs, NonInteractiveUserSignInLogs,
// ServicePrincipalSignInLogs, ManagedIdentitySignInLogs), Microsoft Graph `signIns` JSON ({"value":[…]}),
// Log Analytics exports, and the portal's CSV downloads. Each sign-in becomes an auth event on the user or
// service principal, targeting the resource signed in to; service principal keys become credentials.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { normaliseIp } from '../normalise.ts';
import { EntraNodes } from './entra-nodes.ts';
import { field, firstRecord, forEachJsonRecord, locatorNumber, rec, str, type Rec } from './json-log.ts';
import { isSignInCategory, readSignIn, type SignIn } from './signin-record.ts';
import { forEachNormalisedRecord, isBigNdjson } from '../json/parallel-records.ts';
import { detectSignInCsv, forEachSignInCsvRow } from './signin-csv.ts';

export const entraSignInImporter: Importer = {
  name: 'entra-signin',
  description: 'Microsoft Entra ID sign-in logs (diagnostic settings NDJSON, Graph signIns JSON, Log Analytics, portal CSV)',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const csv = detectSignInCsv(sample.head);
  if (csv) return csv;
  const r = firstRecord(sample.head);
  if (!r) return null;
  if (isSignInCategory(field(r, 'category', 'Type')) && (rec(r.properties) || field(r, 'createdDateTime', 'TimeGenerated'))) {
    return { confidence: 0.95, reason: `category ${str(field(r, 'category', 'Type'))} is an Entra sign-in log` };
  }
  // Graph signIns: createdDateTime + appId + status.errorCode, and no Okta/CloudTrail markers.
  const status = rec(r.status);
  if (str(r.createdDateTime) && str(r.appId) && status && 'errorCode' in status && ('userPrincipalName' in r || 'servicePrincipalId' in r)) {
    return { confidence: 0.9, reason: 'Microsoft Graph signIn records (createdDateTime, appId, status.errorCode)' };
  }
  return null;
}

async function run(ctx: ImportContext): Promise<void> {
  const nodes = new EntraNodes(ctx.writer);
  const load = (s: SignIn, locator: string, index: number) => loadSignIn(ctx, nodes, s, locator, index);
  const readAndLoad = (r: Rec, locator: string, index: number) => load(readSignIn(r), locator, index);
  if (await forEachSignInCsvRow(ctx, readAndLoad)) return;
  // Big NDJSON exports (diagnostic settings) are parsed and read in a worker while this thread writes.
  if (await isBigNdjson(ctx)) return forEachNormalisedRecord(ctx, 'entra-signin', load);
  await forEachJsonRecord(ctx, readAndLoad);
}

function loadSignIn(ctx: ImportContext, nodes: EntraNodes, s: SignIn, locator: string, index: number): void {
  let identity: number;
  let credential: number | null = null;
  if (s.principal === 'user') {
    identity = nodes.user(s.userId, s.upn, s.userName, locator);
  } else {
    identity = nodes.servicePrincipal(
      s.spId,
      s.appId,
      s.spName ?? s.appName,
      s.principal === 'managed_identity' ? 'workload' : 'service_account',
      locator,
    );
    if (s.credentialKeyId) {
      credential = nodes.credential(identity, s.credentialKeyId, s.certificate ? 'certificate' : 'client_secret', null, locator);
    }
  }
  const resourceApp = s.resourceId ?? s.appId;
  const target = resourceApp ? nodes.resource(resourceApp, s.resourceName ?? s.appName, locator) : null;
  const ok = s.errorCode === null || s.errorCode === '0' || /^success$/i.test(s.errorCode);
  ctx.writer.event({
    ts: s.ts,
    identity,
    credential,
    ip: normaliseIp(s.ip),
    userAgent: s.userAgent,
    action: `entra:${s.category ?? (s.principal === 'user' ? 'SignIn' : 'ServicePrincipalSignIn')}`,
    target,
    targetText: resourceApp ? `entra:resource:${resourceApp.toLowerCase()}` : null,
    outcome: ok ? 1 : 0,
    country: s.country && /^[A-Z]{2}$/i.test(s.country) ? s.country.toUpperCase() : null,
    locator: locatorNumber(locator, index),
    props: {
      interactive: s.interactive,
      app: s.appName,
      appId: s.appId,
      resultCode: s.errorCode,
      failureReason: ok ? undefined : s.failureReason,
      resource: s.resourceName,
      ...s.extras,
    },
  });
}
