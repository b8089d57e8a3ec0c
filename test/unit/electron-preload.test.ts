// The built preload (dist/electron/preload.cjs) exposes exactly the BlastmapBridge as window.blastmap.
// Electron cannot run here, so the bundle runs in a VM context whose `electron` module records what
// the preload does; everything the preload touches is observed, nothing is faked into passing.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_KEYS } from '../../main/electron/bridge.ts';
import { CHANNELS } from '../../main/electron/ipc-channels.ts';
import { buildElectron } from '../../scripts/build.ts';
import type { BlastmapBridge } from '../../shared/api/transport.ts';
import { ROOT } from '../helpers.ts';

interface Loaded {
  exposed: [string, unknown][];
  required: string[];
  sent: unknown[][];
  listeners: Map<string, ((...args: unknown[]) => void)[]>;
  windowListeners: Map<string, (event: unknown) => void>;
}

function loadPreload(): Loaded {
  const loaded: Loaded = { exposed: [], required: [], sent: [], listeners: new Map(), windowListeners: new Map() };
  const ipcRenderer = {
    invoke: async (...args: unknown[]) => {
      loaded.sent.push(['invoke', ...args]);
      return { ok: true, result: 'r' };
    },
    send: (...args: unknown[]) => loaded.sent.push(['send', ...args]),
    on: (channel: string, l: (...args: unknown[]) => void) => loaded.listeners.set(channel, [...(loaded.listeners.get(channel) ?? []), l]),
    removeListener: (channel: string, l: (...args: unknown[]) => void) =>
      loaded.listeners.set(
        channel,
        (loaded.listeners.get(channel) ?? []).filter((x) => x !== l),
      ),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => loaded.exposed.push([name, api]) },
    ipcRenderer,
    webUtils: { getPathForFile: (f: { fakePath: string }) => f.fakePath },
  };
  const sandbox = {
    require: (name: string) => {
      loaded.required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    },
    module: { exports: {} },
    exports: {},
    window: { addEventListener: (type: string, l: (event: unknown) => void) => loaded.windowListeners.set(type, l) },
  };
  const code = fs.readFileSync(path.join(ROOT, 'dist', 'electron', 'preload.cjs'), 'utf8');
  vm.runInNewContext(code, sandbox, { filename: 'preload.cjs' });
  return loaded;
}

beforeAll(async () => {
  await buildElectron();
});

describe('Electron preload', () => {
  it('requires only electron and exposes exactly one object, window.blastmap, with only the bridge keys', () => {
    const loaded = loadPreload();
    expect([...new Set(loaded.required)]).toEqual(['electron']);
    expect(loaded.exposed.map(([name]) => name)).toEqual(['blastmap']);
    const bridge = loaded.exposed[0][1] as Record<string, unknown>;
    const contract: (keyof BlastmapBridge)[] = ['invoke', 'cancel', 'onProgress', 'onFiles'];
    expect(Object.keys(bridge).sort()).toEqual([...contract].sort());
    expect([...BRIDGE_KEYS].sort()).toEqual([...contract].sort());
    for (const key of contract) expect(typeof bridge[key]).toBe('function');
  });

  it('forwards calls on the fixed channels and delivers progress, menu files and dropped files', async () => {
    const loaded = loadPreload();
    const bridge = loaded.exposed[0][1] as BlastmapBridge;
    expect(await bridge.invoke('c1', 'case.info', {})).toEqual({ ok: true, result: 'r' });
    bridge.cancel('c1');
    expect(loaded.sent).toEqual([
      ['invoke', CHANNELS.invoke, 'c1', 'case.info', {}],
      ['send', CHANNELS.cancel, 'c1'],
    ]);

    const progress: unknown[] = [];
    const off = bridge.onProgress((id, e) => progress.push([id, e.done]));
    for (const l of loaded.listeners.get(CHANNELS.progress) ?? []) l({ sender: 'ipc-event' }, 'c1', { task: 'import', done: 5, total: 10 });
    expect(progress).toEqual([['c1', 5]]);
    off();
    expect(loaded.listeners.get(CHANNELS.progress)).toEqual([]);

    const files: string[][] = [];
    bridge.onFiles!((paths) => files.push(paths));
    for (const l of loaded.listeners.get(CHANNELS.files) ?? []) l({}, ['/evidence/a.csv']);
    let prevented = 0;
    loaded.windowListeners.get('drop')!({ preventDefault: () => prevented++, dataTransfer: { files: [{ fakePath: '/evidence/b.json' }] } });
    // A drop goes to the main process first, which grants the paths to the engine and sends them back on the
    // files channel: the page never hands the engine a path the shell did not see.
    expect(files).toEqual([['/evidence/a.csv']]);
    expect(loaded.sent.at(-1)).toEqual(['send', CHANNELS.dropped, ['/evidence/b.json']]);
    for (const l of loaded.listeners.get(CHANNELS.files) ?? []) l({}, ['/evidence/b.json']);
    expect(files).toEqual([['/evidence/a.csv'], ['/evidence/b.json']]);
    expect(prevented).toBe(1);
  });
});
