// Which URLs the app's windows may show. The UI is served from the custom app:// protocol (see protocol.ts);
// nothing else — no http(s), no file://, no other app path — is ever loaded, navigated to or opened.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'blastmap';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our own UI: the app:// scheme on our host, nothing else. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * In-page navigation never leaves the start page: the UI routes with its own state (or the URL hash),
 * so any will-navigate to another document — a link, a dropped file, a redirect — is refused.
 */
export function mayNavigate(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url);
  return parsed.pathname === '/index.html' || parsed.pathname === '/';
}

/** New windows (window.open, target=_blank) are always refused. */
export function mayOpenWindow(_url: string): false {
  return false;
}

/**
 * Requests the renderer may make: our own protocol, devtools internals, and in-memory data:/blob: URLs
 * (chart images, CSV downloads; what scripts may do with them is still limited by the CSP). No network.
 */
export function mayRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:app://blastmap/');
}

/** The URL path an app:// request asks for, relative to dist/renderer ("/" is the start page). */
export function appRequestPath(url: string): string | null {
  if (!isAppUrl(url)) return null;
  const pathname = new URL(url).pathname;
  return pathname === '' ? '/' : path.posix.normalize(pathname) === pathname ? pathname : null;
}
