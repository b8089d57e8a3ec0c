// The object the preload exposes as `window.blastmap`: exactly BlastmapBridge (shared/api/transport.ts).
// Built from a minimal IPC surface so the renderer never touches ipcRenderer, events or Node objects.
import type { ProgressEvent } from '../../shared/api/import.ts';
import type { BlastmapBridge, WireResult } from '../../shared/api/transport.ts';
import { CHANNELS } from './ipc-channels.ts';

/** The parts of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: any[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: any[]) => void): unknown;
}

export const BRIDGE_KEYS = ['invoke', 'cancel', 'onProgress', 'onFiles'] as const;

/**
 * `dropped` hands paths of files dropped on the window to the main process, which grants them to the engine
 * (file-boundary.ts) and sends them back on the files channel, so they reach onFiles like the menu's.
 */
export function createBridge(ipc: BridgeIpc): { bridge: BlastmapBridge; dropped(paths: string[]): void } {
  let progressListener: ((event: unknown, callId: string, progress: ProgressEvent) => void) | null = null;
  const fileListeners = new Set<(paths: string[]) => void>();
  const deliverFiles = (paths: string[]) => {
    const clean = paths.filter((p) => typeof p === 'string' && p.length > 0);
    if (clean.length) for (const l of fileListeners) l([...clean]);
  };
  ipc.on(CHANNELS.files, (_event, paths: unknown) => {
    if (Array.isArray(paths)) deliverFiles(paths as string[]);
  });

  const bridge: BlastmapBridge = {
    invoke: (callId, method, params) => ipc.invoke(CHANNELS.invoke, String(callId), String(method), params) as Promise<WireResult>,
    cancel: (callId) => ipc.send(CHANNELS.cancel, String(callId)),
    onProgress: (listener) => {
      if (progressListener) ipc.removeListener(CHANNELS.progress, progressListener);
      const wrapped = (_event: unknown, callId: string, progress: ProgressEvent) => listener(callId, progress);
      progressListener = wrapped;
      ipc.on(CHANNELS.progress, wrapped);
      return () => {
        ipc.removeListener(CHANNELS.progress, wrapped);
        if (progressListener === wrapped) progressListener = null;
      };
    },
    onFiles: (listener) => {
      const own = (paths: string[]) => listener(paths);
      fileListeners.add(own);
      return () => {
        fileListeners.delete(own);
      };
    },
  };
  const dropped = (paths: string[]) => {
    const clean = paths.filter((p) => typeof p === 'string' && p.length > 0);
    if (clean.length) ipc.send(CHANNELS.dropped, clean);
  };
  return { bridge, dropped };
}
