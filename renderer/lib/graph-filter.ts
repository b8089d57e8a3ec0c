// What a graph screen keeps drawn under the analyst's filters: edge kinds, the privilege an access grants
// (read / write / admin) and whether the logs show the edge exercised or only granted. Applied to what is
// already drawn (no new query): an edge passes or not, and a node stays while the starting node still
// reaches it through edges that pass, so a filter never leaves islands floating. Pure, with its route form.
import type { RouteParams } from '../state/route.ts';

export type Seen = 'all' | 'exercised' | 'granted';
export const PRIVILEGES = ['read', 'write', 'admin'] as const;
export type PrivilegeName = (typeof PRIVILEGES)[number];

export interface GraphFilter {
  /** Edge kinds the analyst switched off. */
  hiddenKinds: ReadonlySet<string>;
  /** Privileges still shown; an edge without a privilege (not an access grant) is never hidden by this. */
  privileges: ReadonlySet<PrivilegeName>;
  seen: Seen;
}

export interface FilterableEdge {
  id: string;
  from: string;
  to: string;
  kind: string;
  privilege: string | null;
  exercised: boolean;
}

export const NO_FILTER: GraphFilter = { hiddenKinds: new Set(), privileges: new Set(PRIVILEGES), seen: 'all' };

export function isFiltering(f: GraphFilter): boolean {
  return f.hiddenKinds.size > 0 || f.privileges.size < PRIVILEGES.length || f.seen !== 'all';
}

export function edgePasses(f: GraphFilter, e: Omit<FilterableEdge, 'id' | 'from' | 'to'>): boolean {
  if (f.hiddenKinds.has(e.kind)) return false;
  if (e.privilege && (PRIVILEGES as readonly string[]).includes(e.privilege) && !f.privileges.has(e.privilege as PrivilegeName)) return false;
  if (f.seen === 'exercised' && !e.exercised) return false;
  if (f.seen === 'granted' && e.exercised) return false;
  return true;
}

/**
 * The nodes and edges left on screen: edges that pass, and nodes the root reaches through them (either
 * direction: a picture grown by "← member of" is connected backwards). Edges between shown nodes only.
 */
export function visibleUnder(
  f: GraphFilter,
  root: string,
  nodes: Iterable<string>,
  edges: Iterable<FilterableEdge>,
): { nodes: Set<string>; edges: Set<string> } {
  const all = [...edges];
  if (!isFiltering(f)) return { nodes: new Set(nodes), edges: new Set(all.map((e) => e.id)) };
  const kept = all.filter((e) => edgePasses(f, e));
  const around = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = around.get(a);
    if (list) list.push(b);
    else around.set(a, [b]);
  };
  for (const e of kept) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const shown = new Set([root]);
  const queue = [root];
  while (queue.length) {
    for (const next of around.get(queue.pop()!) ?? []) {
      if (shown.has(next)) continue;
      shown.add(next);
      queue.push(next);
    }
  }
  return { nodes: shown, edges: new Set(kept.filter((e) => shown.has(e.from) && shown.has(e.to)).map((e) => e.id)) };
}

/** The filter as it is kept in a screen's route: `hide=member_of&hide=owns&priv=write,admin&seen=exercised`. */
export function filterFromQuery(query: string): GraphFilter {
  const p = new URLSearchParams(query);
  const priv = p.get('priv');
  const seen = p.get('seen');
  return {
    hiddenKinds: new Set(p.getAll('hide')),
    privileges:
      priv === null ? new Set(PRIVILEGES) : new Set(priv.split(',').filter((x): x is PrivilegeName => (PRIVILEGES as readonly string[]).includes(x))),
    seen: seen === 'exercised' || seen === 'granted' ? seen : 'all',
  };
}

export function filterParams(f: GraphFilter): RouteParams {
  return {
    hide: [...f.hiddenKinds].sort(),
    priv: f.privileges.size < PRIVILEGES.length ? PRIVILEGES.filter((x) => f.privileges.has(x)).join(',') || 'none' : null,
    seen: f.seen === 'all' ? null : f.seen,
  };
}
