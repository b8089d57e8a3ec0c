// Findings at any size: filters and counts computed by the engine over every finding (no cap), a virtualized
// list paged from the engine, bulk triage with one note, keyboard (j/k move, x select, t triage), and one
// finding's evidence and triage beside the list. Filters and the open finding live in the route (findings-route.ts).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FindingFilterSpec } from '../../../shared/api/findings.ts';
import { RULE_IDS, RULES } from '../../../shared/catalogs/rules.ts';
import { TRIAGE_STATUSES, type Severity, type TriageStatus } from '../../../shared/model.ts';
import { call } from '../../api/client.ts';
import { Badge, ErrorNote } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { useRouter, type Route } from '../../state/router.ts';
import { BulkTriage } from './BulkTriage.tsx';
import { FindingDetail } from './FindingDetail.tsx';
import { FindingList } from './FindingList.tsx';
import { useFindingsUi } from './findings-store.ts';
import { findingsParams, parseFindingsFilter, parseFindingsView, type FindingsView } from './findings-route.ts';
import { PostureGroups } from './PostureGroups.tsx';
import { SEVERITIES_DESC } from './severity.ts';
import { usePagedFindings } from './use-findings-page.ts';

export function FindingsScreen({ route }: { route: Pick<Route, 'arg' | 'query'> }) {
  const selected = route.arg;
  const filter = useMemo(() => parseFindingsFilter(route.query), [route.query]);
  const view = parseFindingsView(route.query);
  const setView = (v: FindingsView) => useRouter.getState().go('findings', selected, findingsParams(filter, v));
  const openFinding = (id: string) => useRouter.getState().go('findings', id, findingsParams(filter, view));
  // A new filter is a new list: the open finding stays, the ticked ones (made in the old list) are dropped.
  const setFilter = (patch: Partial<FindingFilterSpec>, replace = false) =>
    useRouter.getState().go('findings', selected, findingsParams({ ...filter, ...patch }, view), { replace });
  useEffect(() => useFindingsUi.getState().clearSelection(), [route.query]);
  const [text, setText] = useState(filter.text ?? '');
  const [running, setRunning] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const triageSelect = useRef<HTMLSelectElement>(null);
  const readOnly = useCaseStore((s) => s.info?.readOnly ?? false);
  const findings = usePagedFindings(filter);
  useEffect(() => {
    const t = setTimeout(() => {
      if ((filter.text ?? '') !== text) setFilter({ text: text || undefined }, true);
    }, 250);
    return () => clearTimeout(t);
  }, [text]);
  useEffect(() => setActive(0), [filter]);

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
  const counts = findings.counts;
  const filtered = Object.keys(filter).length > 0;

  return (
    <div className="findings">
      <div className="row baseline">
        <h1>Findings</h1>
        <span className="muted" data-testid="findings-total">
          {findings.total === null ? '' : filtered ? `${num(findings.total)} of ${num(findings.all)} match` : `${num(findings.total)} findings`}
        </span>
        <span className="severity-counts row" aria-label="Counts by severity">
          {counts &&
            SEVERITIES_DESC.filter((s) => counts.severity[s]).map((s) => (
              <button
                key={s}
                type="button"
                className="badge-button"
                aria-pressed={filter.severity === s}
                onClick={() => setFilter({ severity: filter.severity === s ? undefined : s })}
                title={`Show only ${s}`}
              >
                <Badge kind={s}>
                  {num(counts.severity[s])} {s}
                </Badge>
              </button>
            ))}
        </span>
      </div>
      <div className="toolbar">
        <span className="segmented" role="group" aria-label="View">
          <button
            type="button"
            aria-pressed={view === 'list' && !filter.kind}
            onClick={() => useRouter.getState().go('findings', selected, findingsParams({ ...filter, kind: undefined }))}
          >
            All findings
          </button>
          <button
            type="button"
            aria-pressed={view === 'list' && filter.kind === 'incident'}
            title="Evidence in the logs that an identity or credential was misused, or that someone changed who can act as it"
            onClick={() => useRouter.getState().go('findings', selected, findingsParams({ ...filter, kind: 'incident' }))}
          >
            Incidents{counts?.kind ? ` (${num(counts.kind.incident ?? 0)})` : ''}
          </button>
          <button type="button" aria-pressed={view === 'groups'} onClick={() => setView('groups')}>
            Posture groups
          </button>
        </span>
        {view === 'list' && (
          <>
            <input
              type="search"
              className="search"
              placeholder="Filter by subject, name or title…"
              aria-label="Filter findings by subject or title"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <select
              aria-label="Severity"
              value={filter.severity ?? ''}
              onChange={(e) => setFilter({ severity: (e.target.value || undefined) as Severity | undefined })}
            >
              <option value="">all severities</option>
              {SEVERITIES_DESC.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <select
              aria-label="Triage status"
              value={filter.status ?? ''}
              onChange={(e) => setFilter({ status: (e.target.value || undefined) as TriageStatus | undefined })}
            >
              <option value="">any status</option>
              {TRIAGE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                  {counts?.status[s] ? ` (${num(counts.status[s])})` : ''}
                </option>
              ))}
            </select>
            <select
              aria-label="Rule"
              value={filter.rule ?? ''}
              onChange={(e) => setFilter({ rule: (e.target.value || undefined) as (typeof RULE_IDS)[number] | undefined })}
            >
              <option value="">all rules</option>
              {RULE_IDS.map((r) => (
                <option key={r} value={r}>
                  {RULES[r].title}
                  {counts?.rule[r] ? ` (${num(counts.rule[r])})` : ''}
                </option>
              ))}
            </select>
          </>
        )}
        <span className="spacer" />
        {running && (
          <span className="muted" role="status">
            {running}
          </span>
        )}
        <button
          type="button"
          className="button"
          onClick={run}
          disabled={readOnly || running === 'Running detectors…'}
          title={readOnly ? 'Read-only case: detectors cannot store findings' : undefined}
        >
          Run detectors
        </button>
      </div>
      {view === 'list' && <BulkTriage ref={triageSelect} filter={filter} matching={findings.total} activeId={findings.row(active)?.id ?? null} />}
      {view === 'list' && (
        <p className="muted small keys-hint">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>t</kbd> triage the selection (or the current finding)
        </p>
      )}
      {findings.error && <ErrorNote message={findings.error} />}
      {findings.all === 0 && <p className="muted">No findings stored for this case yet. Run the detectors to compute them.</p>}
      <div className="split">
        {view === 'groups' ? (
          <PostureGroups selected={selected} onOpen={openFinding} />
        ) : (
          <FindingList
            findings={findings}
            filter={filter}
            selected={selected}
            active={active}
            onActive={setActive}
            onTriage={() => triageSelect.current?.focus()}
          />
        )}
        {selected ? <FindingDetail id={selected} /> : <p className="muted detail-empty">Choose a finding to see its evidence and triage it.</p>}
      </div>
    </div>
  );
}
