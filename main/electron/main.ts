// Electron main process: one hardened window on the app:// UI, the engine in a worker thread, IPC that
// accepts only contract-valid calls from our own page, native menus and dialogs. Security switches live
// in the pure modules next to this file (window-options, navigation-policy, ipc-validate) and are tested there.
// Launched by `npm start` as `electron <repo> [--case=<file>]`; bundled to dist/electron/main.cjs.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EngineClient } from '../api/engine-client.ts';
import { ApiError } from '../../shared/api/contract.ts';
import type { WireResult } from '../../shared/api/transport.ts';
import { CONTENT_SECURITY_POLICY } from '../server/csp.ts';
import { aboutText } from './about.ts';
import { CHANNELS } from './ipc-channels.ts';
import { validateCancel, validateDropped, validateInvoke, type SenderInfo } from './ipc-validate.ts';
import { menuTemplate } from './menu.ts';
import { APP_SCHEME, APP_START_URL, mayNavigate, mayRequest } from './navigation-policy.ts';
import { appResponse } from './protocol.ts';
import { lastExistingCase, readRecentCases, rememberCase } from './recent-cases.ts';
import { mainWindowOptions } from './window-options.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

const ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');
const CASE_FILTER = [{ name: 'Blastmap case', extensions: ['blastmap'] }];

// standard + secure: a real origin ('self' in the CSP), a secure context; supportFetchAPI/corsEnabled let Chromium
// load <script type="module"> and workers from it. No response carries CORS headers, so no other origin gains access.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);
app.enableSandbox();
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();

let engine: EngineClient;
let win: BrowserWindow | null = null;
const running = new Map<string, number>();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  // Also navigations of subframes (will-navigate covers the main frame only).
  contents.on('will-frame-navigate', (details) => {
    if (!mayNavigate(details.url)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.whenReady().then(async () => {
  if (!firstInstance) return;
  hardenSession();
  // The renderer may name only what the analyst chose here: dialogs, drops and remembered cases (file-boundary.ts).
  engine = new EngineClient({ grants: readRecentCases(app.getPath('userData')).map((p) => ({ kind: 'case' as const, path: p })) });
  ipcMain.handle(CHANNELS.invoke, (event, callId, method, params) => invoke(event, callId, method, params));
  ipcMain.on(CHANNELS.cancel, (event, callId) => {
    const id = validateCancel(senderOf(event), callId);
    const engineId = id === null ? undefined : running.get(id);
    if (engineId !== undefined) engine.cancel(engineId);
  });
  ipcMain.on(CHANNELS.dropped, (event, paths) => {
    const dropped = validateDropped(senderOf(event), paths);
    if (!dropped) return;
    grantFiles(dropped);
    event.sender.send(CHANNELS.files, dropped);
  });
  const requested = process.argv.find((a) => a.startsWith('--case='))?.slice('--case='.length);
  const initial = requested || lastExistingCase(app.getPath('userData'));
  if (initial) await openCase(initial, false);
  createWindow();
  refreshMenu();
});

app.on('second-instance', () => win?.focus());
app.on('window-all-closed', () => {
  engine?.close().finally(() => app.quit());
});

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !mayRequest(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  protocol.handle(APP_SCHEME, (request) => {
    const r = appResponse(request.url, request.method, RENDERER_DIR);
    return new Response(r.body ? new Uint8Array(r.body) : null, { status: r.status, headers: r.headers });
  });
}

function createWindow(): void {
  const userData = app.getPath('userData');
  const state = loadWindowState(userData);
  const options = mainWindowOptions(PRELOAD, state);
  // The switches that matter are repeated as literals so static checkers (electronegativity) can see them;
  // window-options.ts stays the source of truth, and a unit test checks that both agree.
  win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  win.on('close', () => {
    if (!win) return;
    const b = win.getNormalBounds();
    saveWindowState(userData, { ...b, maximized: win.isMaximized() });
  });
  win.on('closed', () => {
    win = null;
  });
  win.loadURL(APP_START_URL);
}

function senderOf(event: IpcMainInvokeEvent | Electron.IpcMainEvent): SenderInfo {
  const frame = event.senderFrame;
  const ours = win !== null && event.sender === win.webContents;
  return { frameUrl: frame?.url, isMainFrame: ours && frame !== null && frame === event.sender.mainFrame };
}

async function invoke(event: IpcMainInvokeEvent, callId: unknown, method: unknown, params: unknown): Promise<WireResult> {
  const valid = validateInvoke(senderOf(event), callId, method, params);
  if (!valid.ok) return valid.response;
  const contents: WebContents = event.sender;
  const call = engine.call(valid.method, valid.params, (progress) => {
    if (!contents.isDestroyed()) contents.send(CHANNELS.progress, valid.callId, progress);
  });
  running.set(valid.callId, call.id);
  try {
    const result = await call.result;
    if (valid.method === 'case.open') rememberAndRefresh((valid.params as { path: string }).path);
    return { ok: true, result };
  } catch (err) {
    const e = asApiError(err);
    return { ok: false, error: { code: e.code, message: e.message } };
  } finally {
    running.delete(valid.callId);
  }
}

/** Files and folders the analyst chose (dialog, drop) become readable by the renderer's import requests. */
function grantFiles(paths: string[]): void {
  engine.grant(paths.map((p) => ({ kind: 'read' as const, path: p })));
}

async function openCase(casePath: string, create: boolean): Promise<boolean> {
  engine.grant([{ kind: 'case', path: path.resolve(casePath) }]);
  try {
    await engine.request('case.open', { path: casePath, create });
    rememberAndRefresh(casePath);
    return true;
  } catch (err) {
    dialog.showErrorBox('Cannot open case', asApiError(err).message);
    return false;
  }
}

function rememberAndRefresh(casePath: string): void {
  rememberCase(app.getPath('userData'), casePath);
  refreshMenu();
}

function refreshMenu(): void {
  const template = menuTemplate(
    {
      newCase: async () => {
        const r = await dialog.showSaveDialog({ title: 'New case', filters: CASE_FILTER });
        if (!r.canceled && r.filePath && (await openCase(r.filePath, true))) win?.reload();
      },
      openCase: async () => {
        const r = await dialog.showOpenDialog({ title: 'Open case', filters: CASE_FILTER, properties: ['openFile'] });
        if (!r.canceled && r.filePaths[0] && (await openCase(r.filePaths[0], false))) win?.reload();
      },
      openRecent: async (p) => {
        if (await openCase(p, false)) win?.reload();
      },
      importFiles: async () => {
        const r = await dialog.showOpenDialog({ title: 'Import files', properties: ['openFile', 'openDirectory', 'multiSelections'] });
        // The renderer runs the import (with its progress and result screens) on the paths it receives.
        if (!r.canceled && r.filePaths.length) {
          grantFiles(r.filePaths);
          win?.webContents.send(CHANNELS.files, r.filePaths);
        }
      },
      exportCase: () => {
        dialog.showMessageBox({ type: 'info', message: 'Export', detail: 'Inventory tables, findings and reports are exported from their screens.' });
      },
      closeCase: async () => {
        await engine.request('case.close', {}).catch(() => undefined);
        win?.reload();
      },
      about: () => {
        dialog.showMessageBox({ type: 'info', title: 'About Blastmap', message: 'Blastmap', detail: aboutText(app.getVersion(), process.versions) });
      },
    },
    readRecentCases(app.getPath('userData')),
    process.platform,
    !app.isPackaged,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Engine errors arrive as ApiError; anything else (a dead worker) is reported as internal. */
function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('internal', (err as Error)?.message ?? String(err));
}
