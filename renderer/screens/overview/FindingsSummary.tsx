// Findings by severity and by rule; each count opens the Findings screen.
import { isRuleId, RULES } from '../../../shared/catalogs/rules.ts';
import { useApi } from '../../api/use-api.ts';
import { Badge, Link, Panel } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { SEVERITIES_DESC, SEVERITY_RANK } from '../findings/severity.ts';

export function FindingsSummary() {
  const { data, error } = useApi('findings.list', { limit: 1_000_000 });
  const open = (data ?? []).filter((f) => f.status === 'open');
  const byRule = new Map<string, { n: number; worst: number }>();
  for (const f of data ?? []) {
    const r = byRule.get(f.rule) ?? { n: 0, worst: 0 };
    byRule.set(f.rule, { n: r.n + 1, worst: Math.max(r.worst, SEVERITY_RANK[f.severity]) });
  }
  const rules = [...byRule].sort((a, b) => b[1].worst - a[1].worst || b[1].n - a[1].n);
  return (
    <Panel title={`Findings (${data ? `${num(data.length)}, ${num(open.length)} open` : '…'})`} actions={<Link to="findings" className="button small">Open findings</Link>}>
      {error && <p className="muted">{error}</p>}
      {data && data.length === 0 && <p className="muted">No findings stored yet: run the detectors on the Findings screen.</p>}
      {data && data.length > 0 && (
        <div className="stack">
          <div className="figures" data-testid="findings-by-severity">
            {SEVERITIES_DESC.map((s) => (
              <div key={s} className="figure"><div className={`figure-value sev-${s}`}>{num(data.filter((f) => f.severity === s).length)}</div><div className="figure-label">{s}</div></div>
            ))}
          </div>
          <table className="table">
            <tbody>
              {rules.map(([rule, r]) => (
                <tr key={rule}>
                  <td>{isRuleId(rule) ? RULES[rule].title : rule}</td>
                  <td><Badge kind={SEVERITIES_DESC[SEVERITIES_DESC.length - r.worst]} /></td>
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
