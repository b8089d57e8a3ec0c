// Screen routing in the URL hash (route.ts has the format), so Back/Forward work, a view can be reopened, and a
// screen's state (queries, filters, selection) lives in its route. The router remembers the last route of each
// screen, so the sidebar returns to a screen as it was left.
import { create } from 'zustand';
import { hrefFor, parseHash, type Route, type RouteParams, type Screen } from './route.ts';

export { encodeParams, hrefFor } from './route.ts';
export type { Route, RouteParams, Screen } from './route.ts';

interface RouterState {
  route: Route;
  /** The last route seen of each screen. */
  last: Partial<Record<Screen, Route>>;
  go(screen: Screen, arg?: string | null, params?: RouteParams | string, options?: { replace?: boolean }): void;
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
