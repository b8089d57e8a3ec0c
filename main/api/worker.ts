// Worker-thread host for the engine: better-sqlite3 is synchronous, so the engine lives here and
// the Electron main process, the HTTP server and the UI never block on it.
// Requests run one at a time (an import holds a transaction across awaits); cancels jump the queue.
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch, toApiError } from './dispatch.ts';
import type { Grant } from './file-boundary.ts';
import { Session } from './session.ts';

export type WorkerRequest =
  | { type: 'call'; id: number; method: string; params: unknown }
  | { type: 'cancel'; id: number }
  /** From the shell (never from a UI request): paths the analyst chose, see file-boundary.ts. */
  | { type: 'grant'; grants: Grant[] };

export type WorkerMessage =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string } }
  | { type: 'progress'; id: number; event: unknown };

const port = parentPort;
if (!port) throw new Error('main/api/worker.ts must run in a worker thread');

/** Fixed when the worker starts (EngineClient options); no request can change it. */
const data = workerData as { evidence?: boolean; grants?: Grant[] } | null;
const session = new Session({ evidence: data?.evidence === true, grants: Array.isArray(data?.grants) ? data.grants : undefined });
const controllers = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: WorkerRequest) => {
  if (msg?.type === 'cancel') {
    controllers.get(msg.id)?.abort();
    return;
  }
  // Applied at once: a grant posted before a call is in place when the call runs (messages arrive in order).
  if (msg?.type === 'grant') {
    if (Array.isArray(msg.grants)) for (const g of msg.grants) session.boundary?.grant(g);
    return;
  }
  if (msg?.type !== 'call' || typeof msg.id !== 'number') return;
  const controller = new AbortController();
  controllers.set(msg.id, controller);
  queue = queue.then(() => handle(msg, controller));
});

async function handle(msg: Extract<WorkerRequest, { type: 'call' }>, controller: AbortController): Promise<void> {
  // A screen the analyst left cancels its calls, but a synchronous handler cannot notice: the cancel lands in the
  // message queue behind it. Let those messages in first, and skip a call cancelled while it waited its turn, so
  // the next screen's calls do not wait behind answers nobody will read.
  await new Promise((resolve) => setImmediate(resolve));
  if (controller.signal.aborted) {
    controllers.delete(msg.id);
    const error = { code: 'cancelled', message: `${msg.method} cancelled before it started` };
    port!.postMessage({ type: 'result', id: msg.id, ok: false, error } satisfies WorkerMessage);
    return;
  }
  session.signal = controller.signal;
  session.progress = (event) => port!.postMessage({ type: 'progress', id: msg.id, event } satisfies WorkerMessage);
  try {
    const result = await dispatch(session, msg.method, msg.params);
    port!.postMessage({ type: 'result', id: msg.id, ok: true, result } satisfies WorkerMessage);
  } catch (err) {
    const e = toApiError(err);
    port!.postMessage({ type: 'result', id: msg.id, ok: false, error: { code: e.code, message: e.message } } satisfies WorkerMessage);
  } finally {
    controllers.delete(msg.id);
  }
}
