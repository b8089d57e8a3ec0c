// How the renderer reaches the engine, whatever carries the call (Electron IPC or loopback HTTP).
// The renderer codes against ApiTransport; main/electron and main/server implement the wire below.
import type { Method, Params, Result } from './contract.ts';
import type { ProgressEvent } from './import.ts';

export interface CallHandle<T> {
  result: Promise<T>;
  cancel(): void;
}

export interface ApiTransport {
  call<M extends Method>(method: M, params: Params<M>, onProgress?: (event: ProgressEvent) => void): CallHandle<Result<M>>;
}

/**
 * Electron: the preload exposes exactly this object as `window.blastmap` (contextBridge), nothing else.
 * invoke() resolves with the wire response line (below); progress for a call arrives via onProgress.
 */
export interface BlastmapBridge {
  invoke(callId: string, method: string, params: unknown): Promise<WireResult>;
  cancel(callId: string): void;
  /** Registers the single progress listener; returns a function that removes it. */
  onProgress(listener: (callId: string, event: ProgressEvent) => void): () => void;
  /** Files dropped on the window or picked in a native dialog arrive as paths (Electron only). */
  onFiles?(listener: (paths: string[]) => void): () => void;
}

/**
 * HTTP (browser mode, `blastmap serve`), loopback only:
 * - Every request needs the session token: `Authorization: Bearer <token>`, or the `blastmap_token` cookie that the
 *   server sets (HttpOnly, SameSite=Strict) when the page is first opened with `?token=<token>`.
 * - `POST /api/call` with JSON body `{"id": "<client call id>", "method": "...", "params": {...}}` answers
 *   `application/x-ndjson`: zero or more `{"progress": ProgressEvent}` lines, then exactly one WireResult line.
 * - `POST /api/cancel` with `{"id": "<client call id>"}` cancels a running call.
 * - `POST /api/upload?name=<file name>` with the raw file bytes stores the file in the server's private upload
 *   folder and answers `{"path": "<server-side path>"}` for use in `import.files` (browser mode cannot see disk paths).
 */
export type WireResult = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };
