// Where the identity signs in from: its baseline networks and the ones that are new, with class and ASN.
// The case's own networks (networks.csv) classify first; the offline intel layer (ASN table, analyst lists)
// fills in ASN, organisation and class where the logs and inventories did not say.
import type { SourceNetwork } from '../../../shared/api/inventory.ts';
import { useApi } from '../../api/use-api.ts';
import { Badge, Panel } from '../../components/ui.tsx';
import { date, num } from '../../lib/format.ts';
import { isAnonymisingClass } from '../../../shared/predicates.ts';

export function NetworksPanel({ networks, windowDays, asOf }: { networks: SourceNetwork[]; windowDays: number; asOf: string | null }) {
  const intel = useApi('intel.lookup', networks.length ? { ips: networks.map((n) => n.ip), at: asOf ?? undefined } : null);
  const byIp = new Map((intel.data ?? []).map((i) => [i.ip, i]));
  const fresh = networks.filter((n) => n.isNew);
  return (
    <Panel title={`Source networks: ${networks.length - fresh.length} baseline, ${fresh.length} new`}>
      {networks.length === 0 ? (
        <p className="muted">No auth events with a source address.</p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th />
                <th>Address</th>
                <th>Network</th>
                <th>Class</th>
                <th>ASN</th>
                <th>Country</th>
                <th>First seen</th>
                <th>Last seen</th>
                <th className="n">Events</th>
                <th className="n">Failed</th>
              </tr>
            </thead>
            <tbody>
              {networks.map((n) => {
                const i = byIp.get(n.ip);
                const cls = n.networkClass ?? i?.class ?? null;
                const asn = n.asn ?? i?.asn ?? null;
                return (
                  <tr key={n.ip} className={isAnonymisingClass(cls) ? 'anonymous' : undefined}>
                    <td>{n.isNew ? <Badge kind="new">new</Badge> : <span className="muted small">baseline</span>}</td>
                    <td className="mono">{n.ip}</td>
                    <td>{n.label ?? n.cidr ?? i?.org ?? <span className="muted">unknown</span>}</td>
                    <td>{cls ? <Badge kind={cls} /> : <span className="muted">—</span>}</td>
                    <td title={i?.org ?? undefined}>{asn ? `AS${asn}` : <span className="muted">—</span>}</td>
                    <td>{n.country ?? <span className="muted">—</span>}</td>
                    <td>{date(n.firstSeen)}</td>
                    <td>{date(n.lastSeen)}</td>
                    <td className="n">{num(n.events)}</td>
                    <td className={`n${n.failures ? ' warn' : ''}`}>{num(n.failures)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">
            New: first seen in the last {windowDays} days before the as-of time (or, for a short log, in the later half of it).
          </p>
        </>
      )}
    </Panel>
  );
}
