// Routes as text, pure (no window, no store): the hash of a screen with its argument and its state
// (#/identity/svc-deploy, #/walk?from=svc-deploy&step=2). The store that follows the window's hash is router.ts.

export const SCREENS = [
  'home',
  'import',
  'overview',
  'inventory',
  'identity',
  'system',
  'findings',
  'graph',
  'paths',
  'walk',
  'explore',
  'events',
] as const;
export type Screen = (typeof SCREENS)[number];

/** A screen's state beyond its main argument: repeated keys make lists (from=a&from=b). */
export type RouteParams = Record<string, string | number | readonly string[] | null | undefined>;

export interface Route {
  screen: Screen;
  /** identity id, inventory table, finding id… */
  arg: string | null;
  /** The screen's state as `key=value&…` (URLSearchParams text), '' when none. */
  query: string;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  // The argument is percent-encoded, so the first literal '?' starts the query.
  const q = body.indexOf('?');
  const [screen, ...rest] = (q < 0 ? body : body.slice(0, q)).split('/');
  const query = q < 0 ? '' : body.slice(q + 1);
  let arg: string | null = null;
  try {
    arg = rest.length && rest.join('/') ? decodeURIComponent(rest.join('/')) : null;
  } catch {
    return { screen: 'home', arg: null, query: '' };
  }
  return (SCREENS as readonly string[]).includes(screen) ? { screen: screen as Screen, arg, query } : { screen: 'home', arg: null, query: '' };
}

/** `key=value&…` for a screen's state, leaving out empty values; lists repeat their key. */
export function encodeParams(params: RouteParams | string | undefined): string {
  if (params === undefined) return '';
  if (typeof params === 'string') return params;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) for (const item of v as readonly string[]) p.append(k, item);
    else p.set(k, String(v));
  }
  return p.toString();
}

export function hrefFor(screen: Screen, arg?: string | null, params?: RouteParams | string): string {
  const query = encodeParams(params);
  return `#/${screen}${arg ? `/${encodeURIComponent(arg)}` : ''}${query ? `?${query}` : ''}`;
}
