// The BrowserWindow's security switches: pinned in window-options.ts, and repeated identically in main.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from '../../main/electron/window-options.ts';
import { DEFAULT_WINDOW_STATE } from '../../main/electron/window-state.ts';
import { ROOT } from '../helpers.ts';

const REQUIRED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  disableBlinkFeatures: 'Auxclick',
};

describe('Electron window options', () => {
  it('isolate and sandbox the renderer, without Node, with web security on', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject(REQUIRED);
    expect(prefs.preload).toBe('/app/preload.cjs');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('the main window uses exactly those preferences', () => {
    const options = mainWindowOptions('/p.cjs', DEFAULT_WINDOW_STATE);
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options.show).toBe(false);
  });

  it('main.ts repeats the critical switches literally, with the same values', () => {
    const source = fs.readFileSync(path.join(ROOT, 'main', 'electron', 'main.ts'), 'utf8');
    const block = source.slice(source.indexOf('new BrowserWindow('), source.indexOf('});', source.indexOf('new BrowserWindow(')));
    expect(block).toContain('...options.webPreferences');
    for (const key of ['contextIsolation', 'sandbox', 'nodeIntegration', 'webSecurity', 'disableBlinkFeatures'] as const) {
      expect(block, key).toContain(`${key}: ${JSON.stringify(REQUIRED[key]).replaceAll('"', "'")},`);
    }
    expect(source).toContain('app.enableSandbox()');
  });
});
