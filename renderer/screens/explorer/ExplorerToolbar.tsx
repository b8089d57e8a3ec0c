// History, view and export buttons above the canvas, with the element count against the cap.
import type cytoscape from 'cytoscape';
import { num } from '../../lib/format.ts';
import { fitView } from './ExplorerCanvas.tsx';
import { ELEMENT_CAP, elementCount, relayout, type Drawing } from './drawing.ts';
import { useExplorer } from './explorer-store.ts';
import { exportPng, exportSvg } from './export-image.ts';

export function zoomBy(cy: cytoscape.Core | null, factor: number): void {
  if (!cy) return;
  const box = cy.container()!.getBoundingClientRect();
  cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: box.width / 2, y: box.height / 2 } });
}

export function fileStem(root: string): string {
  return `blastmap-graph-${root.replace(/[^a-z0-9._-]+/gi, '_').slice(0, 60)}`;
}

export function ExplorerToolbar({ drawing, cyRef }: { drawing: Drawing; cyRef: { current: cytoscape.Core | null } }) {
  const { index, history, back, forward, push } = useExplorer();
  const count = elementCount(drawing);
  const background = () => getComputedStyle(document.body).getPropertyValue('--panel').trim() || '#ffffff';
  return (
    <div className="explorer-toolbar row" role="toolbar" aria-label="Graph view">
      <button type="button" className="button small" onClick={back} disabled={index <= 0} aria-keyshortcuts="Alt+ArrowLeft">
        ← Back
      </button>
      <button type="button" className="button small" onClick={forward} disabled={index >= history.length - 1} aria-keyshortcuts="Alt+ArrowRight">
        Forward →
      </button>
      <span className="sep" />
      <button type="button" className="button small" onClick={() => cyRef.current && fitView(cyRef.current)} aria-keyshortcuts="F">
        Fit
      </button>
      <button type="button" className="button small" onClick={() => zoomBy(cyRef.current, 1.25)} aria-label="Zoom in" aria-keyshortcuts="+">
        +
      </button>
      <button type="button" className="button small" onClick={() => zoomBy(cyRef.current, 0.8)} aria-label="Zoom out" aria-keyshortcuts="-">
        −
      </button>
      <button type="button" className="button small" onClick={() => push(relayout(drawing))}>
        Re-layout
      </button>
      <span className="sep" />
      <button
        type="button"
        className="button small"
        onClick={() => cyRef.current && exportPng(cyRef.current, `${fileStem(drawing.root)}.png`, background())}
      >
        Export PNG
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => cyRef.current && exportSvg(cyRef.current, `${fileStem(drawing.root)}.svg`, background())}
      >
        Export SVG
      </button>
      <span className={`muted small explorer-count${count > ELEMENT_CAP ? ' warn' : ''}`} data-testid="explorer-count">
        {num(drawing.nodes.size)} nodes · {num(drawing.edges.size)} edges · {num(count)} / {num(ELEMENT_CAP)} elements
      </span>
    </div>
  );
}
