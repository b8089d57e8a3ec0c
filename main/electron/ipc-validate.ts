// Every IPC message from a renderer is checked here before it reaches the engine: it must come from the
// main frame of our own app:// page, carry a well-formed call id, and name a method with parameters that
// match the API contract (shared/api/contract.ts). Anything else is answered with an error, never run.
import { ApiError, parseRequest, type Method, type Params } from '../../shared/api/contract.ts';
import type { WireResult } from '../../shared/api/transport.ts';
import { isAppUrl } from './navigation-policy.ts';

export interface SenderInfo {
  /** URL of the frame that sent the message (event.senderFrame.url). */
  frameUrl: string | undefined;
  /** Whether that frame is the top frame of one of our windows. */
  isMainFrame: boolean;
}

export type ValidInvoke<M extends Method = Method> = { ok: true; callId: string; method: M; params: Params<M> };

export function validateInvoke(
  sender: SenderInfo,
  callId: unknown,
  method: unknown,
  params: unknown,
): ValidInvoke | { ok: false; response: WireResult } {
  const senderProblem = checkSender(sender);
  if (senderProblem) return refuse('forbidden', senderProblem);
  if (!isCallId(callId)) return refuse('bad-request', 'call id must be a string of 1–128 characters');
  try {
    const request = parseRequest(method, params);
    return { ok: true, callId, method: request.method, params: request.params };
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError('bad-request', 'invalid request');
    return refuse(e.code, e.message);
  }
}

export function validateCancel(sender: SenderInfo, callId: unknown): string | null {
  return checkSender(sender) === null && isCallId(callId) ? callId : null;
}

/**
 * Paths of files dropped on the window, as the preload reports them (webUtils.getPathForFile): absolute,
 * bounded, no NUL. Null when the sender is not our page; the main process grants what passes (file-boundary.ts).
 */
export function validateDropped(sender: SenderInfo, paths: unknown): string[] | null {
  if (checkSender(sender) !== null || !Array.isArray(paths) || paths.length > 10_000) return null;
  const clean = paths.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 4096 && !p.includes('\0') && isAbsolutePath(p));
  return clean.length ? clean : null;
}

/** POSIX `/…`, Windows `C:\…` or `\\server\share`: a drop never yields a relative path. */
function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

export function checkSender(sender: SenderInfo): string | null {
  if (!sender.isMainFrame) return 'IPC is accepted only from the main frame';
  if (!sender.frameUrl || !isAppUrl(sender.frameUrl)) return 'IPC is accepted only from the app:// page';
  return null;
}

export function isCallId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 128;
}

function refuse(code: string, message: string): { ok: false; response: WireResult } {
  return { ok: false, response: { ok: false, error: { code, message } } };
}
