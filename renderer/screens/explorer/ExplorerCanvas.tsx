// The cytoscape canvas of the explorer. It mirrors a Drawing (adds and removes only what changed), places
// new leaves cheaply around the node they came from, and runs a full layout only when the drawing asks
// for one — on the drawn subgraph only; from a few hundred elements in a Web Worker (layout-client.ts) while
// an interim grid stays usable, the positions then applied in one batch. It hides what the filter leaves out
// and lights the selected path (both computed by the screen, applied here as classes, never re-queried).
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useRef } from 'react';
import type { Mark } from '../../../shared/model.ts';
import { label as words, num } from '../../lib/format.ts';
import type { LitPath } from '../../lib/graph-path.ts';
import type { Rect } from '../../lib/place-card.ts';
import { claimCytoscapeStylesheet } from '../reach/ReachGraph.tsx';
import { explorerStyle } from './cy-style.ts';
import type { DrawnNode, Drawing } from './drawing.ts';
import { layoutOptions, WORKER_AT, type LayoutJob } from './layout-choice.ts';
import { layoutInWorker, type LayoutRun } from './layout-client.ts';
import { beyondFan, fanAround } from './placement.ts';

cytoscape.use(dagre);

/** Past this many nodes, labels wait for the analyst to zoom in. */
const CROWD = 300;

/** `box`: a hovered node's drawn box with its label, so the card goes beside it and never over it. */
export interface Hover {
  id: string;
  what: 'node' | 'edge';
  x: number;
  y: number;
  box?: Rect;
}

/** A layout running in the worker: how many nodes, which stage, since when (performance.now()). */
export interface LayoutProgress {
  nodes: number;
  stage: string;
  since: number;
}

export interface CanvasEvents {
  onSelect(id: string): void;
  onGroup(id: string): void;
  onHover(h: Hover | null): void;
  onContext(id: string, x: number, y: number): void;
  onBackground(): void;
  onLayout(p: LayoutProgress | null): void;
}

export function ExplorerCanvas({
  drawing,
  marks,
  selected,
  visible,
  filterKey,
  lit,
  events,
  cyRef,
  cancelLayout,
}: {
  drawing: Drawing;
  marks: Map<string, Set<Mark>>;
  selected: string | null;
  /** What the filter keeps; everything else is hidden (not removed: no re-query, no re-layout). */
  visible: { nodes: Set<string>; edges: Set<string> };
  /** The filter as text: when it changes, the view fits what is left on screen. */
  filterKey: string;
  /** The selected node's path from the start, lit while the rest is dimmed. */
  lit: LitPath | null;
  events: CanvasEvents;
  cyRef: { current: cytoscape.Core | null };
  /** Set by the canvas: stops a worker layout that is running (the interim picture stays). */
  cancelLayout: { current: (() => void) | null };
}) {
  const box = useRef<HTMLDivElement>(null);
  const handlers = useRef(events);
  handlers.current = events;
  const laidOut = useRef({ view: -1, run: -1 });
  const job = useRef<LayoutRun | null>(null);
  const current = useRef(drawing);
  current.current = drawing;

  useEffect(() => {
    claimCytoscapeStylesheet();
    const cy = cytoscape({
      container: box.current,
      style: explorerStyle(box.current!),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
      // Past ~1,000 elements, panning a texture instead of redrawing keeps the canvas responsive.
      textureOnViewport: false,
      hideEdgesOnViewport: false,
      motionBlur: false,
    });
    cyRef.current = cy;
    const at = (e: cytoscape.EventObject) => ({ x: e.renderedPosition?.x ?? 0, y: e.renderedPosition?.y ?? 0 });
    cy.on('select', 'node', (e) => handlers.current.onSelect(e.target.id() as string));
    cy.on('tap', 'node[kind = "group-node"]', (e) => handlers.current.onGroup(e.target.id() as string));
    cy.on('mouseover', 'node, edge', (e) => {
      // The hovered edge, or every edge of the hovered node, shows its label at any zoom.
      const node = e.target.isNode();
      (node ? e.target.connectedEdges() : e.target).addClass('hovered');
      const box = node ? (e.target as cytoscape.NodeSingular).renderedBoundingBox({ includeLabels: true, includeOverlays: false }) : undefined;
      handlers.current.onHover({
        id: e.target.id() as string,
        what: node ? 'node' : 'edge',
        ...at(e),
        box: box && { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 },
      });
    });
    cy.on('tap', (e) => {
      if (e.target === cy) handlers.current.onBackground();
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
      job.current?.cancel();
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
    if (fresh) {
      // Another view, or a re-layout: a layout still running for the previous one is of no use any more.
      if (job.current) {
        job.current.cancel();
        handlers.current.onLayout(null);
      }
      job.current = null;
      cancelLayout.current = null;
    }
    if (fresh && drawing.positions.size === 0) {
      job.current = runLayout(cy, drawing, current, (p) => handlers.current.onLayout(p));
      cancelLayout.current =
        job.current &&
        (() => {
          job.current?.cancel();
          job.current = null;
        });
    } else if (fresh) {
      // Back or forward to another view: its remembered positions, fitted.
      cy.nodes().forEach((n) => {
        const p = drawing.positions.get(n.id());
        if (p) n.position(p);
      });
      place(cy, drawing, added);
      fitView(cy);
    } else {
      place(cy, drawing, added);
      if (added.length) fitView(cy);
      remember(cy, drawing);
    }
  }, [drawing, cyRef, cancelLayout]);

  // The filter hides, the selected path lights: classes only, so neither asks the engine nor moves a node.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.toggleClass('filtered', !visible.nodes.has(n.id()));
      });
      cy.edges().forEach((e) => {
        e.toggleClass('filtered', !visible.edges.has(e.id()));
      });
    });
  }, [visible, drawing, cyRef]);

  // A new filter: what is left may be a corner of the picture; bring it into view.
  const filtered = useRef(filterKey);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || filtered.current === filterKey) return;
    filtered.current = filterKey;
    fitView(cy, cy.elements(':visible'));
  }, [filterKey, visible, cyRef]);

  const litBefore = useRef<{ drawing: Drawing; ids: Set<string> | null }>({ drawing, ids: null });
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const ids = lit ? new Set([...lit.nodes, ...lit.edges]) : null;
    const before = litBefore.current;
    litBefore.current = { drawing, ids };
    cy.batch(() => {
      if (ids && before.ids && before.drawing === drawing) {
        // Moving the light along one picture: only the elements that change side are restyled, so a keypress
        // at 2,500 elements stays a few elements' work.
        for (const id of before.ids) if (!ids.has(id)) cy.getElementById(id).removeClass('on-path').addClass('dim');
        for (const id of ids) if (!before.ids.has(id)) cy.getElementById(id).removeClass('dim').addClass('on-path');
        return;
      }
      cy.elements().forEach((el) => {
        el.toggleClass('on-path', ids !== null && ids.has(el.id()));
        el.toggleClass('dim', ids !== null && !ids.has(el.id()));
      });
    });
  }, [lit, drawing, cyRef]);

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
      edges.push({
        group: 'edges',
        data: { id: e.id, source: e.from, target: e.to, kind: e.kind, privilege: e.privilege, exercised: e.exercised ? 1 : 0, label: edgeLabel(e) },
      });
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
  const label = g ? `${num(g.members.length + g.notLoaded)} more · ${words(g.kind)} ${g.direction === 'in' ? '←' : '→'}` : (n.name ?? n.id);
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
function awayFrom(
  cy: cytoscape.Core,
  d: Drawing,
  anchor: string,
  fresh: Set<string>,
  origin: { x: number; y: number },
  centroid: { x: number; y: number },
) {
  for (const n of d.nodes.values()) {
    if (n.group?.anchor !== anchor || fresh.has(n.id)) continue;
    const g = cy.getElementById(n.id).position();
    if (Math.hypot(g.x - origin.x, g.y - origin.y) > 1) return { x: 2 * origin.x - g.x, y: 2 * origin.y - g.y };
  }
  return d.layout === 'layers' ? { x: origin.x - 100, y: origin.y } : centroid;
}

/**
 * Lays the whole picture out. Small pictures synchronously; from WORKER_AT elements a cheap grid first (drawn at
 * once, usable) and the real layout in a worker, whose positions are applied in one batch when they come.
 * Returns the running worker job, or null when the layout already finished.
 */
function runLayout(cy: cytoscape.Core, d: Drawing, latest: { current: Drawing }, onLayout: (p: LayoutProgress | null) => void): LayoutRun | null {
  const n = cy.nodes().length;
  const job = (): LayoutJob => ({
    layout: d.layout,
    root: d.root,
    aspect: cy.width() / Math.max(1, cy.height()),
    nodes: cy.nodes().map((x) => ({ id: x.id(), w: x.outerWidth(), h: x.outerHeight(), kind: String(x.data('kind')) })),
    edges: cy.edges().map((x) => ({ id: x.id(), source: x.source().id(), target: x.target().id() })),
  });
  // (A banded picture, past DAGRE_MAX nodes, is always past WORKER_AT elements: it never comes this way.)
  if (n + cy.edges().length < WORKER_AT) {
    const layout = cy.layout(layoutOptions(d.layout, n));
    layout.one('layoutstop', () => {
      fitView(cy);
      remember(cy, d);
    });
    layout.run();
    return null;
  }
  cy.layout({ name: 'grid', animate: false, fit: false, avoidOverlap: true, condense: true } as cytoscape.LayoutOptions).run();
  fitView(cy);
  const since = performance.now();
  onLayout({ nodes: n, stage: 'starting', since });
  const run = layoutInWorker(job(), (stage) => onLayout({ nodes: n, stage, since }));
  const stale = () => cy.destroyed() || latest.current.view !== d.view || latest.current.layoutRun !== d.layoutRun;
  run.result.then(
    (positions) => {
      if (stale()) return;
      const now = latest.current;
      // Nodes drawn while the worker ran (an expansion) keep their place beside their anchor, moved with it.
      const late: string[] = [];
      cy.batch(() => {
        cy.nodes().forEach((x) => {
          const p = positions.get(x.id());
          if (p) x.position(p);
          else late.push(x.id());
        });
      });
      for (const id of late) now.positions.delete(id);
      if (late.length) place(cy, now, late);
      fitView(cy);
      remember(cy, now);
      onLayout(null);
    },
    () => {
      // Cancelled or failed: the interim grid stays, and is what back/forward will show.
      if (!stale()) {
        remember(cy, latest.current);
        onLayout(null);
      }
    },
  );
  return run;
}

/** Fits the picture, but never blows a handful of nodes up to poster size. */
export function fitView(cy: cytoscape.Core, what?: cytoscape.CollectionArgument): void {
  if (what && what.length === 0) return;
  cy.fit(what, 30);
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
