// cytoscape caches where its container sits on the page and refreshes that only when the window resizes or
// scrolls. A graph screen's own lines above the canvas (a hint that goes, a filter summary that wraps) move it
// without either, and hovering and clicking then hit the wrong node. Called as the pointer enters the canvas:
// when the container has moved since last time, cytoscape is told (resize() re-reads its box).
import type cytoscape from 'cytoscape';

const seen = new WeakMap<cytoscape.Core, string>();

export function refreshWhereCanvasIs(cy: cytoscape.Core | null): void {
  const el = cy?.container();
  if (!cy || !el) return;
  const r = el.getBoundingClientRect();
  const at = `${r.left},${r.top},${r.width},${r.height}`;
  if (seen.get(cy) === at) return;
  seen.set(cy, at);
  cy.resize();
}
