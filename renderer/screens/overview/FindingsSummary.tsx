// Findings by severity and by rule; each count opens the Findings screen.
import { isRuleId, RULES } from '../../../shared/catalogs/rules.ts';
import { useApi } from '../../api/use-api.ts';
import { Badge, Link, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { SEVERITIES_DESC, SEVERITY_RANK } from '../findings/severity.ts';

export function FindingsSummary() {
  // Counts from the engine (one grouped query), not every finding shipped to the screen: a large case has tens of thousands.
  const { data: page, error } = useApi('findings.page', { limit: 1 });
  const total = page?.total ?? 0;
  const open = page?.counts.status.open ?? 0;
  const rules = Object.entries(page?.counts.ruleSeverity ?? {})
    .map(
      ([rule, bySeverity]) =>
        [
          rule,
          {
            n: Object.values(bySeverity).reduce((a, b) => a + b, 0),
            worst: Math.max(0, ...Object.keys(bySeverity).map((s) => SEVERITY_RANK[s as keyof typeof SEVERITY_RANK] ?? 0)),
          },
        ] as const,
    )
    .sort((a, b) => b[1].worst - a[1].worst || b[1].n - a[1].n);
  const data = page ? { length: total } : null;
  return (
    <Panel
      title={`Findings (${data ? `${num(data.length)}, ${num(open)} open` : '…'})`}
      actions={
        <Link to="findings" className="button small">
          Open findings
        </Link>
      }
    >
      {error && <p className="muted">{error}</p>}
      {data && data.length === 0 && <p className="muted">No findings stored yet: run the detectors on the Findings screen.</p>}
      {data && data.length > 0 && (
        <div className="stack">
          <div className="figures" data-testid="findings-by-severity">
            {SEVERITIES_DESC.map((s) => (
              <div key={s} className="figure">
                <div className={`figure-value sev-${s}`}>{num(page?.counts.severity[s] ?? 0)}</div>
                <div className="figure-label">{s}</div>
              </div>
            ))}
          </div>
          <table className="table">
            <tbody>
              {rules.map(([rule, r]) => (
                <tr key={rule}>
                  <td>{isRuleId(rule) ? RULES[rule].title : rule}</td>
                  <td>
                    <Badge kind={SEVERITIES_DESC[SEVERITIES_DESC.length - r.worst]} />
                  </td>
                  <td className="n">{num(r.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
