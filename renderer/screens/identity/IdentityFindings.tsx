// Findings about this identity, most severe first; each opens in the Findings screen.
import { useApi } from '../../api/use-api.ts';
import { Badge, Link, Panel } from '../../components/ui.tsx';
import { SEVERITY_RANK } from '../findings/severity.ts';

export function IdentityFindings({ id }: { id: string }) {
  const { data, error } = useApi('findings.list', { subject: id, limit: 500 });
  const list = [...(data ?? [])].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return (
    <Panel title={`Findings (${data ? list.length : '…'})`}>
      {error && <p className="muted">{error}</p>}
      {data && list.length === 0 && <p className="muted">No stored findings about this identity. Run the detectors on the Findings screen.</p>}
      {list.length > 0 && (
        <ul className="finding-rows plain">
          {list.map((f) => (
            <li key={f.id}>
              <Link to="findings" arg={f.id} className="finding-link">
                <Badge kind={f.severity} />
                <span className="title">{f.title}</span>
                <span className="muted small">{f.rule}</span>
                {f.status !== 'open' ? <Badge kind={f.status} /> : <span />}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
