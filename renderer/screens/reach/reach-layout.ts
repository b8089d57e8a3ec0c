// Positions for a blast radius drawn left → right by hop: one band per hop, and a band with many nodes wraps
// into several columns so 250 nodes make a readable block instead of a thin vertical sliver. Pure: testable.

export interface LayeredNode {
  id: string;
  hops: number;
  kind: string;
}

export const COLUMN_GAP = 200;
export const BAND_GAP = 120;
export const ROW_GAP = 34;
/**
 * `aspect`: width / height of the box the drawing goes in. A band wraps into another column after as many rows
 * as make the whole drawing's shape closest to that box, so fit() shows it at a readable zoom.
 */
export function layeredPositions(nodes: LayeredNode[], aspect = 1.6): Map<string, { x: number; y: number }> {
  const bands = new Map<number, LayeredNode[]>();
  for (const n of nodes) bands.set(n.hops, [...(bands.get(n.hops) ?? []), n]);
  const ROWS_PER_COLUMN = bestRows(
    [...bands.values()].map((b) => b.length),
    aspect,
  );
  const out = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const hop of [...bands.keys()].sort((a, b) => a - b)) {
    // Like kinds together (identities, then roles and groups, credentials, systems) so a band reads as lists.
    const band = bands.get(hop)!.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
    const columns = Math.ceil(band.length / ROWS_PER_COLUMN);
    const rows = Math.min(band.length, ROWS_PER_COLUMN);
    band.forEach((n, i) => {
      const column = Math.floor(i / rows);
      const row = i % rows;
      out.set(n.id, { x: x + column * COLUMN_GAP, y: (row - (rows - 1) / 2) * ROW_GAP });
    });
    x += (columns - 1) * COLUMN_GAP + COLUMN_GAP + BAND_GAP;
  }
  return out;
}

function bestRows(sizes: number[], aspect: number): number {
  let best = 8,
    bestScore = Infinity;
  for (let rows = 8; rows <= Math.max(8, ...sizes); rows++) {
    const width = sizes.reduce((w, n) => w + Math.ceil(n / rows) * COLUMN_GAP + BAND_GAP, 0);
    const height = Math.min(rows, Math.max(...sizes)) * ROW_GAP + ROW_GAP;
    const score = Math.abs(Math.log(width / height / aspect));
    if (score < bestScore) [best, bestScore] = [rows, score];
  }
  return best;
}

/** How far a drawn node reaches beyond its centre, its label (at most 150 px wide, below it) included. */
const NODE_EXTENT = { left: 75, right: 75, top: 15, bottom: 30 };

/**
 * The zoom and pan that fit these positions in a box, as cytoscape's fit() would, worked out from the positions we
 * chose instead of from the drawn elements' bounding box: measuring every label for it costs the first picture
 * a tenth of a second or more on a software-rendered canvas.
 */
export function fitViewport(
  positions: Iterable<{ x: number; y: number }>,
  box: { width: number; height: number },
  padding: number,
  zoomRange: { min: number; max: number },
): { zoom: number; pan: { x: number; y: number } } | null {
  let x1 = Infinity,
    y1 = Infinity,
    x2 = -Infinity,
    y2 = -Infinity;
  for (const p of positions) {
    x1 = Math.min(x1, p.x - NODE_EXTENT.left);
    x2 = Math.max(x2, p.x + NODE_EXTENT.right);
    y1 = Math.min(y1, p.y - NODE_EXTENT.top);
    y2 = Math.max(y2, p.y + NODE_EXTENT.bottom);
  }
  if (x1 === Infinity || box.width <= 2 * padding || box.height <= 2 * padding) return null;
  const fitted = Math.min((box.width - 2 * padding) / (x2 - x1), (box.height - 2 * padding) / (y2 - y1));
  const zoom = Math.min(zoomRange.max, Math.max(zoomRange.min, fitted));
  return { zoom, pan: { x: (box.width - zoom * (x1 + x2)) / 2, y: (box.height - zoom * (y1 + y2)) / 2 } };
}
