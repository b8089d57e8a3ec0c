// SQL/KQL dialects for the pushdown query packs. Everything a generated query says about a column, a literal or a
// time goes through one of these functions, so quoting is decided in one place per engine and a value from the
// analyst (a date, an anonymity-list address) is never spliced into query text unescaped.

/** A step into a nested value: a field name, or a 0-based array index (each dialect maps it to its own base). */
export type Step = string | number;

/**
 * Where a logical field lives in the vendor table: a top-level column, optionally followed by a path into a
 * struct/record column (`json: false`) or into a column that holds JSON text (`json: true`, e.g. CloudTrail's
 * `requestparameters` in the Athena table).
 */
export interface Field {
  col: string;
  path?: Step[];
  json?: boolean;
}

export const ENGINES = ['athena', 'trino', 'spark', 'bigquery', 'kql', 'duckdb'] as const;
/** `sqlite` is not an analyst's engine: it exists so the tests can execute the generated SQL with better-sqlite3. */
export type EngineName = (typeof ENGINES)[number] | 'sqlite';

export function isEngine(name: string): name is EngineName {
  return (ENGINES as readonly string[]).includes(name) || name === 'sqlite';
}

// Names we put in query text ourselves (vendor column and JSON keys) are constants of this module, never user
// input; they are still checked, so a typo in a layout fails loudly instead of producing odd quoting.
const SAFE_NAME = /^[A-Za-z_@][A-Za-z0-9_@$-]*$/;
function checkName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe identifier in a query layout: ${JSON.stringify(name)}`);
  return name;
}

/** Control characters would make a literal span lines or hide text from the reader; they are written escaped. */
function escapeControls(s: string, style: 'backslash' | 'drop'): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    style === 'backslash' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : '',
  );
}

export interface Dialect {
  name: EngineName;
  family: 'sql' | 'kql';
  /** A quoted identifier (table parts and top-level columns). */
  ident(name: string): string;
  /** A string literal. */
  str(value: string): string;
  /** The scalar (as text) at a field. */
  field(f: Field): string;
  /** ISO-8601 text of a timestamp column of the engine's native timestamp type. */
  isoFromTimestamp(expr: string): string;
  /** ISO-8601 text of a number of milliseconds since the epoch. */
  isoFromEpochMs(expr: string): string;
  /** A native timestamp literal from a validated ISO string. */
  timestampLit(iso: string): string;
  /** The /24 (IPv4) or /48 (IPv6) network of an address as text; NULL for anything that is not an address. */
  network(expr: string): string;
  /** A quoted table name; dotted names (`db.table`, `project.dataset.table`) are quoted part by part. */
  table(name: string): string;
}

/** Standard SQL single-quoted literal: the quote is doubled (Trino, Athena, DuckDB, SQLite). */
function sqlStr(value: string): string {
  return `'${escapeControls(value, 'drop').replace(/'/g, "''")}'`;
}

/**
 * Spark SQL and BigQuery read backslash escapes inside string literals, so doubling the quote is not enough there:
 * a trailing backslash would escape our closing quote. Backslash first, then the quote.
 */
function backslashStr(value: string): string {
  return `'${escapeControls(value.replace(/\\/g, '\\\\').replace(/'/g, "\\'"), 'backslash')}'`;
}

function dq(name: string): string {
  return `"${checkName(name).replace(/"/g, '""')}"`;
}
function bq(name: string): string {
  return `\`${checkName(name)}\``;
}

function jsonPath(path: Step[]): string {
  return `$${path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${checkName(s)}`)).join('')}`;
}

// The address-to-network expressions avoid backslashes in regular expressions: Spark and BigQuery literals would
// need them doubled, and character classes read the same everywhere.
const V4 = '^([0-9]+[.][0-9]+[.][0-9]+)[.][0-9]+$';
// One capture group only: BigQuery's REGEXP_EXTRACT refuses a pattern with two.
const V6 = '^([0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f]*)';

function regexNetwork(extract: (e: string, re: string) => string, concat: (a: string, b: string) => string, lit: (s: string) => string) {
  // A CloudTrail source may be a service name (`ec2.amazonaws.com`): neither pattern matches, the network is NULL.
  // IPv6 written with `::` inside the first three groups is not expanded here; those few addresses get a coarser key.
  return (e: string) =>
    `CASE WHEN ${e} LIKE '%:%' THEN ${concat(extract(e, lit(V6)), lit('::/48'))} ELSE ${concat(extract(e, lit(V4)), lit('.0/24'))} END`;
}

function trinoLike(name: 'athena' | 'trino'): Dialect {
  const d: Dialect = {
    name,
    family: 'sql',
    ident: dq,
    str: sqlStr,
    table: (t) => t.split('.').map(dq).join('.'),
    field: (f) => {
      if (f.json) return `json_extract_scalar(${dq(f.col)}, ${sqlStr(jsonPath(f.path ?? []))})`;
      // element_at, not [i]: a missing array element is NULL instead of a query failure; Trino arrays are 1-based.
      let e = dq(f.col);
      for (const s of f.path ?? []) e = typeof s === 'number' ? `element_at(${e}, ${s + 1})` : `${e}.${dq(s)}`;
      return `CAST(${e} AS varchar)`;
    },
    isoFromTimestamp: (e) => `to_iso8601(${e})`,
    isoFromEpochMs: (e) => `to_iso8601(from_unixtime(${e} / 1000e0))`,
    timestampLit: (iso) => `from_iso8601_timestamp(${sqlStr(`${iso}Z`)})`,
    network: regexNetwork(
      (e, re) => `regexp_extract(${e}, ${re}, 1)`,
      (a, b) => `concat(${a}, ${b})`,
      sqlStr,
    ),
  };
  return d;
}

const spark: Dialect = {
  name: 'spark',
  family: 'sql',
  ident: bq,
  str: backslashStr,
  table: (t) => t.split('.').map(bq).join('.'),
  field: (f) => {
    if (f.json) return `get_json_object(${bq(f.col)}, ${backslashStr(jsonPath(f.path ?? []))})`;
    // try_element_at (Spark 3.3+): NULL for a missing element even with ANSI mode on.
    let e = bq(f.col);
    for (const s of f.path ?? []) e = typeof s === 'number' ? `try_element_at(${e}, ${s + 1})` : `${e}.${bq(s)}`;
    return `CAST(${e} AS STRING)`;
  },
  isoFromTimestamp: (e) => `date_format(${e}, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")`,
  isoFromEpochMs: (e) => `date_format(timestamp_millis(${e}), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")`,
  timestampLit: (iso) => `to_timestamp(${backslashStr(iso)})`,
  network: regexNetwork(
    (e, re) => `nullif(regexp_extract(${e}, ${re}, 1), '')`,
    (a, b) => `concat(${a}, ${b})`,
    backslashStr,
  ),
};

const bigquery: Dialect = {
  name: 'bigquery',
  family: 'sql',
  ident: bq,
  str: backslashStr,
  table: (t) => t.split('.').map(bq).join('.'),
  field: (f) => {
    if (f.json) return `JSON_VALUE(${bq(f.col)}, ${backslashStr(jsonPath(f.path ?? []))})`;
    let e = bq(f.col);
    for (const s of f.path ?? []) e = typeof s === 'number' ? `${e}[SAFE_OFFSET(${s})]` : `${e}.${bq(s)}`;
    return `CAST(${e} AS STRING)`;
  },
  isoFromTimestamp: (e) => `FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', ${e})`,
  isoFromEpochMs: (e) => `FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E3SZ', TIMESTAMP_MILLIS(${e}))`,
  timestampLit: (iso) => `TIMESTAMP(${backslashStr(`${iso}Z`)})`,
  network: regexNetwork(
    (e, re) => `REGEXP_EXTRACT(${e}, ${re})`,
    (a, b) => `CONCAT(${a}, ${b})`,
    backslashStr,
  ),
};

const duckdb: Dialect = {
  name: 'duckdb',
  family: 'sql',
  ident: dq,
  str: sqlStr,
  table: (t) => t.split('.').map(dq).join('.'),
  field: (f) => {
    if (f.json) return `json_extract_string(${dq(f.col)}, ${sqlStr(jsonPath(f.path ?? []))})`;
    let e = dq(f.col);
    for (const s of f.path ?? []) e = typeof s === 'number' ? `${e}[${s + 1}]` : `${e}.${dq(s)}`;
    return `CAST(${e} AS VARCHAR)`;
  },
  isoFromTimestamp: (e) => `strftime(${e}, '%Y-%m-%dT%H:%M:%S.%fZ')`,
  isoFromEpochMs: (e) => `strftime(epoch_ms(${e}), '%Y-%m-%dT%H:%M:%S.%gZ')`,
  timestampLit: (iso) => `CAST(${sqlStr(iso)} AS TIMESTAMP)`,
  // `||`, not concat(): DuckDB's concat skips NULLs, so a service name would become the network `.0/24`.
  network: regexNetwork(
    (e, re) => `nullif(regexp_extract(${e}, ${re}, 1), '')`,
    (a, b) => `(${a} || ${b})`,
    sqlStr,
  ),
};

// SQLite has no structs and no regular expressions. The test table stores each struct column as JSON text, so a
// struct path and a JSON-text path are both json_extract; the network is cut with string functions.
const sqlite: Dialect = {
  name: 'sqlite',
  family: 'sql',
  ident: dq,
  str: sqlStr,
  table: (t) => t.split('.').map(dq).join('.'),
  field: (f) => (f.path?.length ? `CAST(json_extract(${dq(f.col)}, ${sqlStr(jsonPath(f.path))}) AS TEXT)` : `CAST(${dq(f.col)} AS TEXT)`),
  isoFromTimestamp: (e) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${e})`,
  isoFromEpochMs: (e) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${e} / 1000.0, 'unixepoch')`,
  timestampLit: (iso) => sqlStr(iso),
  network: (e) =>
    `CASE WHEN ${e} GLOB '*:*' THEN ` +
    // the first three groups: everything before the third colon
    `substr(${e}, 1, instr(${e}, ':') + instr(substr(${e}, instr(${e}, ':') + 1), ':') + instr(substr(${e}, instr(${e}, ':') + instr(substr(${e}, instr(${e}, ':') + 1), ':') + 1), ':') - 1) || '::/48' ` +
    `WHEN ${e} GLOB '[0-9]*.[0-9]*.[0-9]*.[0-9]*' AND NOT ${e} GLOB '*[^0-9.]*' THEN rtrim(${e}, '0123456789') || '0/24' END`,
};

/** KQL: `["name"]` quoting, double-quoted literals with backslash escapes, dynamic columns indexed directly. */
function kqlStr(value: string): string {
  return `"${escapeControls(value.replace(/\\/g, '\\\\').replace(/"/g, '\\"'), 'backslash')}"`;
}
const kql: Dialect = {
  name: 'kql',
  family: 'kql',
  ident: (n) => `['${checkName(n)}']`,
  str: kqlStr,
  table: (t) => checkName(t),
  field: (f) => {
    // column_ifexists: Sentinel tables gain and lose columns between connector versions and a union leg may lack
    // one; a missing column reads as empty instead of failing the whole query.
    const col = `column_ifexists(${kqlStr(checkName(f.col))}, ${f.path?.length && !f.json ? 'dynamic(null)' : '""'})`;
    const base = f.json ? `parse_json(${col})` : col;
    const path = (f.path ?? []).map((s) => (typeof s === 'number' ? `[${s}]` : `.${checkName(s)}`)).join('');
    return `tostring(${base}${path})`;
  },
  // tostring of a datetime is ISO 8601 UTC; format_datetime has no literal `T` among its delimiters.
  isoFromTimestamp: (e) => `tostring(${e})`,
  isoFromEpochMs: (e) => `tostring(unixtime_milliseconds_todatetime(${e}))`,
  timestampLit: (iso) => `todatetime(${kqlStr(`${iso}Z`)})`,
  network: (e) => `iff(${e} contains ":", strcat(format_ipv6_mask(${e}, 48), "/48"), format_ipv4_mask(${e}, 24))`,
};

export const DIALECTS: Record<EngineName, Dialect> = {
  athena: trinoLike('athena'),
  trino: trinoLike('trino'),
  spark,
  bigquery,
  duckdb,
  sqlite,
  kql,
};
