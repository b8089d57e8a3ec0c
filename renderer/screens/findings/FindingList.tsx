// Findings grouped by rule (groups ordered by their most severe finding), each with severity counts.
import type { FindingSummary } from '../../../shared/api/findings.ts';
import { isRuleId, RULES } from '../../../shared/catalogs/rules.ts';
import { Badge, Link } from '../../components/ui.tsx';
import { SEVERITIES_DESC, SEVERITY_RANK } from './severity.ts';

const SHOWN_PER_RULE = 200;

export function FindingList({ findings, selected }: { findings: FindingSummary[]; selected: string | null }) {
  const groups = new Map<string, FindingSummary[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  const ordered = [...groups.entries()]
    .map(([rule, list]) => [rule, [...list].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.score - a.score)] as const)
    .sort((a, b) => SEVERITY_RANK[b[1][0].severity] - SEVERITY_RANK[a[1][0].severity] || b[1].length - a[1].length);
  return (
    <div className="finding-groups" aria-label="Findings by rule">
      {ordered.map(([rule, list]) => {
        const counts = SEVERITIES_DESC.map((s) => [s, list.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
        return (
          <details key={rule} open className="finding-group">
            <summary>
              <span className="group-title">{isRuleId(rule) ? RULES[rule].title : rule}</span>
              <span className="group-counts">{counts.map(([s, n]) => <Badge key={s} kind={s}>{n} {s}</Badge>)}</span>
            </summary>
            <ul className="finding-rows">
              {list.slice(0, SHOWN_PER_RULE).map((f) => (
                <li key={f.id} className={f.id === selected ? 'current' : undefined}>
                  <Link to="findings" arg={f.id} className="finding-link" title={`${f.subject}: ${f.title}`}>
                    <Badge kind={f.severity} />
                    <span className="mono subject">{f.subject}</span>
                    <span className="title">{f.title}</span>
                    {f.status !== 'open' && <Badge kind={f.status} />}
                  </Link>
                </li>
              ))}
              {list.length > SHOWN_PER_RULE && <li className="muted small">…and {list.length - SHOWN_PER_RULE} more: narrow with the filters.</li>}
            </ul>
          </details>
        );
      })}
    </div>
  );
}
