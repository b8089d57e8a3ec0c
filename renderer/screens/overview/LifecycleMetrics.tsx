// Lifecycle metrics as the findings engine and the case report define them (metrics.get), so the numbers
// on screen and in the report agree. Each figure's definition is its tooltip.
import { useApi } from '../../api/use-api.ts';
import { Figure } from '../../components/ui.tsx';
import { days } from '../../lib/format.ts';

const pct = (v: number | null) => (v === null ? null : `${Math.round(v * 100)}%`);

export function LifecycleMetrics() {
  const { data: m, error } = useApi('metrics.get', {});
  if (error) return <p className="muted small">Lifecycle metrics unavailable: {error}</p>;
  if (!m) return null;
  const d = m.definitions;
  const revoke = m.timeToRevoke.length ? Math.round(m.timeToRevoke.reduce((a, r) => a + r.hours, 0) / m.timeToRevoke.length) : null;
  return (
    <div className="figures" data-testid="lifecycle-metrics">
      <Figure label="dormant" value={m.dormant} tone={m.dormant ? 'warn' : undefined} hint={d.dormant} />
      <Figure label="orphaned NHIs" value={m.orphaned} tone={m.orphaned ? 'warn' : undefined} hint={d.orphaned} />
      <Figure label="ownership coverage" value={pct(m.ownershipCoverage)} hint={d.ownershipCoverage} />
      <Figure label="rotation coverage" value={pct(m.credentials.rotationCoverage)} hint={d['credentials.rotationCoverage']} />
      <Figure
        label="median credential age"
        value={days(m.credentials.medianAgeDays === null ? null : Math.round(m.credentials.medianAgeDays))}
        hint={d['credentials.medianAgeDays']}
      />
      <Figure label="short-lived credentials" value={pct(m.credentials.shortLivedShare)} hint={d['credentials.shortLivedShare']} />
      <Figure label="mean time to revoke" value={revoke === null ? '—' : `${revoke} h`} hint={d.timeToRevoke} />
    </div>
  );
}
