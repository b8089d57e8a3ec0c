// Findings: filter by severity, triage status and rule; grouped by rule, most severe first; one finding's
// evidence and triage beside the list. Running the detectors is one button (they run in the engine's worker).
import { useState } from 'react';
import { RULE_IDS, RULES } from '../../../shared/catalogs/rules.ts';
import { TRIAGE_STATUSES, type Severity, type TriageStatus } from '../../../shared/model.ts';
import { call } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorNote, Loading } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { FindingDetail } from './FindingDetail.tsx';
import { FindingList } from './FindingList.tsx';
import { SEVERITIES_DESC } from './severity.ts';

export function FindingsScreen({ selected }: { selected: string | null }) {
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [status, setStatus] = useState<TriageStatus | ''>('');
  const [rule, setRule] = useState<(typeof RULE_IDS)[number] | ''>('');
  const [text, setText] = useState('');
  const [running, setRunning] = useState<string | null>(null);
  const readOnly = useCaseStore((s) => s.info?.readOnly ?? false);
  const { data, error, loading } = useApi('findings.list', {
    severity: severity || undefined, status: status || undefined, rule: rule || undefined, limit: 20_000,
  });
  const shown = (data ?? []).filter((f) => !text || `${f.subject} ${f.title}`.toLowerCase().includes(text.toLowerCase()));

  const run = () => {
    setRunning('Running detectors…');
    call('findings.run', {}).result.then(
      (r) => {
        setRunning(`${num(r.total)} findings as of ${r.asOf.slice(0, 10)}${r.warnings.length ? ` · ${r.warnings.join('; ')}` : ''}`);
        useCaseStore.getState().changed();
      },
      (err: Error) => setRunning(`Detectors failed: ${err.message}`),
    );
  };

  return (
    <div className="findings">
      <div className="row baseline">
        <h1>Findings</h1>
        <span className="muted">{data ? `${num(shown.length)} shown` : ''}</span>
      </div>
      <div className="toolbar">
        <input type="search" className="search" placeholder="Filter by subject or title…" aria-label="Filter findings by subject or title" value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity | '')}>
          <option value="">all severities</option>
          {SEVERITIES_DESC.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select aria-label="Triage status" value={status} onChange={(e) => setStatus(e.target.value as TriageStatus | '')}>
          <option value="">any status</option>
          {TRIAGE_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select aria-label="Rule" value={rule} onChange={(e) => setRule(e.target.value as typeof rule)}>
          <option value="">all rules</option>
          {RULE_IDS.map((r) => <option key={r} value={r}>{RULES[r].title}</option>)}
        </select>
        <span className="spacer" />
        {running && <span className="muted" role="status">{running}</span>}
        <button type="button" className="button" onClick={run} disabled={readOnly || running === 'Running detectors…'}
          title={readOnly ? 'Read-only case: detectors cannot store findings' : undefined}>Run detectors</button>
      </div>
      {error && <ErrorNote message={error} />}
      {!data && loading && <Loading what="findings" />}
      {data && data.length === 0 && !severity && !status && !rule && (
        <p className="muted">No findings stored for this case yet. Run the detectors to compute them.</p>
      )}
      <div className="split">
        <FindingList findings={shown} selected={selected} />
        {selected ? <FindingDetail id={selected} /> : <p className="muted detail-empty">Choose a finding to see its evidence and triage it.</p>}
      </div>
    </div>
  );
}
