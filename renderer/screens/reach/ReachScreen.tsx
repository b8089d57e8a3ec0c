// Everything one identity can reach: a layered graph by hop (capped, nearest first) with a details panel for
// the selected node, and a table of the systems it reaches with the highest privilege and the explaining path.
// The selected node and the graph's filter are kept in the route (#/graph/<id>?selected=…&hide=…&seen=…), so
// coming Back to the graph finds it as it was left. A search box on the graph finds anything in the case and
// selects it when it is in this blast radius.
import { useMemo, useRef, useState } from 'react';
import type { BlastRadiusResult } from '../../../shared/api/graph.ts';
import { useApi } from '../../api/use-api.ts';
import { CanvasSearch } from '../../components/CanvasSearch.tsx';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, ErrorNote, KeyValues, Link, Loading, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { filterFromQuery, filterParams, type GraphFilter } from '../../lib/graph-filter.ts';
import { useRouter, type Route } from '../../state/router.ts';
import { eventRoute } from '../events/event-route.ts';
import { ReachGraph } from './ReachGraph.tsx';
import { walkParams } from '../walk/walk-route.ts';

/** Drawing more than this on a software-rendered canvas stops being readable or smooth (docs/architecture.md, Software-rendered canvas). */
const DRAWN = 250;

export function ReachScreen({ route }: { route: Pick<Route, 'arg' | 'query'> }) {
  const id = route.arg;
  const { data, error, loading } = useApi('graph.blastRadius', id ? { ids: [id], limit: 5000 } : null);
  const selected = new URLSearchParams(route.query).get('selected');
  const filter = useMemo(() => filterFromQuery(route.query), [route.query]);
  const search = useRef<HTMLInputElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [missing, setMissing] = useState<string | null>(null);
  // Selecting or filtering is a change within the view: it replaces the history entry rather than adding one.
  const setSelected = (s: string | null) => useRouter.getState().go('graph', id, { selected: s, ...filterParams(filter) }, { replace: true });
  const setFilter = (f: GraphFilter) => useRouter.getState().go('graph', id, { selected, ...filterParams(f) }, { replace: true });
  const drawn = useMemo(() => data?.reach.slice(0, DRAWN) ?? [], [data]);
  if (!id) return <ErrorNote message="No identity chosen." />;
  if (error) return <ErrorNote message={error} />;
  if (!data) return loading ? <Loading what={`blast radius of ${id}`} /> : null;
  const systems = data.reach.filter((r) => r.kind === 'system');
  const inDrawing = new Set([data.identity, ...drawn.map((r) => r.id)]);
  const found = (hit: string, name: string) => {
    setMissing(inDrawing.has(hit) ? null : name);
    if (inDrawing.has(hit)) {
      setSelected(hit === data.identity ? null : hit);
      frame.current?.querySelector<HTMLElement>('.reach-frame')?.focus();
    }
  };
  return (
    <div className="reach">
      <div className="row baseline">
        <h1 className="reach-title">
          Blast radius of <NodeName id={data.identity} name={data.identityName} to="identity" />
        </h1>
        <span className="muted">
          {num(data.summary.reached)} nodes reached · {systems.length} systems
        </span>
        <Link to="walk" params={walkParams({ from: [id] })} className="button small">
          Paths to crown jewels
        </Link>
      </div>
      <Panel title={data.reach.length > DRAWN ? `Graph by hop (nearest ${DRAWN} of ${num(data.reach.length)})` : 'Graph by hop'}>
        <div className="reach-layout">
          <div className="reach-stage" ref={frame}>
            <ReachGraph
              source={data.identity}
              sourceName={data.identityName}
              reach={drawn}
              names={data.names}
              crownJewels={data.summary.crownJewels}
              selected={selected}
              onSelect={setSelected}
              filters={{ value: filter, onChange: setFilter }}
              onFind={() => search.current?.focus()}
            />
            <div className="reach-search">
              {missing && (
                <p className="reach-search-note small" role="status" data-testid="reach-search-missing">
                  {missing} is not in this graph
                  {data.reach.length > DRAWN ? ` (the nearest ${DRAWN} nodes are drawn)` : ': this identity does not reach it'}.
                </p>
              )}
              <CanvasSearch
                ref={search}
                isDrawn={(n) => inDrawing.has(n)}
                notDrawn={data.reach.length > DRAWN ? 'not among the drawn nodes' : 'not reached'}
                onPick={(h) => found(h.id, h.displayName)}
                onLeave={() => frame.current?.querySelector<HTMLElement>('.reach-frame')?.focus()}
              />
            </div>
          </div>
          <ReachDetails data={data} selected={selected} />
        </div>
      </Panel>
      <Panel title="Reached systems">
        {systems.length === 0 ? (
          <p className="muted">No system is reachable.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>System</th>
                <th>Privilege</th>
                <th className="n">Hops</th>
                <th>Path</th>
              </tr>
            </thead>
            <tbody>
              {systems.map((r) => (
                <tr key={r.id} className={r.id === selected ? 'selected' : undefined}>
                  <td className="who">
                    <NodeName id={r.id} name={r.name} to="system" showId />{' '}
                    {data.summary.crownJewels.includes(r.id) && <Badge kind="critical">crown jewel</Badge>}
                  </td>
                  <td>{r.privilege && <Badge kind={r.privilege} />}</td>
                  <td className="n">{r.hops}</td>
                  <td className="small path-names">
                    <button type="button" className="link" onClick={() => setSelected(r.id)} title="Show this path in the graph">
                      {r.path.map((p) => data.names[p] ?? p).join(' → ')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data.truncated && <p className="muted small">The list is cut at 5,000 rows; the figures cover everything.</p>}
      </Panel>
    </div>
  );
}

/** The selected node: what it is, how it is reached, and where to go from it (the graph stays on screen). */
function ReachDetails({ data, selected }: { data: BlastRadiusResult; selected: string | null }) {
  const node = useApi('graph.node', selected ? { id: selected } : null);
  const row = selected ? data.reach.find((r) => r.id === selected) : undefined;
  if (!selected) {
    return (
      <aside className="reach-details muted" aria-label="Selected node">
        <p>Click a node to see what it is and how it is reached; its path lights up in the graph.</p>
        <p className="small">Scroll or use + / − to zoom, drag to pan, Fit to see everything.</p>
      </aside>
    );
  }
  const n = node.data;
  const isIdentity = n && (n.kind === 'identity' || n.kind === 'group' || n.kind === 'role');
  return (
    <aside className="reach-details" aria-label="Selected node" data-testid="reach-details">
      <h3>
        <NodeName id={selected} name={n?.displayName ?? data.names[selected]} showId />
      </h3>
      <KeyValues
        rows={[
          ['Kind', n ? [n.kind, n.subkind].filter(Boolean).join(' · ') : (row?.kind ?? null)],
          ['Privilege', row?.privilege ? <Badge kind={row.privilege} /> : row ? 'controlled' : null],
          ['Hops', row ? String(row.hops) : '0 (source)'],
          ['Criticality', n?.criticality ?? null],
          ['Environment', n?.environment ?? null],
          ['Crown jewel', data.summary.crownJewels.includes(selected) ? <Badge kind="critical">crown jewel</Badge> : null],
          [
            'Reached via',
            row ? (
              <ol className="reach-path">
                {row.path.map((p) => (
                  <li key={p}>{data.names[p] ?? p}</li>
                ))}
              </ol>
            ) : null,
          ],
        ]}
      />
      <div className="row">
        {isIdentity && (
          <Link to="identity" arg={selected} className="button small">
            Open identity
          </Link>
        )}
        {isIdentity && (
          <Link to="events" arg={eventRoute({ identity: [selected] })} className="button small">
            Its events
          </Link>
        )}
        {n?.kind === 'system' && (
          <Link to="system" arg={selected} className="button small">
            Open system page
          </Link>
        )}
        {n?.kind === 'system' && (
          <Link to="events" arg={eventRoute({ target: selected })} className="button small">
            Events on it
          </Link>
        )}
        <Link to="explore" arg={selected} className="button small">
          Open in explorer
        </Link>
      </div>
    </aside>
  );
}
