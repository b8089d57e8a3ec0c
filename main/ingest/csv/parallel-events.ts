// Imports a large auth_events CSV with parsing in a worker thread (parse-worker.ts) and writing here.
// Each acknowledged batch frees the worker to parse the next, so at most a few batches are in memory.
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/contract.ts';
import type { ImportContext } from '../importer.ts';
import { loadNormalisedEvent } from './auth-event-row.ts';
import type { ParseJob, ParseMessage } from './parse-worker.ts';

export function parseInWorker(ctx: ImportContext, columns: Record<string, number>): Promise<void> {
  const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: { path: ctx.path, columns } satisfies ParseJob });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new ApiError('cancelled', 'import cancelled'));
    ctx.signal.addEventListener('abort', onAbort);
    worker.on('error', (e) => finish(new ApiError('bad-input', `${ctx.fileName}: cannot parse: ${e.message}`)));
    worker.on('message', (m: ParseMessage) => {
      if (settled) return;
      if (m.type === 'done') return finish();
      if (m.type === 'error') return finish(new ApiError('bad-input', `${ctx.fileName}: cannot parse as CSV: ${m.message}`));
      try {
        for (let i = 0; i < m.records; i++) ctx.countRow();
        ctx.progress(m.bytes);
        for (let i = 0; i < m.events.length; i++) loadNormalisedEvent(m.events[i], m.rows[i], ctx.writer);
        for (const [row, reason, excerpt] of m.rejects) ctx.writer.reject(`row ${row}`, reason, excerpt);
        worker.postMessage('ack');
      } catch (e) {
        finish(e);
      }
    });
  });
}
