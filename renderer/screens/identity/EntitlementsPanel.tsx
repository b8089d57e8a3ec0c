// What the identity is granted, directly or through a group or role, against what the logs show it used.
import type { EntitlementSummary } from '../../../shared/api/inventory.ts';
import { Badge, Link, Panel } from '../../components/ui.tsx';
import { date, num } from '../../lib/format.ts';

export function EntitlementsPanel({ entitlements }: { entitlements: EntitlementSummary[] }) {
  const used = entitlements.filter((e) => e.used).length;
  return (
    <Panel title={`Entitlements: ${entitlements.length} granted, ${used} used`}>
      {entitlements.length === 0 ? (
        <p className="muted">No grants recorded.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Relation</th>
              <th>Target</th>
              <th>Kind</th>
              <th>Privilege</th>
              <th>Via</th>
              <th>Granted</th>
              <th>Used</th>
              <th>Last used</th>
            </tr>
          </thead>
          <tbody>
            {entitlements.map((e, i) => (
              <tr key={i} className={e.used ? undefined : 'unused'}>
                <td>
                  <Badge kind={e.relation}>{e.relation.replace('_', ' ')}</Badge>
                </td>
                <td className="mono">
                  {['group', 'role', 'identity', 'human', 'service_account'].includes(e.targetKind) ? (
                    <Link to="identity" arg={e.target}>
                      {e.target}
                    </Link>
                  ) : (
                    e.target
                  )}
                </td>
                <td>{e.targetKind}</td>
                <td>{e.privilege && <Badge kind={e.privilege} />}</td>
                <td>
                  {e.via ? (
                    <Link to="identity" arg={e.via}>
                      {e.via}
                    </Link>
                  ) : (
                    <span className="muted">direct</span>
                  )}
                </td>
                <td>{date(e.grantedAt)}</td>
                <td>{e.used ? e.useCount ? `${num(e.useCount)}×` : 'yes' : <span className="warn">unused</span>}</td>
                <td>{date(e.lastUsed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
