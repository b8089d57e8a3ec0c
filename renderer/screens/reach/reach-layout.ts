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
