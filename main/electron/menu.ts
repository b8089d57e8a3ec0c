// The native menu as a pure template: File (new, open, recent, import, export, close), View, Help.
// Actions are injected so the template can be unit-tested without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';

export interface MenuActions {
  newCase(): void;
  openCase(): void;
  openRecent(casePath: string): void;
  importFiles(): void;
  exportCase(): void;
  closeCase(): void;
  about(): void;
}

export function menuTemplate(actions: MenuActions, recent: string[], platform: string, devTools: boolean): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => actions.newCase() },
      { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => actions.openCase() },
      {
        label: 'Open Recent',
        submenu: recent.length
          ? recent.map((p) => ({ label: `${path.basename(p)} — ${path.dirname(p)}`, click: () => actions.openRecent(p) }))
          : [{ label: 'No recent cases', enabled: false }],
      },
      { type: 'separator' },
      { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportCase() },
      { type: 'separator' },
      { label: 'Close Case', accelerator: 'CmdOrCtrl+W', click: () => actions.closeCase() },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(devTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    submenu: [{ label: 'About Blastmap', click: () => actions.about() }],
  };
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, help];
}
