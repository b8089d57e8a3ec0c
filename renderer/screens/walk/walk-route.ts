// The attack-path screen's state in its route (#/walk?from=…&to=@crown&path=2&step=3): Back/Forward, links
// from other screens ("paths to crown jewels" of an identity, "path" of an exposure row) and switching screens
// all reopen the same query, path and step.
import type { Route, RouteParams } from '../../state/route.ts';

export interface WalkState {
  from: string[];
  to: string[];
  /** Index of the chosen path in the ranked list. */
  path: number;
  /** Hop being walked, from 0. */
  step: number;
}

const DEFAULT: WalkState = { from: ['@entry'], to: ['@crown'], path: 0, step: 0 };
const index = (v: string | null) => (v && /^\d{1,4}$/.test(v) ? Number(v) : 0);

export function parseWalkRoute(route: Pick<Route, 'arg' | 'query'>): WalkState {
  const p = new URLSearchParams(route.query);
  const list = (k: string) =>
    p
      .getAll(k)
      .map((v) => v.trim())
      .filter(Boolean)
      .slice(0, 100);
  const from = list('from');
  const to = list('to');
  return {
    // An old-style link (#/walk/<id>, #/paths/<id>) names one entry point.
    from: from.length ? from : route.arg ? [route.arg] : DEFAULT.from,
    to: to.length ? to : DEFAULT.to,
    path: index(p.get('path')),
    step: index(p.get('step')),
  };
}

export function walkParams(s: Partial<WalkState>): RouteParams {
  const given = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Partial<WalkState>;
  const state = { ...DEFAULT, ...given };
  return { from: state.from, to: state.to, path: state.path || null, step: state.step || null };
}

/** A link to the paths from these entry points to these targets. */
