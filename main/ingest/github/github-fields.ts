// Small readers of GitHub audit-log fields shared by github-graph.ts and github-credentials.ts. Kept apart so the
// credentials module does not import the graph module that constructs it (no import circle).
import { rec, str, type Rec } from '../entra/json-log.ts';

/** GitHub repository roles → privilege. read/triage read; write/maintain write; admin admin. */
const REPO_PERMISSION: Record<string, 1 | 2 | 3> = { read: 1, pull: 1, triage: 1, write: 2, push: 2, maintain: 2, admin: 3 };

/** A repository permission name as a privilege; null when absent or not a GitHub permission (never a prototype key). */
export function repoPrivilege(permission: string | null): 1 | 2 | 3 | null {
  return permission && Object.hasOwn(REPO_PERMISSION, permission) ? REPO_PERMISSION[permission] : null;
}

/** `org` and `org_id` are a value in some entries and a list in others: the first value, or null. */
export function firstOf(v: unknown): string | null {
  return Array.isArray(v) ? str(v[0]) : str(v);
}

/**
 * A field of the entry, or of its `data` object: organisation audit log exports (the Elastic sample, the REST API
 * for some categories) put event details such as `team` or `permission` under `data`.
 */
export function detail(r: Rec, name: string): string | null {
  return str(r[name]) ?? str(rec(r.data)?.[name]);
}

export interface Target {
  id: number;
  key: string;
}
