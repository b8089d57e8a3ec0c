// One triage decision with one note for many findings: the ticked ones, or every finding the filter matches.
import { forwardRef, useState } from 'react';
import type { FindingFilterSpec } from '../../../shared/api/findings.ts';
import { TRIAGE_STATUSES, type TriageStatus } from '../../../shared/model.ts';
import { request } from '../../api/client.ts';
import { num } from '../../lib/format.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { useFindingsUi } from './findings-store.ts';

export const BulkTriage = forwardRef<HTMLSelectElement, { filter: FindingFilterSpec; matching: number | null; activeId: string | null }>(
  function BulkTriage({ filter, matching, activeId }, ref) {
    const { selected, allMatching, selectAllMatching, clearSelection } = useFindingsUi();
    const [status, setStatus] = useState<TriageStatus>('accepted-risk');
    const [note, setNote] = useState('');
    const [message, setMessage] = useState<string | null>(null);
    const readOnly = useCaseStore((s) => s.info?.readOnly ?? false);
    // Nothing ticked: t triages the finding under the cursor.
    const ids = selected.size ? [...selected] : activeId ? [activeId] : [];
    const count = allMatching ? (matching ?? 0) : ids.length;
    const apply = async () => {
      setMessage(null);
      try {
        const r = await request(
          'findings.triageMany',
          allMatching ? { filter, status, note: note.trim() || undefined } : { ids, status, note: note.trim() || undefined },
        );
        setMessage(`${num(r.updated)} ${r.updated === 1 ? 'finding' : 'findings'} marked ${r.status} by ${r.actor}`);
        clearSelection();
        setNote('');
        useCaseStore.getState().changed();
      } catch (err) {
        setMessage((err as Error).message);
      }
    };
    return (
      <form
        className="bulk-triage row"
        aria-label="Bulk triage"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <strong data-testid="bulk-count">
          {allMatching ? `All ${num(count)} matching` : selected.size ? `${num(count)} selected` : 'Current finding'}
        </strong>
        <button type="button" className="small" onClick={() => selectAllMatching(!allMatching)} disabled={!matching}>
          {allMatching ? 'Clear' : `Select all ${num(matching ?? 0)} matching`}
        </button>
        {selected.size > 0 && (
          <button type="button" className="small" onClick={clearSelection}>
            Clear selection
          </button>
        )}
        <label className="row">
          Mark
          <select
            ref={ref}
            aria-label="Bulk triage status"
            value={status}
            onChange={(e) => setStatus(e.target.value as TriageStatus)}
            disabled={readOnly}
          >
            {TRIAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <input
          className="bulk-note"
          aria-label="Bulk triage note"
          placeholder="One note for all of them (kept in the audit trail)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          disabled={readOnly}
        />
        <button type="submit" className="button primary small" disabled={readOnly || count === 0}>
          Apply to {num(count)}
        </button>
        {message && (
          <span className="muted" role="status">
            {message}
          </span>
        )}
      </form>
    );
  },
);
