// The identity's own secrets: type, status, age since rotation, expiry, last use, where they are stored.
import type { CredentialSummary } from '../../../shared/api/inventory.ts';
import { Badge, Panel } from '../../components/ui.tsx';
import { date, days } from '../../lib/format.ts';

export function CredentialsPanel({ credentials }: { credentials: CredentialSummary[] }) {
  return (
    <Panel title={`Credentials (${credentials.length})`}>
      {credentials.length === 0 ? (
        <p className="muted">No credentials recorded for this identity.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Credential</th>
              <th>Type</th>
              <th>Status</th>
              <th className="n">Age</th>
              <th>Rotated</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>Stored in</th>
            </tr>
          </thead>
          <tbody>
            {credentials.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.id}</td>
                <td>{c.type && <Badge kind={c.type} />}</td>
                <td>{c.status && <Badge kind={c.status} />}</td>
                <td className={`n${(c.ageDays ?? 0) >= 90 ? ' warn' : ''}`}>{days(c.ageDays)}</td>
                <td>{c.lastRotatedAt ? date(c.lastRotatedAt) : <span className="muted">never</span>}</td>
                <td>{date(c.expiresAt)}</td>
                <td>{date(c.lastUsedAt)}</td>
                <td>{c.storedIn.join(', ') || <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
