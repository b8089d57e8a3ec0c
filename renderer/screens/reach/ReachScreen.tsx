// Everything one identity can reach, as a layered graph (capped, nearest first) and a table of what it
// reaches with the highest privilege and the shortest explaining path.
import { useApi } from '../../api/use-api.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, ErrorNote, Link, Loading, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { ReachGraph } from './ReachGraph.tsx';

/** Drawing more than this on a software-rendered canvas stops being readable or smooth (ENGINEERING.md §1). */
const DRAWN = 250;

export function ReachScreen({ id }: { id: string | null }) {
  const { data, error, loading } = useApi('graph.blastRadius', id ? { ids: [id], limit: 5000 } : null);
  if (!id) return <ErrorNote message="No identity chosen." />;
  if (error) return <ErrorNote message={error} />;
  if (!data) return loading ? <Loading what={`blast radius of ${id}`} /> : null;
  const systems = data.reach.filter((r) => r.kind === 'system');
  return (
    <div className="reach">
      <div className="row baseline">
        <h1 className="reach-title">Blast radius of <NodeName id={data.identity} name={data.identityName} to="identity" /></h1>
        <span className="muted">{num(data.summary.reached)} nodes reached · {systems.length} systems</span>
        <Link to="paths" arg={id} className="button small">Paths to crown jewels</Link>
      </div>
      <Panel title={data.reach.length > DRAWN ? `Graph (nearest ${DRAWN} of ${num(data.reach.length)})` : 'Graph'}>
        <ReachGraph source={data.identity} reach={data.reach.slice(0, DRAWN)} crownJewels={data.summary.crownJewels} />
      </Panel>
      <Panel title="Reached systems">
        {systems.length === 0 ? <p className="muted">No system is reachable.</p> : (
          <table className="table">
            <thead><tr><th>System</th><th>Privilege</th><th className="n">Hops</th><th>Path</th></tr></thead>
            <tbody>
              {systems.map((r) => (
                <tr key={r.id}>
                  <td className="who"><NodeName id={r.id} name={r.name} showId /> {data.summary.crownJewels.includes(r.id) && <Badge kind="critical">crown jewel</Badge>}</td>
                  <td>{r.privilege && <Badge kind={r.privilege} />}</td>
                  <td className="n">{r.hops}</td>
                  <td className="small path-names">{r.path.map((p) => data.names[p] ?? p).join(' → ')}</td>
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
