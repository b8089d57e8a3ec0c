// Saved what-if scenarios (the `scenario` table): a name and the changes it makes; saving and discarding are audited.
// graph/what-if.ts applies and measures them.
import { ApiError } from '../../shared/api/contract.ts';
import type { ScenarioRow, ScenarioSpec } from '../../shared/api/graph.ts';
import { appendAudit, type CaseFile } from './case-file.ts';

export function saveScenario(kase: CaseFile, name: string, spec: ScenarioSpec): ScenarioRow {
  const at = new Date().toISOString();
  kase.db.transaction(() => {
    kase.db
      .prepare(
        `INSERT INTO scenario (name, spec, created_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, created_at = excluded.created_at`,
      )
      .run(name, JSON.stringify(spec), at);
    appendAudit(kase.db, 'graph.scenario.save', { name, spec });
  })();
  return getScenario(kase, name);
}

export function getScenario(kase: CaseFile, name: string): ScenarioRow {
  const row = kase.db.prepare('SELECT id, name, spec, created_at AS createdAt FROM scenario WHERE name = ?').get(name) as
    (Omit<ScenarioRow, 'spec'> & { spec: string }) | undefined;
  if (!row) throw new ApiError('not-found', `no saved scenario named "${name.slice(0, 80)}"`);
  return { ...row, spec: JSON.parse(row.spec) as ScenarioSpec };
}

export function listScenarios(kase: CaseFile): ScenarioRow[] {
  return (
    kase.db.prepare('SELECT id, name, spec, created_at AS createdAt FROM scenario ORDER BY name').all() as (Omit<ScenarioRow, 'spec'> & {
      spec: string;
    })[]
  ).map((r) => ({ ...r, spec: JSON.parse(r.spec) as ScenarioSpec }));
}

export function discardScenario(kase: CaseFile, name: string): boolean {
  let changed = 0;
  kase.db.transaction(() => {
    changed = kase.db.prepare('DELETE FROM scenario WHERE name = ?').run(name).changes;
    if (changed) appendAudit(kase.db, 'graph.scenario.discard', { name });
  })();
  if (!changed) throw new ApiError('not-found', `no saved scenario named "${name.slice(0, 80)}"`);
  return true;
}
