// A hover card that measures itself once drawn and moves so it is never clipped by the frame or the window
// (lib/place-card.ts). Given the hovered thing's box (`avoid`: a node with its label), it goes beside that box
// and never over it; otherwise beside the pointer. Text only: what it shows comes from hostile imports, and
// React escapes it.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { GAP, placeBeside, placeCard, type Rect } from '../lib/place-card.ts';

export function FloatingCard({
  x,
  y,
  avoid,
  className,
  children,
  testId,
}: {
  x: number;
  y: number;
  avoid?: Rect | null;
  className?: string;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState(() => (avoid ? { left: avoid.x2 + GAP, top: avoid.y1 } : { left: x + GAP, top: y + GAP }));
  const key = avoid ? `${avoid.x1},${avoid.y1},${avoid.x2},${avoid.y2}` : '';
  useLayoutEffect(() => {
    const card = ref.current;
    const frame = card?.offsetParent as HTMLElement | null;
    if (!card || !frame) return;
    const f = frame.getBoundingClientRect();
    const size = { width: card.offsetWidth, height: card.offsetHeight };
    const box = { left: f.left, top: f.top, width: f.width, height: f.height };
    const view = { width: innerWidth, height: innerHeight };
    const next = avoid ? placeBeside(avoid, size, box, view) : placeCard({ x, y }, size, box, view);
    setAt((old) => (old.left === next.left && old.top === next.top ? old : next));
    // `key` stands for the numbers of `avoid`, a new object on every render.
  }, [x, y, key, children]);
  return (
    <div
      ref={ref}
      className={`explorer-hover${className ? ` ${className}` : ''}`}
      role="tooltip"
      data-testid={testId}
      style={{ left: at.left, top: at.top }}
    >
      {children}
    </div>
  );
}
