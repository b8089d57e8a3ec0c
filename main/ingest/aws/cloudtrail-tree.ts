// The importing side of a CloudTrail S3 tree: one worker (cloudtrail-tree-worker.ts) reads the tree's objects
// ahead, in the order the import takes them, while this thread writes. A file the import skips (already
// imported, a digest, another format) is passed over; a file the worker leaves (`fallback`) or any trouble with
// the worker makes the importer read that file itself, so nothing is lost or read differently.
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/contract.ts';
import { inflateLimits } from '../file-source.ts';
import type { ImportContext } from '../importer.ts';
import type { TrailLoader } from './cloudtrail-load.ts';
import type { TrailTreeJob, TrailTreeMessage } from './cloudtrail-batch.ts';
import { BatchDecoder, whereOf } from './cloudtrail-parallel.ts';

/** How CloudTrail names the objects it delivers: <account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<id>.json.gz */
export const CLOUDTRAIL_OBJECT_NAME = /^\d{12}_CloudTrail_[a-z0-9-]+_\d{8}T\d{4}Z_[A-Za-z0-9]+\.json(\.gz)?$/;

/** Below this many objects ahead, starting a worker costs more than it saves. */
export const MIN_TREE_OBJECTS = 8;

/** Files written from a tree worker's reading in this process (a diagnostic the tests read). */
export const treeStats = { filesFromWorker: 0 };

export class TrailTreeReader {
  private readonly worker: Worker;
  private readonly position = new Map<string, number>();
  private readonly queue: TrailTreeMessage[] = [];
  private wake: (() => void) | null = null;
  private broken = false;
  private decoder: BatchDecoder | null = null;

  constructor(files: readonly string[]) {
    files.forEach((f, i) => this.position.set(f, i));
    const job: TrailTreeJob = { files: [...files], inflate: inflateLimits() };
    this.worker = new Worker(new URL('./cloudtrail-tree-worker.ts', import.meta.url), { workerData: job });
    this.worker.unref();
    this.worker.on('message', (m: TrailTreeMessage) => this.push(m));
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
  }

  /** Whether the worker reads this file (it was in the list and the worker still works). */
  covers(path: string): boolean {
    return !this.broken && this.position.has(path);
  }

  /**
   * Writes the file's records as the worker read them. False when the worker left the file (or stopped): the
   * caller then reads it itself, and nothing of it has been written here.
   */
  async load(ctx: ImportContext, loader: TrailLoader): Promise<boolean> {
    const target = this.position.get(ctx.path);
    if (target === undefined || this.broken) return false;
    if (this.decoder) this.decoder.rebind(ctx.writer, loader);
    else this.decoder = new BatchDecoder(ctx.writer, loader);
    for (;;) {
      if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
      const m = this.queue.shift() ?? (await this.next());
      if (!m) return false;
      if (m.type === 'batch') {
        this.decoder.absorb(m);
        if (m.file === target) {
          for (let i = 0; i < m.records; i++) ctx.countRow();
          ctx.progress(m.bytes);
          this.decoder.write(m);
          for (const [line, reason, excerpt] of m.rejects) ctx.writer.reject(whereOf(m, line), reason, excerpt);
        }
        this.worker.postMessage('ack');
        continue;
      }
      if (m.file < target) continue; // a file the import passed over
      if (m.file > target) return false; // cannot happen while files are taken in order; read it here if it does
      if (m.type !== 'file-done') return false;
      treeStats.filesFromWorker++;
      return true;
    }
  }

  close(): void {
    this.broken = true;
    void this.worker.terminate();
  }

  private push(m: TrailTreeMessage): void {
    this.queue.push(m);
    this.wake?.();
  }

  private fail(): void {
    this.broken = true;
    this.wake?.();
  }

  private next(): Promise<TrailTreeMessage | undefined> {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.broken) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve(this.queue.shift());
      };
    });
  }
}
