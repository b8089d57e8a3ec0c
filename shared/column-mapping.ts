// Column mapping for a CSV whose headers the importer does not recognise: the analyst says which of the file's
// headers holds each canonical column. The mapping is an option of the import: the header row is renamed as the
// file streams in, the file itself is never copied or changed, so the case records (and `verify` checks) the
// hash of the very file the analyst gave, together with the mapping that was used.
import { ApiError } from './api/contract.ts';
import { CANONICAL_SPECS } from './csv-formats.ts';

/** canonical column name → the file's header for it. */
export type ColumnMapping = Record<string, string>;

/** The target must be a canonical CSV format and every mapped column one of its columns; required columns must be mapped. */
export function validateMapping(target: string, mapping: ColumnMapping): void {
  const spec = CANONICAL_SPECS.find((s) => s.format === target);
  if (!spec) throw new ApiError('bad-request', `unknown mapping target ${target} (expected ${CANONICAL_SPECS.map((s) => s.format).join(', ')})`);
  const names = new Set(spec.columns.map((c) => c.name));
  for (const column of Object.keys(mapping)) {
    if (!names.has(column)) throw new ApiError('bad-request', `${target} has no column ${column}`);
  }
  const missing = spec.columns.filter((c) => c.required && !mapping[c.name]).map((c) => c.name);
  if (missing.length) throw new ApiError('bad-request', `map the required column(s) of ${target}: ${missing.join(', ')}`);
}

/**
 * The header row as the importer should see it: mapped headers under their canonical names, every other column
 * under `unmapped_<n>`, a name no synonym matches, so an unmapped column is never picked up by accident.
 * Throws when the file lacks a mapped header.
 */
export function renameHeader(header: string[], mapping: ColumnMapping): string[] {
  const canonicalFor = new Map(Object.entries(mapping).map(([canonical, h]) => [h, canonical]));
  for (const h of canonicalFor.keys()) {
    if (!header.includes(h)) throw new ApiError('bad-input', `the file has no column "${h}" (its header: ${header.slice(0, 20).join(', ')})`);
  }
  return header.map((h, i) => canonicalFor.get(h) ?? `unmapped_${i + 1}`);
}
