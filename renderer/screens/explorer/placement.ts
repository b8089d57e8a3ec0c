// Cheap placement for nodes added by an expansion: a fan of rings around the node they came from, facing
// away from the rest of the picture. O(n), so expanding 1,000 leaves never runs a force layout.

export interface Point {
  x: number;
  y: number;
}

const SPACING = 30;
const FIRST_RING = 90;
/** Half the fan's opening: wide enough for many leaves, narrow enough to keep clear of the rest. */
const HALF_ARC = Math.PI * 0.45;

export function fanAround(anchor: Point, centroid: Point, count: number): Point[] {
  let angle = Math.atan2(anchor.y - centroid.y, anchor.x - centroid.x);
  if (Math.hypot(anchor.y - centroid.y, anchor.x - centroid.x) < 1) angle = 0;
  const out: Point[] = [];
  for (let ring = 0; out.length < count; ring++) {
    const radius = FIRST_RING + ring * SPACING;
    const capacity = Math.max(1, Math.floor((2 * HALF_ARC * radius) / SPACING));
    const here = Math.min(capacity, count - out.length);
    for (let i = 0; i < here; i++) {
      const t = here === 1 ? 0 : -HALF_ARC + (2 * HALF_ARC * i) / (here - 1);
      out.push({ x: anchor.x + radius * Math.cos(angle + t), y: anchor.y + radius * Math.sin(angle + t) });
    }
  }
  return out;
}

/** A point just past the outer ring of a fan, on its axis: where a group's remaining members wait. */
export function beyondFan(anchor: Point, fan: Point[]): Point {
  if (!fan.length) return { x: anchor.x, y: anchor.y - FIRST_RING };
  let far = 0;
  let sx = 0;
  let sy = 0;
  for (const p of fan) {
    far = Math.max(far, Math.hypot(p.x - anchor.x, p.y - anchor.y));
    sx += p.x - anchor.x;
    sy += p.y - anchor.y;
  }
  const len = Math.hypot(sx, sy) || 1;
  return { x: anchor.x + ((far + 2 * SPACING) * sx) / len, y: anchor.y + ((far + 2 * SPACING) * sy) / len };
}
