// The explorer's layout worker: a headless cytoscape (no canvas, no DOM) runs the same layout the canvas would
// (layout-choice.ts) on a copy of the picture and posts the positions back, so laying out thousands of
// elements never blocks the UI thread. Built as its own file (dist/renderer/layout.worker.js, scripts/build.ts):
// the CSP allows workers from 'self' only, never blob: URLs. It reads only ids and sizes, and evaluates nothing.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { banded, bandPositions, layoutOptions, type LayoutJob } from './layout-choice.ts';

cytoscape.use(dagre);

export type LayoutMessage =
  | { type: 'progress'; stage: 'building' | 'laying out'; nodes: number }
  | { type: 'done'; ids: string[]; xy: Float64Array; ms: number }
  | { type: 'failed'; message: string };

const post = (m: LayoutMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<LayoutJob>) => {
  const job = e.data;
  const t0 = performance.now();
  try {
    if (banded(job.layout, job.nodes.length)) {
      post({ type: 'progress', stage: 'laying out', nodes: job.nodes.length });
      const positions = bandPositions(job);
      const xy = new Float64Array(job.nodes.length * 2);
      job.nodes.forEach((n, i) => {
        const p = positions.get(n.id) ?? { x: 0, y: 0 };
        xy[2 * i] = p.x;
        xy[2 * i + 1] = p.y;
      });
      post({ type: 'done', ids: job.nodes.map((n) => n.id), xy, ms: performance.now() - t0 }, [xy.buffer]);
      return;
    }
    post({ type: 'progress', stage: 'building', nodes: job.nodes.length });
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)' } }],
      elements: [
        ...job.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, w: n.w, h: n.h } })),
        ...job.edges.map((x) => ({ group: 'edges' as const, data: { id: x.id, source: x.source, target: x.target } })),
      ],
    });
    post({ type: 'progress', stage: 'laying out', nodes: job.nodes.length });
    const layout = cy.layout(layoutOptions(job.layout, job.nodes.length));
    layout.one('layoutstop', () => {
      const nodes = cy.nodes();
      const ids: string[] = [];
      const xy = new Float64Array(nodes.length * 2);
      nodes.forEach((n, i) => {
        ids.push(n.id());
        const p = n.position();
        xy[2 * i] = p.x;
        xy[2 * i + 1] = p.y;
      });
      post({ type: 'done', ids, xy, ms: performance.now() - t0 }, [xy.buffer]);
      cy.destroy();
    });
    layout.run();
  } catch (err) {
    post({ type: 'failed', message: (err as Error).message });
  }
};
