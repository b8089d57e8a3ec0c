// The evidence behind a finding: inventory rows, grants, auth events and measured facts, each with its source.
import type { Evidence } from '../../../shared/api/findings.ts';
import { Badge } from '../../components/ui.tsx';
import { date } from '../../lib/format.ts';

const SHOWN = 50;

export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return <p className="muted">No evidence items.</p>;
  return (
    <ul className="evidence">
      {evidence.slice(0, SHOWN).map((e, i) => (
        <li key={i}>{describe(e)}</li>
      ))}
      {evidence.length > SHOWN && <li className="muted">…and {evidence.length - SHOWN} more</li>}
    </ul>
  );
}

function describe(e: Evidence) {
  const where =
    'source' in e && e.source ? (
      <span className="muted small">
        {' '}
        · {e.source}
        {e.locator !== null && e.locator !== undefined ? ` ${e.locator}` : ''}
      </span>
    ) : null;
  switch (e.type) {
    case 'node':
      return (
        <>
          <Badge kind="node">{e.subkind ?? e.kind}</Badge> <span className="mono">{e.key}</span> <Fields fields={e.fields} />
          {where}
        </>
      );
    case 'edge':
      return (
        <>
          <Badge kind="edge">{e.relation.replace('_', ' ')}</Badge> <span className="mono">{e.from}</span> → <span className="mono">{e.to}</span>
          {e.privilege ? (
            <>
              {' '}
              <Badge kind={e.privilege} />
            </>
          ) : null}{' '}
          <Fields fields={e.fields} />
          {where}
        </>
      );
    case 'event':
      return (
        <>
          <Badge kind={e.outcome === 'success' ? 'ok' : 'warn'}>{e.outcome}</Badge> <span className="mono">{date(e.at)}</span> {e.action ?? 'event'}{' '}
          by <span className="mono">{e.identity ?? e.credential ?? '?'}</span>
          {e.ip && (
            <>
              {' '}
              from <span className="mono">{e.ip}</span>
            </>
          )}
          {e.networkClass && (
            <>
              {' '}
              <Badge kind={e.networkClass} />
            </>
          )}
          {e.asn ? (
            <span className="muted">
              {' '}
              AS{e.asn}
              {e.org ? ` ${e.org}` : ''}
            </span>
          ) : null}
          {e.target && (
            <>
              {' '}
              on <span className="mono">{e.target}</span>
            </>
          )}
          {where}
        </>
      );
    case 'fact':
      return (
        <>
          <Badge kind="fact">{e.name.replace(/_/g, ' ')}</Badge> <strong>{show(e.value)}</strong>
          {e.detail && <span className="muted"> {e.detail}</span>}
        </>
      );
  }
}

/** Facts can be numbers, lists or small records: each reads as text, never as [object Object]. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${k === 'path' && Array.isArray(v) ? v.map(show).join(' → ') : show(v)}`)
      .join(' · ');
  }
  return String(value);
}

function Fields({ fields }: { fields: Record<string, unknown> }) {
  const entries = Object.entries(fields)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .slice(0, 6);
  if (entries.length === 0) return null;
  return <span className="muted small">{entries.map(([k, v]) => `${k.replace(/_/g, ' ')}: ${show(v)}`).join(' · ')}</span>;
}
