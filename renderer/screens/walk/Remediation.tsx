// Choke points from the engine: the fewest grants whose removal disconnects every entry point from every
// crown jewel, and the grants and nodes on the most paths, each with what removing it would change.
import { useState } from 'react';
import type { WhatIfResult } from '../../../shared/api/graph.ts';
import type { EdgeKind } from '../../../shared/model.ts';
import { request } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorNote, Loading, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';

export function Remediation({ from, to }: { from: string[]; to: string[] }) {
  const { data, error, loading } = useApi('graph.chokepoints', { from, to, limit: 10 });
  const [effects, setEffects] = useState<Record<string, WhatIfResult>>({});
  const measure = (e: { from: string; to: string; edge: string }) => {
    request('graph.whatIf', { spec: { remove: [{ from: e.from, kind: e.edge as EdgeKind, to: e.to }] }, from, to }).then(
      (r) => setEffects((x) => ({ ...x, [`${e.from}|${e.edge}|${e.to}`]: r })),
      () => undefined,
    );
  };
  return (
    <Panel title="Remediation and choke points" className="remediation">
      {error && <ErrorNote message={error} />}
      {!data && loading && <Loading what="choke points" />}
      {data && (
        <>
          <p className="muted">
            {num(data.entries.length)} entry points, {num(data.crownJewels.length)} crown jewels, {num(data.paths)} shortest entry→crown paths,{' '}
            {num(data.exposed)} identities exposed.
          </p>
          <h3>Fewest grants to cut ({data.minCut.length})</h3>
          <ol data-testid="min-cut">
            {data.minCut.map((e) => {
              const k = `${e.from}|${e.edge}|${e.to}`;
              const fx = effects[k];
              return (
                <li key={k}>
                  <span className="mono">{e.from}</span> {e.edge.replace('_', ' ')} <span className="mono">{e.to}</span>{' '}
                  {fx ? (
                    <span className="muted small">
                      alone: paths {num(fx.before.paths)} → {num(fx.after.paths)}, exposed {num(fx.before.exposed)} → {num(fx.after.exposed)}
                    </span>
                  ) : (
                    <button type="button" className="link small" onClick={() => measure(e)}>
                      effect
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          <h3>Grants on the most paths</h3>
          <table className="compact">
            <thead>
              <tr>
                <th>grant</th>
                <th>paths</th>
                <th>identities cut off</th>
              </tr>
            </thead>
            <tbody>
              {data.edges.map((e, i) => (
                <tr key={i}>
                  <td className="mono">
                    {e.from} —{e.edge}→ {e.to}
                  </td>
                  <td className="n">{num(e.paths)}</td>
                  <td className="n">{num(e.exposureCut)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Nodes on the most paths</h3>
          <table className="compact">
            <thead>
              <tr>
                <th>node</th>
                <th>kind</th>
                <th>paths</th>
                <th>identities cut off</th>
              </tr>
            </thead>
            <tbody>
              {data.nodes.map((n, i) => (
                <tr key={i}>
                  <td className="mono">{n.id}</td>
                  <td>{n.kind}</td>
                  <td className="n">{num(n.paths)}</td>
                  <td className="n">{num(n.exposureCut)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
