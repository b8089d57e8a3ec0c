// The renderer's one door to the engine: whichever transport this window has (Electron IPC or HTTP).
import type { Method, Params, Result } from '../../shared/api/contract.ts';
import type { ProgressEvent } from '../../shared/api/import.ts';
import type { ApiTransport, CallHandle } from '../../shared/api/transport.ts';
import { HttpTransport } from './http-transport.ts';
import { IpcTransport, electronBridge } from './ipc-transport.ts';

let transport: ApiTransport | null = null;

export function connect(): ApiTransport {
  const bridge = electronBridge();
  if (bridge) {
    transport = new IpcTransport(bridge);
  } else {
    const url = new URL(location.href);
    const token = url.searchParams.get('token');
    // Keep the token out of history and screenshots; the server's cookie carries the session from here on.
    if (token) {
      url.searchParams.delete('token');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    transport = new HttpTransport(token);
  }
  return transport;
}

export function call<M extends Method>(method: M, params: Params<M>, onProgress?: (event: ProgressEvent) => void): CallHandle<Result<M>> {
  if (!transport) connect();
  return transport!.call(method, params, onProgress);
}

export function request<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
  return call(method, params).result;
}

/** True in the desktop app, where files arrive as paths; false in browser mode, where they are uploaded. */
export function isDesktop(): boolean {
  return electronBridge() !== null;
}

export function uploadFile(file: File): Promise<string> {
  if (!(transport instanceof HttpTransport)) throw new Error('uploads exist only in browser mode');
  return transport.upload(file);
}
