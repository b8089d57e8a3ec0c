// Hover cards are never clipped at the right or bottom edge (issue 17): the card flips to the other side of the
// pointer, or is pushed back inside when it fits on neither side.
import { describe, expect, it } from 'vitest';
import { GAP, placeBeside, placeCard } from '../../renderer/lib/place-card.ts';

const frame = { left: 100, top: 50, width: 800, height: 500 };
const view = { width: 1000, height: 600 };
const card = { width: 300, height: 200 };
const inside = (p: { left: number; top: number }) => {
  const right = frame.left + p.left + card.width;
  const bottom = frame.top + p.top + card.height;
  return (
    p.left >= 0 && p.top >= 0 && right <= Math.min(frame.left + frame.width, view.width) && bottom <= Math.min(frame.top + frame.height, view.height)
  );
};

describe('placeCard', () => {
  it('goes right of and below the pointer when there is room', () => {
    expect(placeCard({ x: 50, y: 40 }, card, frame, view)).toEqual({ left: 50 + GAP, top: 40 + GAP });
  });

  it('flips left near the right edge and up near the bottom edge', () => {
    const p = placeCard({ x: 780, y: 480 }, card, frame, view);
    expect(p.left).toBe(780 - GAP - card.width);
    expect(p.top).toBe(480 - GAP - card.height);
    expect(inside(p)).toBe(true);
  });

  it('stays inside the window when the frame runs past it', () => {
    const wide = { left: 100, top: 50, width: 1400, height: 900 };
    const p = placeCard({ x: 850, y: 520 }, card, wide, view);
    expect(100 + p.left + card.width).toBeLessThanOrEqual(view.width);
    expect(50 + p.top + card.height).toBeLessThanOrEqual(view.height);
  });

  it('is pushed inside when it fits on neither side of the pointer', () => {
    const small = { left: 0, top: 0, width: 400, height: 300 };
    const p = placeCard({ x: 200, y: 150 }, { width: 350, height: 250 }, small, view);
    expect(p.left + 350).toBeLessThanOrEqual(400);
    expect(p.top + 250).toBeLessThanOrEqual(300);
    expect(p.left).toBeGreaterThanOrEqual(0);
  });
});

describe('placeBeside (a hover card never covers the hovered node or its label)', () => {
  const overlaps = (p: { left: number; top: number }, b: { x1: number; y1: number; x2: number; y2: number }) =>
    p.left < b.x2 && p.left + card.width > b.x1 && p.top < b.y2 && p.top + card.height > b.y1;
  it('goes right of the box, level with its top, when there is room', () => {
    const box = { x1: 100, y1: 100, x2: 180, y2: 140 };
    expect(placeBeside(box, card, frame, view)).toEqual({ left: 180 + GAP, top: 100 });
  });

  it('goes left near the right edge, below or above when neither side fits, and never over the box', () => {
    for (const box of [
      { x1: 600, y1: 200, x2: 700, y2: 230 }, // right edge: left of it
      { x1: 250, y1: 40, x2: 560, y2: 80 }, // wide label in the middle top: below it
      { x1: 250, y1: 380, x2: 560, y2: 420 }, // wide label near the bottom: above it
      { x1: 20, y1: 440, x2: 60, y2: 470 }, // bottom-left corner: right of it, slid up to stay visible
    ]) {
      const p = placeBeside(box, card, frame, view);
      expect(overlaps(p, box), JSON.stringify(box)).toBe(false);
      expect(inside(p), JSON.stringify(box)).toBe(true);
    }
  });

  it('beside the pointer the card covered a label under the node (the old placement)', () => {
    // A node at (300, 200) with its label below it, pointer on the node: right-and-below of the pointer overlaps the label.
    const box = { x1: 250, y1: 192, x2: 350, y2: 222 };
    const old = placeCard({ x: 300, y: 200 }, card, frame, view);
    expect(overlaps(old, box)).toBe(true);
    expect(overlaps(placeBeside(box, card, frame, view), box)).toBe(false);
  });
});
