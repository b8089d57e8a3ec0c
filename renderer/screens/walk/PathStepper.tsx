// Walks one attack path hop by hop: the step in plain words, its ATT&CK technique, its evidence (the
// import row that granted it; the auth events that exercised it) and the other ways out of this node.
import { useEffect } from 'react';
import type { AttackPath } from '../../../shared/api/graph.ts';
import { HOP_MEANINGS, hopSentence } from '../../../shared/catalogs/hop-techniques.ts';
import { useApi } from '../../api/use-api.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { eventRoute } from '../events/event-route.ts';
import { Badge, Link, Panel } from '../../components/ui.tsx';
import { date, num } from '../../lib/format.ts';

export function PathStepper({ path, step, onStep }: { path: AttackPath; step: number; onStep(step: number): void }) {
  const hop = path.hops[step];
  const grant = hop.evidence.find((e) => e.type === 'grant');
  const events = hop.evidence.filter((e) => e.type === 'event');
  const meaning = HOP_MEANINGS[hop.edge];
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
    <Panel title={`Step ${step + 1} of ${path.hops.length}`} className="walker" actions={(
      <span className="row">
        <button type="button" className="small" onClick={() => onStep(step - 1)} disabled={step === 0} aria-keyshortcuts="ArrowLeft">← Previous</button>
        <button type="button" className="small" onClick={() => onStep(step + 1)} disabled={step === path.hops.length - 1} aria-keyshortcuts="ArrowRight">Next →</button>
      </span>
    )}>
      <ol className="walk-trail" aria-label="Path">
        {path.nodes.map((n, i) => (
          <li key={i} className={i === step || i === step + 1 ? 'current' : i < step ? 'done' : ''}>
            <button type="button" className="link" title={n} onClick={() => onStep(Math.min(i, path.hops.length - 1))}>{path.names[n] ?? n}</button>
          </li>
        ))}
      </ol>
      <p className="step-sentence" data-testid="step-sentence">{hopSentence(path.names[hop.from] ?? hop.from, hop.edge, path.names[hop.to] ?? hop.to, grant?.privilege)}.</p>
      {meaning && <p className="muted small">ATT&amp;CK <Badge kind="framework">{meaning.technique.id}</Badge> {meaning.technique.name}</p>}
      <h3>Evidence</h3>
      <ul className="hop-evidence">
        <li>{grant ? <>Granted{grant.privilege ? ` ${grant.privilege}` : ''}{grant.grantedAt ? ` on ${date(grant.grantedAt)}` : ''} by <span className="mono">{grant.file ?? 'unknown source'}</span>{grant.locator ? ` ${grant.locator}` : ''}</> : 'No grant row recorded for this hop.'}</li>
        {events.length === 0 && <li className="muted">Not seen exercised in the imported logs.</li>}
        {events.map((e, i) => (
          <li key={i} className="exercised">Exercised {date(e.time)}{e.action ? `: ${e.action}` : ''}{e.sourceIp ? ` from ${e.sourceIp}` : ''}{e.file ? <span className="muted small"> · {e.file}{e.locator ? ` ${e.locator}` : ''}</span> : null}</li>
        ))}
        {events.length > 0 && hop.events && (
          <li><Link to="events" arg={eventRoute(hop.events)} className="button small">All {num(events[0].total ?? events.length)} events of this hop</Link></li>
        )}
      </ul>
      <h3>Other ways out of <NodeName id={hop.from} name={path.names[hop.from]} /> <Link to="explore" arg={hop.from} className="button small">Open in graph explorer</Link></h3>
      {alternatives.data && (
        <ul className="alternatives">
          {alternatives.data.edges.filter((e) => !(e.to === hop.to && e.kind === hop.edge)).slice(0, 12).map((e, i) => (
            <li key={i}><Badge kind="edge">{e.kind.replace('_', ' ')}</Badge> <NodeName id={e.to} name={alternatives.data?.nodes.find((n) => n.id === e.to)?.name} />{e.privilege ? ` (${e.privilege})` : ''}{e.exercised ? <Badge kind="exercised">exercised</Badge> : null}</li>
          ))}
          {alternatives.data.edges.length <= 1 && <li className="muted">None: this hop is the only way on.</li>}
        </ul>
      )}
    </Panel>
  );
}
