// The importing side of a parse worker: each batch a worker sends is handled here in order and then
// acknowledged (which lets the worker read on: batch-credit.ts), a cancel or any failure stops every worker,
// and the import goes on once all of them have said 'done'.
import type { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/api/contract.ts';
import type { ImportContext } from './importer.ts';

export type WorkerMessage<B extends { type: 'batch' }> =
  B | { type: 'done' } | { type: 'error'; message: string } | { type: 'warning'; message: string };

export interface HostedWorker<B extends { type: 'batch' }> {
  worker: Worker;
  /** Writes one batch; throwing fails the import. */
  onBatch: (batch: B) => void;
}

/** How a failure reads after the file name: a worker that crashed, and one that reported an error. */
export interface FailureWording {
  crash: string;
  error: string;
}

export function hostParseWorkers<B extends { type: 'batch' }>(ctx: ImportContext, hosted: HostedWorker<B>[], wording: FailureWording): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let running = hosted.length;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      for (const { worker } of hosted) void worker.terminate();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new ApiError('cancelled', 'import cancelled'));
    ctx.signal.addEventListener('abort', onAbort);
    for (const { worker, onBatch } of hosted) {
      worker.on('error', (e) => finish(new ApiError('bad-input', `${ctx.fileName}: ${wording.crash}: ${e.message}`)));
      worker.on('message', (m: WorkerMessage<B>) => {
        if (settled) return;
        if (m.type === 'done') {
          if (--running === 0) finish();
          return;
        }
        if (m.type === 'error') return finish(new ApiError('bad-input', `${ctx.fileName}: ${wording.error}: ${m.message}`));
        if (m.type === 'warning') {
          ctx.warn(m.message);
          return;
        }
        try {
          onBatch(m);
          worker.postMessage('ack');
        } catch (e) {
          finish(e);
        }
      });
    }
  });
}
