// Identity detail: everything the case knows about one identity, on one page.
import { useApi } from '../../api/use-api.ts';
import { TimelineChart } from '../../components/charts/TimelineChart.tsx';
import { Badge, ErrorNote, KeyValues, Link, Loading, Panel } from '../../components/ui.tsx';
import { date, num } from '../../lib/format.ts';
import { CopyId, MidId } from '../../components/NodeName.tsx';
import { eventRoute } from '../events/event-route.ts';
import { LinkList } from './LinkList.tsx';
import { BlastSummary } from './BlastSummary.tsx';
import { CredentialsPanel } from './CredentialsPanel.tsx';
import { EntitlementsPanel } from './EntitlementsPanel.tsx';
import { IdentityFindings } from './IdentityFindings.tsx';
import { KindPanel } from './KindPanel.tsx';
import { NetworksPanel } from './NetworksPanel.tsx';

export function IdentityScreen({ id }: { id: string | null }) {
  const { data: d, error, loading } = useApi('inventory.identity', id ? { id } : null);
  if (!id) return <ErrorNote message="No identity chosen." />;
  if (error) return <ErrorNote message={error} />;
  if (!d) return loading ? <Loading what={id} /> : null;
  return (
    <div className="identity">
      <header className="identity-head">
        <h1 className="identity-title">
          {d.displayName} <CopyId id={d.id} />
        </h1>
        {d.displayName !== d.id && <MidId id={d.id} className="muted identity-id" />}
        <div className="row">
          <Badge kind={d.subkind ?? d.kind} />
          {d.status && <Badge kind={d.status} />}
          {d.environment && <Badge kind="env">{d.environment}</Badge>}
          {d.unresolved && <Badge kind="warn">unresolved: named by grants or logs, not by an inventory</Badge>}
          {d.tags.map((t) => (
            <Badge key={t} kind="tag">
              {t}
            </Badge>
          ))}
          <Link to="explore" arg={d.id} className="button small">
            Open in graph explorer
          </Link>
          {d.events.total > 0 && (
            <Link to="events" arg={eventRoute({ identity: [d.id] })} className="button small">
              All {num(d.events.total)} events
            </Link>
          )}
        </div>
      </header>
      <div className="columns">
        <Panel title="Properties">
          <KeyValues
            rows={[
              [
                'Owner',
                d.owner ? (
                  <>
                    <Link to="identity" arg={d.owner.id}>
                      {d.owner.id}
                    </Link>
                    {d.owner.name && d.owner.name !== d.owner.id ? ` (${d.owner.name})` : ''}
                    {d.owner.status && d.owner.status !== 'active' ? (
                      <>
                        {' '}
                        <Badge kind={d.owner.status} />
                      </>
                    ) : null}
                  </>
                ) : (
                  <span className="warn">no owner</span>
                ),
              ],
              ['Provider', d.provider],
              ['Created', d.createdAt ? date(d.createdAt) : null],
              ['Last used', d.lastUsedAt ? date(d.lastUsedAt) : null],
              [
                'Auth events',
                d.events.total
                  ? `${num(d.events.total)} (${num(d.events.failures)} failed), ${date(d.events.first)} – ${date(d.events.last)}`
                  : 'none',
              ],
              [
                'Member of',
                d.memberOf.length
                  ? d.memberOf.map((m, i) => (
                      <span key={m.id}>
                        {i > 0 && ', '}
                        <Link to="identity" arg={m.id}>
                          {m.id}
                        </Link>{' '}
                        <span className="muted small">{m.relation.replace('_', ' ')}</span>
                      </span>
                    ))
                  : null,
              ],
              ['Owns', d.owns.length ? <LinkList key="owns" ids={d.owns.map((o) => o.id)} /> : null],
              ['Also known as', d.aliases.length ? <span className="mono small">{d.aliases.join(', ')}</span> : null],
              ['As of', date(d.asOf)],
            ]}
          />
        </Panel>
        <BlastSummary id={d.id} />
      </div>
      <KindPanel key={`${d.id}:${d.subkind ?? ''}`} identity={d} />
      <IdentityFindings id={d.id} />
      <CredentialsPanel credentials={d.credentials} />
      <EntitlementsPanel entitlements={d.entitlements} />
      <NetworksPanel networks={d.networks} windowDays={d.newWindowDays} asOf={d.asOf} />
      <Panel title="Auth timeline">
        <TimelineChart buckets={d.timeline.buckets} unit={d.timeline.unit} title={`Auth timeline of ${d.id}`} />
      </Panel>
    </div>
  );
}
