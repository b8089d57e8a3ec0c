// Column-mapping presets kept in the case (table mapping_preset, store/mapping-presets.ts), so a recurring export
// maps the same way next time. A preset is validated before it is kept, and every change is audited.
import type { MappingPreset } from '../../shared/api/mapping.ts';
import { validateMapping } from '../../shared/column-mapping.ts';
import { appendAudit, type CaseFile } from '../store/case-file.ts';
import { deletePresetRow, presetRows, upsertPreset } from '../store/mapping-presets.ts';

export function listPresets(kase: CaseFile): MappingPreset[] {
  return presetRows(kase.db);
}

export function savePreset(kase: CaseFile, preset: MappingPreset): MappingPreset {
  validateMapping(preset.target, preset.mapping);
  kase.db.transaction(() => {
    upsertPreset(kase.db, preset);
    appendAudit(kase.db, 'mapping.save', preset);
  })();
  return preset;
}

export function deletePreset(kase: CaseFile, name: string): boolean {
  return kase.db.transaction(() => {
    const changed = deletePresetRow(kase.db, name);
    if (changed) appendAudit(kase.db, 'mapping.delete', { name });
    return changed;
  })();
}
