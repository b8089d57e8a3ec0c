// Like nodes collapsed into one expandable set: when one node leads to many nodes of one kind (a role's "240
// session keys", a pipeline's "120 CI tokens"), the blast-radius graph draws one set node instead of a wall of
// labels, and the analyst opens it on demand. Pure: what to draw from the reach rows, testable without a canvas.
import type { ReachRow } from '../../../shared/api/graph.ts';

/** Fewer like nodes than this under one parent are drawn one by one. */
export const SET_MIN = 8;

export interface DrawnNode {
  id: string;
  hops: number;
  kind: string;
  /** For a set: the ids it stands for. */
  members?: string[];
  /** For a set: "12 session keys". */
  label?: string;
}

export interface Drawn {
  nodes: DrawnNode[];
  /**
   * `label`: what the edge is (its kind, and the privilege it gives on a system): "access · admin". `kind`,
   * `privilege` and `exercised` (the logs show it used) are what the graph's filters read.
   */
  edges: { source: string; target: string; label: string; kind: string; privilege: string | null; exercised: boolean }[];
  /** Member id → the set node drawn for it. */
  setOf: Map<string, string>;
}

/** AWS gives temporary (STS session) access keys the ASIA prefix; long-lived keys start AKIA. */
const SESSION_KEY = /^ASIA[A-Z0-9]{12,}$/;

export function setLabel(kind: string, ids: string[]): string {
  const n = ids.length.toLocaleString('en-US');
  if (kind === 'credential' && ids.every((id) => SESSION_KEY.test(id))) return `${n} session keys`;
  const plural: Record<string, string> = {
    identity: 'identities',
    credential: 'credentials',
    system: 'systems',
    role: 'roles',
    group: 'groups',
    network: 'networks',
  };
  return `${n} ${plural[kind] ?? `${kind}s`}`;
}

export function collapseLike(source: string, reach: ReachRow[], expanded: ReadonlySet<string>, min = SET_MIN): Drawn {
  const parentOf = (r: ReachRow) => (r.path.length > 1 ? r.path[r.path.length - 2] : source);
  const groups = new Map<string, ReachRow[]>();
  for (const r of reach) {
    const key = `set:${parentOf(r)}\u0000${r.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const setOf = new Map<string, string>();
  const nodes = new Map<string, DrawnNode>([[source, { id: source, hops: 0, kind: 'source' }]]);
  for (const [key, rows] of groups) {
    if (rows.length >= min && !expanded.has(key)) {
      const ids = rows.map((r) => r.id);
      for (const id of ids) setOf.set(id, key);
      nodes.set(key, { id: key, hops: rows[0].hops, kind: rows[0].kind, members: ids, label: setLabel(rows[0].kind, ids) });
    } else {
      for (const r of rows) nodes.set(r.id, { id: r.id, hops: r.hops, kind: r.kind });
    }
  }
  const drawnId = (id: string) => setOf.get(id) ?? id;
  const edges = new Map<string, Drawn['edges'][number]>();
  const rows = new Map(reach.map((r) => [r.id, r]));
  for (const r of reach) {
    for (let i = 1; i < r.path.length; i++) {
      const s = drawnId(r.path[i - 1]);
      const t = drawnId(r.path[i]);
      if (s === t) continue;
      // A path through a node outside the drawn rows still shows where it goes.
      if (!nodes.has(s)) nodes.set(s, { id: s, hops: i - 1, kind: 'identity' });
      const key = `${s}\u0000${t}`;
      if (edges.has(key)) continue;
      const kind = r.edges?.[i - 1] ?? 'reach';
      const privilege = rows.get(r.path[i])?.privilege ?? null;
      const exercised = r.exercised?.[i - 1] ?? false;
      edges.set(key, {
        source: s,
        target: t,
        kind,
        privilege,
        exercised,
        label: [kind === 'reach' ? null : kind.replace(/_/g, ' '), privilege, exercised ? 'exercised' : null].filter(Boolean).join(' · '),
      });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], setOf };
}
