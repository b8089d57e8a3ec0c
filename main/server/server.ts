// Browser mode: the workbench UI and the API over loopback HTTP (`blastmap serve`, `npm start` without
// Electron, and the end-to-end tests). Binds 127.0.0.1 only; every request must pass the Host, Origin and
// token checks in request-guard.ts before it reaches a page, an asset or the engine.
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { EngineClient } from '../api/engine-client.ts';
import type { Grant } from '../api/file-boundary.ts';
import { handleCall, handleCancel, handleUpload, sendJson, type ApiContext } from './api-routes.ts';
import { SECURITY_HEADERS } from './csp.ts';
import { checkHost, checkOrigin, checkToken, newToken, presentedToken, tokenCookie } from './request-guard.ts';
import { resolveStatic } from './static-files.ts';
import { UploadFolder } from './uploads.ts';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');
const DEFAULT_MAX_UPLOAD = 2 * 1024 * 1024 * 1024;

export interface ServerOptions {
  /** The case to open; when omitted the browser starts with no case open. */
  casePath?: string;
  /** 0 or omitted: any free port. */
  port?: number;
  readOnly?: boolean;
  /** Create the case when missing (not for evidence). */
  create?: boolean;
  rendererDir?: string;
  maxUploadBytes?: number;
  /**
   * Files and folders the browser may name for import besides its uploads (`serve --allow`). The engine reads
   * nothing else a request names: the token holder is not trusted with the analyst's whole disk.
   */
  allowRead?: string[];
  /** The folder in which the browser may open and create cases (`serve --cases-dir`); default: the case's folder. */
  casesDir?: string;
  /** Further case files the browser may open (`npm start`: the analyst's recent cases). */
  knownCases?: string[];
  /** Connection time limits (defaults in TIMEOUTS); smaller in tests. */
  timeouts?: Partial<ServerTimeouts>;
}

export interface ServerTimeouts {
  /** A request's headers must arrive within this (slow-header clients). */
  headersMs: number;
  /** A request, body included (uploads), must arrive within this. */
  requestMs: number;
  /** A connection on which nothing moves is closed after this, unless the engine is working on its call. */
  idleMs: number;
}

export const TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 5 * 60_000, idleMs: 60_000 };

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const uploads = new UploadFolder();
  const engine = new EngineClient({ evidence: options.readOnly ?? false, grants: serverGrants(options, uploads.dir) });
  try {
    if (options.casePath) {
      await engine.request('case.open', {
        path: path.resolve(options.casePath),
        readOnly: options.readOnly ?? false,
        create: options.create ?? false,
      });
    }
  } catch (err) {
    await engine.close();
    uploads.remove();
    throw err;
  }
  const token = newToken();
  const timeouts = { ...TIMEOUTS, ...options.timeouts };
  const ctx: ApiContext = {
    engine,
    uploads,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD,
    running: new Map(),
    readOnly: options.readOnly ?? false,
    idleMs: timeouts.idleMs,
  };
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  let port = 0;

  // Slow or silent clients cannot hold connections open: headers and whole requests have deadlines (checked
  // often enough to matter), and a socket on which nothing moves is destroyed. The time the engine spends on a
  // call is not idleness: handleCall lifts the idle limit while it waits (an import may run for hours).
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs + 1),
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
    },
    (req, res) => {
      route(req, res).catch(() => sendJson(res, 500, { error: 'internal error' }));
    },
  );
  server.timeout = timeouts.idleMs;
  server.keepAliveTimeout = Math.min(5_000, timeouts.idleMs);

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const hostRefusal = checkHost(req.headers.host, port);
    if (hostRefusal) return refuse(res, hostRefusal);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const originRefusal = checkOrigin(req.method, req.headers, port);
    if (originRefusal) return refuse(res, originRefusal);
    const presented = presentedToken(req.headers, url);
    const tokenRefusal = checkToken(presented, token);
    if (tokenRefusal) return refuse(res, tokenRefusal);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' }, true);
      if (url.pathname === '/api/call') return handleCall(req, res, ctx);
      if (url.pathname === '/api/cancel') return handleCancel(req, res, ctx);
      if (url.pathname === '/api/upload') return handleUpload(req, res, ctx, url);
      return sendJson(res, 404, { error: 'no such endpoint' }, true);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'GET only' }, true);
    // The first page load carries ?token=; from then on the HttpOnly cookie authenticates assets and API calls.
    if (url.searchParams.has('token')) res.setHeader('Set-Cookie', tokenCookie(token));
    return serveStatic(req, res, rendererDir, url.pathname);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    // e.g. EADDRINUSE: stop the engine too, or its worker would keep the process alive.
    await engine.close();
    uploads.remove();
    throw err;
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await engine.close();
        uploads.remove();
      })();
      return closing;
    },
  };
}

/** What a browser may name: its uploads, the allowed paths, the start case and the cases folder. */
function serverGrants(options: ServerOptions, uploadDir: string): Grant[] {
  const grants: Grant[] = [{ kind: 'read', path: uploadDir }];
  for (const p of options.allowRead ?? []) grants.push({ kind: 'read', path: path.resolve(p) });
  if (options.casePath) grants.push({ kind: 'case', path: path.resolve(options.casePath) });
  for (const p of options.knownCases ?? []) grants.push({ kind: 'case', path: path.resolve(p) });
  const casesDir = options.casesDir ?? (options.casePath ? path.dirname(path.resolve(options.casePath)) : undefined);
  if (casesDir) grants.push({ kind: 'cases', path: path.resolve(casesDir) });
  return grants;
}

function refuse(res: http.ServerResponse, refusal: { status: number; reason: string }): void {
  sendJson(res, refusal.status, { error: refusal.reason }, true);
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, root: string, pathname: string): void {
  const found = resolveStatic(root, pathname);
  if (!found) {
    const missingBuild = pathname === '/' && !fs.existsSync(path.join(root, 'index.html'));
    res.writeHead(missingBuild ? 503 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(missingBuild ? 'The workbench UI is not built yet: run `npm run build`.\n' : 'not found\n');
    return;
  }
  const size = fs.statSync(found.file).size;
  res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(found.file).pipe(res);
}
