// A small React-rendered menu at a point on the canvas, usable from the keyboard: focus starts on the
// first item, arrows move, Enter/Space choose (native buttons), Escape or a click elsewhere closes.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  hint?: string;
  disabled?: boolean;
  onSelect(): void;
}

export function PopupMenu({ x, y, title, items, onClose }: { x: number; y: number; title: string; items: MenuItem[]; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    addEventListener('mousedown', away);
    return () => removeEventListener('mousedown', away);
  }, [onClose]);

  // Keep the whole menu inside the canvas frame (a node near the edge would push it out of sight).
  useLayoutEffect(() => {
    const el = ref.current;
    const frame = el?.offsetParent as HTMLElement | null;
    if (!el || !frame) return;
    el.style.left = `${Math.max(4, Math.min(x + 10, frame.clientWidth - el.offsetWidth - 4))}px`;
    el.style.top = `${Math.max(4, Math.min(y + 10, frame.clientHeight - el.offsetHeight - 4))}px`;
  });

  const onKey = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (at + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };

  return (
    <div ref={ref} className="explorer-menu" role="menu" aria-label={title} onKeyDown={onKey}>
      <div className="explorer-menu-title" title={title}>
        {title}
      </div>
      {items.map((item) => (
        <button key={item.label} type="button" role="menuitem" disabled={item.disabled} onClick={item.onSelect}>
          <span>{item.label}</span>
          {item.hint && <span className="muted small">{item.hint}</span>}
        </button>
      ))}
    </div>
  );
}
