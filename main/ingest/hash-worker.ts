// Worker thread that computes a file's sha256 while the import thread and the parse workers load it.
import { parentPort, workerData } from 'node:worker_threads';
import { sha256File } from './file-source.ts';

sha256File(workerData as string).then(
  (sha256) => parentPort!.postMessage({ sha256 }),
  (e: Error) => parentPort!.postMessage({ error: e.message }),
);
