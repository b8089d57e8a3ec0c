// Serving the built renderer (dist/renderer) read-only: a URL path maps to a file inside the folder or
// to nothing. Decoded `..`, backslashes, NUL bytes and symlinks out of the folder never resolve.
import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  file: string;
  contentType: string;
}

/** The file a URL path names inside root, or null (missing, outside root, or an unknown type). */
export function resolveStatic(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((seg) => seg === '..' || seg.startsWith('.'))) return null;
  const realRoot = safeRealpath(root);
  if (!realRoot) return null;
  const real = safeRealpath(path.join(realRoot, relative));
  if (!real || !real.startsWith(realRoot + path.sep)) return null;
  if (!fs.statSync(real).isFile()) return null;
  const contentType = CONTENT_TYPES[path.extname(real).toLowerCase()];
  return contentType ? { file: real, contentType } : null;
}

function safeRealpath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}
