// Which hops of a path were exercised, when and from where, in time order: the incident as the logs saw it.
import type { AttackPath } from '../../../shared/api/graph.ts';
import { Panel } from '../../components/ui.tsx';
import { date } from '../../lib/format.ts';

export function IncidentTimeline({ path, onStep }: { path: AttackPath; onStep(step: number): void }) {
  const rows = path.hops
    .flatMap((h, step) => h.evidence.filter((e) => e.type === 'event').map((e) => ({ step, hop: h, e })))
    .sort((a, b) => String(a.e.time).localeCompare(String(b.e.time)));
  return (
    <Panel title="Incident timeline">
      {rows.length === 0 ? (
        <p className="muted">No hop of this path was exercised in the imported logs: it is possible, not observed.</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th>time</th>
              <th>hop</th>
              <th>action</th>
              <th>source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{date(r.e.time)}</td>
                <td>
                  <button type="button" className="link" onClick={() => onStep(r.step)}>
                    {r.step + 1}. {path.names[r.hop.from] ?? r.hop.from} → {path.names[r.hop.to] ?? r.hop.to}
                  </button>
                </td>
                <td className="mono">{r.e.action ?? ''}</td>
                <td className="mono">{r.e.sourceIp ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
