// When a parsed JSON value is a container of records rather than a record: the wrappers vendors write around
// their log records. One place decides it for every reader (NDJSON lines, documents, detection samples).
//   CloudTrail S3 objects        {"Records":[…]}
//   lookup-events output         {"Events":[{…, "CloudTrailEvent":"<record as JSON text>"}], "NextToken":…}
//   Entra / Event Hub / storage  {"records":[…]}
//   Microsoft Graph              {"@odata.context":…, "value":[…], "@odata.nextLink":…}
//   Kubernetes lists             {"kind":"EventList"|"List", "apiVersion":…, "metadata":…, "items":[…]}
//   Log Analytics query API      {"tables":[{"name":…, "columns":[{name,type}], "rows":[[…]]}]}

export interface Container {
  key: string;
  items: unknown[];
}

/** Keys that only ever name a records array: a value holding one is a wrapper even when the array is empty. */
const STRONG = new Set(['Records', 'records', 'value', 'items', 'Events', 'tables']);
/** A wrapper carries its records and a little paging or metadata; a record has many fields of its own. */
const MAX_WRAPPER_KEYS = 6;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The records a value wraps, or null when the value is itself a record. Weak keys (`data`, `events`…) count
 * only when their array holds objects and the value has nothing else that looks like a record of its own, so a
 * log record with a small `data: [...]` field is never mistaken for a wrapper.
 */
export function containerOf(value: unknown, keys: readonly string[]): Container | null {
  if (!isObject(value)) return null;
  const tables = logAnalyticsRows(value);
  if (tables) return tables;
  let n = 0;
  for (const _ in value) if (++n > MAX_WRAPPER_KEYS) return null;
  for (const key of keys) {
    const items = value[key];
    if (!Array.isArray(items)) continue;
    if (STRONG.has(key)) return { key, items };
    if (items.length && n <= 3 && items.every(isObject)) return { key, items };
  }
  return null;
}

/** Log Analytics query results: each row becomes an object keyed by its column names. */
function logAnalyticsRows(value: Record<string, unknown>): Container | null {
  const tables = value.tables ?? value.Tables;
  if (!Array.isArray(tables) || !tables.length) return null;
  const items: unknown[] = [];
  for (const t of tables) {
    if (!isObject(t) || !Array.isArray(t.columns) || !Array.isArray(t.rows)) return null;
    const names = t.columns.map((c, i) => (isObject(c) && typeof c.name === 'string' ? c.name : typeof c === 'string' ? c : `column${i}`));
    for (const row of t.rows) {
      if (!Array.isArray(row)) {
        items.push(row); // not a row: the importer rejects it with its own reason
        continue;
      }
      const rec: Record<string, unknown> = {};
      for (let i = 0; i < names.length && i < row.length; i++) if (names[i] !== '__proto__') rec[names[i]] = row[i];
      items.push(rec);
    }
  }
  return { key: 'tables', items };
}
