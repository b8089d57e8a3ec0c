// The Entra portal's sign-in CSV downloads (interactive, non-interactive, service principal, managed identity):
// recognised by their header, each row mapped to the Graph signIn field names signin-record.ts reads.
import type { Detection, ImportContext } from '../importer.ts';
import { firstRecord as firstCsvRecord, streamCsv } from '../csv/stream-csv.ts';
import { readSample } from '../file-source.ts';
import type { Rec } from './json-log.ts';
import { RejectedRecord } from '../record-error.ts';

/** Portal header (normalised: lower case, letters and digits only) → Graph field name. */
const COLUMNS: Record<string, string> = {
  dateutc: 'createdDateTime',
  date: 'createdDateTime',
  requestid: 'id',
  correlationid: 'correlationId',
  useragent: 'userAgent',
  userid: 'userId',
  user: 'userDisplayName',
  username: 'userPrincipalName',
  usertype: 'userType',
  application: 'appDisplayName',
  applicationid: 'appId',
  resource: 'resourceDisplayName',
  resourceid: 'resourceId',
  ipaddress: 'ipAddress',
  location: 'location',
  status: 'statusText',
  signinerrorcode: 'errorCode',
  failurereason: 'failureReason',
  clientapp: 'clientAppUsed',
  authenticationrequirement: 'authenticationRequirement',
  conditionalaccess: 'conditionalAccessStatus',
  serviceprincipalid: 'servicePrincipalId',
  serviceprincipalname: 'servicePrincipalName',
  managedidentitytype: 'managedIdentityType',
  credentialkeyid: 'servicePrincipalCredentialKeyId',
  clientcredentialtype: 'clientCredentialType',
};
const REQUIRED = ['createdDateTime', 'id', 'appId'];
const DISTINCTIVE = ['errorCode', 'correlationId', 'servicePrincipalId', 'userPrincipalName', 'clientAppUsed'];

function norm(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function mapHeader(header: string[]): (string | null)[] {
  return header.map((h) => (Object.hasOwn(COLUMNS, norm(h)) ? COLUMNS[norm(h)] : null));
}

export function detectSignInCsv(head: string): Detection | null {
  if (/^\s*[[{]/.test(head)) return null;
  const mapped = mapHeader(firstCsvRecord(head));
  if (!REQUIRED.every((c) => mapped.includes(c)) || !mapped.includes('errorCode')) return null;
  const hits = DISTINCTIVE.filter((c) => mapped.includes(c)).length;
  return {
    confidence: 0.9 + 0.01 * hits,
    reason: `Entra portal sign-in CSV header (Date (UTC), Request ID, Application ID, Sign-in error code; ${hits} more Entra columns)`,
  };
}

/** Streams the rows as Graph-shaped records; false when the file is not a CSV (then it is JSON). */
export async function forEachSignInCsvRow(ctx: ImportContext, load: (r: Rec, locator: string, index: number) => void): Promise<boolean> {
  const sample = await readSample(ctx.path, ctx.fileName);
  if (!detectSignInCsv(sample.head)) return false;
  let columns: (string | null)[] | null = null;
  await streamCsv(ctx.path, { signal: ctx.signal, onBytes: ctx.progress }, (records, first) => {
    for (let i = 0; i < records.length; i++) {
      const row = records[i];
      if (!columns) {
        columns = mapHeader(row);
        continue;
      }
      const n = first + i;
      const locator = `row ${n}`;
      ctx.countRow();
      const r: Rec = Object.create(null);
      columns.forEach((c, j) => {
        if (c && row[j] !== undefined && row[j] !== '') r[c] = row[j];
      });
      // The portal writes "Success"/"Failure"/"Interrupted" and the code separately; Graph nests it under status.
      r.status = { errorCode: r.errorCode ?? (/^success$/i.test(String(r.statusText ?? '')) ? '0' : null), failureReason: r.failureReason };
      try {
        load(r, locator, n);
      } catch (e) {
        if (!(e instanceof RejectedRecord)) throw e;
        ctx.writer.reject(locator, e.message, row.join(','));
      }
    }
  });
  return true;
}
