// Attack paths from one identity to the crown jewels, ranked, with per-hop evidence: the import row that
// created the grant and auth events showing it was exercised.
import { useApi } from '../../api/use-api.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { eventRoute } from '../events/event-route.ts';
import { Badge, ErrorNote, Link, Loading, Panel } from '../../components/ui.tsx';
import { date, num } from '../../lib/format.ts';

export function PathsScreen({ id }: { id: string | null }) {
  const { data, error, loading } = useApi('graph.paths', id ? { from: [id], to: ['@crown'], k: 10 } : null);
  if (!id) return <ErrorNote message="No identity chosen." />;
  return (
    <div className="paths">
      <div className="row baseline">
        <h1>Paths from <Link to="identity" arg={id}>{data?.[0]?.names[id] ?? id}</Link> to crown jewels</h1>
        <Link to="graph" arg={id} className="button small">Show in graph</Link>
      </div>
      {error && <ErrorNote message={error} />}
      {!data && loading && <Loading what="attack paths" />}
      {data && data.length === 0 && <p className="muted">No path reaches a crown jewel (systems marked crown jewel, or of critical criticality).</p>}
      {data?.map((p, i) => (
        <Panel key={i} title={`Path ${i + 1}: ${p.hops.length} hops, cost ${num(Math.round(p.cost * 10) / 10)}`}>
          <ol className="hops">
            {p.hops.map((h, j) => (
              <li key={j}>
                <NodeName id={h.from} name={p.names[h.from]} /> <Badge kind="edge">{h.edge.replace('_', ' ')}</Badge> <NodeName id={h.to} name={p.names[h.to]} />
                {h.events && h.evidence.some((e) => e.type === 'event') && <Link to="events" arg={eventRoute(h.events)} className="small"> all {num(h.evidence.find((e) => e.total)?.total ?? 0)} events</Link>}
                <ul className="hop-evidence">
                  {h.evidence.map((e, k) => (
                    <li key={k} className="muted small">
                      {e.type === 'grant'
                        ? `granted${e.privilege ? ` ${e.privilege}` : ''}${e.grantedAt ? ` ${date(e.grantedAt)}` : ''} · ${e.file ?? 'unknown source'}${e.locator ? ` ${e.locator}` : ''}`
                        : `exercised ${date(e.time)}${e.action ? ` ${e.action}` : ''}${e.sourceIp ? ` from ${e.sourceIp}` : ''}${e.total ? ` (${num(e.total)} ${e.total === 1 ? 'event' : 'events'})` : ''}`}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </Panel>
      ))}
    </div>
  );
}
