// Column-mapping presets kept in the case (table mapping_preset): a recurring export maps the same way next time.
// Validation and the audit trail stay with the caller (main/mapping/presets.ts).
import type Database from 'better-sqlite3';
import type { MappingPreset } from '../../shared/api/mapping.ts';

export function presetRows(db: Database.Database): MappingPreset[] {
  return (
    db.prepare('SELECT name, target, mapping FROM mapping_preset ORDER BY name').all() as { name: string; target: string; mapping: string }[]
  ).map((r) => ({ name: r.name, target: r.target, mapping: JSON.parse(r.mapping) as Record<string, string> }));
}

/** Saves the preset under its name, replacing one of the same name. */
export function upsertPreset(db: Database.Database, preset: MappingPreset): void {
  db.prepare(
    `INSERT INTO mapping_preset (name, target, mapping) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET target = excluded.target, mapping = excluded.mapping`,
  ).run(preset.name, preset.target, JSON.stringify(preset.mapping));
}

/** Returns whether a preset of that name was there. */
export function deletePresetRow(db: Database.Database, name: string): boolean {
  return db.prepare('DELETE FROM mapping_preset WHERE name = ?').run(name).changes > 0;
}
