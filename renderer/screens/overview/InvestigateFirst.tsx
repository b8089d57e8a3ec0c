// Investigate first: the identities with open incident findings, ranked by incident evidence × blast radius
// (findings.queue, the same ranking as `blastmap queue`), each one click from its blast radius, its paths to
// the crown jewels and its findings.
import { useApi } from '../../api/use-api.ts';
import { OVERVIEW_QUEUE_LIMIT } from '../../../shared/api/inventory.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, Link, Loading, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { findingsParams } from '../findings/findings-route.ts';
import { walkParams } from '../walk/walk-route.ts';

export function InvestigateFirst() {
  const { data, error, loading } = useApi('findings.queue', { limit: OVERVIEW_QUEUE_LIMIT });
  return (
    <Panel title="Investigate first">
      {error && <p className="muted">{error}</p>}
      {!data && loading && <Loading what="the incident queue" />}
      {data && data.length === 0 && (
        <p className="muted">No open incident: nothing in the logs shows misuse. Posture findings are on the Findings screen.</p>
      )}
      {data && data.length > 0 && (
        <table className="table" data-testid="investigate-first">
          <thead>
            <tr>
              <th>Identity</th>
              <th>Why</th>
              <th className="n">Findings</th>
              <th>Open</th>
            </tr>
          </thead>
          <tbody>
            {data.map((q) => (
              <tr key={q.identity}>
                <td className="who">
                  <NodeName id={q.identity} name={q.name} to="identity" />
                  {q.kind && (
                    <>
                      {' '}
                      <Badge kind={q.kind} />
                    </>
                  )}
                </td>
                <td className="small">{q.reason}</td>
                <td className="n">{num(q.findings.length)}</td>
                <td className="nowrap">
                  <span className="row">
                    <Link to="graph" arg={q.identity} className="button small">
                      Blast radius
                    </Link>
                    <Link to="walk" params={walkParams({ from: [q.identity] })} className="button small">
                      Paths
                    </Link>
                    <Link to="findings" params={findingsParams({ text: q.identity })} className="button small">
                      Findings
                    </Link>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
