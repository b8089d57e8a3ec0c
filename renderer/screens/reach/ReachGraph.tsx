// A layered drawing of a blast radius with cytoscape + dagre (left to right, hop by hop). Only the
// explaining paths are drawn, so the picture stays a tree-like map rather than a hairball.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useRef } from 'react';
import type { ReachRow } from '../../../shared/api/graph.ts';
import { useRouter } from '../../state/router.ts';

cytoscape.use(dagre);

// cytoscape injects a <style> element unless an element with this id exists; the strict CSP would block it
// (and log a violation), so a placeholder claims the id and app.css carries its one rule.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
export function claimCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(placeholder);
}

export function ReachGraph({ source, reach, crownJewels }: { source: string; reach: ReachRow[]; crownJewels: string[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    claimCytoscapeStylesheet();
    const colors = readColors(box.current);
    const kinds = new Map<string, string>([[source, 'source'], ...reach.map((r) => [r.id, r.kind] as [string, string])]);
    const edges = new Set<string>();
    for (const r of reach) for (let i = 1; i < r.path.length; i++) edges.add(`${r.path[i - 1]}\u0000${r.path[i]}`);
    for (const key of edges) for (const id of key.split('\u0000')) if (!kinds.has(id)) kinds.set(id, 'identity');
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...[...kinds].map(([id, kind]) => ({ data: { id, label: id, kind, crown: crownJewels.includes(id) ? 1 : 0 } })),
        ...[...edges].map((key) => {
          const [s, t] = key.split('\u0000');
          return { data: { id: key, source: s, target: t } };
        }),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 10, color: colors.text, 'text-valign': 'bottom', 'text-margin-y': 4, width: 14, height: 14, 'background-color': colors.identity } },
        { selector: 'node[kind = "system"]', style: { shape: 'round-rectangle', 'background-color': colors.system } },
        { selector: 'node[kind = "credential"]', style: { shape: 'diamond', 'background-color': colors.credential } },
        { selector: 'node[kind = "group"], node[kind = "role"]', style: { shape: 'hexagon', 'background-color': colors.group } },
        { selector: 'node[kind = "source"]', style: { width: 20, height: 20, 'background-color': colors.source } },
        { selector: 'node[crown = 1]', style: { 'border-width': 3, 'border-color': colors.crown } },
        { selector: 'edge', style: { width: 1, 'line-color': colors.edge, 'target-arrow-color': colors.edge, 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.7 } },
      ],
      layout: { name: 'dagre', rankDir: 'LR', nodeSep: 12, rankSep: 90 } as cytoscape.LayoutOptions,
      // A handful of nodes would otherwise be zoomed to poster size by the fit.
      maxZoom: 1.4,
      minZoom: 0.1,
    });
    cy.on('tap', 'node', (e) => {
      const kind = e.target.data('kind') as string;
      if (kind === 'identity' || kind === 'group' || kind === 'role') useRouter.getState().go('identity', e.target.id() as string);
    });
    return () => cy.destroy();
  }, [source, reach, crownJewels]);
  return <div ref={box} className="reach-graph" role="img" aria-label={`Graph of ${reach.length} nodes reached from ${source}`} />;
}

/** Theme colours come from CSS variables so the canvas follows light and dark mode. */
export function readColors(el: HTMLElement) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim() || '#888';
  return {
    text: v('--text'), edge: v('--muted'), identity: v('--accent'), system: v('--ok'), credential: v('--warn'),
    group: v('--sev-low'), source: v('--bad'), crown: v('--sev-critical'),
  };
}
