// The graph explorer: start from an identity or system (route arg), expand neighbours by edge kind on
// demand, open counted groups within the element cap, walk the picture with the keyboard, and go back and
// forward through what was drawn. Server calls live in actions.ts; UI state in explorer-store.ts.
import type cytoscape from 'cytoscape';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Mark } from '../../../shared/model.ts';
import { useApi } from '../../api/use-api.ts';
import { NodeDetails } from '../../components/NodeDetails.tsx';
import { ErrorNote, Loading } from '../../components/ui.tsx';
import { useCaseStore } from '../../state/case-store.ts';
import { useRouter, type Route } from '../../state/router.ts';
import { nodeInfo, openGroup } from './actions.ts';
import { CapDialog } from './CapDialog.tsx';
import { ExpandMenu } from './ExpandMenu.tsx';
import { ExplorerCanvas, fitView, type CanvasEvents, type Hover } from './ExplorerCanvas.tsx';
import { ExplorerToolbar, zoomBy } from './ExplorerToolbar.tsx';
import { displayName, hide, start } from './drawing.ts';
import { useExplorer } from './explorer-store.ts';
import { HoverCard } from './HoverCard.tsx';
import { isArrow, neighbourToward } from './keyboard.ts';
import { Legend } from './Legend.tsx';
import { NodeMenu } from './NodeMenu.tsx';

/** Investigations started in this window, numbering each one's route. */
let investigations = 0;

export function ExplorerScreen({ route }: { route: Pick<Route, 'arg' | 'query'> }) {
  const id = route.arg;
  const { history, index, selected, popup, error } = useExplorer();
  const drawing = history[index] ?? null;
  const [hover, setHover] = useState<Hover | null>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const markList = useApi('graph.marks', {});
  const marks = useMemo(() => {
    const m = new Map<string, Set<Mark>>();
    for (const r of markList.data ?? []) m.set(r.id, new Set([...(m.get(r.id) ?? []), r.mark]));
    return m;
  }, [markList.data]);

  const version = useCaseStore((s) => s.version);
  // Each investigation has a number in the route (?v=…): the sidebar and Back return to it with the picture
  // drawn so far, while a link from another screen (no number) starts afresh from its node.
  const v = new URLSearchParams(route.query).get('v');
  useEffect(() => {
    if (!id) return;
    if (v && useExplorer.getState().startedFrom === `${version}:${id}:${v}`) return;
    const fresh = String(++investigations);
    const key = `${version}:${id}:${fresh}`;
    // A new start never shows the previous investigation's picture while it loads.
    useExplorer.setState({ startedFrom: key, history: [], index: -1, error: null });
    useRouter.getState().go('explore', id, { v: fresh }, { replace: true });
    const current = () => useExplorer.getState().startedFrom === key;
    nodeInfo(id).then((n) => current() && useExplorer.getState().reset(start(n), key), (e: Error) => current() && useExplorer.getState().fail(e.message));
  }, [id, v]);

  const closePopup = useCallback(() => {
    useExplorer.getState().open(null);
    frame.current?.focus();
  }, []);
  const events = useMemo<CanvasEvents>(() => ({
    onSelect: (n) => useExplorer.getState().select(n),
    onGroup: (n) => openGroup(n),
    onHover: setHover,
    onContext: (n, x, y) => useExplorer.getState().open({ type: 'context', id: n, x, y }),
  }), []);

  if (!id) return <StartForm />;
  if (!drawing) return error ? <ErrorNote message={error} /> : <Loading what={`graph around ${id}`} />;

  const onKey = (e: KeyboardEvent) => {
    const cy = cyRef.current;
    const s = useExplorer.getState();
    if (!cy || s.popup) return;
    const current = s.selected && drawing.nodes.has(s.selected) ? s.selected : drawing.root;
    const at = () => {
      const p = cy.getElementById(current).renderedPosition();
      return { x: p.x, y: p.y };
    };
    if (isArrow(e.key) && e.altKey) (e.key === 'ArrowLeft' ? s.back : s.forward)();
    else if (isArrow(e.key)) {
      const next = neighbourToward(cy, current, e.key) ?? current;
      s.select(next);
    } else if (e.key === 'Enter' || e.key === 'e') {
      if (drawing.nodes.get(current)?.group) openGroup(current);
      else s.open({ type: 'expand', id: current, ...at() });
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) s.open({ type: 'context', id: current, ...at() });
    else if (e.key === 'Delete' || e.key === 'Backspace') s.push(hide(drawing, current));
    else if (e.key === '+' || e.key === '=') zoomBy(cy, 1.25);
    else if (e.key === '-') zoomBy(cy, 0.8);
    else if (e.key === 'f' || e.key === 'F') fitView(cy);
    else return;
    e.preventDefault();
  };

  return (
    <div className="explorer">
      <div className="row baseline">
        <h1>{drawing.title}</h1>
        <span className="muted small" data-testid="explorer-selected" aria-live="polite">{selected ? `Selected: ${displayName(drawing, selected)}` : ''}</span>
      </div>
      <ExplorerToolbar drawing={drawing} cyRef={cyRef} />
      {drawing.nodes.size <= 1 && (
        <p className="muted small" data-testid="explorer-hint">Only the starting node is drawn: right-click it or press <kbd>E</kbd> to expand its neighbours by kind (members, roles, credentials, access…).</p>
      )}
      {error && <ErrorNote message={error} />}
      <div className="explorer-body">
      <div ref={frame} className="explorer-frame" tabIndex={0} onKeyDown={onKey} onMouseLeave={() => setHover(null)} role="application"
        aria-label={`Graph of ${drawing.nodes.size} nodes. Arrows move between neighbours, Enter expands, Delete hides, Shift+F10 opens the menu, plus and minus zoom, F fits.`}>
        <ExplorerCanvas drawing={drawing} marks={marks} selected={selected} events={events} cyRef={cyRef} />
        {hover && !popup && <HoverCard hover={hover} drawing={drawing} marks={marks.get(hover.id)} />}
        {popup?.type === 'context' && (
          <NodeMenu drawing={drawing} id={popup.id} x={popup.x} y={popup.y} marks={marks.get(popup.id)} onMarked={markList.reload} onClose={closePopup} />
        )}
        {popup?.type === 'expand' && <ExpandMenu id={popup.id} x={popup.x} y={popup.y} onClose={closePopup} />}
        {popup?.type === 'cap' && <CapDialog id={popup.id} members={popup.members} onClose={closePopup} />}
      </div>
      {selected && drawing.nodes.has(selected) && !drawing.nodes.get(selected)?.group
        ? <NodeDetails id={selected} />
        : <aside className="reach-details muted" aria-label="Selected node"><p>Click a node to see it here. Right-click or <kbd>E</kbd> expands it; arrows move, <kbd>F</kbd> fits.</p></aside>}
      </div>
      <Legend />
    </div>
  );
}

/** The empty explorer: find a starting node by name or id (suggestions as you type), and what the gestures are. */
function StartForm() {
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(text.trim()), 150);
    return () => clearTimeout(t);
  }, [text]);
  const hits = useApi('inventory.search', debounced ? { query: debounced, limit: 12 } : null);
  const open = (id: string) => useRouter.getState().go('explore', id);
  return (
    <div className="explorer">
      <h1>Graph explorer</h1>
      <form className="row" onSubmit={(e) => { e.preventDefault(); const first = hits.data?.[0]?.id ?? text.trim(); if (first) open(first); }}>
        <label>Start from <input aria-label="Identity or system" value={text} onChange={(e) => setText(e.target.value)} placeholder="name, id, ARN or key id" autoFocus /></label>
        <button type="submit" className="button primary">Open</button>
      </form>
      {hits.data && hits.data.length > 0 && (
        <ul className="plain-list explorer-suggestions" aria-label="Suggestions">
          {hits.data.map((h) => (
            <li key={h.id}><button type="button" className="link" onClick={() => open(h.id)}>{h.displayName}</button> <span className="muted small">{h.subkind ?? h.kind} · {h.id}</span></li>
          ))}
        </ul>
      )}
      {debounced && hits.data?.length === 0 && <p className="muted">Nothing in the case matches “{debounced}”.</p>}
      <div className="explorer-help muted">
        <p>Start from anything: type a name here, press <kbd>Ctrl K</kbd>, or use “Open in graph explorer” on an identity, a system, a finding or an attack-path step.</p>
        <p>Then: right-click a node or press <kbd>E</kbd> to expand its neighbours by kind; click to select and see it beside the graph; arrows move between neighbours; <kbd>Delete</kbd> hides; <kbd>+</kbd>/<kbd>−</kbd> zoom and <kbd>F</kbd> fits; Alt+←/→ step back and forward through what was drawn. Edge labels (kind, privilege, exercised) appear on hover and when zoomed in.</p>
      </div>
    </div>
  );
}
