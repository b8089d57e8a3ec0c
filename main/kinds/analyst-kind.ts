// The analyst's choice of an identity's kind: kept by node key (like marks), so it survives re-import and wins over
// every signal the classifier weighs. Setting or clearing it is audited and re-runs the classifier at once, so the
// rules and screens see the new kind on their next read.
import type Database from 'better-sqlite3';
import { ApiError } from '../../shared/api/contract.ts';
import { IDENTITY_KINDS } from '../../shared/model.ts';
import { appendAudit, currentActor } from '../store/case-file.ts';
import { deleteKindOverride, identitySubkind, nodeKeyByRef, nodeKindByKey, upsertKindOverride } from '../store/identity-kinds.ts';
import { classifyIdentities } from './classify.ts';
import { saveNamePatterns, type NamePattern } from './name-patterns.ts';

export interface AnalystKind {
  id: string;
  kind: string;
  reason: string | null;
  actor: string;
  at: string;
}

/** Kinds an identity can be given (group and role are other node kinds, not identities). */
export const ASSIGNABLE_KINDS = IDENTITY_KINDS.filter((k) => k !== 'group' && k !== 'role');

export function setAnalystKind(db: Database.Database, nodeKey: string, kind: string, reason: string | null, actor = currentActor()): AnalystKind {
  if (!(ASSIGNABLE_KINDS as readonly string[]).includes(kind))
    throw new ApiError('bad-input', `unknown kind "${kind}" (one of ${ASSIGNABLE_KINDS.join(', ')})`);
  requireIdentity(db, nodeKey);
  const row: AnalystKind = { id: nodeKey, kind, reason, actor, at: new Date().toISOString() };
  db.transaction(() => {
    const before = identitySubkind(db, nodeKey);
    upsertKindOverride(db, { nodeKey, kind, reason, actor, at: row.at });
    appendAudit(db, 'identity.kind', { node: nodeKey, from: before, kind, reason }, actor);
    classifyIdentities(db);
  })();
  return row;
}

/** Removes the analyst's choice; the classifier decides again. Returns the kind the identity has now. */
export function clearAnalystKind(db: Database.Database, nodeKey: string, actor = currentActor()): { id: string; kind: string | null } {
  let kind: string | null = null;
  db.transaction(() => {
    if (!deleteKindOverride(db, nodeKey)) throw new ApiError('not-found', `"${nodeKey}" has no kind set by an analyst`);
    appendAudit(db, 'identity.kind-cleared', { node: nodeKey }, actor);
    classifyIdentities(db);
    kind = identitySubkind(db, nodeKey);
  })();
  return { id: nodeKey, kind };
}

/** Replaces the case's naming conventions (null: back to the defaults), audited, and classifies again. */
export function setNamePatterns(db: Database.Database, patterns: readonly NamePattern[] | null, actor = currentActor()): { changed: number } {
  let changed = 0;
  db.transaction(() => {
    saveNamePatterns(db, patterns);
    appendAudit(db, 'identity.name-patterns', { patterns: patterns ?? 'defaults' }, actor);
    changed = classifyIdentities(db).changed;
  })();
  return { changed };
}

function requireIdentity(db: Database.Database, nodeKey: string): void {
  const kind = nodeKindByKey(db, nodeKey);
  if (kind === undefined) throw new ApiError('not-found', `no identity "${nodeKey}" in the case`);
  if (kind !== 'identity') throw new ApiError('bad-input', `"${nodeKey}" is a ${kind}, not an identity`);
}

/** The key of the node an analyst named by key or by another name (UPN, ARN, object id); the ref itself when unknown. */
export function identityKey(db: Database.Database, ref: string): string {
  return nodeKeyByRef(db, ref) ?? ref;
}
