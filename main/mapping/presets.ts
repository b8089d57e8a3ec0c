// Column-mapping presets kept in the case (table mapping_preset), so a recurring export maps the same way next time.
import { ApiError } from '../../shared/api/contract.ts';
import type { MappingPreset } from '../../shared/api/mapping.ts';
import { CANONICAL_SPECS } from '../../shared/csv-formats.ts';
import { appendAudit, type CaseFile } from '../store/case-file.ts';

export function listPresets(kase: CaseFile): MappingPreset[] {
  return (kase.db.prepare('SELECT name, target, mapping FROM mapping_preset ORDER BY name').all() as { name: string; target: string; mapping: string }[])
    .map((r) => ({ name: r.name, target: r.target, mapping: JSON.parse(r.mapping) as Record<string, string> }));
}

export function savePreset(kase: CaseFile, preset: MappingPreset): MappingPreset {
  validateMapping(preset.target, preset.mapping);
  kase.db.transaction(() => {
    kase.db.prepare(`INSERT INTO mapping_preset (name, target, mapping) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET target = excluded.target, mapping = excluded.mapping`).run(preset.name, preset.target, JSON.stringify(preset.mapping));
    appendAudit(kase.db, 'mapping.save', preset);
  })();
  return preset;
}

export function deletePreset(kase: CaseFile, name: string): boolean {
  return kase.db.transaction(() => {
    const changed = kase.db.prepare('DELETE FROM mapping_preset WHERE name = ?').run(name).changes > 0;
    if (changed) appendAudit(kase.db, 'mapping.delete', { name });
    return changed;
  })();
}

/** The target must be a canonical CSV format and every mapped column one of its columns; required columns must be mapped. */
export function validateMapping(target: string, mapping: Record<string, string>): void {
  const spec = CANONICAL_SPECS.find((s) => s.format === target);
  if (!spec) throw new ApiError('bad-request', `unknown mapping target ${target} (expected ${CANONICAL_SPECS.map((s) => s.format).join(', ')})`);
  const names = new Set(spec.columns.map((c) => c.name));
  for (const column of Object.keys(mapping)) {
    if (!names.has(column)) throw new ApiError('bad-request', `${target} has no column ${column}`);
  }
  const missing = spec.columns.filter((c) => c.required && !mapping[c.name]).map((c) => c.name);
  if (missing.length) throw new ApiError('bad-request', `map the required column(s) of ${target}: ${missing.join(', ')}`);
}
