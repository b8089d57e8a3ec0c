// The edges policy evaluation owns: `can_assume` and `access` edges whose source is a policy file of one of the
// given formats (an authorization export, an SCP file, a resource policy…). A re-evaluation deletes and rewrites
// them; edges other sources made (an entitlements CSV, CloudTrail's observed role use) are never among them.
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

function owned(formats: readonly string[]): string {
  return `FROM edge WHERE kind IN ('can_assume', 'access') AND source_id IN (SELECT id FROM source WHERE format IN (${formats.map(() => '?').join(', ')}))`;
}

export function countPolicyEdges(db: Database.Database, formats: readonly string[]): number {
  return prepared(db, `SELECT count(*) ${owned(formats)}`)
    .pluck()
    .get(...formats) as number;
}

export function deletePolicyEdges(db: Database.Database, formats: readonly string[]): void {
  prepared(db, `DELETE ${owned(formats)}`).run(...formats);
}
