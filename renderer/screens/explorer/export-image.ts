// PNG and SVG export of what the explorer shows. PNG is cytoscape's own rendering; SVG is written here from
// the drawn positions and computed styles (no extra library, nothing evaluated), and every label is
// XML-escaped: identity names come from imported files and must stay text.
import type cytoscape from 'cytoscape';
import { downloadBlob } from '../../lib/csv-export.ts';

export function exportPng(cy: cytoscape.Core, fileName: string, background: string): void {
  const blob = cy.png({ output: 'blob', full: true, scale: 2, maxWidth: 8000, maxHeight: 8000, bg: background }) as unknown as Blob;
  downloadBlob(fileName, blob);
}

export function exportSvg(cy: cytoscape.Core, fileName: string, background: string): void {
  downloadBlob(fileName, new Blob([toSvg(cy, background)], { type: 'image/svg+xml' }));
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function toSvg(cy: cytoscape.Core, background: string): string {
  const bb = cy.elements().boundingBox({});
  const pad = 20;
  const [x0, y0, w, h] = [bb.x1 - pad, bb.y1 - pad, bb.w + 2 * pad, bb.h + 2 * pad];
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(x0)} ${n(y0)} ${n(w)} ${n(h)}" width="${n(w)}" height="${n(h)}" font-family="sans-serif">`,
    `<rect x="${n(x0)}" y="${n(y0)}" width="${n(w)}" height="${n(h)}" fill="${attr(background)}"/>`,
  ];
  cy.edges().forEach((e) => {
    const [s, t] = [e.source().position(), e.target().position()];
    const dash = e.style('line-style') === 'dashed' ? ' stroke-dasharray="5 3"' : '';
    out.push(
      `<line x1="${n(s.x)}" y1="${n(s.y)}" x2="${n(t.x)}" y2="${n(t.y)}" stroke="${attr(e.style('line-color'))}" stroke-width="${n(parseFloat(e.style('width')))}"${dash}/>`,
    );
  });
  cy.nodes().forEach((node) => {
    const p = node.position();
    const [nw, nh] = [node.width(), node.height()];
    const fill = attr(node.style('background-color'));
    const bw = parseFloat(node.style('border-width')) || 0;
    const stroke = bw ? ` stroke="${attr(node.style('border-color'))}" stroke-width="${n(bw)}"` : '';
    const shape = node.style('shape') as string;
    if (shape === 'ellipse') out.push(`<ellipse cx="${n(p.x)}" cy="${n(p.y)}" rx="${n(nw / 2)}" ry="${n(nh / 2)}" fill="${fill}"${stroke}/>`);
    else if (shape === 'diamond' || shape === 'triangle' || shape === 'hexagon')
      out.push(`<polygon points="${polygon(shape, p, nw, nh)}" fill="${fill}"${stroke}/>`);
    else out.push(`<rect x="${n(p.x - nw / 2)}" y="${n(p.y - nh / 2)}" width="${n(nw)}" height="${n(nh)}" rx="3" fill="${fill}"${stroke}/>`);
    const label = String(node.data('label') ?? '');
    const inside = node.data('kind') === 'group-node';
    out.push(
      `<text x="${n(p.x)}" y="${n(inside ? p.y + 4 : p.y + nh / 2 + 12)}" font-size="10" text-anchor="middle" fill="${attr(node.style('color'))}">${escapeXml(label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

function polygon(shape: string, p: { x: number; y: number }, w: number, h: number): string {
  const unit: [number, number][] =
    shape === 'diamond'
      ? [
          [0, -1],
          [1, 0],
          [0, 1],
          [-1, 0],
        ]
      : shape === 'triangle'
        ? [
            [0, -1],
            [1, 1],
            [-1, 1],
          ]
        : [
            [-0.5, -1],
            [0.5, -1],
            [1, 0],
            [0.5, 1],
            [-0.5, 1],
            [-1, 0],
          ];
  return unit.map(([ux, uy]) => `${n(p.x + (ux * w) / 2)},${n(p.y + (uy * h) / 2)}`).join(' ');
}

function n(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 10) / 10) : '0';
}

function attr(value: string): string {
  return escapeXml(String(value));
}
