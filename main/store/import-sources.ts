// The source table as the import runner (main/ingest/run-import.ts) uses it: one row per imported file, written
// 'importing' when the file starts and completed with its counts when it is in; looked up by sha256 so the same
// bytes are never imported twice. All of it runs inside the import's transaction.
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

export interface ImportingSource {
  fileName: string;
  path: string;
  /** The file's sha256, or a unique stand-in until the background hash is in (sha256 is unique per format). */
  sha256: string;
  bytes: number;
  format: string;
  detectReason: string;
  importedAt: string;
  /** The import options, JSON. */
  options: string;
}

export interface CompletedSource {
  id: number;
  format: string;
  imported_at: string;
}

/** Whether the source is still in the case (a file rolled back with --keep-going is not); prepared once per batch. */
export function sourceKeptCheck(db: Database.Database): (sourceId: number) => boolean {
  const kept = prepared(db, 'SELECT 1 FROM source WHERE id = ?').pluck();
  return (sourceId) => !!kept.get(sourceId);
}

/** Whether a completed source may have these bytes by its size (sources from before sizes were kept may). */
export function completedSourceOfSizeExists(db: Database.Database, bytes: number): boolean {
  return prepared(db, `SELECT 1 FROM source WHERE status = 'complete' AND (bytes IS NULL OR bytes = ?) LIMIT 1`).get(bytes) !== undefined;
}

/** The completed source with these bytes, if any. */
export function completedSourceBySha256(db: Database.Database, sha256: string): CompletedSource | undefined {
  return prepared(db, 'SELECT id, format, imported_at FROM source WHERE sha256 = ? AND status = ?').get(sha256, 'complete') as
    CompletedSource | undefined;
}

/** The options an earlier import of the source was given (JSON), or null. */
export function sourceOptionsJson(db: Database.Database, sourceId: number): string | null {
  return prepared(db, 'SELECT options FROM source WHERE id = ?').pluck().get(sourceId) as string | null;
}

/** The row of a file being imported now; returns its id. */
export function insertImportingSource(db: Database.Database, s: ImportingSource): number {
  return Number(
    prepared(
      db,
      `INSERT INTO source (file_name, path, sha256, bytes, format, detect_reason, imported_at, status, options)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'importing', ?)`,
    ).run(s.fileName, s.path, s.sha256, s.bytes, s.format, s.detectReason, s.importedAt, s.options).lastInsertRowid,
  );
}

/** The file is in: its counts, its warnings (JSON or null) and status 'complete'. */
export function completeSource(
  db: Database.Database,
  sourceId: number,
  c: { rows: number; loaded: number; rejected: number; warnings: string | null },
): void {
  prepared(db, 'UPDATE source SET rows = ?, loaded = ?, rejected = ?, status = ?, warnings = ? WHERE id = ?').run(
    c.rows,
    c.loaded,
    c.rejected,
    'complete',
    c.warnings,
    sourceId,
  );
}

/** The background hash is in: it replaces the stand-in. */
export function setSourceSha256(db: Database.Database, sourceId: number, sha256: string): void {
  db.prepare('UPDATE source SET sha256 = ? WHERE id = ?').run(sha256, sourceId);
}

/** The first reasons the source's rows were rejected, in file order. */
export function firstRejectReasons(db: Database.Database, sourceId: number, limit: number): { locator: string; reason: string }[] {
  return db.prepare('SELECT locator, reason FROM reject WHERE source_id = ? ORDER BY id LIMIT ?').all(sourceId, limit) as {
    locator: string;
    reason: string;
  }[];
}
