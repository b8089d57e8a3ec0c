// Native menu template, About text, remembered window state and recent cases (pure parts of the shell).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutText } from '../../main/electron/about.ts';
import { menuTemplate, type MenuActions } from '../../main/electron/menu.ts';
import { lastExistingCase, readRecentCases, rememberCase } from '../../main/electron/recent-cases.ts';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../main/electron/window-state.ts';
import { tmpDir, writeFile } from '../helpers.ts';

function recordingActions(calls: string[]): MenuActions {
  const record = (name: string) => (arg?: string) => calls.push(arg ? `${name}:${arg}` : name);
  return {
    newCase: record('new'),
    openCase: record('open'),
    openRecent: record('recent'),
    importFiles: record('import'),
    exportCase: record('export'),
    closeCase: record('close'),
    about: record('about'),
  };
}

function items(menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  return menu.submenu as MenuItemConstructorOptions[];
}

describe('Electron menu', () => {
  it('has File (new, open, recent, import, export, close) with shortcuts, View and Help > About', () => {
    const calls: string[] = [];
    const template = menuTemplate(recordingActions(calls), ['/cases/a.blastmap'], 'linux', false);
    const file = template.find((m) => m.label === '&File')!;
    const byLabel = new Map(
      items(file)
        .filter((i) => i.label)
        .map((i) => [i.label!, i]),
    );
    expect([...byLabel.keys()]).toEqual(['New Case…', 'Open Case…', 'Open Recent', 'Import…', 'Export…', 'Close Case']);
    expect(byLabel.get('New Case…')!.accelerator).toBe('CmdOrCtrl+N');
    expect(byLabel.get('Open Case…')!.accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel.get('Import…')!.accelerator).toBe('CmdOrCtrl+I');
    for (const label of ['New Case…', 'Open Case…', 'Import…', 'Export…', 'Close Case']) (byLabel.get(label)!.click as () => void)();
    (items(byLabel.get('Open Recent')!)[0].click as () => void)();
    expect(calls).toEqual(['new', 'open', 'import', 'export', 'close', 'recent:/cases/a.blastmap']);
    expect(template.some((m) => m.label === '&View')).toBe(true);
    expect(JSON.stringify(template)).not.toContain('toggleDevTools');
    const help = template.find((m) => m.label === '&Help')!;
    expect(items(help).map((i) => i.label)).toEqual(['About Blastmap']);
    expect(JSON.stringify(menuTemplate(recordingActions([]), [], 'linux', true))).toContain('toggleDevTools');
  });

  it('About names the shipped data and its licence', () => {
    const text = aboutText('0.1.0', { electron: '45.4.1' });
    expect(text).toContain('@ip-location-db/asn');
    expect(text).toContain('CC BY 4.0');
    expect(text).toContain('Electron 45.4.1');
  });
});

describe('remembered window state and recent cases', () => {
  it('round-trips window state and falls back to clamped defaults on damaged files', () => {
    const dir = tmpDir();
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(dir, { x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(loadWindowState(dir)).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
    writeFile(dir, 'window-state.json', '{"width": 1e9, "height": "tall", "x": null, "__proto__": {"polluted": 1}}');
    const state = loadWindowState(dir);
    expect(state).toEqual({ x: undefined, y: undefined, width: 10_000, height: DEFAULT_WINDOW_STATE.height, maximized: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    writeFile(dir, 'window-state.json', 'not json');
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps recent cases newest first, without duplicates, and skips missing ones for the last case', () => {
    const dir = tmpDir();
    const a = writeFile(dir, 'a.blastmap', '');
    const b = path.join(dir, 'b.blastmap');
    rememberCase(dir, a);
    rememberCase(dir, b);
    expect(rememberCase(dir, a)).toEqual([a, b]);
    expect(readRecentCases(dir)).toEqual([a, b]);
    fs.rmSync(a);
    expect(lastExistingCase(dir)).toBeNull();
    fs.writeFileSync(b, '');
    expect(lastExistingCase(dir)).toBe(b);
    writeFile(dir, 'recent-cases.json', '["relative.blastmap", 5, "/abs.blastmap"]');
    expect(readRecentCases(dir)).toEqual(['/abs.blastmap']);
  });
});
