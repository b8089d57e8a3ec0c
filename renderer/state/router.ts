// Screen routing in the URL hash (#/identity/svc-deploy), so Back/Forward work and a view can be reopened.
import { create } from 'zustand';

export const SCREENS = ['home', 'import', 'overview', 'inventory', 'identity', 'findings', 'graph', 'paths', 'walk', 'explore', 'events'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  screen: Screen;
  /** identity id, inventory table, finding id… */
  arg: string | null;
}

interface RouterState {
  route: Route;
  go(screen: Screen, arg?: string | null): void;
}

export function parseHash(hash: string): Route {
  const [screen, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : null;
  return (SCREENS as readonly string[]).includes(screen) ? { screen: screen as Screen, arg } : { screen: 'home', arg: null };
}

export function hrefFor(screen: Screen, arg?: string | null): string {
  return `#/${screen}${arg ? `/${encodeURIComponent(arg)}` : ''}`;
}

export const useRouter = create<RouterState>((set) => ({
  route: parseHash(location.hash),
  go: (screen, arg = null) => {
    const href = hrefFor(screen, arg);
    if (location.hash !== href) location.hash = href;
    set({ route: { screen, arg } });
  },
}));

addEventListener('hashchange', () => useRouter.setState({ route: parseHash(location.hash) }));
