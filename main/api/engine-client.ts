// Client side of the engine worker: typed calls with progress callbacks and cancellation.
// Used by the Electron shell and the HTTP server; the CLI calls the handlers in-process.
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorCode, type Method, type Result } from '../../shared/api/contract.ts';
import type { ProgressEvent } from '../../shared/api/import.ts';
import type { Grant } from './file-boundary.ts';
import { MAX_REQUEST_DEPTH, nestedDeeperThan } from './request-depth.ts';
import type { WorkerMessage, WorkerRequest } from './worker.ts';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: (e: ProgressEvent) => void;
}

export class EngineClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /**
   * `evidence`: the engine refuses every write, to any case or file, for its whole life (serve --read-only).
   * `grants`: the paths requests may name from the start; more are added with grant(). The engine behind a
   * client always has a file boundary: its requests come from a UI, not from the analyst's command line.
   */
  constructor(options: { evidence?: boolean; grants?: Grant[] } = {}) {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: { evidence: options.evidence ?? false, grants: options.grants ?? [] },
    });
    this.worker.on('message', (msg: WorkerMessage) => this.receive(msg));
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => this.failAll(new ApiError('internal', `engine stopped (exit ${code})`)));
  }

  call<M extends Method>(method: M | string, params: unknown, onProgress?: (e: ProgressEvent) => void): { id: number; result: Promise<Result<M>> } {
    const id = this.nextId++;
    if (nestedDeeperThan(params)) {
      return {
        id,
        result: Promise.reject(
          new ApiError('bad-request', `invalid parameters for ${String(method).slice(0, 80)}: nested deeper than ${MAX_REQUEST_DEPTH} levels`),
        ),
      };
    }
    const result = new Promise<Result<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
    });
    try {
      this.worker.postMessage({ type: 'call', id, method, params } satisfies WorkerRequest);
    } catch (err) {
      // Not cloneable (functions, symbols…): answered, and no pending entry is left behind.
      this.pending.delete(id);
      return {
        id,
        result: Promise.reject(new ApiError('bad-request', `invalid parameters for ${String(method).slice(0, 80)}: ${(err as Error).message}`)),
      };
    }
    return { id, result };
  }

  request<M extends Method>(method: M, params: unknown, onProgress?: (e: ProgressEvent) => void): Promise<Result<M>> {
    return this.call<M>(method, params, onProgress).result;
  }

  cancel(id: number): void {
    this.worker.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
  }

  /** Lets later requests name these paths (what the analyst chose in a dialog, dropped or uploaded). */
  grant(grants: Grant[]): void {
    if (grants.length) this.worker.postMessage({ type: 'grant', grants } satisfies WorkerRequest);
  }

  async close(): Promise<void> {
    try {
      await this.request('case.close', {});
    } catch {
      // closing a broken engine is still closing
    }
    await this.worker.terminate();
  }

  private receive(msg: WorkerMessage): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.event as ProgressEvent);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new ApiError(msg.error.code as ApiErrorCode, msg.error.message));
  }

  private failAll(err: unknown): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
