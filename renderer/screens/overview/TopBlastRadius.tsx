// Identities whose compromise would reach the most, with score, crown jewels and highest privilege.
// The reach count opens the identity's blast radius in the graph.
import { useApi } from '../../api/use-api.ts';
import { OVERVIEW_TOP_BLAST_LIMIT } from '../../../shared/api/inventory.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, Link, Loading, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';

export function TopBlastRadius() {
  const { data, error, loading } = useApi('inventory.topBlast', { limit: OVERVIEW_TOP_BLAST_LIMIT });
  return (
    <Panel title="Top identities by blast radius">
      {error && <p className="muted">{error}</p>}
      {!data && loading && <Loading what="blast radius ranking" />}
      {data && data.length === 0 && <p className="muted">No identity reaches anything yet.</p>}
      {data && data.length > 0 && (
        <table className="table" data-testid="top-blast">
          <thead>
            <tr>
              <th>Identity</th>
              <th>Kind</th>
              <th className="n">Reach</th>
              <th className="n">Score</th>
              <th className="n">Crown jewels</th>
              <th>Max</th>
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.id}>
                <td className="who">
                  <NodeName id={r.id} name={r.displayName} to="identity" showId />
                </td>
                <td>{r.kind && <Badge kind={r.kind} />}</td>
                <td className="n">
                  <Link to="graph" arg={r.id} title="Show what it reaches in the graph">
                    {num(r.reached)}
                  </Link>
                </td>
                <td className="n">{num(Math.round(r.score))}</td>
                <td className={`n${r.crownJewels ? ' warn' : ''}`}>{num(r.crownJewels)}</td>
                <td>{r.maxPrivilege && <Badge kind={r.maxPrivilege} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
