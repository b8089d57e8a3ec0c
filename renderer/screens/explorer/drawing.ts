// The explorer's picture as plain data: which nodes and edges are drawn, which leaves are collapsed into
// counted group nodes, and which layout fits it. Pure functions only (no cytoscape, no DOM, no API), so
// every explorer state is a value that back/forward can restore and tests can reason about.
import { num } from '../../lib/format.ts';
import type { BlastRadiusResult, ExposureResult, NeighbourEdge, NeighboursResult } from '../../../shared/api/graph.ts';

/** More elements than this on the software-rendered canvas stops being smooth (docs/architecture.md, Software-rendered canvas): ask first. */
export const ELEMENT_CAP = 2500;
/** More new leaves than this from one expansion are drawn as one counted group node until clicked. */
export const GROUP_AT = 30;

export interface NodeInfo {
  id: string;
  kind: string;
  subkind: string | null;
  criticality: string | null;
  /** Display name from the engine. */ name?: string;
}

export interface GroupInfo {
  anchor: string;
  direction: 'out' | 'in';
  kind: string;
  /** Edges still hidden in the group, with their far endpoints. */
  members: { edge: NeighbourEdge; node: NodeInfo }[];
  /** Edges the engine did not send (its per-kind limit); shown in the label so the count stays honest. */
  notLoaded: number;
}

export interface DrawnNode extends NodeInfo {
  /** The node this one was expanded from: new nodes are placed around it. */
  near: string | null;
  group?: GroupInfo;
}

export interface DrawnEdge {
  id: string;
  from: string;
  to: string;
  kind: string;
  privilege: string | null;
  exercised: boolean;
}

export type LayoutKind = 'neighbourhood' | 'layers';

export interface Drawing {
  /** Which view this is: a new start, blast radius or exposure gets a new number; expansions keep it. */
  view: number;
  root: string;
  title: string;
  nodes: Map<string, DrawnNode>;
  edges: Map<string, DrawnEdge>;
  layout: LayoutKind;
  /** Bumped when the whole picture should be laid out again (new view, "re-layout"). */
  layoutRun: number;
  /** Positions read back from the canvas, so back/forward show the picture as it was. */
  positions: Map<string, { x: number; y: number }>;
}

export function elementCount(d: Drawing): number {
  return d.nodes.size + d.edges.size;
}

export function edgeKey(from: string, kind: string, to: string): string {
  return `${from}\u0001${kind}\u0001${to}`;
}

export function groupId(anchor: string, direction: string, kind: string): string {
  return `group\u0001${anchor}\u0001${direction}\u0001${kind}`;
}

/** How a node is named in text: its id, or for a group what it holds. */
export function displayName(d: Drawing, id: string): string {
  const g = d.nodes.get(id)?.group;
  if (!g) return id;
  const n = num(g.members.length + g.notLoaded);
  if (g.kind === 'reach') return `group of ${n} reached through ${g.anchor}`;
  return `group of ${n} ${g.kind.replace(/_/g, ' ')} ${g.direction === 'in' ? 'into' : 'out of'} ${g.anchor}`;
}

let views = 0;

/** How a title names a node: the name a person understands (the id is in the side panel and on hover). */
const called = (node: NodeInfo) => (node.name && node.name.trim() ? node.name : node.id);

export function start(node: NodeInfo): Drawing {
  return {
    view: ++views,
    root: node.id,
    title: `Neighbourhood of ${called(node)}`,
    layout: 'neighbourhood',
    layoutRun: 1,
    nodes: new Map([[node.id, { ...node, near: null }]]),
    edges: new Map(),
    positions: new Map(),
  };
}

function copy(d: Drawing, layoutRun = d.layoutRun): Drawing {
  return { ...d, layoutRun, nodes: new Map(d.nodes), edges: new Map(d.edges), positions: new Map(d.positions) };
}

function edgeOf(e: NeighbourEdge): DrawnEdge {
  return { id: edgeKey(e.from, e.kind, e.to), from: e.from, to: e.to, kind: e.kind, privilege: e.privilege, exercised: e.exercised };
}

/** Adds what graph.neighbours returned for one anchor, direction and edge kind; many new leaves become one group. */
export function addNeighbours(d: Drawing, anchor: string, direction: 'out' | 'in', kind: string, r: NeighboursResult): Drawing {
  const next = copy(d);
  const info = new Map(r.nodes.map((n) => [n.id, n]));
  const fresh: { edge: NeighbourEdge; node: NodeInfo }[] = [];
  for (const e of r.edges) {
    if (e.direction !== direction || e.kind !== kind) continue;
    const far = direction === 'out' ? e.to : e.from;
    if (next.nodes.has(far)) next.edges.set(edgeKey(e.from, e.kind, e.to), edgeOf(e));
    else fresh.push({ edge: e, node: info.get(far) ?? { id: far, kind: 'identity', subkind: null, criticality: null } });
  }
  const total = r.counts[`${direction}:${kind}`] ?? r.edges.length;
  const notLoaded = Math.max(0, total - r.edges.filter((e) => e.direction === direction && e.kind === kind).length);
  if (fresh.length > GROUP_AT || notLoaded > 0) {
    const id = groupId(anchor, direction, kind);
    const old = next.nodes.get(id)?.group;
    const known = new Set(old?.members.map((m) => m.node.id));
    const members = [...(old?.members ?? []), ...fresh.filter((m) => !known.has(m.node.id))];
    next.nodes.set(id, {
      id,
      kind: 'group-node',
      subkind: null,
      criticality: null,
      near: anchor,
      group: { anchor, direction, kind, members, notLoaded },
    });
    const [from, to] = direction === 'out' ? [anchor, id] : [id, anchor];
    next.edges.set(edgeKey(from, kind, to), {
      id: edgeKey(from, kind, to),
      from,
      to,
      kind,
      privilege: null,
      exercised: members.some((m) => m.edge.exercised),
    });
  } else {
    for (const m of fresh) addMember(next, m, anchor);
  }
  return next;
}

function addMember(d: Drawing, m: { edge: NeighbourEdge; node: NodeInfo }, near: string): void {
  if (!d.nodes.has(m.node.id)) d.nodes.set(m.node.id, { ...m.node, near });
  d.edges.set(edgeKey(m.edge.from, m.edge.kind, m.edge.to), edgeOf(m.edge));
}

/** Draws up to `max` members of a group next to its anchor; the rest stay counted in the group. */
export function expandGroup(d: Drawing, id: string, max: number): Drawing {
  const g = d.nodes.get(id)?.group;
  if (!g) return d;
  const next = copy(d);
  const take = g.members.slice(0, Math.max(0, max));
  for (const m of take) addMember(next, m, g.anchor);
  const rest = g.members.slice(take.length);
  if (rest.length === 0 && g.notLoaded === 0) {
    removeNode(next, id);
  } else {
    // The group keeps its place; the drawn members sit around the anchor.
    next.nodes.set(id, { ...next.nodes.get(id)!, group: { ...g, members: rest } });
  }
  return next;
}

/** Removes a node and every edge touching it (the analyst's "hide"). The root stays: it anchors the view. */
export function hide(d: Drawing, id: string): Drawing {
  if (!d.nodes.has(id) || id === d.root) return d;
  const next = copy(d);
  removeNode(next, id);
  return next;
}

function removeNode(d: Drawing, id: string): void {
  d.nodes.delete(id);
  d.positions.delete(id);
  for (const [k, e] of d.edges) if (e.from === id || e.to === id) d.edges.delete(k);
}

export function relayout(d: Drawing, layout: LayoutKind = d.layout): Drawing {
  const next = copy(d, d.layoutRun + 1);
  next.layout = layout;
  next.positions = new Map();
  return next;
}

/**
 * A blast radius as layers: each reached node with its explaining path's edges (their kinds are not sent:
 * 'reach' until withRealEdges). Leaves sharing a parent beyond GROUP_AT become one counted group, so a
 * reach of thousands stays a readable map; rows are dropped from the far end if it still passes the cap.
 */
export function fromBlastRadius(br: BlastRadiusResult, root: NodeInfo): Drawing {
  let rows = br.reach.length;
  for (;;) {
    const d = layeredReach(br, root, rows);
    if (elementCount(d) <= ELEMENT_CAP || rows <= 1) return d;
    rows = Math.floor(rows * 0.7);
  }
}

function layeredReach(br: BlastRadiusResult, root: NodeInfo, rows: number): Drawing {
  const d = start(root);
  const reach = br.reach.slice(0, rows);
  const shown = rows < br.summary.reached ? ` (nearest ${num(rows)} of ${num(br.summary.reached)})` : '';
  d.title = `Blast radius of ${called(root)}${shown}`;
  d.layout = 'layers';
  const parents = new Set<string>();
  for (const r of reach) for (let i = 0; i < r.path.length - 1; i++) parents.add(r.path[i]);
  const leavesOf = new Map<string, typeof reach>();
  for (const r of reach) {
    if (parents.has(r.id) || r.path.length < 2) continue;
    const parent = r.path[r.path.length - 2];
    leavesOf.set(parent, [...(leavesOf.get(parent) ?? []), r]);
  }
  const grouped = new Set<string>();
  for (const [parent, leaves] of leavesOf) {
    if (leaves.length <= GROUP_AT) continue;
    for (const l of leaves) grouped.add(l.id);
    const id = groupId(parent, 'out', 'reach');
    const members = leaves.map((l) => ({
      edge: { from: parent, to: l.id, kind: 'reach', privilege: l.privilege, exercised: false, direction: 'out' as const },
      node: { id: l.id, kind: l.kind, subkind: null, criticality: br.summary.crownJewels.includes(l.id) ? 'critical' : null, name: l.name },
    }));
    d.nodes.set(id, {
      id,
      kind: 'group-node',
      subkind: null,
      criticality: null,
      near: parent,
      group: { anchor: parent, direction: 'out', kind: 'reach', members, notLoaded: 0 },
    });
    d.edges.set(edgeKey(parent, 'reach', id), {
      id: edgeKey(parent, 'reach', id),
      from: parent,
      to: id,
      kind: 'reach',
      privilege: null,
      exercised: false,
    });
  }
  for (const r of reach) {
    if (grouped.has(r.id)) continue;
    if (!d.nodes.has(r.id)) {
      d.nodes.set(r.id, {
        id: r.id,
        kind: r.kind,
        subkind: null,
        criticality: br.summary.crownJewels.includes(r.id) ? 'critical' : null,
        near: root.id,
        name: r.name,
      });
    }
    for (let i = 1; i < r.path.length; i++) {
      const [from, to] = [r.path[i - 1], r.path[i]];
      if (grouped.has(to)) continue;
      if (!d.nodes.has(from))
        d.nodes.set(from, { id: from, kind: 'identity', subkind: null, criticality: null, near: root.id, name: br.names[from] });
      const id = edgeKey(from, 'reach', to);
      const privilege = i === r.path.length - 1 ? r.privilege : null;
      d.edges.set(id, { id, from, to, kind: 'reach', privilege, exercised: false });
    }
  }
  return d;
}

/** Exposure as layers: every identity that can reach the target, pointing at it (labelled with hops). */
export function fromExposure(ex: ExposureResult, target: NodeInfo): Drawing {
  const d = start(target);
  d.title = `Exposure of ${called(target)}: ${ex.total} identities${ex.truncated ? ` (first ${ex.identities.length})` : ''}`;
  d.layout = 'layers';
  for (const i of ex.identities) {
    if (i.id === target.id) continue;
    d.nodes.set(i.id, { id: i.id, kind: 'identity', subkind: null, criticality: null, near: target.id, name: i.name });
    const id = edgeKey(i.id, 'reach', target.id);
    d.edges.set(id, { id, from: i.id, to: target.id, kind: 'reach', privilege: i.privilege, exercised: false });
  }
  return d;
}

/**
 * Blast radius and exposure rows carry paths but not edge kinds: this swaps each 'reach' edge for the real
 * one (kind, privilege, exercised) and fills node kinds and criticality from graph.neighbours answers.
 */
export function withRealEdges(d: Drawing, answers: NeighboursResult[]): Drawing {
  const next = copy(d);
  for (const r of answers) {
    for (const n of r.nodes) {
      const drawn = next.nodes.get(n.id);
      if (drawn && !drawn.group)
        next.nodes.set(n.id, {
          ...drawn,
          kind: n.kind,
          subkind: n.subkind,
          criticality: n.criticality ?? drawn.criticality,
          name: n.name ?? drawn.name,
        });
    }
    for (const e of r.edges) {
      const key = edgeKey(e.from, 'reach', e.to);
      const reach = next.edges.get(key);
      if (!reach) continue;
      // Several kinds may join the same pair: an exercised one explains the hop best.
      if (reach.kind !== 'reach' && (reach.exercised || !e.exercised)) continue;
      next.edges.set(key, { ...reach, kind: e.kind, privilege: e.privilege ?? reach.privilege, exercised: e.exercised });
    }
  }
  return next;
}
