// Screen routing in the URL hash (#/identity/svc-deploy, #/walk?from=svc-deploy&step=2), so Back/Forward work,
// a view can be reopened, and a screen's state (queries, filters, selection) lives in its route. The router
// remembers the last route of each screen, so the sidebar returns to a screen as it was left.
import { create } from 'zustand';

export const SCREENS = ['home', 'import', 'overview', 'inventory', 'identity', 'system', 'findings', 'graph', 'paths', 'walk', 'explore', 'events'] as const;
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

interface RouterState {
  route: Route;
  /** The last route seen of each screen. */
  last: Partial<Record<Screen, Route>>;
  go(screen: Screen, arg?: string | null, params?: RouteParams | string, options?: { replace?: boolean }): void;
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

/** The current route's state as URLSearchParams. */
export function routeParams(route: Route): URLSearchParams {
  return new URLSearchParams(route.query);
}

const remember = (last: RouterState['last'], route: Route) => ({ ...last, [route.screen]: route });

export const useRouter = create<RouterState>((set) => {
  const initial = parseHash(location.hash);
  return {
    route: initial,
    last: { [initial.screen]: initial },
    go: (screen, arg = null, params, options) => {
      const href = hrefFor(screen, arg, params);
      const route = parseHash(href);
      if (location.hash !== href) {
        // replace: a change within one view (a step, a typed filter) that Back should not walk through.
        if (options?.replace) history.replaceState(history.state, '', href);
        else location.hash = href;
      }
      set((s) => ({ route, last: remember(s.last, route) }));
    },
  };
});

/** Where the sidebar link of a screen goes: back to the route it was left at. */
export function lastHref(screen: Screen): string {
  const r = useRouter.getState().last[screen];
  return r ? hrefFor(r.screen, r.arg, r.query) : hrefFor(screen);
}

addEventListener('hashchange', () => {
  const route = parseHash(location.hash);
  useRouter.setState((s) => ({ route, last: remember(s.last, route) }));
});
