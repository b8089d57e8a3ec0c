// Global search (Ctrl/Cmd+K): identities, credentials and systems by id, name or alias. Arrow keys pick,
// Enter opens, Escape closes. Credentials open their identity; systems open the inventory filtered to them.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../shared/api/inventory.ts';
import { useApi } from '../api/use-api.ts';
import { useRouter } from '../state/router.ts';
import { MidId } from './NodeName.tsx';
import { Badge } from './ui.tsx';

export function SearchPalette({ onClose }: { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 120);
    return () => clearTimeout(t);
  }, [query]);
  const { data, loading, error } = useApi('inventory.search', debounced ? { query: debounced, limit: 30 } : null);
  const hits = debounced ? (data ?? []) : [];
  useEffect(() => setActive(0), [data]);

  const open = (hit: SearchHit) => {
    onClose();
    const go = useRouter.getState().go;
    if (hit.kind === 'identity' || hit.kind === 'group' || hit.kind === 'role') go('identity', hit.id);
    else if (hit.kind === 'credential') go('inventory', `credentials?${hit.id}`);
    else if (hit.kind === 'system') go('system', hit.id);
    else go('inventory', `systems?${hit.id}`);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && hits[active]) open(hits[active]);
  };

  return (
    <div className="overlay" onMouseDown={onClose}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Search the case"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKey}
      >
        <input
          ref={input}
          type="search"
          placeholder="Search identities, credentials, systems…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search the case"
          aria-controls="search-results"
          aria-activedescendant={hits[active] ? `hit-${active}` : undefined}
        />
        <ul id="search-results" role="listbox" className="hits">
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}:${hit.id}`}
              id={`hit-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => open(hit)}
            >
              <Badge kind={hit.kind}>{hit.subkind ?? hit.kind}</Badge>
              <span className="hit-name">{hit.displayName}</span>
              {hit.displayName !== hit.id && <MidId id={hit.id} className="muted small" />}
              {hit.matched.startsWith('alias') && <span className="muted small">{hit.matched}</span>}
            </li>
          ))}
        </ul>
        <p className="palette-foot muted">
          {error ? error : loading ? 'Searching…' : debounced && hits.length === 0 ? 'No matches.' : '↑↓ to choose · Enter to open · Esc to close'}
        </p>
      </div>
    </div>
  );
}
