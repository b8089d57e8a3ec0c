// Which layout a picture gets, by its kind and size, written once for the canvas (small pictures, on the UI
// thread) and the layout worker (large ones, layout.worker.ts): the same picture comes out either way.
import type cytoscape from 'cytoscape';
import { layeredPositions } from '../reach/reach-layout.ts';
import type { LayoutKind } from './drawing.ts';

/** From this many elements (nodes + edges) the layout runs in a Web Worker, so the canvas never freezes meanwhile. */
export const WORKER_AT = 300;
/** cose past this many nodes takes seconds on a software-rendered machine (docs/architecture.md, Software-rendered canvas). */
const FORCE_LAYOUT_MAX = 300;
/** dagre past this many nodes takes seconds here; beyond it a linear layered layout is used. */
const DAGRE_MAX = 500;

/** What a layout needs to know about the picture: plain data, so it can be posted to a worker. */
export interface LayoutJob {
  layout: LayoutKind;
  root: string;
  /** w, h: the node's drawn size, so the layout keeps drawn nodes apart. */
  nodes: { id: string; w: number; h: number; kind: string }[];
  edges: { id: string; source: string; target: string }[];
  /** Width / height of the canvas, so a banded picture is shaped to fill it. */
  aspect: number;
}

export type Positions = Map<string, { x: number; y: number }>;

/**
 * Past DAGRE_MAX nodes a layered picture is drawn in hop bands (reach-layout.ts, as the blast-radius screen draws):
 * linear, left to right, a tall band wrapped into columns, where breadthfirst made one column thousands high.
 */
export function banded(layout: LayoutKind, nodes: number): boolean {
  return layout === 'layers' && nodes > DAGRE_MAX;
}

/** Hop bands from the root, following edges either way (an exposure picture points at its root). */
export function bandPositions(job: LayoutJob): Positions {
  const around = new Map<string, string[]>();
  const link = (a: string, b: string) => around.set(a, [...(around.get(a) ?? []), b]);
  for (const e of job.edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const hops = new Map([[job.root, 0]]);
  const queue = [job.root];
  for (let i = 0; i < queue.length; i++) {
    for (const next of around.get(queue[i]) ?? []) {
      if (hops.has(next)) continue;
      hops.set(next, hops.get(queue[i])! + 1);
      queue.push(next);
    }
  }
  const far = Math.max(0, ...hops.values()) + 1;
  return layeredPositions(
    job.nodes.map((n) => ({ id: n.id, kind: n.kind, hops: hops.get(n.id) ?? far })),
    job.aspect,
  );
}

export function layoutOptions(layout: LayoutKind, nodes: number): cytoscape.LayoutOptions {
  const options =
    layout === 'layers'
      ? { name: 'dagre', rankDir: 'LR', nodeSep: 28, rankSep: 120 }
      : nodes <= FORCE_LAYOUT_MAX
        ? { name: 'cose', randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, numIter: 600 }
        : { name: 'concentric', minNodeSpacing: 6, concentric: (node: cytoscape.NodeSingular) => node.degree(false), levelWidth: () => 2 };
  return { ...options, animate: false, fit: false } as cytoscape.LayoutOptions;
}
