// The HTTP wire of shared/api/transport.ts: POST /api/call (NDJSON: progress lines, then one result line),
// POST /api/cancel and POST /api/upload. Requests reach the engine worker only through EngineClient,
// which validates them against the API contract; nothing here interprets a method.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toApiError } from '../api/dispatch.ts';
import type { EngineClient } from '../api/engine-client.ts';
import { MAX_REQUEST_DEPTH, nestedDeeperThan } from '../api/request-depth.ts';
import type { WireResult } from '../../shared/api/transport.ts';
import { UploadTooLarge, type UploadFolder } from './uploads.ts';

export const MAX_JSON_BODY = 1024 * 1024;

export interface ApiContext {
  engine: EngineClient;
  uploads: UploadFolder;
  maxUploadBytes: number;
  /** Client call id → engine call id, for /api/cancel. */
  running: Map<string, number>;
  /** Evidence mode: the engine opens every case read-only and writes nothing; uploads are refused too. */
  readOnly: boolean;
  /** The idle limit of a connection, lifted while the engine works on its call. */
  idleMs: number;
}

export async function handleCall(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  const body = await readJson(req, res);
  if (body === undefined) return;
  const { id, method, params } = body as { id?: unknown; method?: unknown; params?: unknown };
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) return sendJson(res, 400, { error: 'call id must be a non-empty string' });
  if (ctx.running.has(id)) return sendJson(res, 409, { error: 'a call with this id is already running' });

  // The engine may work for long without a progress line (index builds, checkpoints): that is not an idle client.
  req.socket.setTimeout(0);
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
  res.on('error', () => {}); // a client that went away is handled by 'close' below, not by crashing
  const send = (line: unknown) => {
    if (!res.destroyed) res.write(`${JSON.stringify(line)}\n`);
  };
  // Evidence mode is enforced by the engine itself (EngineClient { evidence }), not by rewriting requests here.
  const call = ctx.engine.call(String(method), params, (event) => send({ progress: event }));
  ctx.running.set(id, call.id);
  // A browser that goes away (tab closed, fetch aborted) cancels its work instead of leaving it running.
  const abandon = () => ctx.engine.cancel(call.id);
  res.on('close', abandon);
  let line: WireResult;
  try {
    line = { ok: true, result: await call.result };
  } catch (err) {
    const e = toApiError(err);
    line = { ok: false, error: { code: e.code, message: e.message } };
  } finally {
    ctx.running.delete(id);
    res.off('close', abandon);
  }
  send(line);
  res.end();
  if (!req.socket.destroyed) req.socket.setTimeout(ctx.idleMs);
}

export async function handleCancel(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  const body = await readJson(req, res);
  if (body === undefined) return;
  const id = (body as { id?: unknown }).id;
  if (typeof id !== 'string') return sendJson(res, 400, { error: 'call id must be a string' });
  const engineId = ctx.running.get(id);
  if (engineId !== undefined) ctx.engine.cancel(engineId);
  sendJson(res, 200, { cancelled: engineId !== undefined });
}

export async function handleUpload(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, url: URL): Promise<void> {
  // An upload only feeds an import, which evidence mode refuses: nothing is written to disk for it.
  if (ctx.readOnly) return sendJson(res, 403, { error: 'evidence mode (the server runs --read-only): uploads are refused' }, true);
  try {
    const file = await ctx.uploads.save(req, url.searchParams.get('name'), ctx.maxUploadBytes);
    sendJson(res, 200, { path: file });
  } catch (err) {
    if (err instanceof UploadTooLarge) {
      sendJson(res, 413, { error: err.message }, true);
      return;
    }
    sendJson(res, 400, { error: 'upload failed' }, true);
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown, closeConnection = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  // After refusing a body we did not read, the connection cannot be reused.
  if (closeConnection) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(JSON.stringify(value));
}

/** The JSON body, or undefined after answering 400/413 itself. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_JSON_BODY) {
    sendJson(res, 413, { error: 'request body too large' }, true);
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) {
      sendJson(res, 413, { error: 'request body too large' }, true);
      return undefined;
    }
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  } catch {
    sendJson(res, 400, { error: 'body must be a JSON object' });
    return undefined;
  }
  if (nestedDeeperThan(value, MAX_REQUEST_DEPTH + 1)) {
    sendJson(res, 400, { error: `body nested deeper than ${MAX_REQUEST_DEPTH} levels` });
    return undefined;
  }
  return value;
}
