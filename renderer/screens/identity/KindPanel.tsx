// What the identity is (human, service account, workload…), who decided it and why, and the analyst's way to
// change it. The choice is kept by the case (case.setIdentityKind), wins over every signal and survives re-import.
import { useState } from 'react';
import { ASSIGNABLE_IDENTITY_KINDS } from '../../../shared/api/case.ts';
import type { IdentityDetail } from '../../../shared/api/inventory.ts';
import { request } from '../../api/client.ts';
import { Badge, ErrorNote, Panel } from '../../components/ui.tsx';
import { useCaseStore } from '../../state/case-store.ts';

const DECIDED_BY: Record<string, string> = {
  analyst: 'the analyst',
  inventory: 'the identities inventory',
  source: 'the source record',
  classifier: 'the classifier',
  link: 'a linked account',
};

export function KindPanel({ identity }: { identity: IdentityDetail }) {
  const readOnly = useCaseStore((s) => s.info?.readOnly ?? false);
  const k = identity.kindExplained;
  const [kind, setKind] = useState(identity.subkind ?? 'service_account');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!k) return null;
  const apply = async (clear: boolean) => {
    setError(null);
    try {
      if (clear) await request('case.clearIdentityKind', { id: identity.id });
      else await request('case.setIdentityKind', { id: identity.id, kind, reason: reason.trim() || undefined });
      useCaseStore.getState().changed();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Panel title="Kind" className="identity-kind">
      <p data-testid="identity-kind">
        <Badge kind={identity.subkind ?? 'unknown'} /> <span className="muted small">decided by {DECIDED_BY[k.source ?? ''] ?? 'nobody yet'}</span>
        {k.sourceKind && k.sourceKind !== identity.subkind && <span className="muted small"> · the source said {k.sourceKind}</span>}
      </p>
      {k.because && <p data-testid="identity-kind-because">{k.because}</p>}
      {k.signals.length > 0 && k.source !== 'classifier' && (
        <ul className="small muted">
          {k.signals.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      <form
        className="row"
        aria-label="Change kind"
        onSubmit={(e) => {
          e.preventDefault();
          void apply(false);
        }}
      >
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value)} disabled={readOnly}>
            {ASSIGNABLE_IDENTITY_KINDS.map((x) => (
              <option key={x} value={x}>
                {x.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <input
          type="text"
          placeholder="why (kept in the audit trail)"
          value={reason}
          maxLength={2000}
          onChange={(e) => setReason(e.target.value)}
          disabled={readOnly}
        />
        <button type="submit" className="button small primary" disabled={readOnly}>
          Set kind
        </button>
        {k.source === 'analyst' && (
          <button type="button" className="button small" disabled={readOnly} onClick={() => void apply(true)}>
            Let the classifier decide
          </button>
        )}
      </form>
      {error && <ErrorNote message={error} />}
    </Panel>
  );
}
