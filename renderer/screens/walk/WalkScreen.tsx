// The attack-path walker: choose entry points and targets, see the ranked paths, walk one hop by hop
// with its evidence and incident timeline, try removals, and read the remediation list. The query, the chosen path
// and the step live in the route (walk-route.ts), so Back/Forward and switching screens keep them.
import { useEffect, useMemo, useState } from 'react';
import type { EdgeSpec } from '../../../shared/api/graph.ts';
import type { EdgeKind } from '../../../shared/model.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorNote, Loading, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { useRouter, type Route } from '../../state/router.ts';
import { IncidentTimeline } from './IncidentTimeline.tsx';
import { PathGraph } from './PathGraph.tsx';
import { PathStepper } from './PathStepper.tsx';
import { Remediation } from './Remediation.tsx';
import { WhatIfPanel } from './WhatIfPanel.tsx';
import { parseWalkRoute, walkParams, type WalkState } from './walk-route.ts';

const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function WalkScreen({ route }: { route: Pick<Route, 'arg' | 'query'> }) {
  const state = parseWalkRoute(route);
  // Key the query on its text so a new route object with the same query does not refetch.
  const queryKey = JSON.stringify([state.from, state.to]);
  const query = useMemo(() => ({ from: state.from, to: state.to }), [queryKey]);
  const { path: selected, step } = state;
  const [fromText, setFromText] = useState(state.from.join(', '));
  const [toText, setToText] = useState(state.to.join(', '));
  // Back/Forward to another query shows its text in the boxes.
  useEffect(() => {
    setFromText(query.from.join(', '));
    setToText(query.to.join(', '));
  }, [query]);
  // Moving within one query (another path, another step) replaces the route entry; a new query is a new entry.
  const move = (patch: Partial<WalkState>, replace = true) => useRouter.getState().go('walk', null, walkParams({ ...state, ...patch }), { replace });
  const setSelected = (path: number) => move({ path, step: 0 });
  const setStep = (s: number) => move({ step: s });
  const asked = query.from.length > 0 && query.to.length > 0;
  const paths = useApi('graph.paths', asked ? { from: query.from, to: query.to, k: 10, eventsPerHop: 5 } : null);
  // The engine answers one request at a time: the what-if baseline and the choke points (each a whole-graph pass)
  // are asked for only once the paths have answered, so they never stand between the analyst and the paths.
  // Once shown they stay (a new query keeps the previous answer on screen while it loads), and so does their state.
  const secondary = !asked || paths.data !== null || paths.error !== null;
  const path = paths.data?.[selected] ?? paths.data?.[0] ?? null;
  const candidates = useMemo<EdgeSpec[]>(() => (path ? path.hops.map((h) => ({ from: h.from, kind: h.edge as EdgeKind, to: h.to })) : []), [path]);

  return (
    <div className="walk">
      <h1>Attack paths</h1>
      <form
        className="row walk-query"
        onSubmit={(e) => {
          e.preventDefault();
          move({ from: split(fromText), to: split(toText), path: 0, step: 0 }, false);
        }}
      >
        <label>
          From{' '}
          <input
            aria-label="Entry points"
            value={fromText}
            onChange={(e) => setFromText(e.target.value)}
            title="identity ids, or @entry (compromised + high-severity findings)"
          />
        </label>
        <label>
          To <input aria-label="Targets" value={toText} onChange={(e) => setToText(e.target.value)} title="system ids, or @crown (crown jewels)" />
        </label>
        <button type="submit">Find paths</button>
      </form>
      {paths.error && <ErrorNote message={paths.error} />}
      {!paths.data && paths.loading && <Loading what="attack paths" />}
      {paths.data && paths.data.length === 0 && <p className="muted">No path from these entry points reaches these targets.</p>}
      {paths.data && paths.data.length > 0 && path && (
        <div className="walk-layout">
          <Panel title={`${num(paths.data.length)} ranked ${paths.data.length === 1 ? 'path' : 'paths'}`} className="path-list">
            <ol>
              {paths.data.map((p, i) => (
                <li key={i}>
                  <button
                    type="button"
                    className={`link path-choice${i === selected ? ' current' : ''}`}
                    aria-current={i === selected}
                    onClick={() => setSelected(i)}
                  >
                    <span title={`${p.nodes[0]} → ${p.nodes[p.nodes.length - 1]}`}>
                      {p.names[p.nodes[0]] ?? p.nodes[0]} → {p.names[p.nodes[p.nodes.length - 1]] ?? p.nodes[p.nodes.length - 1]}
                    </span>
                    <span className="muted small">
                      {' '}
                      {p.hops.length} hops · cost {num(Math.round(p.cost * 10) / 10)} ·{' '}
                      {p.hops.filter((h) => h.evidence.some((e) => e.type === 'event')).length} exercised
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          </Panel>
          <div>
            <PathGraph path={path} step={Math.min(step, path.hops.length - 1)} onStep={setStep} />
            <PathStepper path={path} step={Math.min(step, path.hops.length - 1)} onStep={setStep} />
            <IncidentTimeline path={path} onStep={setStep} />
          </div>
        </div>
      )}
      {secondary && query.from.length > 0 && <WhatIfPanel from={query.from} to={query.to} candidates={candidates} />}
      {secondary && <Remediation from={query.from} to={query.to} />}
    </div>
  );
}
