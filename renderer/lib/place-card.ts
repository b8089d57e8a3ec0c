// Where a hover card goes next to the pointer so that it is never clipped: right of and below the pointer when
// it fits, flipped to the left or above when it would cross the right or bottom edge of what is visible (the
// frame it is drawn in, itself cut by the window), and pushed back inside when it fits neither way. Pure.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Gap between the pointer and the card, and between the card and an edge. */
export const GAP = 14;
const MARGIN = 6;

/**
 * `pointer`: in the frame's coordinates. `card`: the card's size. `frame`: the frame's box in the window.
 * `view`: the window's size. Returns the card's left/top in the frame's coordinates.
 */
export function placeCard(
  pointer: { x: number; y: number },
  card: { width: number; height: number },
  frame: Box,
  view: { width: number; height: number },
): { left: number; top: number } {
  // The visible part of the frame, in frame coordinates.
  const minX = Math.max(0, -frame.left) + MARGIN;
  const minY = Math.max(0, -frame.top) + MARGIN;
  const maxX = Math.min(frame.width, view.width - frame.left) - MARGIN;
  const maxY = Math.min(frame.height, view.height - frame.top) - MARGIN;
  return { left: along(pointer.x, card.width, minX, maxX), top: along(pointer.y, card.height, minY, maxY) };
}

function along(at: number, size: number, min: number, max: number): number {
  if (at + GAP + size <= max) return at + GAP;
  if (at - GAP - size >= min) return at - GAP - size;
  // Fits neither side of the pointer: as far toward the start as keeps its end visible.
  return Math.max(min, max - size);
}

/** A drawn thing's box (the node with its label) in the frame's coordinates. */
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Where a hover card goes so that it never covers what is hovered (a node and its label): right of the box, else
 * left of it, else below, else above, each only when the card fits there whole; on the side with the most room
 * otherwise (it then may overlap, but as little as the frame allows). Returns left/top in frame coordinates.
 */
export function placeBeside(
  box: Rect,
  card: { width: number; height: number },
  frame: Box,
  view: { width: number; height: number },
): { left: number; top: number } {
  const minX = Math.max(0, -frame.left) + MARGIN;
  const minY = Math.max(0, -frame.top) + MARGIN;
  const maxX = Math.min(frame.width, view.width - frame.left) - MARGIN;
  const maxY = Math.min(frame.height, view.height - frame.top) - MARGIN;
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));
  // Beside the box: level with its top, slid up or down to stay visible.
  const top = clamp(box.y1, minY, maxY - card.height);
  const left = clamp(box.x1, minX, maxX - card.width);
  const room = {
    right: maxX - (box.x2 + GAP),
    left: box.x1 - GAP - minX,
    below: maxY - (box.y2 + GAP),
    above: box.y1 - GAP - minY,
  };
  if (room.right >= card.width) return { left: box.x2 + GAP, top };
  if (room.left >= card.width) return { left: box.x1 - GAP - card.width, top };
  if (room.below >= card.height) return { left, top: box.y2 + GAP };
  if (room.above >= card.height) return { left, top: box.y1 - GAP - card.height };
  const best = (Object.entries(room) as [keyof typeof room, number][]).sort((a, b) => b[1] - a[1])[0][0];
  if (best === 'right') return { left: clamp(box.x2 + GAP, minX, maxX - card.width), top };
  if (best === 'left') return { left: clamp(box.x1 - GAP - card.width, minX, maxX - card.width), top };
  if (best === 'below') return { left, top: clamp(box.y2 + GAP, minY, maxY - card.height) };
  return { left, top: clamp(box.y1 - GAP - card.height, minY, maxY - card.height) };
}
