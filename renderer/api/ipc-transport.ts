// Electron: the API through the preload's contextBridge object (window.blastmap), nothing else.
import type { Method, Params, Result } from '../../shared/api/contract.ts';
import type { ProgressEvent } from '../../shared/api/import.ts';
import type { ApiTransport, BlastmapBridge, CallHandle } from '../../shared/api/transport.ts';
import { unwrap } from './http-transport.ts';

export class IpcTransport implements ApiTransport {
  private readonly bridge: BlastmapBridge;
  private readonly listeners = new Map<string, (event: ProgressEvent) => void>();
  private seq = 0;

  constructor(bridge: BlastmapBridge) {
    this.bridge = bridge;
    // One bridge listener fans progress out to the call that asked for it.
    bridge.onProgress((callId, event) => this.listeners.get(callId)?.(event));
  }

  call<M extends Method>(method: M, params: Params<M>, onProgress?: (event: ProgressEvent) => void): CallHandle<Result<M>> {
    const id = `i${++this.seq}`;
    if (onProgress) this.listeners.set(id, onProgress);
    const result = this.bridge
      .invoke(id, method, params)
      .then((line) => unwrap<Result<M>>(line))
      .finally(() => this.listeners.delete(id));
    return { result, cancel: () => this.bridge.cancel(id) };
  }
}

export function electronBridge(): BlastmapBridge | null {
  return (globalThis as { blastmap?: BlastmapBridge }).blastmap ?? null;
}
