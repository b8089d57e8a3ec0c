// What-if for architects and responders: toggle removal of the hops of the selected path, or draw a
// hypothetical grant, and see blast radius, exposure and path counts change at once; save named
// scenarios and compare them side by side. The case itself never changes.
import { useEffect, useState } from 'react';
import type { EdgeSpec, WhatIfResult } from '../../../shared/api/graph.ts';
import { EDGE_KINDS, PRIVILEGES, type EdgeKind, type Privilege } from '../../../shared/model.ts';
import { request } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorNote, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';

const MEASURES: [keyof WhatIfResult['before'], string][] = [
  ['paths', 'entry → crown paths'],
  ['exposed', 'identities exposed to crown jewels'],
  ['crownJewelsReached', 'crown jewels reached'],
  ['blastRadius', 'nodes reached from entry points'],
];

export function WhatIfPanel({ from, to, candidates }: { from: string[]; to: string[]; candidates: EdgeSpec[] }) {
  const [removed, setRemoved] = useState<EdgeSpec[]>([]);
  const [added, setAdded] = useState<EdgeSpec[]>([]);
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const scenarios = useApi('graph.scenarios.list', {});
  const [compare, setCompare] = useState<WhatIfResult[] | null>(null);

  useEffect(() => {
    let live = true;
    request('graph.whatIf', { spec: { remove: removed, add: added }, from, to }).then(
      (r) => live && (setResult(r), setError(null)),
      (e) => live && setError(String(e.message ?? e)),
    );
    return () => {
      live = false;
    };
  }, [removed, added, from.join('|'), to.join('|')]);

  const key = (e: EdgeSpec) => `${e.from}|${e.kind}|${e.to}`;
  const toggle = (e: EdgeSpec) => setRemoved((r) => (r.some((x) => key(x) === key(e)) ? r.filter((x) => key(x) !== key(e)) : [...r, e]));

  return (
    <Panel title="What if…" className="whatif">
      {error && <ErrorNote message={error} />}
      <div className="whatif-grid">
        <div>
          <h3>Remove grants</h3>
          <ul className="toggles">
            {candidates.map((e) => (
              <li key={key(e)}>
                <label>
                  <input type="checkbox" checked={removed.some((x) => key(x) === key(e))} onChange={() => toggle(e)} />
                  <span className="mono">{e.from}</span> {e.kind.replace('_', ' ')} <span className="mono">{e.to}</span>
                </label>
              </li>
            ))}
          </ul>
          <h3>Add a hypothetical grant</h3>
          <AddEdgeForm onAdd={(e) => setAdded((a) => [...a, e])} />
          {added.length > 0 && (
            <ul>
              {added.map((e, i) => (
                <li key={i} className="mono small">
                  + {e.from} {e.kind} {e.to}
                  {e.privilege ? ` (${e.privilege})` : ''}{' '}
                  <button type="button" className="link" onClick={() => setAdded(added.filter((_, j) => j !== i))}>
                    undo
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Effect</h3>
          {result && (
            <table className="compact whatif-effect" data-testid="whatif-effect">
              <thead>
                <tr>
                  <th></th>
                  <th>before</th>
                  <th>after</th>
                  <th>change</th>
                </tr>
              </thead>
              <tbody>
                {MEASURES.map(([k, label]) => (
                  <tr key={k}>
                    <td>{label}</td>
                    <td className="n">{num(result.before[k])}</td>
                    <td className="n" data-testid={`after-${k}`}>
                      {num(result.after[k])}
                    </td>
                    <td className={`n ${result.delta[k] < 0 ? 'good' : result.delta[k] > 0 ? 'bad' : ''}`}>
                      {result.delta[k] > 0 ? '+' : ''}
                      {num(result.delta[k])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="row">
            <input aria-label="Scenario name" placeholder="scenario name" value={name} onChange={(e) => setName(e.target.value)} />
            <button
              type="button"
              disabled={!name.trim() || (!removed.length && !added.length)}
              onClick={() => {
                request('graph.scenarios.save', { name: name.trim(), spec: { remove: removed, add: added } }).then(
                  () => {
                    setName('');
                    scenarios.reload();
                  },
                  (e) => setError(String(e.message ?? e)),
                );
              }}
            >
              Save scenario
            </button>
          </div>
          {scenarios.data && scenarios.data.length > 0 && (
            <div className="row">
              <span className="muted">Saved: {scenarios.data.map((s) => s.name).join(', ')}</span>
              <button
                type="button"
                className="small"
                onClick={() =>
                  request('graph.scenarios.compare', { names: scenarios.data!.map((s) => s.name).slice(0, 6), from, to }).then(setCompare, (e) =>
                    setError(String(e.message ?? e)),
                  )
                }
              >
                Compare side by side
              </button>
            </div>
          )}
          {compare && (
            <table className="compact">
              <thead>
                <tr>
                  <th></th>
                  {compare.map((c) => (
                    <th key={c.scenario}>{c.scenario}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {MEASURES.map(([k, label]) => (
                  <tr key={k}>
                    <td>{label}</td>
                    {compare.map((c) => (
                      <td key={c.scenario} className="n">
                        {num(c.after[k])} ({c.delta[k] > 0 ? '+' : ''}
                        {num(c.delta[k])})
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </Panel>
  );
}

function AddEdgeForm({ onAdd }: { onAdd(e: EdgeSpec): void }) {
  const [from, setFrom] = useState('');
  const [kind, setKind] = useState<EdgeKind>('access');
  const [to, setTo] = useState('');
  const [privilege, setPrivilege] = useState<Privilege>('read');
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (from && to) onAdd({ from, kind, to, ...(kind === 'access' ? { privilege } : {}) });
      }}
    >
      <input aria-label="From" placeholder="from id" value={from} onChange={(e) => setFrom(e.target.value)} />
      <select aria-label="Relation" value={kind} onChange={(e) => setKind(e.target.value as EdgeKind)}>
        {EDGE_KINDS.map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      {kind === 'access' && (
        <select aria-label="Privilege" value={privilege} onChange={(e) => setPrivilege(e.target.value as Privilege)}>
          {PRIVILEGES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      )}
      <input aria-label="To" placeholder="to id" value={to} onChange={(e) => setTo(e.target.value)} />
      <button type="submit" className="small">
        Add
      </button>
    </form>
  );
}
