// The vendor's record as one JSON text value, per SQL dialect: the expression the rare-event extract selects as
// `blastmap_record` (record-shapes.ts says which column each vendor key comes from). Keys are literals written by
// this module from the shapes (constants, never input); values go through the engine's own JSON constructors so
// strings are escaped by the engine: Trino/Athena cast a MAP(varchar, JSON) to JSON, BigQuery and DuckDB have
// JSON_OBJECT, SQLite json_object; Spark 3 has no JSON value type to embed JSON text in, so its object is joined
// as text from to_json'd scalars (strings escaped by to_json) and get_json_object-validated JSON text.
import type { Dialect } from './dialects.ts';
import type { RecordField } from './record-shapes.ts';

/** The extract's one column: raw lines of it are the vendor's NDJSON. */
export const RECORD_COLUMN = 'blastmap_record';

/** Where a value is: an expression (a column, a lambda variable) and the struct steps under it. */
interface At {
  base: string;
  path: string[];
}

interface Syntax {
  /** The value at a place, uncast (a struct, an array, a scalar). */
  raw(at: At): string;
  /** A scalar as the engine's text type. */
  str(e: string): string;
  text(e: string): string;
  num(e: string): string;
  bool(e: string): string;
  /** JSON text embedded as JSON (invalid or empty text becomes null). */
  json(e: string): string;
  texts(e: string): string;
  timestamp(e: string): string;
  constant(value: string): string;
  /** An object from [key, JSON value] pairs; NULL (JSON null) when `whole` (the struct) is NULL. */
  object(pairs: [string, string][], whole?: string): string;
  /** An array of objects, one per element of the array at `e` (named `v` inside); `item` builds an element's object. */
  objects(e: string, v: string, item: (at: At) => string): string;
  /** The finished object as JSON text. */
  top(object: string): string;
}

/**
 * The record as a JSON text expression, its keys in the vendor's spelling; `extra` adds keys whose values are
 * text expressions (blastmap_reason), which the importers ignore.
 */
export function recordJson(d: Dialect, fields: RecordField[], extra: [string, string][] = []): string {
  const s = syntaxFor(d);
  // Lambda variables are named by depth so an array inside an array element does not shadow its parent.
  let depth = 0;
  const value = (f: RecordField, parent: At | null): string => {
    if (f.type === 'const') return s.constant(f.value);
    const at: At = parent ? { base: parent.base, path: [...parent.path, f.col] } : { base: d.ident(f.col), path: [] };
    const raw = s.raw(at);
    switch (f.type) {
      case 'text':
        return s.text(raw);
      case 'number':
        return s.num(raw);
      case 'bool':
        return s.bool(raw);
      case 'json':
        return s.json(s.str(raw));
      case 'texts':
        return s.texts(raw);
      case 'timestamp':
        return s.timestamp(raw);
      case 'object':
        return s.object(
          f.fields.map((c) => [c.key, value(c, at)]),
          raw,
        );
      case 'objects': {
        const v = `bm_x${++depth}`;
        const out = s.objects(raw, v, (item) => s.object(f.fields.map((c) => [c.key, value(c, item)])));
        depth--;
        return out;
      }
    }
  };
  return s.top(
    s.object([...fields.map((f): [string, string] => [f.key, value(f, null)]), ...extra.map(([k, e]): [string, string] => [k, s.text(e)])]),
  );
}

function structPath(d: Dialect): (at: At) => string {
  return (at) => [at.base, ...at.path.map(d.ident)].join('.');
}

function syntaxFor(d: Dialect): Syntax {
  const lit = d.str;
  switch (d.name) {
    case 'athena':
    case 'trino':
      return {
        raw: structPath(d),
        str: (e) => `CAST(${e} AS varchar)`,
        text: (e) => `CAST(CAST(${e} AS varchar) AS JSON)`,
        num: (e) => `CAST(TRY_CAST(${e} AS bigint) AS JSON)`,
        bool: (e) => `CAST(TRY_CAST(${e} AS boolean) AS JSON)`,
        json: (e) => `TRY(json_parse(NULLIF(${e}, '')))`,
        texts: (e) => `CAST(${e} AS JSON)`,
        timestamp: (e) => `CAST(${d.isoFromTimestamp(e)} AS JSON)`,
        constant: (v) => `CAST(${lit(v)} AS JSON)`,
        // A MAP(varchar, JSON) cast to JSON is an object with exactly these keys (Trino and Athena engine 2 and 3).
        object: (pairs, whole) =>
          nullIfWhole(`CAST(MAP(ARRAY[${pairs.map(([k]) => lit(k)).join(', ')}], ARRAY[${pairs.map(([, v]) => v).join(', ')}]) AS JSON)`, whole),
        objects: (e, v, item) => `CAST(transform(${e}, ${v} -> ${item({ base: v, path: [] })}) AS JSON)`,
        top: (o) => `json_format(${o})`,
      };
    case 'bigquery':
      return {
        raw: structPath(d),
        str: (e) => `CAST(${e} AS STRING)`,
        text: (e) => `CAST(${e} AS STRING)`,
        num: (e) => `SAFE_CAST(${e} AS INT64)`,
        bool: (e) => `SAFE_CAST(${e} AS BOOL)`,
        json: (e) => `SAFE.PARSE_JSON(NULLIF(${e}, ''))`,
        texts: (e) => e,
        timestamp: (e) => d.isoFromTimestamp(e),
        constant: (v) => lit(v),
        object: (pairs, whole) => nullIfWhole(`JSON_OBJECT(${pairs.map(([k, v]) => `${lit(k)}, ${v}`).join(', ')})`, whole),
        // UNNEST(NULL) is no rows: without the IF a missing array would become [].
        objects: (e, v, item) => `IF(${e} IS NULL, NULL, TO_JSON(ARRAY(SELECT ${item({ base: v, path: [] })} FROM UNNEST(${e}) AS ${v})))`,
        top: (o) => `TO_JSON_STRING(${o})`,
      };
    case 'duckdb':
      return {
        raw: structPath(d),
        str: (e) => `CAST(${e} AS VARCHAR)`,
        text: (e) => `CAST(${e} AS VARCHAR)`,
        num: (e) => `TRY_CAST(${e} AS BIGINT)`,
        bool: (e) => `TRY_CAST(${e} AS BOOLEAN)`,
        json: (e) => `CASE WHEN json_valid(${e}) AND ${e} <> '' THEN json(${e}) END`,
        texts: (e) => `to_json(${e})`,
        timestamp: (e) => d.isoFromTimestamp(e),
        constant: (v) => lit(v),
        object: (pairs, whole) => nullIfWhole(`json_object(${pairs.map(([k, v]) => `${lit(k)}, ${v}`).join(', ')})`, whole),
        objects: (e, v, item) => `to_json(list_transform(${e}, lambda ${v}: ${item({ base: v, path: [] })}))`,
        top: (o) => `CAST(${o} AS VARCHAR)`,
      };
    case 'sqlite':
      return {
        // The test table keeps every struct as JSON text: a step into it is a JSON path.
        raw: (at) => (at.path.length ? `json_extract(${at.base}, ${lit(`$${at.path.map((p) => `.${p}`).join('')}`)})` : at.base),
        str: (e) => e,
        text: (e) => `CAST(${e} AS TEXT)`,
        num: (e) => `CAST(${e} AS INTEGER)`,
        bool: (e) =>
          `CASE lower(CAST(${e} AS TEXT)) WHEN 'true' THEN json('true') WHEN '1' THEN json('true') WHEN 'false' THEN json('false') WHEN '0' THEN json('false') END`,
        json: (e) => `CASE WHEN json_valid(${e}) THEN json(${e}) END`,
        texts: (e) => `CASE WHEN json_valid(${e}) THEN json(${e}) END`,
        timestamp: (e) => d.isoFromTimestamp(e),
        constant: (v) => lit(v),
        object: (pairs, whole) => `json(${nullIfWhole(`json_object(${pairs.map(([k, v]) => `${lit(k)}, ${v}`).join(', ')})`, whole)})`,
        // json(): a subquery's result loses its JSON subtype and would be embedded as a string.
        // (json_each(NULL) is no rows, so a missing array is tested first, or it would become [].)
        objects: (e, v, item) =>
          `CASE WHEN ${e} IS NULL THEN NULL ELSE json((SELECT json_group_array(${item({ base: `${v}.value`, path: [] })}) FROM json_each(${e}) AS ${v})) END`,
        top: (o) => o,
      };
    case 'spark':
      return sparkSyntax(d);
    case 'kql':
      throw new Error('KQL extracts keep the Sentinel columns; no record is re-built');
  }
}

function nullIfWhole(object: string, whole?: string): string {
  return whole ? `CASE WHEN ${whole} IS NULL THEN NULL ELSE ${object} END` : object;
}

/**
 * Spark SQL 3: every value is JSON text, never NULL ('null' instead), so concat never turns a record NULL.
 * to_json(array(x)) is the JSON of x in brackets: the brackets are cut off, the escaping stays to_json's.
 */
function sparkSyntax(d: Dialect): Syntax {
  const lit = d.str;
  const scalar = (e: string) => `substr(to_json(array(${e})), 2, length(to_json(array(${e}))) - 2)`;
  return {
    raw: structPath(d),
    str: (e) => `CAST(${e} AS STRING)`,
    text: (e) => scalar(`CAST(${e} AS STRING)`),
    num: (e) => scalar(`try_cast(${e} AS BIGINT)`),
    bool: (e) => scalar(`try_cast(${e} AS BOOLEAN)`),
    // get_json_object(x, '$') is the JSON text itself when it parses, NULL when it does not.
    json: (e) => `coalesce(get_json_object(${e}, '$'), 'null')`,
    texts: (e) => `coalesce(to_json(${e}), 'null')`,
    timestamp: (e) => scalar(d.isoFromTimestamp(e)),
    constant: (v) => lit(JSON.stringify(v)),
    object: (pairs, whole) => {
      const body = `concat('{', ${pairs.map(([k, v], i) => `${lit(`${i ? ',' : ''}${JSON.stringify(k)}:`)}, ${v}`).join(', ')}, '}')`;
      return whole ? `CASE WHEN ${whole} IS NULL THEN 'null' ELSE ${body} END` : body;
    },
    objects: (e, v, item) => `coalesce(concat('[', array_join(transform(${e}, ${v} -> ${item({ base: v, path: [] })}), ','), ']'), 'null')`,
    top: (o) => o,
  };
}
