// The selected node of a graph, beside the canvas: what it is, and where to go from it. Selecting never leaves
// the graph; these links (or a double click where a screen offers it) do.
import type { ReactNode } from 'react';
import { useApi } from '../api/use-api.ts';
import { eventRoute } from '../screens/events/event-route.ts';
import { Badge, KeyValues, Link } from './ui.tsx';
import { NodeName } from './NodeName.tsx';

export function NodeDetails({ id, extra = [] }: { id: string; extra?: [string, ReactNode][] }) {
  const { data: n } = useApi('graph.node', { id });
  const isPrincipal = n && (n.kind === 'identity' || n.kind === 'group' || n.kind === 'role');
  return (
    <aside className="reach-details" aria-label="Selected node" data-testid="node-details">
      <h3>
        <NodeName id={id} name={n?.displayName} showId />
      </h3>
      <KeyValues
        rows={[
          ['Kind', n ? [n.kind, n.subkind].filter(Boolean).join(' · ') : null],
          ...extra,
          ['Status', n?.status ?? null],
          ['Owner', n?.owner ?? null],
          ['Criticality', n?.criticality ?? null],
          ['Environment', n?.environment ?? null],
          [
            'Marks',
            n?.marks.length ? (
              <span className="row">
                {n.marks.map((m) => (
                  <Badge key={m.mark} kind={m.mark === 'crown-jewel' ? 'critical' : m.mark === 'compromised' ? 'high' : 'env'}>
                    {m.mark}
                  </Badge>
                ))}
              </span>
            ) : null,
          ],
        ]}
      />
      <div className="row">
        {isPrincipal && (
          <Link to="identity" arg={id} className="button small">
            Open identity
          </Link>
        )}
        {isPrincipal && (
          <Link to="graph" arg={id} className="button small">
            Blast radius
          </Link>
        )}
        {isPrincipal && (
          <Link to="events" arg={eventRoute({ identity: [id] })} className="button small">
            Its events
          </Link>
        )}
        {n?.kind === 'system' && (
          <Link to="system" arg={id} className="button small">
            Open system page
          </Link>
        )}
        {n?.kind === 'system' && (
          <Link to="events" arg={eventRoute({ target: id })} className="button small">
            Events on it
          </Link>
        )}
        {n?.kind === 'credential' && (
          <Link to="events" arg={eventRoute({ credential: [id] })} className="button small">
            Events with it
          </Link>
        )}
      </div>
    </aside>
  );
}
