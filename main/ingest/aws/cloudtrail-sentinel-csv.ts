// CloudTrail as exported from Microsoft Sentinel / Log Analytics: the AWSCloudTrail table as CSV (portal
// "Export to CSV"). Columns are flattened (UserIdentityArn, SessionIssuerArn…), nested values are JSON cells with
// doubled quotes, and TimeGenerated is in the browser's locale ("DD/MM/YYYY, HH:MM:SS.000"). Each row is rebuilt
// into a CloudTrail record and goes through the same normalise → load path as the JSON importer.
import { ApiError } from '../../../shared/api/contract.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { firstRecord, streamCsv } from '../csv/stream-csv.ts';
import { parseRecord } from '../json/read-json-records.ts';
import { parseIsoMillis, INVALID } from '../normalise.ts';
import { TrailLoader } from './cloudtrail-load.ts';
import { normaliseRecord } from './cloudtrail-normalise.ts';

export const cloudTrailSentinelCsvImporter: Importer = {
  name: 'cloudtrail-sentinel-csv',
  description: 'AWS CloudTrail exported from Microsoft Sentinel / Log Analytics (AWSCloudTrail table, CSV)',
  detect: detectSentinelCsv,
  run: runSentinelCsv,
};

const REQUIRED = ['timegenerated', 'eventsource', 'eventname', 'useridentitytype'] as const;

/** Header cell → lookup name: "TimeGenerated [UTC]" → "timegenerated", "AwsRequestId_" → "awsrequestid". */
function columnName(cell: string): string {
  return cell
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

function detectSentinelCsv(sample: Sample): Detection | null {
  const first = sample.head.trimStart()[0];
  if (first === '{' || first === '[') return null;
  const header = firstRecord(sample.head).map(columnName);
  if (REQUIRED.some((c) => !header.includes(c))) return null;
  const extra = ['awseventid', 'useridentityarn', 'sourceipaddress', 'eventversion'].filter((c) => header.includes(c)).length;
  return {
    confidence: 0.9 + extra * 0.02,
    reason: `CSV header of the Log Analytics AWSCloudTrail table (TimeGenerated, EventSource, EventName, UserIdentityType${extra ? ', …' : ''})`,
  };
}

async function runSentinelCsv(ctx: ImportContext): Promise<void> {
  const loader = new TrailLoader(ctx.writer);
  let columns: Map<string, number> | null = null;
  await streamCsv(ctx.path, { signal: ctx.signal, onBytes: ctx.progress }, (records, firstNumber) => {
    let i = 0;
    if (!columns) {
      const header = (records[0] ?? []).map(columnName);
      const missing = REQUIRED.filter((c) => !header.includes(c));
      if (missing.length) throw new ApiError('bad-input', `${ctx.fileName}: not an AWSCloudTrail export: missing column(s) ${missing.join(', ')}`);
      columns = new Map(header.map((h, idx) => [h, idx] as const).reverse()); // first occurrence wins
      i = 1;
    }
    for (; i < records.length; i++) {
      const row = firstNumber + i;
      const locator = `row ${row}`;
      ctx.countRow();
      const cells = records[i];
      const get = (c: string): string | undefined => {
        const idx = columns!.get(c);
        const v = idx === undefined ? undefined : cells[idx];
        return v === undefined || v === '' ? undefined : v;
      };
      const time = sentinelTime(get('timegenerated'));
      if (typeof time === 'string') {
        ctx.writer.reject(locator, time, cells.join(','));
        continue;
      }
      const e = normaliseRecord(rebuildRecord(get, new Date(time).toISOString()));
      if ('reject' in e) ctx.writer.reject(locator, e.reject, cells.join(','));
      else loader.load(e, row, locator);
    }
  });
  if (!columns) throw new ApiError('bad-input', `${ctx.fileName}: the file is empty (no header row)`);
  loader.finish();
}

const LOCALE_TIME = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?\s*([AaPp][Mm])?$/;

/**
 * TimeGenerated → epoch ms, or a reject reason. The portal writes the viewer's locale: 24-hour clocks come
 * day-first (en-GB, most of Europe), 12-hour clocks month-first (en-US). ISO 8601 is accepted as well.
 */
export function sentinelTime(cell: string | undefined): number | string {
  if (!cell) return 'missing TimeGenerated';
  const iso = parseIsoMillis(cell);
  if (iso !== INVALID && iso !== null) return iso;
  const m = LOCALE_TIME.exec(cell.trim());
  const bad = `unparseable TimeGenerated "${cell.slice(0, 40)}" (expected DD/MM/YYYY, HH:MM:SS.fff, M/D/YYYY h:mm:ss AM/PM or ISO 8601)`;
  if (!m) return bad;
  const [, a, b, year, h, min, sec, frac, meridiem] = m;
  let hour = +h;
  const [day, month] = meridiem ? [+b, +a] : [+a, +b];
  if (meridiem) {
    if (hour < 1 || hour > 12) return bad;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');
  const ms = parseIsoMillis(`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${min}:${pad(sec ?? 0)}.${(frac ?? '0').padEnd(3, '0')}Z`);
  return ms === null || ms === INVALID ? bad : ms;
}

type Get = (column: string) => string | undefined;

/** A flattened row back into CloudTrail's record shape (JSON cells parsed, `__proto__` keys dropped). */
function rebuildRecord(get: Get, eventTime: string): Record<string, unknown> {
  const issuerArn = get('sessionissuerarn');
  return {
    eventTime,
    eventVersion: get('eventversion'),
    eventSource: get('eventsource'),
    eventName: get('eventname'),
    eventType: get('eventtypename'),
    eventID: get('awseventid'),
    awsRegion: get('awsregion'),
    sourceIPAddress: get('sourceipaddress'),
    userAgent: get('useragent'),
    errorCode: get('errorcode'),
    errorMessage: get('errormessage'),
    readOnly: bool(get('readonly')),
    recipientAccountId: get('recipientaccountid'),
    requestParameters: jsonCell(get('requestparameters')),
    responseElements: jsonCell(get('responseelements')),
    additionalEventData: jsonCell(get('additionaleventdata')),
    resources: jsonCell(get('resources')),
    userIdentity: {
      type: get('useridentitytype'),
      principalId: get('useridentityprincipalid'),
      arn: get('useridentityarn'),
      accountId: get('useridentityaccountid'),
      invokedBy: get('useridentityinvokedby'),
      accessKeyId: get('useridentityaccesskeyid'),
      userName: get('useridentityusername'),
      onBehalfOf: { userId: get('useridentityuserid'), identityStoreArn: get('useridentitystorearn') },
      sessionContext: {
        attributes: { mfaAuthenticated: get('sessionmfaauthenticated'), creationDate: get('sessioncreationdate') },
        sessionIssuer: issuerArn
          ? {
              type: get('sessionissuertype'),
              principalId: get('sessionissuerprincipalid'),
              arn: issuerArn,
              accountId: get('sessionissueraccountid'),
              userName: get('sessionissuerusername'),
            }
          : undefined,
      },
    },
  };
}

function bool(cell: string | undefined): boolean | undefined {
  if (!cell) return undefined;
  const s = cell.toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** A JSON cell (papaparse has already undone the doubled quotes); a cell that is not JSON stays text. */
function jsonCell(cell: string | undefined): unknown {
  if (!cell) return undefined;
  const c = cell.trimStart()[0];
  if (c !== '{' && c !== '[') return cell;
  try {
    return parseRecord(cell);
  } catch {
    return cell;
  }
}
