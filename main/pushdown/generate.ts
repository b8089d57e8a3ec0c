// Query packs for `blastmap pushdown`: the heavy aggregation written as plain SQL/KQL the analyst runs on the
// engine that already holds the logs. Pure code: options in, file names and texts out; the CLI writes them.
import { DIALECTS, ENGINES, isEngine, type Dialect, type EngineName } from './dialects.ts';
import { isSource, layoutFor, SOURCES, type Cond, type Layout, type SourceName, type Value } from './sources.ts';
import { AUTH_ROLLUP_COLUMNS } from '../../shared/auth-rollup.ts';
import { duckdbView } from './duckdb-views.ts';
import { RECORD_COLUMN, recordJson } from './record-json.ts';
import { kqlRecord, sentinelColumns } from './kql-record.ts';
import type { RecordField } from './record-shapes.ts';

export const KINDS = ['auth-rollup', 'rare-events', 'usage'] as const;
export type QueryKind = (typeof KINDS)[number];

export interface PushdownOptions {
  engine: string;
  source: string;
  since?: string;
  until?: string;
  /** Addresses whose every event is extracted (an anonymity list: Tor exits, VPN and hosting addresses). */
  anonymous?: string[];
  /** Failed events per identity (or per source address) in one hour that make a burst. */
  failureThreshold?: number;
}

export interface QueryFile {
  name: string;
  engine: EngineName;
  source: SourceName;
  kind: QueryKind;
  text: string;
}

export class PushdownError extends Error {}

export const DEFAULT_FAILURE_THRESHOLD = 10;

/**
 * A date or UTC date-time from the analyst as `YYYY-MM-DDTHH:MM:SS`. Only this canonical form reaches a query (and
 * then still through the dialect's literal function), so no text of the argument itself is ever spliced in.
 */
export function normaliseInstant(value: string, what: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?)?$/.exec(value.trim());
  const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) : Number.NaN;
  if (!m || Number.isNaN(t) || new Date(t).getUTCDate() !== +m[3]) {
    throw new PushdownError(`${what} must be a UTC date or date-time like 2024-05-01 or 2024-05-01T12:00:00Z, not ${JSON.stringify(value)}`);
  }
  return new Date(t).toISOString().slice(0, 19);
}

/** Anonymity-list text: one address per line; `#` comments, blank lines and CIDR ranges (not matchable as a literal) are skipped. */
export function parseAddressList(text: string): { addresses: string[]; skippedRanges: number } {
  const addresses = new Set<string>();
  let skippedRanges = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const first = line.split(/[\s,;]+/)[0];
    if (first.includes('/')) skippedRanges++;
    else addresses.add(first);
  }
  return { addresses: [...addresses], skippedRanges };
}

interface Ctx {
  d: Dialect;
  L: Layout;
  since?: string;
  until?: string;
  anonymous: string[];
  threshold: number;
}

const FALSE_SQL = '1 = 0';

function coalesce(c: Ctx, values: Value[]): string {
  if (c.d.family === 'kql')
    return values.length ? (values.length === 1 ? value(c, values[0]) : `coalesce(${values.map((v) => value(c, v)).join(', ')})`) : '""';
  if (!values.length) return `CAST(NULL AS ${c.d.name === 'spark' || c.d.name === 'bigquery' ? 'STRING' : 'VARCHAR'})`;
  // NULLIF: an empty string in one column (Athena's JSON SerDe gives '' as often as NULL) must not hide the next.
  const parts = values.map((v) => `NULLIF(${value(c, v)}, '')`);
  return parts.length === 1 ? parts[0] : `COALESCE(${parts.join(', ')})`;
}

/**
 * A layout value as an expression. Joined text is NULL (SQL) or empty (KQL) as soon as one field part is empty:
 * `entra:user:` alone is not a key, and COALESCE must move on to the next candidate.
 */
function value(c: Ctx, v: Value): string {
  const { d } = c;
  if ('col' in v) return d.field(v);
  if ('lower' in v) return `${d.family === 'kql' ? 'tolower' : 'lower'}(${value(c, v.lower)})`;
  const fields = v.concat.filter((p): p is Value => typeof p !== 'string').map((p) => value(c, p));
  const parts = v.concat.map((p) => (typeof p === 'string' ? d.str(p) : value(c, p)));
  if (d.family === 'kql') return `iff(${fields.map((f) => `isempty(${f})`).join(' or ')}, "", strcat(${parts.join(', ')}))`;
  // `||` is NULL when any part is NULL in every SQL engine here (DuckDB's concat() would skip NULLs instead).
  return `CASE WHEN ${fields.map((f) => `${f} = ''`).join(' OR ')} THEN NULL ELSE (${parts.join(' || ')}) END`;
}

function list<T>(x: T | T[]): T[] {
  return Array.isArray(x) ? x : [x];
}

/**
 * The source ASN as whole-number text, where the layout has one (Entra's autonomousSystemNumber, Okta's
 * securityContext.asNumber); NULL (empty in KQL) elsewhere. Through a number first: Okta_CL keeps it as a real
 * (`64500.0`) and Trino would print a double as `6.45E4`. ASN 0 is reserved, not a network's.
 */
function asnText(c: Ctx): string {
  const { d } = c;
  if (!c.L.asn) return d.family === 'kql' ? '""' : `CAST(NULL AS ${d.name === 'spark' || d.name === 'bigquery' ? 'STRING' : 'VARCHAR'})`;
  const n = num(d, d.field(c.L.asn));
  switch (d.name) {
    case 'kql':
      return `iff(tolong(${n}) > 0, tostring(tolong(${n})), "")`;
    case 'bigquery':
      return `NULLIF(CAST(CAST(${n} AS INT64) AS STRING), '0')`;
    case 'spark':
      return `NULLIF(CAST(CAST(${n} AS BIGINT) AS STRING), '0')`;
    case 'sqlite':
      return `CAST(NULLIF(CAST(CAST(NULLIF(${d.field(c.L.asn)}, '') AS REAL) AS INTEGER), 0) AS TEXT)`;
    default:
      return `NULLIF(CAST(CAST(${n} AS BIGINT) AS VARCHAR), '0')`;
  }
}

function num(d: Dialect, e: string): string {
  switch (d.name) {
    case 'kql':
      return `todouble(${e})`;
    case 'bigquery':
      return `SAFE_CAST(${e} AS FLOAT64)`;
    case 'sqlite':
      return `CAST(${e} AS REAL)`;
    case 'spark':
      return `try_cast(${e} AS DOUBLE)`;
    default:
      return `TRY_CAST(${e} AS DOUBLE)`;
  }
}

function cond(c: Ctx, x: Cond): string {
  const { d } = c;
  const kql = d.family === 'kql';
  if ('in' in x) {
    if (!x.values.length) return kql ? 'false' : FALSE_SQL;
    return `${d.field(x.in)} in (${x.values.map(d.str).join(', ')})`.replace(' in (', kql ? ' in (' : ' IN (');
  }
  if ('present' in x) return kql ? `isnotempty(${d.field(x.present)})` : `(${d.field(x.present)} IS NOT NULL AND ${d.field(x.present)} <> '')`;
  if ('gt' in x) return `${num(d, d.field(x.gt))} > ${x.n}`;
  if ('any' in x) return x.any.length ? `(${x.any.map((y) => cond(c, y)).join(kql ? ' or ' : ' OR ')})` : kql ? 'false' : FALSE_SQL;
  return x.all.length ? `(${x.all.map((y) => cond(c, y)).join(kql ? ' and ' : ' AND ')})` : kql ? 'true' : '1 = 1';
}

/** The raw time column, for filters that should let the engine prune partitions or use its time index. */
function rawTime(c: Ctx): string {
  const t = c.L.time.field;
  return c.d.family === 'kql' ? t.col : c.d.ident(t.col);
}

function isoTime(c: Ctx): string {
  const { kind, field } = c.L.time;
  if (kind === 'iso') return c.d.field(field);
  return kind === 'timestamp' ? c.d.isoFromTimestamp(rawTime(c)) : c.d.isoFromEpochMs(rawTime(c));
}

function timeFilter(c: Ctx): string[] {
  const out: string[] = [];
  const { kind } = c.L.time;
  for (const [iso, op] of [
    [c.since, '>='],
    [c.until, '<'],
  ] as const) {
    if (!iso) continue;
    // ISO text compares as time when every value is UTC with a `Z` or fractional seconds after the seconds; the
    // literal stops at the seconds so `…:00Z` and `…:00.5Z` both sort after it.
    if (kind === 'iso') out.push(`${c.d.field(c.L.time.field)} ${op} ${c.d.str(iso)}`);
    else if (kind === 'timestamp') out.push(`${rawTime(c)} ${op} ${c.d.timestampLit(iso)}`);
    else out.push(`${rawTime(c)} ${op} ${Date.parse(`${iso}Z`)}`);
  }
  return out;
}

function sqlWhere(c: Ctx, extra: string[] = []): string {
  const all = [...timeFilter(c), ...extra];
  return all.length ? `\nWHERE ${all.join('\n  AND ')}` : '';
}

function failureFlag(c: Ctx): string {
  if (!c.L.failure) return '0';
  return c.d.family === 'kql' ? `iff(${cond(c, c.L.failure)}, 1, 0)` : `CASE WHEN ${cond(c, c.L.failure)} THEN 1 ELSE 0 END`;
}

function fromClause(c: Ctx, alias?: string): string {
  if (c.L.tables.length !== 1) throw new PushdownError('a SQL layout reads exactly one table');
  return `${c.d.table(c.L.tables[0])}${alias ? ` ${alias}` : ''}`;
}

/**
 * The events the rare-event extract keeps whole, as SQL: the CTEs (`base` = every event of the window with bm_*
 * helper columns, and the burst keys), and the reasons, first match wins. The roll-up reads the same CTEs and
 * keeps every event no reason matches, so the extract and the roll-up split the log: no event is in both, and
 * a case built from the two counts each event once.
 */
function sqlRareSet(c: Ctx): { ctes: string; reasons: [string, string][] } {
  const q = c.d.ident;
  const reasons: [string, string][] = [[cond(c, c.L.persistence), 'identity-persistence']];
  if (c.L.console) reasons.push([cond(c, c.L.console), 'console-login']);
  if (c.anonymous.length) reasons.push([`${q('bm_address')} IN (${c.anonymous.map(c.d.str).join(', ')})`, 'anonymous-address']);
  // Bursts are keyed by text (`identity|hour`) rather than by a row-value IN, which BigQuery lacks.
  const idKey = `${q('bm_identity')} || '|' || ${q('bm_hour')}`;
  const srcKey = `${q('bm_address')} || '|' || ${q('bm_hour')}`;
  reasons.push([`(${q('bm_failed')} = 1 AND ${idKey} IN (SELECT ${q('k')} FROM id_bursts))`, 'failure-burst']);
  // Every event of a spraying address in that hour, successes included: a success after the failures is what
  // raises credential-attack.
  reasons.push([`${srcKey} IN (SELECT ${q('k')} FROM source_bursts)`, 'failure-burst']);
  const ctes = `WITH base AS (
  SELECT t.*,
    ${coalesce(c, c.L.identity)} AS ${q('bm_identity')},
    ${coalesce(c, list(c.L.address))} AS ${q('bm_address')},
    ${failureFlag(c)} AS ${q('bm_failed')},
    substr(${isoTime(c)}, 1, 13) AS ${q('bm_hour')}
  FROM ${fromClause(c, 't')}${sqlWhere(c).replace(/\n/g, '\n  ')}
),
id_bursts AS (
  SELECT ${idKey} AS ${q('k')} FROM base WHERE ${q('bm_failed')} = 1
  GROUP BY ${q('bm_identity')}, ${q('bm_hour')} HAVING COUNT(*) >= ${c.threshold}
),
source_bursts AS (
  SELECT ${srcKey} AS ${q('k')} FROM base WHERE ${q('bm_failed')} = 1
  GROUP BY ${q('bm_address')}, ${q('bm_hour')} HAVING COUNT(*) >= ${c.threshold}
)`;
  return { ctes, reasons };
}

function sqlRollup(c: Ctx): string {
  const q = c.d.ident;
  const { ctes, reasons } = sqlRareSet(c);
  // NULL-safe: a reason that is NULL for an event (no address, say) does not extract it, so the roll-up keeps it.
  const rare = `CASE WHEN ${reasons.map(([w]) => w).join('\n      OR ')} THEN 1 ELSE 0 END`;
  const [identity, credential, network, asn, userAgent, action, target, outcome, day, events, firstSeen, lastSeen, addresses] =
    AUTH_ROLLUP_COLUMNS.map(q);
  return `${ctes},
routine AS (
  SELECT
    ${q('bm_identity')} AS ${identity},
    ${coalesce(c, c.L.credential)} AS ${credential},
    ${q('bm_address')} AS ${q('address')},
    ${coalesce(c, list(c.L.userAgent))} AS ${userAgent},
    ${coalesce(c, list(c.L.action))} AS ${action},
    ${coalesce(c, c.L.target)} AS ${target},
    ${asnText(c)} AS ${asn},
    ${q('bm_failed')} AS ${q('failed')},
    ${isoTime(c)} AS ${q('event_time')}
  FROM base
  WHERE ${rare} = 0
),
e AS (
  SELECT routine.*, ${c.d.network(q('address'))} AS ${network}, substr(${q('event_time')}, 1, 10) AS ${day}
  FROM routine
)
SELECT ${identity}, ${credential}, ${network}, ${asn},
  ${userAgent}, ${action}, ${target},
  CASE WHEN ${q('failed')} = 1 THEN 'failure' ELSE 'success' END AS ${outcome}, ${day},
  COUNT(*) AS ${events}, MIN(${q('event_time')}) AS ${firstSeen}, MAX(${q('event_time')}) AS ${lastSeen},
  COUNT(DISTINCT ${q('address')}) AS ${addresses}
FROM e
GROUP BY ${identity}, ${credential}, ${network}, ${asn}, ${userAgent}, ${action}, ${target}, ${q('failed')}, ${day}
ORDER BY ${day}, ${identity};
`;
}

/**
 * The extract: one column, the vendor's record re-built as JSON text with the vendor's key spelling (the tables
 * lower-case or rename them; record-shapes.ts), plus `blastmap_reason` inside it. Raw lines of the column are the
 * vendor's NDJSON; a client that wraps them (Athena's CSV, `bq --format=json`, Trino's JSON output) is unwrapped
 * on import (main/ingest/engine-result.ts).
 */
function sqlRare(c: Ctx): string {
  const q = c.d.ident;
  const { ctes, reasons } = sqlRareSet(c);
  const reason = `CASE\n${reasons.map(([w, r]) => `    WHEN ${w} THEN '${r}'`).join('\n')}\n  END`;
  return `${ctes},
rare AS (
  SELECT base.*, ${reason} AS ${q('blastmap_reason')}
  FROM base
  WHERE ${reasons.map(([w]) => w).join('\n     OR ')}
)
SELECT ${recordJson(c.d, c.L.record ?? [], [['blastmap_reason', q('blastmap_reason')]])} AS ${q(RECORD_COLUMN)}
FROM rare;
`;
}

function sqlUsage(c: Ctx): string {
  const q = c.d.ident;
  return `WITH base AS (
  SELECT
    ${coalesce(c, c.L.identity)} AS ${q('identity')},
    ${coalesce(c, c.L.target)} AS ${q('target')},
    ${coalesce(c, list(c.L.action))} AS ${q('action')},
    ${failureFlag(c)} AS ${q('failed')},
    ${isoTime(c)} AS ${q('event_time')}
  FROM ${fromClause(c)}${sqlWhere(c).replace(/\n/g, '\n  ')}
)
SELECT ${q('identity')}, ${q('target')}, ${q('action')}, COUNT(*) AS ${q('events')},
  MIN(${q('event_time')}) AS ${q('first_seen')}, MAX(${q('event_time')}) AS ${q('last_seen')}
FROM base
WHERE ${q('failed')} = 0 AND ${q('identity')} IS NOT NULL
GROUP BY ${q('identity')}, ${q('target')}, ${q('action')}
ORDER BY ${q('identity')}, ${q('target')}, ${q('action')};
`;
}

function kqlSource(c: Ctx): string {
  const t = c.L.tables.map(c.d.table);
  // isfuzzy: a workspace that lacks one of the tables (a connector never enabled) still runs the query.
  const from = t.length === 1 ? t[0] : `union isfuzzy=true ${t.join(', ')}`;
  const filters = timeFilter(c);
  return filters.length ? `${from}\n| where ${filters.join(' and ')}` : from;
}

/** KQL twin of sqlRareSet: `base` with bm_* columns and blastmap_reason ("" for an event no reason matches). */
function kqlRareSet(c: Ctx): string {
  const reasons: [string, string][] = [[cond(c, c.L.persistence), 'identity-persistence']];
  if (c.L.console) reasons.push([cond(c, c.L.console), 'console-login']);
  if (c.anonymous.length) reasons.push([`bm_address in (${c.anonymous.map(c.d.str).join(', ')})`, 'anonymous-address']);
  // The burst keys are scalar sets (toscalar + make_set) so they can be tested inside case(); a tabular `in`
  // is a filter, not an expression.
  reasons.push(['(bm_failed == 1 and set_has_element(id_bursts, strcat(bm_identity, "|", bm_hour)))', 'failure-burst']);
  reasons.push(['set_has_element(source_bursts, strcat(bm_address, "|", bm_hour))', 'failure-burst']);
  return `let events = materialize(${kqlSource(c).replace(/\n/g, '\n    ')}
    | extend bm_identity = ${coalesce(c, c.L.identity)}, bm_address = ${coalesce(c, list(c.L.address))},
        bm_failed = ${failureFlag(c)}, bm_hour = tostring(bin(${rawTime(c)}, 1h)));
let id_bursts = toscalar(events | where bm_failed == 1 | summarize n = count() by bm_identity, bm_hour
    | where n >= ${c.threshold} | summarize make_set(strcat(bm_identity, "|", bm_hour)));
let source_bursts = toscalar(events | where bm_failed == 1 | summarize n = count() by bm_address, bm_hour
    | where n >= ${c.threshold} | summarize make_set(strcat(bm_address, "|", bm_hour)));
let base = events
| extend blastmap_reason = case(
${reasons.map(([w, r]) => `    ${w}, "${r}",`).join('\n')}
    "");
`;
}

function kqlRollup(c: Ctx): string {
  return `${kqlRareSet(c)}// Every event the rare-event extract does not keep whole: the two files split the log.
base
| where isempty(blastmap_reason)
| extend identity = bm_identity, credential = ${coalesce(c, c.L.credential)},
    address = bm_address, user_agent = ${coalesce(c, list(c.L.userAgent))}, action = ${coalesce(c, list(c.L.action))},
    target = ${coalesce(c, c.L.target)}, outcome = iff(bm_failed == 1, "failure", "success"),
    day = format_datetime(${rawTime(c)}, "yyyy-MM-dd")
| extend network = ${c.d.network('address')}, asn = ${asnText(c)}
// dcount is an estimate (HyperLogLog); accuracy 4 keeps the error near 0.2 % for the handful of addresses per group.
| summarize events = count(), first_seen = min(${rawTime(c)}), last_seen = max(${rawTime(c)}), addresses = dcount(address, 4)
    by identity, credential, network, asn, user_agent, action, target, outcome, day
| project ${AUTH_ROLLUP_COLUMNS.join(', ')}
| order by day asc, identity asc
`;
}

/**
 * The KQL extract: like the SQL one, one column holding the vendor's record, packed from the Sentinel table's
 * columns under the vendor's keys (sentinel-records.ts), with blastmap_reason inside it. What the table cannot give
 * back is listed in a comment above the record.
 */
function kqlRare(c: Ctx): string {
  const rec = c.L.sentinel;
  if (!rec) return `${kqlRareSet(c)}base\n| where isnotempty(blastmap_reason)\n`;
  const lacks = rec.lacks.map((l) => `// Not in the table, so not in the record: ${l}.\n`).join('');
  return `${kqlRareSet(c)}base
| where isnotempty(blastmap_reason)
${lacks}| project ${RECORD_COLUMN} = ${kqlRecord(c.d, rec.fields, [['blastmap_reason', 'blastmap_reason']])}
`;
}

function kqlUsage(c: Ctx): string {
  return `${kqlSource(c)}
| extend identity = ${coalesce(c, c.L.identity)}, target = ${coalesce(c, c.L.target)}, action = ${coalesce(c, list(c.L.action))}, failed = ${failureFlag(c)}
| where failed == 0 and isnotempty(identity)
| summarize events = count(), first_seen = min(${rawTime(c)}), last_seen = max(${rawTime(c)}) by identity, target, action
| order by identity asc, target asc, action asc
`;
}

const PRODUCES: Record<QueryKind, string> = {
  'auth-rollup':
    'the auth roll-up: one row per identity, credential, source network (/24 IPv4, /48 IPv6), user agent, action, target, outcome and UTC day, with the event count, first/last seen and distinct addresses',
  'rare-events':
    "the rare-event extract: whole raw records the incident rules read (identity-persistence, logging and MFA changes, console sign-ins, failure bursts, events from anonymity-list addresses), each the vendor's record in one column, blastmap_record, with blastmap_reason inside it (KQL entra-signin: the Sentinel rows with blastmap_reason and bm_* helper columns)",
  usage: 'usage facts: identity x target x action of successful events, with the count and first/last seen (the graph\'s "exercised" marks)',
};

export function howToRun(engine: EngineName, file: string): string[] {
  switch (engine) {
    case 'athena':
      return [
        `aws athena start-query-execution --work-group <wg> --query-execution-context Database=<database> \\`,
        `    --result-configuration OutputLocation=s3://<bucket>/blastmap/ --query-string file://${file}`,
        'then download the result CSV from that S3 location (or: aws athena get-query-results --query-execution-id <id>).',
      ];
    case 'trino':
      return [`trino --server <url> --catalog <catalog> --schema <schema> --output-format CSV_HEADER -f ${file} > result.csv`];
    case 'spark':
      return [
        `spark-sql --conf spark.hadoop.hive.cli.print.header=true -f ${file} > result.tsv`,
        'or in a notebook: spark.sql(open(path).read().rstrip().rstrip(";")).write.option("header", True).option("escape", \'"\').csv(out)',
      ];
    case 'bigquery':
      return [`bq query --use_legacy_sql=false --dataset_id=<project>:<dataset> --format=csv --max_rows=100000000 < ${file} > result.csv`];
    case 'kql':
      return [
        'paste into Log Analytics / Sentinel Logs (set the time range to "Set in query") and Export > CSV, or:',
        `az monitor log-analytics query --workspace <workspace-id> --analytics-query @${file} --output json > result.json`,
      ];
    case 'duckdb':
      return [`duckdb <database.duckdb> -csv -c ".read ${file}" > result.csv`];
    case 'sqlite':
      return ['(test dialect) sqlite3 -header -csv <db> < ' + file];
  }
}

/** The table's top-level columns a record shape reads. */
function recordColumns(fields: RecordField[]): string[] {
  return fields.flatMap((f) => (f.type === 'const' ? [] : [f.col]));
}

/**
 * How the extract's one column (the vendor's record as JSON text) is saved so an importer reads it: every wrapping
 * listed here is unwrapped on import (main/ingest/engine-result.ts); raw lines are the vendor's NDJSON already.
 */
export function howToSaveExtract(engine: EngineName, source?: SourceName): string[] {
  switch (engine) {
    case 'athena':
      return ['the result CSV Athena writes to S3 (header blastmap_record) imports as it is: blastmap import <case> <id>.csv'];
    case 'trino':
      return ['--output-format CSV_HEADER or JSON imports as it is (not TSV: it escapes the backslashes inside the JSON)'];
    case 'spark':
      return [
        'spark-sql prints the records one a line (with or without the header line): that output imports as it is;',
        'in a notebook: spark.sql(q).write.text(out) writes the records; df.write.json(out) ({"blastmap_record": …} lines) imports too;',
        'not df.write.csv with its defaults: it escapes quotes with a backslash, where CSV doubles them (add .option("escape", \'"\'))',
      ];
    case 'bigquery':
      return ['bq query --format=json, --format=prettyjson or --format=csv output imports as it is (use --max_rows for more than 100 rows)'];
    case 'kql':
      if (source && !layoutFor(source, engine)?.sentinel)
        return ['the result keeps the Sentinel rows (the tables unioned, with blastmap_reason and bm_* columns); its import is not tested'];
      return [
        'Export > CSV (the blastmap_record column holds the record as JSON) imports as it is: blastmap import <case> <file>.csv;',
        'so does az monitor log-analytics query --output json (a JSON array of {"TableName": …, "blastmap_record": "…"})',
      ];
    case 'duckdb':
      return [`duckdb <database.duckdb> -noheader -list -c ".read <file>" > rare.ndjson (the records), or -csv with the header`];
    case 'sqlite':
      return ['(test dialect) sqlite3 -noheader -list <db> < <file> > rare.ndjson'];
  }
}

function header(c: Ctx, kind: QueryKind, file: string, engine: EngineName, source: SourceName): string {
  const mark = c.d.family === 'kql' ? '//' : '--';
  const lines = [
    `Blastmap pushdown query pack: ${source}, ${engine} dialect, ${kind}.`,
    `Produces ${PRODUCES[kind]}.`,
    `Expects ${c.L.tables.length > 1 ? 'tables' : 'table'} ${c.L.tables.join(', ')}: ${c.L.expects}.`,
    'If your table has another name, change it in the FROM / first line only.',
    ...(c.L.setup ? [c.L.setup] : []),
    ...(engine === 'duckdb' && duckdbView(source, '<files>')
      ? [
          "To read the vendor's own newline-delimited JSON files (a glob, .gz too), create the table as a view first:",
          `  ${duckdbView(source, '<files>')}`,
        ]
      : []),
    `Window: ${c.since ? `from ${c.since}Z` : 'from the first event'} ${c.until ? `until ${c.until}Z (exclusive)` : 'to the last event'}.`,
    ...(kind === 'rare-events'
      ? [
          `Failure burst: ${c.threshold} or more failed events of one identity, or from one address, in one UTC hour.`,
          `Anonymity list: ${c.anonymous.length} literal address(es)${c.anonymous.length ? '' : ' (none given: run with --anonymous-list <file> to extract their events)'}.`,
        ]
      : []),
    'Run:',
    ...howToRun(engine, file).map((l) => `  ${l}`),
    ...(kind === 'rare-events' && c.L.sentinel
      ? [
          `The record packed in blastmap_record reads the columns ${sentinelColumns(c.L.sentinel.fields).join(', ')};`,
          '  a column your table lacks is read as empty (column_ifexists), so the query runs on every connector version.',
        ]
      : []),
    ...(kind === 'rare-events' && c.L.record
      ? [
          `The record re-built in blastmap_record reads the columns ${recordColumns(c.L.record).join(', ')} (and fields inside them):`,
          '  if your table lacks one, the engine refuses the query; delete that key and its value from the record expression.',
        ]
      : []),
    ...(kind === 'rare-events' ? ['Save the result:', ...howToSaveExtract(engine, source).map((l) => `  ${l}`)] : []),
  ];
  // Line comments only, and every line we write is one line: nothing in a header can end the comment early.
  return `${lines.map((l) => `${mark} ${l.replace(/[\r\n]+/g, ' ')}`).join('\n')}\n\n`;
}

/** The query files for one engine and source. Throws PushdownError for a bad option or a combination not built yet. */
export function generatePack(opts: PushdownOptions): QueryFile[] {
  if (!isEngine(opts.engine)) throw new PushdownError(`unknown engine "${opts.engine}" (expected ${ENGINES.join(', ')})`);
  if (!isSource(opts.source)) throw new PushdownError(`unknown source "${opts.source}" (expected ${SOURCES.join(', ')})`);
  const engine = opts.engine;
  const source = opts.source;
  const L = layoutFor(source, engine);
  if (!L) throw new PushdownError(`no ${engine} layout for ${source} yet`);
  const threshold = opts.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new PushdownError('--failure-threshold must be a positive integer');
  const c: Ctx = {
    d: DIALECTS[engine],
    L,
    threshold,
    since: opts.since ? normaliseInstant(opts.since, '--since') : undefined,
    until: opts.until ? normaliseInstant(opts.until, '--until') : undefined,
    anonymous: [...new Set(opts.anonymous ?? [])],
  };
  if (c.since && c.until && c.since >= c.until) throw new PushdownError('--since must be before --until');
  const ext = c.d.family === 'kql' ? 'kql' : 'sql';
  const bodies: Record<QueryKind, () => string> =
    c.d.family === 'kql'
      ? { 'auth-rollup': () => kqlRollup(c), 'rare-events': () => kqlRare(c), usage: () => kqlUsage(c) }
      : { 'auth-rollup': () => sqlRollup(c), 'rare-events': () => sqlRare(c), usage: () => sqlUsage(c) };
  return KINDS.map((kind) => {
    const name = `${source}.${kind}.${ext === 'kql' ? 'kql' : `${engine}.sql`}`;
    return { name, engine, source, kind, text: header(c, kind, name, engine, source) + bodies[kind]() };
  });
}

/** README.txt for the output folder. */
export function packReadme(files: QueryFile[], opts: { since?: string; until?: string; anonymous: number }): string {
  const [first] = files;
  return `Blastmap pushdown query pack
============================

Engine: ${first.engine}    Source: ${first.source}
Window: ${opts.since ?? 'all'} .. ${opts.until ?? 'all'}    Anonymity-list addresses: ${opts.anonymous}

These are plain-text queries. Read them, run them with the engine's own client where the logs already live, and
keep the (small) results. Blastmap sends nothing anywhere and never connects to the engine.

${files.map((f) => `${f.name}\n  ${PRODUCES[f.kind]}\n`).join('\n')}
How to run (per file):
${howToRun(first.engine, '<file>')
  .map((l) => `  ${l}`)
  .join('\n')}

Results: the roll-up columns are identity, credential, network, asn, user_agent, action, target, outcome, day,
events, first_seen, last_seen, addresses (times are UTC ISO-8601 text; day is YYYY-MM-DD; asn is empty where the
table has none). Save the roll-up as CSV with its header and import it: blastmap import <case> result.csv (format
auth-rollup). The roll-up leaves out every event the rare-event extract keeps whole, so import both. The extract
(all but KQL entra-signin) has one column, blastmap_record: the vendor's record re-built as JSON with the vendor's
own key names (the tables lower-case, rename or flatten them), which the vendor's importer reads. Save it as:
${howToSaveExtract(first.engine, first.source)
  .map((l) => `  ${l}`)
  .join('\n')}

Checked how: the DuckDB text for cloudtrail and entra-signin was executed by Blastmap's tests on synthetic vendor
files (and the same query shapes in SQLite on an Athena-shaped CloudTrail table), their results imported; the
Athena, Trino, Spark, BigQuery and KQL texts were generated and checked against golden files and for balanced
brackets and literals, not run against the engine (no engine or parser for them was available); the KQL record's
column-to-key mapping was checked by importing records packed the same way from Sentinel-shaped rows. Try a
one-day window (--since/--until) first, and look at what the engine reports it scanned.

Not yet: the usage-facts file is for reading (the roll-up carries the same usage) and is not imported; the KQL
entra-signin extract still returns the Sentinel rows (sign-ins and AuditLogs in one result, with helper columns),
whose import was not tested.
`;
}
