// Who may talk to the local server: the checks every request passes before anything else runs.
// The server listens on loopback, but any local process and any web page the analyst visits can reach
// loopback too; the token, the Host check (DNS rebinding) and the Origin check keep them out.
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_COOKIE = 'blastmap_token';

export type Refusal = { status: 401 | 403; reason: string };

/** A fresh session token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Only our own address may be named in Host; a rebound DNS name pointing at 127.0.0.1 is refused. */
export function checkHost(host: string | undefined, port: number): Refusal | null {
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return null;
  return { status: 403, reason: 'wrong Host header' };
}

/**
 * A state-changing request from another site is refused even if the browser attached our cookie.
 * Requests without Origin (curl, tests) still need the token, so they gain nothing by omitting it.
 */
export function checkOrigin(method: string | undefined, headers: IncomingHttpHeaders, port: number): Refusal | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { status: 403, reason: 'cross-site request' };
  if (method === 'GET' || method === 'HEAD') return null;
  const origin = headers.origin;
  if (origin === undefined) return null;
  if (origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`) return null;
  return { status: 403, reason: 'cross-site Origin' };
}

/**
 * The token a request presents: Bearer header, then the cookie, then `?token=` — the last only on a page load
 * (the URL the analyst opens once, which then sets the cookie). API calls never take it from the URL, where it
 * would end up in logs, history and Referer headers.
 */
export function presentedToken(headers: IncomingHttpHeaders, url: URL): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = cookieValue(headers.cookie, TOKEN_COOKIE);
  if (cookie !== null) return cookie;
  return url.pathname.startsWith('/api/') ? null : url.searchParams.get('token');
}

export function checkToken(presented: string | null, token: string): Refusal | null {
  if (presented === null) return { status: 401, reason: 'missing token' };
  if (!tokensMatch(presented, token)) return { status: 401, reason: 'wrong token' };
  return null;
}

/** Constant-time comparison; hashing first makes the lengths equal so length leaks nothing either. */
export function tokensMatch(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
