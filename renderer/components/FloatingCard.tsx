// A hover card beside the pointer that measures itself once drawn and moves so it is never clipped by the frame
// or the window (lib/place-card.ts). Text only: what it shows comes from hostile imports, and React escapes it.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { GAP, placeCard } from '../lib/place-card.ts';

export function FloatingCard({ x, y, className, children, testId }: { x: number; y: number; className?: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState({ left: x + GAP, top: y + GAP });
  useLayoutEffect(() => {
    const card = ref.current;
    const frame = card?.offsetParent as HTMLElement | null;
    if (!card || !frame) return;
    const f = frame.getBoundingClientRect();
    const next = placeCard({ x, y }, { width: card.offsetWidth, height: card.offsetHeight },
      { left: f.left, top: f.top, width: f.width, height: f.height }, { width: innerWidth, height: innerHeight });
    setAt((old) => (old.left === next.left && old.top === next.top ? old : next));
  }, [x, y, children]);
  return (
    <div ref={ref} className={`explorer-hover${className ? ` ${className}` : ''}`} role="tooltip" data-testid={testId} style={{ left: at.left, top: at.top }}>
      {children}
    </div>
  );
}
