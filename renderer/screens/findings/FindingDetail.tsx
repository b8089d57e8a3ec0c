// One finding: why it matters, why this severity, framework tags, the evidence, and the triage form.
import { useEffect, useState } from 'react';
import { frameworkEntry } from '../../../shared/catalogs/frameworks.ts';
import { TRIAGE_STATUSES, type TriageStatus } from '../../../shared/model.ts';
import { request } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, ErrorNote, KeyValues, Link, Loading } from '../../components/ui.tsx';
import { eventRoute } from '../events/event-route.ts';
import { walkParams } from '../walk/walk-route.ts';
import { date } from '../../lib/format.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { EvidenceList } from './EvidenceList.tsx';

export function FindingDetail({ id }: { id: string }) {
  const { data: f, error, loading } = useApi('findings.get', { id });
  if (error) return <ErrorNote message={error} />;
  if (!f) return loading ? <Loading what="finding" /> : null;
  const subjectNode = f.evidence.find((e) => e.type === 'node' && e.key === f.subject);
  const subjectKind = subjectNode?.type === 'node' ? subjectNode.kind : null;
  return (
    <article className="finding-detail panel" aria-label={`Finding ${f.title}`}>
      <header className="panel-head">
        <h2>Finding</h2>
        <Badge kind={f.severity} />
      </header>
      <div className="panel-body stack">
        <h3 className="finding-title">{f.title}</h3>
        <KeyValues
          rows={[
            ['Subject', <SubjectLink key="subject" subject={f.subject} name={f.subjectName ?? null} kind={subjectKind} />],
            ['Why it matters', f.why],
            [
              'Severity',
              <span key="s">
                <Badge kind={f.severity} /> {f.severityBecause}
              </span>,
            ],
            ['Score', f.score.toFixed(1)],
            [
              'Window',
              f.window
                ? `${date(f.window.from)} – ${date(f.window.to)}${f.window.baselineFrom ? ` (baseline ${date(f.window.baselineFrom)} – ${date(f.window.baselineTo)})` : ''}`
                : null,
            ],
            ['As of', date(f.asOf)],
          ]}
        />
        <div className="row" aria-label="Frameworks">
          {f.frameworks.map((fw) => {
            const entry = frameworkEntry(fw);
            return (
              <span key={fw} className="badge badge-framework" title={entry ? `${entry.framework}: ${entry.title}. ${entry.description}` : fw}>
                {fw}
                {entry ? ` ${entry.title}` : ''}
              </span>
            );
          })}
        </div>
        <h3>Evidence</h3>
        <EvidenceList evidence={f.evidence} />
        <SubjectActions subject={f.subject} kind={subjectKind} window={f.window} />
        <TriageForm id={f.id} status={f.status} note={f.note} triagedBy={f.triagedBy} triagedAt={f.triagedAt} />
      </div>
    </article>
  );
}

/** Where to go from the subject: its auth events (in the finding's window when it has one), its reach, its paths. */
function SubjectActions({
  subject,
  kind,
  window,
}: {
  subject: string;
  kind: string | null;
  window: { from: string; to: string } | null | undefined;
}) {
  const isPrincipal = kind === 'identity' || kind === 'group' || kind === 'role';
  const span = window ? { from: window.from, to: window.to } : {};
  const events =
    kind === 'credential'
      ? eventRoute({ credential: [subject], ...span })
      : kind === 'system'
        ? eventRoute({ target: subject, ...span })
        : eventRoute({ identity: [subject], ...span });
  return (
    <div className="row">
      <Link to="events" arg={events} className="button small">
        {window ? 'Its events in the window' : 'Its events'}
      </Link>
      {isPrincipal && (
        <Link to="graph" arg={subject} className="button small">
          Blast radius
        </Link>
      )}
      {isPrincipal && (
        <Link to="walk" params={walkParams({ from: [subject] })} className="button small">
          Paths to crown jewels
        </Link>
      )}
      {kind === 'system' && (
        <Link to="system" arg={subject} className="button small">
          System page
        </Link>
      )}
    </div>
  );
}

/** Identities and systems open their page; credentials open the inventory on them. */
function SubjectLink({ subject, name, kind }: { subject: string; name: string | null; kind: string | null }) {
  if (kind === 'identity' || kind === 'group' || kind === 'role') return <NodeName id={subject} name={name} to="identity" showId />;
  if (kind === 'credential') return <NodeName id={subject} name={name} to="inventory" arg={`credentials?${subject}`} showId />;
  if (kind === 'system') return <NodeName id={subject} name={name} to="system" showId />;
  return <NodeName id={subject} name={name} showId />;
}

function TriageForm(props: { id: string; status: TriageStatus; note: string | null; triagedBy: string | null; triagedAt: string | null }) {
  const [status, setStatus] = useState(props.status);
  const [note, setNote] = useState(props.note ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const readOnly = useCaseStore((s) => s.info?.readOnly ?? false);
  useEffect(() => {
    setStatus(props.status);
    setNote(props.note ?? '');
  }, [props.id, props.status, props.note]);
  const save = async () => {
    setMessage(null);
    try {
      const r = await request('findings.triage', { id: props.id, status, note: note.trim() || undefined });
      setMessage(`Saved: ${r.status} by ${r.actor}`);
      useCaseStore.getState().changed();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <form
      className="triage stack"
      aria-label="Triage"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>Triage</h3>
      <div className="row">
        <label htmlFor="triage-status">Status</label>
        <select id="triage-status" value={status} onChange={(e) => setStatus(e.target.value as TriageStatus)} disabled={readOnly}>
          {TRIAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        {props.triagedBy && (
          <span className="muted small">
            last by {props.triagedBy}, {date(props.triagedAt)}
          </span>
        )}
      </div>
      <label htmlFor="triage-note">Note</label>
      <textarea
        id="triage-note"
        rows={3}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        disabled={readOnly}
        placeholder="What you checked and decided (kept in the case's audit trail)"
      />
      <div className="row">
        <button type="submit" className="button primary" disabled={readOnly}>
          Save triage
        </button>
        {message && (
          <span className="muted" role="status">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
