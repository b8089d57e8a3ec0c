// Arrow-key navigation on the canvas: from the selected node, the drawn neighbour lying most nearly in
// the arrow's direction (within 80°), nearest first on ties; only among nodes `allowed` (e.g. not filtered out).
import type cytoscape from 'cytoscape';

const DIRECTIONS: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const MIN_COS = Math.cos((80 * Math.PI) / 180);

export function isArrow(key: string): boolean {
  return key in DIRECTIONS;
}

export function neighbourToward(cy: cytoscape.Core, from: string, key: string, allowed: (id: string) => boolean = () => true): string | null {
  const node = cy.getElementById(from);
  const dir = DIRECTIONS[key];
  if (node.empty() || !dir) return null;
  const p = node.position();
  let best: { id: string; score: number } | null = null;
  node.neighborhood('node').forEach((m) => {
    if (!allowed(m.id())) return;
    const q = m.position();
    const [dx, dy] = [q.x - p.x, q.y - p.y];
    const len = Math.hypot(dx, dy) || 1;
    const cos = (dx * dir[0] + dy * dir[1]) / len;
    if (cos < MIN_COS) return;
    // Prefer the straightest, then the nearest.
    const score = cos * 1000 - len / 100;
    if (!best || score > best.score) best = { id: m.id(), score };
  });
  return (best as { id: string } | null)?.id ?? null;
}
