// Where a hover card goes next to the pointer so that it is never clipped: right of and below the pointer when
// it fits, flipped to the left or above when it would cross the right or bottom edge of what is visible (the
// frame it is drawn in, itself cut by the window), and pushed back inside when it fits neither way. Pure.

export interface Box { left: number; top: number; width: number; height: number }

/** Gap between the pointer and the card, and between the card and an edge. */
export const GAP = 14;
const MARGIN = 6;

/**
 * `pointer`: in the frame's coordinates. `card`: the card's size. `frame`: the frame's box in the window.
 * `view`: the window's size. Returns the card's left/top in the frame's coordinates.
 */
export function placeCard(pointer: { x: number; y: number }, card: { width: number; height: number }, frame: Box, view: { width: number; height: number }): { left: number; top: number } {
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
