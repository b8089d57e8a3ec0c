// What a system hands on to whoever controls it: the secrets it stores, or the identities its workloads run as
// (the `stores` and `runs_as` edges out of it), each with a way to follow it.
import type { EdgeKind } from '../../../shared/model.ts';
import { useApi } from '../../api/use-api.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, ErrorNote, Loading, Panel } from '../../components/ui.tsx';
import { label, num } from '../../lib/format.ts';

export function SystemHands({ id, kind, title, empty, because }: { id: string; kind: EdgeKind; title: string; empty: string; because: string }) {
  const { data, error, loading } = useApi('graph.neighbours', { id, direction: 'out', kinds: [kind], limit: 500 });
  const total = data?.counts[`out:${kind}`] ?? data?.edges.length ?? 0;
  const names = new Map((data?.nodes ?? []).map((n) => [n.id, n]));
  return (
    <Panel title={data ? `${title} (${num(total)})` : title}>
      {error && <ErrorNote message={error} />}
      {!data && loading && <Loading what={title.toLowerCase()} />}
      {data && data.edges.length === 0 && <p className="muted">{empty}</p>}
      {data && data.edges.length > 0 && (
        <>
          <p className="muted small">{because}</p>
          <ul className="plain-list" data-testid={`system-${kind}`}>
            {data.edges.map((e) => {
              const n = names.get(e.to);
              return (
                <li key={e.to}>
                  <NodeName id={e.to} name={n?.name} to={n?.kind === 'identity' ? 'identity' : undefined} />
                  {n?.subkind && <span className="muted small"> {label(n.subkind)}</span>}
                  {e.exercised && (
                    <>
                      {' '}
                      <Badge kind="exercised">exercised</Badge>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          {data.truncated && (
            <p className="muted small">
              The first {num(data.edges.length)} of {num(total)}.
            </p>
          )}
        </>
      )}
    </Panel>
  );
}
