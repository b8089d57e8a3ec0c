// A blast radius drawn left → right by hop (reach-layout.ts): the source on the left, each hop a band, a large
// band wrapped into columns. Fit and zoom controls; hovering a node shows its name, kind and privilege; clicking
// selects it and shows details beside the graph (onSelect) instead of leaving the screen. Labels are names.
import cytoscape from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { ReachRow } from '../../../shared/api/graph.ts';
import { layeredPositions } from './reach-layout.ts';

// cytoscape injects a <style> element unless an element with this id exists; the strict CSP would block it
// (and log a violation), so a placeholder claims the id and app.css carries its one rule.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
export function claimCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(placeholder);
}

interface Hover { id: string; x: number; y: number }

export function ReachGraph({ source, sourceName, reach, names, crownJewels, selected, onSelect }: {
  source: string; sourceName: string; reach: ReachRow[]; names: Record<string, string>; crownJewels: string[];
  selected: string | null; onSelect(id: string | null): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const rows = new Map(reach.map((r) => [r.id, r]));

  useEffect(() => {
    if (!box.current) return;
    claimCytoscapeStylesheet();
    const colors = readColors(box.current);
    const nodes = new Map<string, { hops: number; kind: string }>([[source, { hops: 0, kind: 'source' }]]);
    for (const r of reach) nodes.set(r.id, { hops: r.hops, kind: r.kind });
    const edges = new Set<string>();
    for (const r of reach) {
      for (let i = 1; i < r.path.length; i++) {
        edges.add(`${r.path[i - 1]}\u0000${r.path[i]}`);
        if (!nodes.has(r.path[i - 1])) nodes.set(r.path[i - 1], { hops: i - 1, kind: 'identity' });
      }
    }
    const aspect = box.current.clientWidth / Math.max(1, box.current.clientHeight);
    const positions = layeredPositions([...nodes].map(([id, n]) => ({ id, ...n })), aspect);
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...[...nodes].map(([id, n]) => ({
          data: { id, label: id === source ? sourceName : names[id] ?? id, kind: n.kind, crown: crownJewels.includes(id) ? 1 : 0 },
          position: positions.get(id),
        })),
        ...[...edges].map((key) => {
          const [s, t] = key.split('\u0000');
          return { data: { id: key, source: s, target: t } };
        }),
      ],
      style: [
        { selector: 'node', style: {
          label: 'data(label)', 'font-size': 11, color: colors.text, 'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 3,
          'text-max-width': '150px', 'text-wrap': 'ellipsis', width: 14, height: 14, 'background-color': colors.identity, 'min-zoomed-font-size': 7,
        } },
        { selector: 'node[kind = "system"]', style: { shape: 'round-rectangle', 'background-color': colors.system } },
        { selector: 'node[kind = "credential"]', style: { shape: 'diamond', 'background-color': colors.credential } },
        { selector: 'node[kind = "group"], node[kind = "role"]', style: { shape: 'hexagon', 'background-color': colors.group } },
        { selector: 'node[kind = "source"]', style: { width: 22, height: 22, 'background-color': colors.source, 'font-weight': 'bold' } },
        { selector: 'node[crown = 1]', style: { 'border-width': 3, 'border-color': colors.crown } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': colors.focus, 'overlay-opacity': 0 } },
        { selector: 'edge', style: { width: 1, 'line-color': colors.edge, 'target-arrow-color': colors.edge, 'target-arrow-shape': 'triangle', 'curve-style': 'straight', 'arrow-scale': 0.6, opacity: 0.55 } },
        { selector: '.dim', style: { opacity: 0.15 } },
        { selector: 'edge.on-path', style: { width: 2.5, opacity: 1, 'line-color': colors.focus, 'target-arrow-color': colors.focus } },
      ],
      layout: { name: 'preset', fit: true, padding: 24 },
      maxZoom: 2.5,
      minZoom: 0.05,
    });
    cy.on('mouseover', 'node', (e) => {
      const p = e.renderedPosition ?? e.target.renderedPosition();
      setHover({ id: e.target.id() as string, x: p.x, y: p.y });
    });
    cy.on('mouseout', 'node', () => setHover(null));
    cy.on('tap', 'node', (e) => onSelect(e.target.id() as string));
    cy.on('tap', (e) => {
      if (e.target === cy) onSelect(null);
    });
    cyRef.current = cy;
    return () => {
      cyRef.current = null;
      cy.destroy();
    };
  }, [source, sourceName, reach, names, crownJewels]);

  // The selected node's explaining path is highlighted, everything else dimmed.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass('dim on-path').unselect();
      const row = selected ? rows.get(selected) : undefined;
      if (!selected || !row) return;
      cy.getElementById(selected).select();
      const onPath = new Set(row.path);
      cy.nodes().forEach((n) => { if (!onPath.has(n.id())) n.addClass('dim'); });
      cy.edges().forEach((e) => {
        const i = row.path.indexOf(e.source().id());
        if (i >= 0 && row.path[i + 1] === e.target().id()) e.addClass('on-path');
        else e.addClass('dim');
      });
    });
  }, [selected, reach]);

  const zoom = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const hovered = hover ? rows.get(hover.id) : undefined;
  return (
    <div className="reach-frame">
      <div className="graph-controls" role="toolbar" aria-label="Graph view">
        <button type="button" className="small" onClick={() => cyRef.current?.fit(undefined, 24)} title="Fit the whole graph">Fit</button>
        <button type="button" className="small" onClick={() => zoom(1.4)} aria-label="Zoom in">+</button>
        <button type="button" className="small" onClick={() => zoom(1 / 1.4)} aria-label="Zoom out">−</button>
      </div>
      <div ref={box} className="reach-graph" role="img" aria-label={`Graph of ${reach.length} nodes reached from ${sourceName}, by hop from left to right`} />
      {hover && (
        <div className="explorer-hover reach-hover" role="tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }}>
          <div className="explorer-hover-title">{hover.id === source ? sourceName : names[hover.id] ?? hover.id}</div>
          <dl>
            <div><dt>id</dt><dd className="mono">{hover.id}</dd></div>
            <div><dt>kind</dt><dd>{hovered?.kind ?? 'source'}</dd></div>
            {hovered && <div><dt>hops</dt><dd>{hovered.hops}</dd></div>}
            {hovered?.privilege && <div><dt>privilege</dt><dd>{hovered.privilege}</dd></div>}
            {crownJewels.includes(hover.id) && <div><dt>crown jewel</dt><dd>yes</dd></div>}
          </dl>
        </div>
      )}
    </div>
  );
}

/** Theme colours come from CSS variables so the canvas follows light and dark mode. */
export function readColors(el: HTMLElement) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim() || '#888';
  return {
    text: v('--text'), edge: v('--muted'), identity: v('--accent'), system: v('--ok'), credential: v('--warn'),
    group: v('--sev-low'), source: v('--bad'), crown: v('--sev-critical'), focus: v('--focus'),
  };
}
