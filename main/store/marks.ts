// Analyst marks on nodes (compromised, crown-jewel, trusted): who, when, why. Every change is audited.
// Marks do not change the analysis graph, so they never invalidate it; @entry/@crown read them live.
import type Database from 'better-sqlite3';
import { ApiError } from '../../shared/api/contract.ts';
import type { Mark } from '../../shared/model.ts';
import { appendAudit, currentActor, type CaseFile } from './case-file.ts';

export interface MarkRow {
  id: string;
  mark: Mark;
  reason: string | null;
  actor: string;
  at: string;
}

export function setMark(kase: CaseFile, nodeKey: string, mark: Mark, reason: string | null = null, actor = currentActor()): MarkRow {
  const row: MarkRow = { id: nodeKey, mark, reason, actor, at: new Date().toISOString() };
  kase.db.transaction(() => {
    kase.db
      .prepare(
        `INSERT INTO mark (node_key, mark, reason, actor, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (node_key, mark) DO UPDATE SET reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
      )
      .run(nodeKey, mark, reason, actor, row.at);
    appendAudit(kase.db, 'graph.mark', { node: nodeKey, mark, reason }, actor);
  })();
  return row;
}

/** Removes one mark, or every mark on the node when `mark` is omitted. Returns how many were removed. */
export function removeMark(kase: CaseFile, nodeKey: string, mark?: Mark, actor = currentActor()): number {
  let removed = 0;
  kase.db.transaction(() => {
    removed = mark
      ? kase.db.prepare('DELETE FROM mark WHERE node_key = ? AND mark = ?').run(nodeKey, mark).changes
      : kase.db.prepare('DELETE FROM mark WHERE node_key = ?').run(nodeKey).changes;
    if (removed) appendAudit(kase.db, 'graph.unmark', { node: nodeKey, mark: mark ?? 'all', removed }, actor);
  })();
  if (!removed) throw new ApiError('not-found', `"${nodeKey}" has no ${mark ?? ''} mark`.replace('  ', ' '));
  return removed;
}

export function listMarks(kase: CaseFile, nodeKey?: string): MarkRow[] {
  const sql = `SELECT node_key AS id, mark, reason, actor, at FROM mark ${nodeKey === undefined ? '' : 'WHERE node_key = ?'} ORDER BY at, node_key`;
  const stmt = kase.db.prepare(sql);
  return (nodeKey === undefined ? stmt.all() : stmt.all(nodeKey)) as MarkRow[];
}

/** Keys of the nodes carrying one mark: @entry, @crown and the severity policy read these live. */
export function markedKeys(db: Database.Database, mark: Mark): string[] {
  return db.prepare('SELECT node_key FROM mark WHERE mark = ?').pluck().all(mark) as string[];
}
