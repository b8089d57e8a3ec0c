// A search box that sits on a graph canvas: suggestions from the whole case as the analyst types
// (inventory.search, through the typed API), each saying whether it is in the picture. Keyboard: ↓/↑ move
// through the suggestions, Enter picks, Escape closes and hands focus back to the canvas. The screen decides
// what picking means (select and centre a drawn node; open one that is not drawn).
import { forwardRef, useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../shared/api/inventory.ts';
import { useApi } from '../api/use-api.ts';

export interface CanvasSearchProps {
  /** Whether a hit is drawn now (shown as "in the picture", else with what picking it does). */
  isDrawn(id: string): boolean;
  /** What picking a hit that is not drawn does, in words: "opens a new picture", "not reached". */
  notDrawn: string;
  onPick(hit: SearchHit): void;
  /** Escape: focus goes back to the canvas. */
  onLeave(): void;
}

export const CanvasSearch = forwardRef<HTMLInputElement, CanvasSearchProps>(function CanvasSearch({ isDrawn, notDrawn, onPick, onLeave }, ref) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const list = useId();
  useEffect(() => {
    const t = setTimeout(() => setQuery(text.trim()), 150);
    return () => clearTimeout(t);
  }, [text]);
  const hits = useApi('inventory.search', query ? { query, limit: 10 } : null);
  const shown = open && query && hits.data ? hits.data : [];
  useEffect(() => setActive(0), [hits.data]);

  const pick = (hit: SearchHit) => {
    setOpen(false);
    setText(hit.displayName);
    onPick(hit);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Keys typed here are the search's, never the canvas's shortcuts.
    e.stopPropagation();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      setOpen(true);
      if (shown.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
    } else if (e.key === 'Enter') {
      if (shown[active]) pick(shown[active]);
    } else if (e.key === 'Escape') {
      if (open && shown.length) setOpen(false);
      else onLeave();
    } else return;
    e.preventDefault();
  };
  return (
    <div className="canvas-search" role="search">
      <input
        ref={ref}
        type="search"
        role="combobox"
        aria-label="Find in the case"
        aria-autocomplete="list"
        aria-expanded={shown.length > 0}
        aria-controls={list}
        aria-activedescendant={shown[active] ? `${list}-${active}` : undefined}
        placeholder="Find… ( / )"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKey}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {shown.length > 0 && (
        <ul id={list} role="listbox" className="canvas-search-list" aria-label="Suggestions">
          {shown.map((h, i) => (
            <li
              key={h.id}
              id={`${list}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="canvas-search-name">{h.displayName}</span>
              <span className="muted small">
                {h.subkind ?? h.kind} · {isDrawn(h.id) ? 'in the picture' : notDrawn}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && query && hits.data?.length === 0 && (
        <div className="canvas-search-list muted small" role="status">
          Nothing in the case matches “{query}”.
        </div>
      )}
    </div>
  );
});
