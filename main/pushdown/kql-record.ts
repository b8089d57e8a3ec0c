// The vendor's record as one KQL dynamic value: nested bag_pack() calls with the vendor's keys over the Sentinel
// columns (sentinel-records.ts). The KQL twin of record-json.ts; the extract projects it as `blastmap_record`,
// which the portal's CSV export writes as JSON text and `az monitor log-analytics query` as a JSON string, both
// unwrapped on import (main/ingest/engine-result.ts) before the vendor's importer reads the records.
import type { Dialect, Field } from './dialects.ts';
import type { SentinelField } from './sentinel-records.ts';

/** The null of a column's type, for column_ifexists: a table without the column gives an empty value. */
const ABSENT = { text: '""', number: 'real(null)', bool: 'bool(null)', time: 'datetime(null)', dynamic: 'dynamic(null)' } as const;

function column(d: Dialect, f: Field, type: keyof typeof ABSENT): string {
  if (f.path?.length) throw new Error(`a Sentinel record reads whole columns, not paths (${f.col})`);
  return `column_ifexists(${d.str(f.col)}, ${f.json ? '""' : ABSENT[type]})`;
}

/** The first non-empty of the candidates (KQL's coalesce skips empty strings and nulls). */
function first(values: string[]): string {
  return values.length === 1 ? values[0] : `coalesce(${values.join(', ')})`;
}

function value(d: Dialect, f: SentinelField): string {
  switch (f.type) {
    case 'const':
      return d.str(f.value);
    case 'object':
      if (f.fields.length > PAIRS_PER_PACK) throw new Error(`an object of a Sentinel record has too many keys to pack at once (${f.key})`);
      return `bag_pack(${f.fields.map((c) => `${d.str(c.key)}, ${value(d, c)}`).join(', ')})`;
    case 'text':
      return first(f.from.map((c) => `tostring(${column(d, c, 'text')})`));
    // Through real first: the _d columns are reals, and tolong() of a real's text ("64500.5") would be null.
    case 'number':
      return `tolong(${first(f.from.map((c) => `todouble(${column(d, c, 'number')})`))})`;
    case 'bool':
      return `tobool(${first(f.from.map((c) => `tostring(${column(d, c, 'bool')})`))})`;
    // tostring() of a datetime is ISO 8601 UTC with a `Z`, which every importer reads.
    case 'time':
      return first(f.from.map((c) => `tostring(${column(d, c, 'time')})`));
    case 'dynamic':
      return first(
        f.from.map((c) => {
          const col = column(d, c, 'dynamic');
          // An empty JSON-text cell is no value, not an empty string.
          return c.json ? `iff(isempty(${col}), dynamic(null), parse_json(${col}))` : col;
        }),
      );
  }
}

/**
 * Kusto documents 64 arguments as the most strcat and coalesce take, and no limit for bag_pack: a record with more
 * keys than this is packed in parts and merged (bag_merge), so no call comes near 64.
 */
const PAIRS_PER_PACK = 24;

/** `bag_pack(…)` of the record, plus `extra` keys whose values are KQL expressions (blastmap_reason). */
export function kqlRecord(d: Dialect, fields: SentinelField[], extra: [string, string][] = []): string {
  const pairs = [...fields.map((f) => `${d.str(f.key)}, ${value(d, f)}`), ...extra.map(([k, e]) => `${d.str(k)}, ${e}`)];
  const packs: string[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_PACK) packs.push(`bag_pack(\n        ${pairs.slice(i, i + PAIRS_PER_PACK).join(',\n        ')})`);
  return packs.length === 1 ? packs[0] : `bag_merge(\n    ${packs.join(',\n    ')})`;
}

/** The table columns a record reads (for the query header). */
export function sentinelColumns(fields: SentinelField[]): string[] {
  return [...new Set(fields.flatMap((f) => (f.type === 'object' ? sentinelColumns(f.fields) : f.type === 'const' ? [] : f.from.map((c) => c.col))))];
}
