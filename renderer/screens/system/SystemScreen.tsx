// A system's page: who can reach it (every principal, with the privilege it gets, what kind it is, how many hops,
// and a link to the path), what it stores (secrets readable from it), and what runs on it as whom (identities
// its workloads act as). Answers "if this system is touched, who did it and what does it hand on?".
import { useApi } from '../../api/use-api.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, ErrorNote, KeyValues, Link, Loading, Panel } from '../../components/ui.tsx';
import { label, num } from '../../lib/format.ts';
import { eventRoute } from '../events/event-route.ts';
import { walkParams } from '../walk/walk-route.ts';
import { SystemHands } from './SystemHands.tsx';

/** Rows drawn in the exposure table; the total is always said. */
const SHOWN = 500;

export function SystemScreen({ id }: { id: string | null }) {
  const node = useApi('graph.node', id ? { id } : null);
  const exposure = useApi('graph.exposure', id ? { id, limit: SHOWN } : null);
  if (!id) return <ErrorNote message="No system chosen." />;
  if (node.error) return <ErrorNote message={node.error} />;
  const n = node.data;
  if (!n) return <Loading what={id} />;
  const principals = exposure.data ? (exposure.data.principals ?? exposure.data.identities.map((r) => ({ ...r, kind: 'identity' }))) : [];
  const crown = n.marks.some((m) => m.mark === 'crown-jewel') || n.criticality === 'critical';
  return (
    <div className="system">
      <header className="identity-head">
        <h1 className="system-title">
          <NodeName id={n.id} name={n.displayName} showId />
        </h1>
        <div className="row">
          <Badge kind={n.subkind ?? n.kind}>{label(n.subkind ?? n.kind)}</Badge>
          {n.criticality && <Badge kind={n.criticality === 'critical' ? 'critical' : 'env'}>{n.criticality} criticality</Badge>}
          {crown && <Badge kind="critical">crown jewel</Badge>}
          {n.environment && <Badge kind="env">{n.environment}</Badge>}
          <Link to="events" arg={eventRoute({ target: n.id })} className="button small">
            Events on it
          </Link>
          <Link to="explore" arg={n.id} className="button small">
            Open in graph explorer
          </Link>
        </div>
      </header>
      <Panel title="Properties">
        <KeyValues
          rows={[
            ['Kind', [n.kind, n.subkind].filter(Boolean).join(' · ')],
            ['Owner', n.owner],
            ['Status', n.status],
            ['Marks', n.marks.length ? n.marks.map((m) => `${m.mark} (${m.actor}${m.reason ? `: ${m.reason}` : ''})`).join('; ') : null],
            ['Imported from', n.source ? `${n.source.file}${n.source.locator ? ` ${n.source.locator}` : ''}` : null],
          ]}
        />
      </Panel>
      <Panel
        title={
          exposure.data
            ? `Who can reach it (${num(exposure.data.total)} ${exposure.data.total === 1 ? 'identity' : 'identities'})`
            : 'Who can reach it'
        }
      >
        {exposure.error && <ErrorNote message={exposure.error} />}
        {!exposure.data && exposure.loading && <Loading what="exposure" />}
        {exposure.data && principals.length === 0 && <p className="muted">No identity can reach this system.</p>}
        {exposure.data && principals.length > 0 && (
          <>
            <p className="muted small" data-testid="exposure-counts">
              Counts identities (people and non-human accounts) that reach it under the graph rules; the table also lists the roles and groups they
              reach it through ({num(principals.length)} rows{exposure.data.truncated ? `, the nearest ${num(SHOWN)}` : ''}).
            </p>
            <table className="table" data-testid="exposure">
              <thead>
                <tr>
                  <th>Who</th>
                  <th>Kind</th>
                  <th>Privilege</th>
                  <th className="n">Hops</th>
                  <th>Path</th>
                </tr>
              </thead>
              <tbody>
                {principals.map((p) => (
                  <tr key={p.id}>
                    <td className="who">
                      <NodeName id={p.id} name={p.name} to={p.kind === 'identity' ? 'identity' : undefined} />
                    </td>
                    <td>{label(p.kind)}</td>
                    <td>{p.privilege ? <Badge kind={p.privilege} /> : <span className="muted">—</span>}</td>
                    <td className="n">{p.hops}</td>
                    <td>
                      <Link to="walk" params={walkParams({ from: [p.id], to: [n.id] })} className="small">
                        path
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Panel>
      <div className="columns">
        <SystemHands
          id={n.id}
          kind="stores"
          title="What it stores"
          empty="No secret is recorded as stored on this system."
          because="Secrets readable from this system: read access on a secret store or repository, or admin on a host, cluster or pipeline, hands them on."
        />
        <SystemHands
          id={n.id}
          kind="runs_as"
          title="What runs on it, as whom"
          empty="No workload on this system is recorded as acting as an identity."
          because="Workloads here act as these identities: write or admin on the system gives their rights."
        />
      </div>
    </div>
  );
}
