// The app:// protocol that serves dist/renderer to Electron windows (instead of file://, which would give
// the page access to every file URL). Only files inside dist/renderer resolve, each with our CSP headers.
import fs from 'node:fs';
import { SECURITY_HEADERS } from '../server/csp.ts';
import { resolveStatic } from '../server/static-files.ts';
import { appRequestPath } from './navigation-policy.ts';

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

export function appResponse(url: string, method: string, rendererDir: string): AppResponse {
  const headers = { ...SECURITY_HEADERS };
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers, body: null };
  const requestPath = appRequestPath(url);
  const found = requestPath === null ? null : resolveStatic(rendererDir, requestPath);
  if (!found) return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('not found\n') };
  return { status: 200, headers: { ...headers, 'Content-Type': found.contentType }, body: method === 'HEAD' ? null : fs.readFileSync(found.file) };
}
