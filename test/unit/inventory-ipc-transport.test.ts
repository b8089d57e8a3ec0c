// The desktop transport: calls go through the preload bridge only, progress reaches the call that asked for
// it, errors come back as ApiError with their code, and cancel names the right call.
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../shared/api/import.ts';
import type { BlastmapBridge, WireResult } from '../../shared/api/transport.ts';
import { IpcTransport } from '../../renderer/api/ipc-transport.ts';

function fakeBridge() {
  let listener: ((callId: string, event: ProgressEvent) => void) | null = null;
  const pending = new Map<string, (line: WireResult) => void>();
  const cancelled: string[] = [];
  const bridge: BlastmapBridge = {
    invoke: (callId) => new Promise((resolve) => pending.set(callId, resolve)),
    cancel: (callId) => cancelled.push(callId),
    onProgress: (l) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
  };
  return { bridge, pending, cancelled, emit: (id: string, e: ProgressEvent) => listener?.(id, e) };
}

describe('IpcTransport', () => {
  it('routes progress to its own call and resolves with the result', async () => {
    const f = fakeBridge();
    const t = new IpcTransport(f.bridge);
    const seenA: ProgressEvent[] = [];
    const seenB: ProgressEvent[] = [];
    const a = t.call('case.info', {}, (e) => seenA.push(e));
    const b = t.call('case.sources', {}, (e) => seenB.push(e));
    const [idA, idB] = [...f.pending.keys()];
    f.emit(idB, { task: 'import', done: 1, total: 2 });
    f.emit(idA, { task: 'import', done: 5, total: 10 });
    f.pending.get(idA)!({ ok: true, result: { path: 'x' } });
    expect(await a.result).toEqual({ path: 'x' });
    expect(seenA.map((e) => e.done)).toEqual([5]);
    expect(seenB.map((e) => e.done)).toEqual([1]);
    b.cancel();
    expect(f.cancelled).toEqual([idB]);
  });

  it("turns a wire error into an ApiError with the engine's code", async () => {
    const f = fakeBridge();
    const t = new IpcTransport(f.bridge);
    const call = t.call('case.info', {});
    const [id] = f.pending.keys();
    f.pending.get(id)!({ ok: false, error: { code: 'no-case', message: 'no case is open' } });
    await expect(call.result).rejects.toMatchObject({ name: 'ApiError', code: 'no-case', message: 'no case is open' });
  });
});
