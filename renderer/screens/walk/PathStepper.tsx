// Walks one attack path hop by hop: the step in plain words, its ATT&CK technique, its evidence (the
// import row that granted it; the auth events that exercised it) and the other ways out of this node.
import { useEffect, useState } from 'react';
import type { AttackPath, NeighbourEdge, NeighboursResult } from '../../../shared/api/graph.ts';
import { hopSentence, hopTechnique } from '../../../shared/catalogs/hop-techniques.ts';
import { useApi } from '../../api/use-api.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { eventRoute } from '../events/event-route.ts';
import { Badge, Link, Panel } from '../../components/ui.tsx';
import { date, label, num } from '../../lib/format.ts';
import { setLabel } from '../reach/like-sets.ts';

export function PathStepper({ path, step, onStep }: { path: AttackPath; step: number; onStep(step: number): void }) {
  const hop = path.hops[step];
  const grant = hop.evidence.find((e) => e.type === 'grant');
  const events = hop.evidence.filter((e) => e.type === 'event');
  // The technique of an access hop follows the action and the system (an AD logon is not T1530).
  const target = useApi('graph.node', hop.edge === 'access' ? { id: hop.to } : null);
  const technique = hopTechnique(hop.edge, { targetSubkind: target.data?.subkind, actions: events.map((e) => e.action) });
  const alternatives = useApi('graph.neighbours', { id: hop.from, direction: 'out', limit: 20 });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.key === 'ArrowRight' || e.key === 'n') onStep(Math.min(step + 1, path.hops.length - 1));
      if (e.key === 'ArrowLeft' || e.key === 'p') onStep(Math.max(step - 1, 0));
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [step, path, onStep]);

  return (
    <Panel
      title={`Step ${step + 1} of ${path.hops.length}`}
      className="walker"
      actions={
        <span className="row">
          <button type="button" className="small" onClick={() => onStep(step - 1)} disabled={step === 0} aria-keyshortcuts="ArrowLeft">
            ← Previous
          </button>
          <button
            type="button"
            className="small"
            onClick={() => onStep(step + 1)}
            disabled={step === path.hops.length - 1}
            aria-keyshortcuts="ArrowRight"
          >
            Next →
          </button>
        </span>
      }
    >
      <ol className="walk-trail" aria-label="Path">
        {path.nodes.map((n, i) => (
          <li key={i} className={i === step || i === step + 1 ? 'current' : i < step ? 'done' : ''}>
            <button type="button" className="link" title={n} onClick={() => onStep(Math.min(i, path.hops.length - 1))}>
              {path.names[n] ?? n}
            </button>
          </li>
        ))}
      </ol>
      <p className="step-sentence" data-testid="step-sentence">
        {hopSentence(path.names[hop.from] ?? hop.from, hop.edge, path.names[hop.to] ?? hop.to, grant?.privilege)}.
      </p>
      {technique && (
        <p className="muted small" data-testid="step-technique">
          ATT&amp;CK <Badge kind="framework">{technique.id}</Badge> {technique.name}
        </p>
      )}
      <h3>Evidence</h3>
      <ul className="hop-evidence">
        <li>
          {grant ? (
            <>
              Granted{grant.privilege ? ` ${grant.privilege}` : ''}
              {grant.grantedAt ? ` on ${date(grant.grantedAt)}` : ''} by <span className="mono">{grant.file ?? 'unknown source'}</span>
              {grant.locator ? ` ${grant.locator}` : ''}
            </>
          ) : (
            'No grant row recorded for this hop.'
          )}
        </li>
        {events.length === 0 && (
          <li className="muted">
            Not seen exercised in the imported logs.
            {hop.events ? (
              <>
                {' '}
                <Link to="events" arg={eventRoute(hop.events)} className="small">
                  Check the events
                </Link>
              </>
            ) : null}
          </li>
        )}
        {events.map((e, i) => (
          <li key={i} className="exercised">
            Exercised {date(e.time)}
            {e.action ? `: ${e.action}` : ''}
            {e.sourceIp ? ` from ${e.sourceIp}` : ''}
            {e.file ? (
              <span className="muted small">
                {' '}
                · {e.file}
                {e.locator ? ` ${e.locator}` : ''}
              </span>
            ) : null}
          </li>
        ))}
        {events.length > 0 && hop.events && (
          <li>
            <Link to="events" arg={eventRoute(hop.events)} className="button small">
              All {num(events[0].total ?? events.length)} events of this hop
            </Link>
          </li>
        )}
      </ul>
      <h3>
        Other ways out of <NodeName id={hop.from} name={path.names[hop.from]} />{' '}
        <Link to="explore" arg={hop.from} className="button small">
          Open in graph explorer
        </Link>
      </h3>
      {alternatives.data && <WaysOut data={alternatives.data} except={{ to: hop.to, kind: hop.edge }} />}
    </Panel>
  );
}

/**
 * The other edges out of a node. Many of one kind to like nodes (a role's temporary session keys) are one line,
 * "24 session keys", that opens on click, instead of a list of raw key ids.
 */
function WaysOut({ data, except }: { data: NeighboursResult; except: { to: string; kind: string } }) {
  const [open, setOpen] = useState<string | null>(null);
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const edges = data.edges.filter((e) => !(e.to === except.to && e.kind === except.kind));
  const groups = new Map<string, NeighbourEdge[]>();
  for (const e of edges) {
    const n = nodes.get(e.to);
    const key = `${e.kind}\u0000${n?.kind ?? ''}\u0000${n?.subkind ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  if (edges.length === 0) return <p className="muted">None: this hop is the only way on.</p>;
  return (
    <ul className="alternatives">
      {[...groups].slice(0, 12).map(([key, list]) => {
        const total = Math.max(list.length, data.counts[`out:${list[0].kind}`] ?? 0);
        if (list.length < 4 || open === key) {
          return list.map((e) => (
            <li key={`${key}:${e.to}`}>
              <Badge kind="edge">{label(e.kind)}</Badge> <NodeName id={e.to} name={nodes.get(e.to)?.name} />
              {e.privilege ? ` (${e.privilege})` : ''}
              {e.exercised ? <Badge kind="exercised">exercised</Badge> : null}
            </li>
          ));
        }
        const kind = nodes.get(list[0].to)?.kind ?? 'node';
        return (
          <li key={key} data-testid="ways-out-set">
            <Badge kind="edge">{label(list[0].kind)}</Badge>{' '}
            <button type="button" className="link" onClick={() => setOpen(key)} title="List them">
              {setLabel(
                kind,
                list.map((e) => e.to),
              ).replace(/^[\d,]+/, num(total))}
            </button>
            {list.some((e) => e.exercised) && <Badge kind="exercised">some exercised</Badge>}
          </li>
        );
      })}
    </ul>
  );
}
