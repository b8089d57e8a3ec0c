// The cytoscape canvas of the explorer. It mirrors a Drawing (adds and removes only what changed), places
// new leaves cheaply around the node they came from, and runs a full layout only when the drawing asks
// for one — on the drawn subgraph only, with a cheap layout past a few hundred nodes so it never freezes.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useRef } from 'react';
import type { Mark } from '../../../shared/model.ts';
import { label as words, num } from '../../lib/format.ts';
import { claimCytoscapeStylesheet } from '../reach/ReachGraph.tsx';
import { explorerStyle } from './cy-style.ts';
import type { DrawnNode, Drawing } from './drawing.ts';
import { beyondFan, fanAround } from './placement.ts';

cytoscape.use(dagre);

/** cose past this many nodes takes seconds on a software-rendered machine (docs/architecture.md, Software-rendered canvas). */
const FORCE_LAYOUT_MAX = 300;
/** dagre past this many nodes takes seconds here; beyond it a linear layered layout is used. */
const DAGRE_MAX = 500;
/** Past this many nodes, labels wait for the analyst to zoom in. */
const CROWD = 300;

export interface Hover { id: string; what: 'node' | 'edge'; x: number; y: number }

export interface CanvasEvents {
  onSelect(id: string): void;
  onGroup(id: string): void;
  onHover(h: Hover | null): void;
  onContext(id: string, x: number, y: number): void;
}

export function ExplorerCanvas({ drawing, marks, selected, events, cyRef }: {
  drawing: Drawing;
  marks: Map<string, Set<Mark>>;
  selected: string | null;
  events: CanvasEvents;
  cyRef: { current: cytoscape.Core | null };
}) {
  const box = useRef<HTMLDivElement>(null);
  const handlers = useRef(events);
  handlers.current = events;
  const laidOut = useRef({ view: -1, run: -1 });

  useEffect(() => {
    claimCytoscapeStylesheet();
    const cy = cytoscape({
      container: box.current, style: explorerStyle(box.current!), minZoom: 0.05, maxZoom: 3,
      boxSelectionEnabled: false, selectionType: 'single',
      // Past ~1,000 elements, panning a texture instead of redrawing keeps the canvas responsive.
      textureOnViewport: false, hideEdgesOnViewport: false, motionBlur: false,
    });
    cyRef.current = cy;
    const at = (e: cytoscape.EventObject) => ({ x: e.renderedPosition?.x ?? 0, y: e.renderedPosition?.y ?? 0 });
    cy.on('select', 'node', (e) => handlers.current.onSelect(e.target.id() as string));
    cy.on('tap', 'node[kind = "group-node"]', (e) => handlers.current.onGroup(e.target.id() as string));
    cy.on('mouseover', 'node, edge', (e) => {
      // The hovered edge, or every edge of the hovered node, shows its label at any zoom.
      (e.target.isNode() ? e.target.connectedEdges() : e.target).addClass('hovered');
      handlers.current.onHover({ id: e.target.id() as string, what: e.target.isNode() ? 'node' : 'edge', ...at(e) });
    });
    cy.on('mouseout', 'node, edge', () => {
      cy.edges('.hovered').removeClass('hovered');
      handlers.current.onHover(null);
    });
    cy.on('pan zoom', () => handlers.current.onHover(null));
    cy.on('cxttap', 'node', (e) => {
      e.target.select();
      const p = at(e);
      handlers.current.onContext(e.target.id() as string, p.x, p.y);
    });
    return () => {
      cyRef.current = null;
      cy.destroy();
    };
  }, [cyRef]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const added = sync(cy, drawing);
    // Labels of a crowd overlap into noise and cost most of each frame: past a few hundred nodes they
    // appear only once the analyst zooms in.
    cy.nodes().toggleClass('crowd', drawing.nodes.size > CROWD);
    const fresh = laidOut.current.view !== drawing.view || laidOut.current.run !== drawing.layoutRun;
    laidOut.current = { view: drawing.view, run: drawing.layoutRun };
    if (fresh && drawing.positions.size === 0) runLayout(cy, drawing);
    else if (fresh) {
      // Back or forward to another view: its remembered positions, fitted.
      cy.nodes().forEach((n) => { const p = drawing.positions.get(n.id()); if (p) n.position(p); });
      place(cy, drawing, added);
      fitView(cy);
    } else {
      place(cy, drawing, added);
      if (added.length) fitView(cy);
      remember(cy, drawing);
    }
  }, [drawing, cyRef]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const m = marks.get(n.id());
        n.data({ compromised: m?.has('compromised') ? 1 : 0, crown: m?.has('crown-jewel') ? 1 : 0 });
      });
    });
  }, [marks, drawing, cyRef]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const current = cy.$('node:selected');
    if (selected && current.size() === 1 && current.first().id() === selected) return;
    current.unselect();
    if (selected) cy.getElementById(selected).select();
  }, [selected, drawing, cyRef]);

  return <div ref={box} className="explorer-canvas" aria-hidden="true" />;
}

/** Makes the canvas hold exactly the drawing's elements; returns the ids of nodes it added. */
function sync(cy: cytoscape.Core, d: Drawing): string[] {
  const added: string[] = [];
  cy.batch(() => {
    cy.remove(cy.edges().filter((e) => !d.edges.has(e.id())));
    cy.remove(cy.nodes().filter((n) => !d.nodes.has(n.id())));
    const nodes: cytoscape.ElementDefinition[] = [];
    for (const n of d.nodes.values()) {
      const data = nodeData(n, d.root);
      const el = cy.getElementById(n.id);
      if (el.nonempty()) {
        el.data(data);
        continue;
      }
      added.push(n.id);
      nodes.push({ group: 'nodes', data, position: d.positions.get(n.id) ?? undefined });
    }
    cy.add(nodes);
    const edges: cytoscape.ElementDefinition[] = [];
    for (const e of d.edges.values()) {
      if (cy.getElementById(e.id).nonempty()) continue;
      edges.push({ group: 'edges', data: { id: e.id, source: e.from, target: e.to, kind: e.kind, privilege: e.privilege, exercised: e.exercised ? 1 : 0, label: edgeLabel(e) } });
    }
    cy.add(edges);
  });
  return added;
}

/** "access · admin · exercised": what an edge grants, drawn at high zoom or while an end is hovered. */
export function edgeLabel(e: { kind: string; privilege?: string | null; exercised?: boolean }): string {
  return [words(e.kind), e.privilege, e.exercised ? 'exercised' : null].filter(Boolean).join(' · ');
}

function nodeData(n: DrawnNode, root: string): Record<string, unknown> {
  const g = n.group;
  const label = g ? `${num(g.members.length + g.notLoaded)} more · ${words(g.kind)} ${g.direction === 'in' ? '←' : '→'}` : n.name ?? n.id;
  return { id: n.id, label, kind: n.kind, subkind: n.subkind, criticality: n.criticality, root: n.id === root ? 1 : 0 };
}

/** New nodes without a remembered position go on a fan around the node they were expanded from. */
function place(cy: cytoscape.Core, d: Drawing, added: string[]): void {
  const byAnchor = new Map<string, string[]>();
  for (const id of added) {
    if (d.positions.has(id)) continue;
    const near = d.nodes.get(id)?.near ?? d.root;
    byAnchor.set(near, [...(byAnchor.get(near) ?? []), id]);
  }
  if (byAnchor.size === 0) return;
  const fresh = new Set(added);
  const old = cy.nodes().filter((n) => !fresh.has(n.id()));
  const bb = old.nonempty() ? old.boundingBox() : { x1: 0, y1: 0, w: 0, h: 0 };
  const centroid = { x: bb.x1 + bb.w / 2, y: bb.y1 + bb.h / 2 };
  cy.batch(() => {
    for (const [anchor, ids] of byAnchor) {
      const a = cy.getElementById(anchor);
      const origin = a.nonempty() ? a.position() : centroid;
      const fan = fanAround(origin, awayFrom(cy, d, anchor, fresh, origin, centroid), ids.length);
      fan.forEach((p, i) => cy.getElementById(ids[i]).position(p));
      // A group that still holds members moves past the drawn ones, so it is not buried in the fan.
      for (const n of d.nodes.values()) {
        if (n.group?.anchor === anchor && !fresh.has(n.id) && ids.length > 1) cy.getElementById(n.id).position(beyondFan(origin, fan));
      }
    }
  });
}

/**
 * The point a fan faces away from: it opens toward the group the leaves came out of (that is where the
 * analyst looked), rightward in a left-to-right layered view, else away from the rest of the picture.
 */
function awayFrom(cy: cytoscape.Core, d: Drawing, anchor: string, fresh: Set<string>, origin: { x: number; y: number }, centroid: { x: number; y: number }) {
  for (const n of d.nodes.values()) {
    if (n.group?.anchor !== anchor || fresh.has(n.id)) continue;
    const g = cy.getElementById(n.id).position();
    if (Math.hypot(g.x - origin.x, g.y - origin.y) > 1) return { x: 2 * origin.x - g.x, y: 2 * origin.y - g.y };
  }
  return d.layout === 'layers' ? { x: origin.x - 100, y: origin.y } : centroid;
}

function runLayout(cy: cytoscape.Core, d: Drawing): void {
  const n = cy.nodes().length;
  const options: cytoscape.LayoutOptions = d.layout === 'layers'
    ? n <= DAGRE_MAX
      ? ({ name: 'dagre', rankDir: 'LR', nodeSep: 28, rankSep: 120, animate: false } as cytoscape.LayoutOptions)
      // breadthfirst is linear and still layered: turned on its side it reads left to right like dagre.
      : ({ name: 'breadthfirst', directed: true, roots: [d.root], spacingFactor: 0.6, animate: false,
        transform: (_node: cytoscape.NodeSingular, p: { x: number; y: number }) => ({ x: p.y, y: p.x }) } as cytoscape.LayoutOptions)
    : n <= FORCE_LAYOUT_MAX
      ? ({ name: 'cose', animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, numIter: 600 } as cytoscape.LayoutOptions)
      : { name: 'concentric', animate: false, minNodeSpacing: 6, concentric: (node: cytoscape.NodeSingular) => node.degree(false), levelWidth: () => 2 } as cytoscape.LayoutOptions;
  const layout = cy.layout({ ...options, fit: false } as cytoscape.LayoutOptions);
  layout.one('layoutstop', () => {
    fitView(cy);
    remember(cy, d);
  });
  layout.run();
}

/** Fits the picture, but never blows a handful of nodes up to poster size. */
export function fitView(cy: cytoscape.Core): void {
  cy.fit(undefined, 30);
  if (cy.zoom() > 1.3) {
    cy.zoom(1.3);
    cy.center();
  }
}

/** Keeps positions with the drawing, so back/forward and re-visits show the same picture. */
function remember(cy: cytoscape.Core, d: Drawing): void {
  cy.nodes().forEach((n) => {
    d.positions.set(n.id(), { ...n.position() });
  });
}
