// Column-mapping presets kept in the case (table mapping_preset), so a recurring export maps the same way next time.
import type { MappingPreset } from '../../shared/api/mapping.ts';
import { validateMapping } from '../../shared/column-mapping.ts';
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

