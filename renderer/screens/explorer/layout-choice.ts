// Which layout a picture gets, by its kind and size, written once for the canvas (small pictures, on the UI
// thread) and the layout worker (large ones, layout.worker.ts): the same picture comes out either way.
import type cytoscape from 'cytoscape';
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
  nodes: { id: string; w: number; h: number }[];
  edges: { id: string; source: string; target: string }[];
}

export type Positions = Map<string, { x: number; y: number }>;

export function layoutOptions(layout: LayoutKind, nodes: number, root: string): cytoscape.LayoutOptions {
  const options = layout === 'layers'
    ? nodes <= DAGRE_MAX
      ? { name: 'dagre', rankDir: 'LR', nodeSep: 28, rankSep: 120 }
      // breadthfirst is linear and still layered: turned on its side it reads left to right like dagre.
      : { name: 'breadthfirst', directed: true, roots: [root], spacingFactor: 0.6,
        transform: (_node: cytoscape.NodeSingular, p: { x: number; y: number }) => ({ x: p.y, y: p.x }) }
    : nodes <= FORCE_LAYOUT_MAX
      ? { name: 'cose', randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, numIter: 600 }
      : { name: 'concentric', minNodeSpacing: 6, concentric: (node: cytoscape.NodeSingular) => node.degree(false), levelWidth: () => 2 };
  return { ...options, animate: false, fit: false } as cytoscape.LayoutOptions;
}
