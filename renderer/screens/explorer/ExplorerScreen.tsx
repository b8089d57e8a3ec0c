// The graph explorer: start from an identity or system (route arg), expand neighbours by edge kind on
// demand, open counted groups within the element cap, walk the picture with the keyboard, and go back and
// forward through what was drawn. Filters (edge kind, privilege, exercised or granted) and a search over the
// case sit on the canvas; the selected node's path from the start is lit. The filter lives in the route.
// Server calls live in actions.ts; UI state in explorer-store.ts.
import type cytoscape from 'cytoscape';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Mark } from '../../../shared/model.ts';
import { useApi } from '../../api/use-api.ts';
import { CanvasSearch } from '../../components/CanvasSearch.tsx';
import { GraphFilters } from '../../components/GraphFilters.tsx';
import { NodeDetails } from '../../components/NodeDetails.tsx';
import { ErrorNote, Loading } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { filterFromQuery, filterParams, visibleUnder, type GraphFilter } from '../../lib/graph-filter.ts';
import { pathTo } from '../../lib/graph-path.ts';
import { refreshWhereCanvasIs } from '../../lib/cy-container.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { encodeParams, useRouter, type Route } from '../../state/router.ts';
import { nodeInfo, openGroup } from './actions.ts';
import { CapDialog } from './CapDialog.tsx';
import { ExpandMenu } from './ExpandMenu.tsx';
import { ExplorerCanvas, fitView, type CanvasEvents, type Hover, type LayoutProgress } from './ExplorerCanvas.tsx';
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
  const [layout, setLayout] = useState<LayoutProgress | null>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const cancelLayout = useRef<(() => void) | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
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
  const filter = useMemo(() => filterFromQuery(route.query), [route.query]);
  const setFilter = (f: GraphFilter) => useRouter.getState().go('explore', id, { v, ...filterParams(f) }, { replace: true });
  useEffect(() => {
    if (!id) return;
    if (v && useExplorer.getState().startedFrom === `${version}:${id}:${v}`) return;
    const fresh = String(++investigations);
    const key = `${version}:${id}:${fresh}`;
    // A new start never shows the previous investigation's picture while it loads.
    useExplorer.setState({ startedFrom: key, history: [], index: -1, error: null });
    // The filter carries over to the new picture: it is how the analyst chose to look.
    useRouter.getState().go('explore', id, { v: fresh, ...filterParams(filterFromQuery(route.query)) }, { replace: true });
    const current = () => useExplorer.getState().startedFrom === key;
    nodeInfo(id).then(
      (n) => current() && useExplorer.getState().reset(start(n), key),
      (e: Error) => current() && useExplorer.getState().fail(e.message),
    );
  }, [id, v]);

  const closePopup = useCallback(() => {
    useExplorer.getState().open(null);
    frame.current?.focus();
  }, []);
  const events = useMemo<CanvasEvents>(
    () => ({
      onSelect: (n) => useExplorer.getState().select(n),
      onGroup: (n) => openGroup(n),
      onHover: setHover,
      onContext: (n, x, y) => useExplorer.getState().open({ type: 'context', id: n, x, y }),
      onBackground: () => useExplorer.getState().select(null),
      onLayout: setLayout,
    }),
    [],
  );
  const visible = useMemo(
    () => (drawing ? visibleUnder(filter, drawing.root, drawing.nodes.keys(), drawing.edges.values()) : null),
    [drawing, filter],
  );
  const lit = useMemo(() => {
    if (!drawing || !visible || !selected || selected === drawing.root || !visible.nodes.has(selected)) return null;
    return pathTo(
      drawing.root,
      selected,
      [...drawing.edges.values()].filter((e) => visible.edges.has(e.id)),
    );
  }, [drawing, visible, selected]);
  const kinds = useMemo(() => {
    const n = new Map<string, number>();
    for (const e of drawing?.edges.values() ?? []) n.set(e.kind, (n.get(e.kind) ?? 0) + 1);
    return [...n].sort(([a], [b]) => a.localeCompare(b));
  }, [drawing]);

  if (!id) return <StartForm />;
  if (!drawing || !visible) return error ? <ErrorNote message={error} /> : <Loading what={`graph around ${id}`} />;

  /** A search hit: a drawn node is selected and brought to the middle; any other starts a picture from it. */
  const found = (hitId: string) => {
    const cy = cyRef.current;
    if (!drawing.nodes.has(hitId)) {
      useRouter.getState().go('explore', hitId);
      return;
    }
    useExplorer.getState().select(hitId);
    const node = cy?.getElementById(hitId);
    if (cy && node?.nonempty()) {
      cy.zoom(Math.max(cy.zoom(), 0.9));
      cy.center(node);
    }
    frame.current?.focus();
  };

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
      const next = neighbourToward(cy, current, e.key, (n) => visible.nodes.has(n)) ?? current;
      s.select(next);
    } else if (e.key === 'Enter' || e.key === 'e') {
      if (drawing.nodes.get(current)?.group) openGroup(current);
      else s.open({ type: 'expand', id: current, ...at() });
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) s.open({ type: 'context', id: current, ...at() });
    else if (e.key === 'Delete' || e.key === 'Backspace') s.push(hide(drawing, current));
    else if (e.key === '+' || e.key === '=') zoomBy(cy, 1.25);
    else if (e.key === '-') zoomBy(cy, 0.8);
    else if (e.key === 'f' || e.key === 'F') fitView(cy);
    else if (e.key === '/') search.current?.focus();
    // Escape: the light goes out (the selection goes back to the starting node).
    else if (e.key === 'Escape') s.select(drawing.root);
    else return;
    e.preventDefault();
  };

  return (
    <div className="explorer">
      <div className="row baseline">
        <h1>{drawing.title}</h1>
        <span className="muted small" data-testid="explorer-selected" aria-live="polite">
          {selected ? `Selected: ${displayName(drawing, selected)}` : ''}
        </span>
      </div>
      <ExplorerToolbar drawing={drawing} cyRef={cyRef} />
      <GraphFilters
        kinds={kinds}
        filter={filter}
        onChange={setFilter}
        hidden={{ nodes: drawing.nodes.size - visible.nodes.size, edges: drawing.edges.size - visible.edges.size }}
      />
      {drawing.nodes.size <= 1 && (
        <p className="muted small" data-testid="explorer-hint">
          Only the starting node is drawn: right-click it or press <kbd>E</kbd> to expand its neighbours by kind (members, roles, credentials,
          access…). <kbd>/</kbd> finds anything in the case.
        </p>
      )}
      {error && <ErrorNote message={error} />}
      <div className="explorer-body">
        <div className="explorer-stage">
          <div
            ref={frame}
            className="explorer-frame"
            tabIndex={0}
            onKeyDown={onKey}
            onMouseEnter={() => refreshWhereCanvasIs(cyRef.current)}
            onMouseLeave={() => setHover(null)}
            role="application"
            aria-label={`Graph of ${drawing.nodes.size} nodes. Arrows move between neighbours and light the path from the start, Escape puts the light out, Enter expands, Delete hides, Shift+F10 opens the menu, slash finds, plus and minus zoom, F fits.`}
          >
            <ExplorerCanvas
              drawing={drawing}
              marks={marks}
              selected={selected}
              visible={visible}
              filterKey={encodeParams(filterParams(filter))}
              lit={lit}
              events={events}
              cyRef={cyRef}
              cancelLayout={cancelLayout}
            />
            {hover && !popup && <HoverCard hover={hover} drawing={drawing} marks={marks.get(hover.id)} />}
            {layout && <LayoutNote progress={layout} onCancel={() => cancelLayout.current?.()} />}
            {popup?.type === 'context' && (
              <NodeMenu
                drawing={drawing}
                id={popup.id}
                x={popup.x}
                y={popup.y}
                marks={marks.get(popup.id)}
                onMarked={markList.reload}
                onClose={closePopup}
              />
            )}
            {popup?.type === 'expand' && <ExpandMenu id={popup.id} x={popup.x} y={popup.y} onClose={closePopup} />}
            {popup?.type === 'cap' && <CapDialog id={popup.id} members={popup.members} onClose={closePopup} />}
          </div>
          <CanvasSearch
            ref={search}
            isDrawn={(n) => drawing.nodes.has(n)}
            notDrawn="opens a new picture"
            onPick={(h) => found(h.id)}
            onLeave={() => frame.current?.focus()}
          />
        </div>
        {selected && drawing.nodes.has(selected) && !drawing.nodes.get(selected)?.group ? (
          <NodeDetails id={selected} />
        ) : (
          <aside className="reach-details muted" aria-label="Selected node">
            <p>
              Click a node to see it here; its path from the start lights up. Right-click or <kbd>E</kbd> expands it; arrows move, <kbd>Esc</kbd> puts
              the light out, <kbd>/</kbd> finds, <kbd>F</kbd> fits.
            </p>
          </aside>
        )}
      </div>
      <Legend />
    </div>
  );
}

/** While the worker lays a large picture out: how big, how long so far, and a way to keep the interim grid. */
function LayoutNote({ progress, onCancel }: { progress: LayoutProgress; onCancel(): void }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((x) => x + 1), 250);
    return () => clearInterval(t);
  }, []);
  const seconds = (performance.now() - progress.since) / 1000;
  return (
    <div className="explorer-layout-note small" role="status" data-testid="explorer-layout">
      <span className="spinner" aria-hidden="true" /> Laying out {num(progress.nodes)} nodes in the background ({progress.stage}, {seconds.toFixed(1)}{' '}
      s); the grid meanwhile can be used.{' '}
      <button type="button" className="link" onClick={onCancel}>
        Keep the grid
      </button>
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
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const first = hits.data?.[0]?.id ?? text.trim();
          if (first) open(first);
        }}
      >
        <label>
          Start from{' '}
          <input
            aria-label="Identity or system"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="name, id, ARN or key id"
            autoFocus
          />
        </label>
        <button type="submit" className="button primary">
          Open
        </button>
      </form>
      {hits.data && hits.data.length > 0 && (
        <ul className="plain-list explorer-suggestions" aria-label="Suggestions">
          {hits.data.map((h) => (
            <li key={h.id}>
              <button type="button" className="link" onClick={() => open(h.id)}>
                {h.displayName}
              </button>{' '}
              <span className="muted small">
                {h.subkind ?? h.kind} · {h.id}
              </span>
            </li>
          ))}
        </ul>
      )}
      {debounced && hits.data?.length === 0 && <p className="muted">Nothing in the case matches “{debounced}”.</p>}
      <div className="explorer-help muted">
        <p>
          Start from anything: type a name here, press <kbd>Ctrl K</kbd>, or use “Open in graph explorer” on an identity, a system, a finding or an
          attack-path step.
        </p>
        <p>
          Then: right-click a node or press <kbd>E</kbd> to expand its neighbours by kind; click to select and see it beside the graph; arrows move
          between neighbours; <kbd>Delete</kbd> hides; <kbd>+</kbd>/<kbd>−</kbd> zoom and <kbd>F</kbd> fits; Alt+←/→ step back and forward through
          what was drawn. Edge labels (kind, privilege, exercised) appear on hover and when zoomed in.
        </p>
        <p data-testid="explorer-keys">On the canvas:</p>
        <table className="table compact explorer-keys" aria-label="Keys on the canvas">
          <tbody>
            <tr>
              <td>
                <kbd>←</kbd> <kbd>→</kbd> <kbd>↑</kbd> <kbd>↓</kbd>
              </td>
              <td>select the neighbour that way; the path from the start lights up, the rest dims</td>
            </tr>
            <tr>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td>put the light out (back to the starting node); in the search box, close the suggestions, then back to the canvas</td>
            </tr>
            <tr>
              <td>
                <kbd>/</kbd>
              </td>
              <td>
                find anything in the case: <kbd>↓</kbd>/<kbd>↑</kbd> through the suggestions, <kbd>Enter</kbd> selects a drawn node or opens a new
                picture from another
              </td>
            </tr>
            <tr>
              <td>
                <kbd>E</kbd> or <kbd>Enter</kbd>
              </td>
              <td>expand the selected node by edge kind, or open a counted group</td>
            </tr>
            <tr>
              <td>
                <kbd>Shift</kbd>+<kbd>F10</kbd>
              </td>
              <td>the node's menu: blast radius, exposure, marks, hide</td>
            </tr>
            <tr>
              <td>
                <kbd>Delete</kbd>
              </td>
              <td>hide the selected node</td>
            </tr>
            <tr>
              <td>
                <kbd>+</kbd> <kbd>−</kbd> <kbd>F</kbd>
              </td>
              <td>zoom in, zoom out, fit</td>
            </tr>
            <tr>
              <td>
                <kbd>Alt</kbd>+<kbd>←</kbd>/<kbd>→</kbd>
              </td>
              <td>back and forward through what was drawn</td>
            </tr>
            <tr>
              <td>
                <kbd>Tab</kbd>
              </td>
              <td>
                to the filters above the canvas (edge kinds, privilege read/write/admin, exercised or granted-only); <kbd>Space</kbd> toggles, they
                apply at once and stay in the link
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
