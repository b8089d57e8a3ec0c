// A blast radius drawn left → right by hop (reach-layout.ts): the source on the left, each hop a band, a large
// band wrapped into columns, many like nodes under one parent drawn as one set that opens on click
// (like-sets.ts). Fit and zoom controls; hovering a node shows its name, kind and privilege, and the privilege
// on edges into systems shows on hover or zoomed in; clicking selects it and shows details beside the graph
// (onSelect) instead of leaving the screen, with its path lit and the rest dimmed. Labels are names.
// With `filters`, a filter bar (edge kind, privilege, exercised or granted) hides what it leaves out, on the
// drawn picture only. Keyboard: arrows select the neighbour that way (lighting its path), Escape clears,
// Enter opens a set, + / − / F zoom and fit, / asks the screen for its search box (onFind).
import cytoscape from 'cytoscape';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ReachRow } from '../../../shared/api/graph.ts';
import { FloatingCard } from '../../components/FloatingCard.tsx';
import { GraphFilters } from '../../components/GraphFilters.tsx';
import { filterParams, NO_FILTER, visibleUnder, type GraphFilter } from '../../lib/graph-filter.ts';
import { encodeParams } from '../../state/route.ts';
import type { Rect } from '../../lib/place-card.ts';
import { refreshWhereCanvasIs } from '../../lib/cy-container.ts';
import { isArrow, neighbourToward } from '../explorer/keyboard.ts';
import { collapseLike } from './like-sets.ts';
import { fitViewport, layeredPositions } from './reach-layout.ts';

// cytoscape injects a <style> element unless an element with this id exists; the strict CSP would block it
// (and log a violation), so a placeholder claims the id and app.css carries its one rule.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
export function claimCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(placeholder);
}

interface Hover {
  id: string;
  x: number;
  y: number;
  box: Rect;
}

const ZOOM = { min: 0.05, max: 2.5 };

const edgeId = (e: { source: string; target: string }) => `${e.source}\u0000${e.target}`;

export function ReachGraph({
  source,
  sourceName,
  reach,
  names,
  crownJewels,
  selected,
  onSelect,
  compact = false,
  label,
  filters,
  onFind,
}: {
  source: string;
  sourceName: string;
  reach: ReachRow[];
  names: Record<string, string>;
  crownJewels: string[];
  selected: string | null;
  onSelect(id: string | null): void;
  /** A short strip (one path) instead of the full-height blast-radius map. */
  compact?: boolean;
  /** What the picture shows, for screen readers. */
  label?: string;
  /** The filter bar, its value kept by the screen (in its route). */
  filters?: { value: GraphFilter; onChange(f: GraphFilter): void };
  /** `/` on the graph: the screen focuses its search box. */
  onFind?(): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const rows = new Map(reach.map((r) => [r.id, r]));
  const drawn = useMemo(() => collapseLike(source, reach, expanded), [source, reach, expanded]);
  const sets = new Map(drawn.nodes.filter((n) => n.members).map((n) => [n.id, n]));
  useEffect(() => setExpanded(new Set()), [source]);
  const filter = filters?.value ?? NO_FILTER;
  // The filter as text: the route gives a new object on every change of the route (a selection too).
  const filterKey = encodeParams(filterParams(filter));
  const fittedFor = useRef<string | null>(null);
  const visible = useMemo(
    () =>
      visibleUnder(
        filter,
        source,
        drawn.nodes.map((n) => n.id),
        drawn.edges.map((e) => ({ ...e, id: edgeId(e), from: e.source, to: e.target })),
      ),
    [filter, source, drawn],
  );
  const kinds = useMemo(() => {
    const n = new Map<string, number>();
    for (const e of drawn.edges) n.set(e.kind, (n.get(e.kind) ?? 0) + 1);
    return [...n].sort(([a], [b]) => a.localeCompare(b));
  }, [drawn]);

  useEffect(() => {
    if (!box.current) return;
    claimCytoscapeStylesheet();
    const colors = readColors(box.current);
    const size = { width: box.current.clientWidth, height: box.current.clientHeight };
    const positions = layeredPositions(drawn.nodes, size.width / Math.max(1, size.height));
    // Fitted from the positions (reach-layout.ts), not by measuring every label: the first picture comes sooner.
    const view = fitViewport(positions.values(), size, 24, ZOOM);
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...drawn.nodes.map((n) => ({
          data: {
            id: n.id,
            label: n.label ?? (n.id === source ? sourceName : (names[n.id] ?? n.id)),
            kind: n.kind,
            set: n.members ? 1 : 0,
            size: n.members?.length ?? 1,
            crown: crownJewels.includes(n.id) ? 1 : 0,
          },
          position: positions.get(n.id),
        })),
        ...drawn.edges.map((e) => ({ data: { id: edgeId(e), source: e.source, target: e.target, label: e.label, exercised: e.exercised ? 1 : 0 } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 11,
            color: colors.text,
            'text-valign': 'bottom',
            'text-halign': 'center',
            'text-margin-y': 3,
            'text-max-width': '150px',
            'text-wrap': 'ellipsis',
            width: 14,
            height: 14,
            'background-color': colors.identity,
            'min-zoomed-font-size': 7,
          },
        },
        { selector: 'node[kind = "system"]', style: { shape: 'round-rectangle', 'background-color': colors.system } },
        { selector: 'node[kind = "credential"]', style: { shape: 'diamond', 'background-color': colors.credential } },
        { selector: 'node[kind = "group"], node[kind = "role"]', style: { shape: 'hexagon', 'background-color': colors.group } },
        { selector: 'node[kind = "source"]', style: { width: 22, height: 22, 'background-color': colors.source, 'font-weight': 'bold' } },
        { selector: 'node[crown = 1]', style: { 'border-width': 3, 'border-color': colors.crown } },
        {
          selector: 'node[set = 1]',
          style: {
            shape: 'round-rectangle',
            width: 30,
            height: 18,
            'border-width': 2,
            'border-style': 'dashed',
            'border-color': colors.focus,
            'font-weight': 'bold',
          },
        },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': colors.focus, 'overlay-opacity': 0 } },
        {
          selector: 'edge',
          style: {
            width: 1,
            'line-color': colors.edge,
            'target-arrow-color': colors.edge,
            'target-arrow-shape': 'triangle',
            'curve-style': 'straight',
            'arrow-scale': 0.6,
            opacity: 0.55,
          },
        },
        // What an edge is (kind, and the privilege it gives on a system): read when zoomed in, or while an end is hovered.
        {
          selector: 'edge[label != ""]',
          style: {
            label: 'data(label)',
            'font-size': 8,
            'min-zoomed-font-size': 10,
            color: colors.text,
            'text-rotation': 'autorotate',
            'text-margin-y': -6,
          },
        },
        // Seen used in the logs: solid and heavier; merely granted stays thin.
        { selector: 'edge[exercised = 1]', style: { width: 2, opacity: 0.8 } },
        { selector: 'edge.hovered', style: { 'min-zoomed-font-size': 0, 'font-size': 10, opacity: 1 } },
        { selector: '.dim', style: { opacity: 0.15 } },
        {
          selector: 'edge.on-path',
          style: { width: 2.5, opacity: 1, 'line-color': colors.focus, 'target-arrow-color': colors.focus, 'min-zoomed-font-size': 0 },
        },
        // What the filter leaves out is hidden, not removed: no re-query, and it comes back where it was.
        { selector: '.filtered', style: { display: 'none' } },
      ],
      layout: { name: 'preset', fit: view === null, padding: 24 },
      ...(view ?? {}),
      maxZoom: ZOOM.max,
      minZoom: ZOOM.min,
    });
    cy.on('mouseover', 'node', (e) => {
      const p = e.renderedPosition ?? e.target.renderedPosition();
      e.target.connectedEdges().addClass('hovered');
      // The card goes beside the node and its label, never over them.
      const b = (e.target as cytoscape.NodeSingular).renderedBoundingBox({ includeLabels: true, includeOverlays: false });
      setHover({ id: e.target.id() as string, x: p.x, y: p.y, box: { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 } });
    });
    cy.on('mouseout', 'node', () => {
      cy.edges('.hovered').removeClass('hovered');
      setHover(null);
    });
    cy.on('tap', 'node', (e) => {
      const id = e.target.id() as string;
      // A set opens in place: its members are drawn one by one.
      if (e.target.data('set')) setExpanded((x) => new Set([...x, id]));
      else onSelect(id);
    });
    cy.on('tap', (e) => {
      if (e.target === cy) onSelect(null);
    });
    cyRef.current = cy;
    return () => {
      cyRef.current = null;
      cy.destroy();
    };
  }, [source, sourceName, drawn, names, crownJewels]);

  // What the filter leaves out is hidden (classes only: the positions stay, nothing is asked again).
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
    // What is left may be a corner of the picture: bring it into view (not on the first drawing, already fitted).
    if (fittedFor.current !== null && fittedFor.current !== filterKey) {
      const left = cy.elements(':visible');
      if (left.nonempty()) cy.fit(left, 24);
    }
    fittedFor.current = filterKey;
  }, [visible, source, sourceName, names, crownJewels]);

  // The selected node's explaining path is highlighted, everything else dimmed.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass('dim on-path').unselect();
      const row = selected ? rows.get(selected) : undefined;
      if (!selected || !row) return;
      // A member of a collapsed set is shown by its set.
      const drawnId = (id: string) => drawn.setOf.get(id) ?? id;
      const path = row.path.map(drawnId);
      cy.getElementById(drawnId(selected)).select();
      const onPath = new Set(path);
      cy.nodes().forEach((n) => {
        n.addClass(onPath.has(n.id()) ? 'on-path' : 'dim');
      });
      cy.edges().forEach((e) => {
        const i = path.indexOf(e.source().id());
        if (i >= 0 && path[i + 1] === e.target().id()) e.addClass('on-path');
        else e.addClass('dim');
      });
    });
    // Also after the canvas is rebuilt (same deps as the effect above), or the light would be lost.
  }, [selected, drawn, source, sourceName, names, crownJewels]);

  const zoom = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const onKey = (e: KeyboardEvent) => {
    const cy = cyRef.current;
    if (!cy) return;
    const drawnId = (id: string) => drawn.setOf.get(id) ?? id;
    const current = selected ? drawnId(selected) : source;
    if (isArrow(e.key)) {
      // Only to neighbours still on screen under the filter.
      const next = neighbourToward(cy, current, e.key, (id) => visible.nodes.has(id));
      if (next && !sets.has(next)) onSelect(next === source ? null : next);
      else if (next) onSelect(sets.get(next)!.members![0]);
    } else if (e.key === 'Escape') onSelect(null);
    else if (e.key === 'Enter' && sets.has(current)) setExpanded((x) => new Set([...x, current]));
    else if (e.key === '+' || e.key === '=') zoom(1.4);
    else if (e.key === '-') zoom(1 / 1.4);
    else if (e.key === 'f' || e.key === 'F') cy.fit(undefined, 24);
    else if (e.key === '/' && onFind) onFind();
    else return;
    e.preventDefault();
  };
  const hovered = hover ? rows.get(hover.id) : undefined;
  const hoveredSet = hover ? sets.get(hover.id) : undefined;
  return (
    <>
      {filters && (
        <GraphFilters
          kinds={kinds}
          filter={filter}
          onChange={filters.onChange}
          hidden={{ nodes: drawn.nodes.length - visible.nodes.size, edges: drawn.edges.length - visible.edges.size }}
        />
      )}
      <div
        className="reach-frame"
        tabIndex={0}
        onKeyDown={onKey}
        onMouseEnter={() => refreshWhereCanvasIs(cyRef.current)}
        role="application"
        aria-label={`Graph keys: arrows select the neighbour that way and light its path, Escape clears, Enter opens a set, plus and minus zoom, F fits${onFind ? ', slash finds' : ''}.`}
      >
        <div className="graph-controls" role="toolbar" aria-label="Graph view">
          <button type="button" className="small" onClick={() => cyRef.current?.fit(undefined, 24)} title="Fit the whole graph">
            Fit
          </button>
          <button type="button" className="small" onClick={() => zoom(1.4)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="small" onClick={() => zoom(1 / 1.4)} aria-label="Zoom out">
            −
          </button>
        </div>
        <div
          ref={box}
          className={`reach-graph${compact ? ' compact' : ''}`}
          onMouseLeave={() => setHover(null)}
          role="img"
          aria-label={
            label ??
            `Graph of ${reach.length} nodes reached from ${sourceName}, by hop from left to right${sets.size ? `, like nodes in ${sets.size} sets` : ''}`
          }
        />
        {hover && (
          <FloatingCard x={hover.x} y={hover.y} avoid={hover.box} className="reach-hover">
            <div className="explorer-hover-title">{hoveredSet?.label ?? (hover.id === source ? sourceName : (names[hover.id] ?? hover.id))}</div>
            {hoveredSet ? (
              <dl>
                <div>
                  <dt>hops</dt>
                  <dd>{hoveredSet.hops}</dd>
                </div>
                <div>
                  <dt>for example</dt>
                  <dd>
                    {hoveredSet
                      .members!.slice(0, 3)
                      .map((m) => names[m] ?? m)
                      .join(', ')}
                  </dd>
                </div>
                <div>
                  <dt>click</dt>
                  <dd>draw them one by one</dd>
                </div>
              </dl>
            ) : (
              <dl>
                <div>
                  <dt>id</dt>
                  <dd className="mono">{hover.id}</dd>
                </div>
                <div>
                  <dt>kind</dt>
                  <dd>{hovered?.kind ?? 'source'}</dd>
                </div>
                {hovered && (
                  <div>
                    <dt>hops</dt>
                    <dd>{hovered.hops}</dd>
                  </div>
                )}
                {hovered?.privilege && (
                  <div>
                    <dt>privilege</dt>
                    <dd>{hovered.privilege}</dd>
                  </div>
                )}
                {crownJewels.includes(hover.id) && (
                  <div>
                    <dt>crown jewel</dt>
                    <dd>yes</dd>
                  </div>
                )}
              </dl>
            )}
          </FloatingCard>
        )}
      </div>
    </>
  );
}

/** Theme colours come from CSS variables so the canvas follows light and dark mode. */
export function readColors(el: HTMLElement) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim() || '#888';
  return {
    text: v('--text'),
    edge: v('--muted'),
    identity: v('--accent'),
    system: v('--ok'),
    credential: v('--warn'),
    group: v('--sev-low'),
    source: v('--bad'),
    crown: v('--sev-critical'),
    focus: v('--focus'),
  };
}
