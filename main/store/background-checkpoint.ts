// A big import commits with automatic checkpoints off and then checkpoints in a worker (checkpoint-worker.ts):
// the data is committed and visible either way; only the copy from the log into the file moves off the import.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's default: a commit checkpoints once the log holds this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** Runs `commit` without the automatic checkpoint it would otherwise end with. */
export function commitWithoutCheckpoint(db: Database.Database, commit: () => void): void {
  db.pragma('wal_autocheckpoint = 0');
  try {
    commit();
  } finally {
    db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  }
}

/** Checkpoints the case at `path` on another thread; resolves with SQLite's counts (failures resolve to null). */
export function checkpointInBackground(path: string): Promise<CheckpointResult | null> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), { workerData: path });
    worker.once('message', (r: CheckpointResult) => resolve(r));
    // Nothing is lost when it fails: the log stays valid and the next commit or close checkpoints it.
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}
