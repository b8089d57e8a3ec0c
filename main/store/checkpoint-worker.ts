// Worker thread that copies a case's write-ahead log into the case file on its own connection, so the thread that
// committed (an import of millions of rows) returns without waiting for it. SQLite's WAL design allows a checkpoint
// to run beside readers and a writer; PASSIVE never blocks them and leaves whatever it cannot copy for later.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointResult } from './background-checkpoint.ts';

const db = new Database(workerData as string, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
  parentPort!.postMessage(result);
} finally {
  db.close();
}
