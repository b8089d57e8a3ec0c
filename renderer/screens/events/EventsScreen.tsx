// The events browser: every auth event of the case, filtered and paged by the engine and virtualized here, each
// with the file and line it came from. Events from anonymising networks (Tor, VPN, hosting) are marked. The query
// lives in the route, so links from an identity or a walker hop ("all 45 events") open exactly their events.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EventQuery, EventRow } from '../../../shared/api/events.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, ErrorNote } from '../../components/ui.tsx';
import { date, num } from '../../lib/format.ts';
import { useRouter } from '../../state/router.ts';
import { eventRoute, parseEventRoute } from './event-route.ts';
import { usePagedEvents } from './use-events-page.ts';
import { isAnonymisingClass } from '../../../shared/predicates.ts';

const ROW_HEIGHT = 34;
/**
 * The action column is as wide as the longest action seen in this list, so "CreateDBSnapshot" or
 * "AssumeRoleWithWebIdentity" is never cut; past ACTION_MAX it wraps onto a second line, the whole text on hover.
 */
const ACTION_MIN = 12;
const ACTION_MAX = 40;
/** Mixed-case text averages a little under the width of a digit (the `ch` unit). */
const CH_PER_LETTER = 0.85;
/** Day groups from a roll-up carry a "day ×N" badge beside their time: the time column widens for it. */
const template = (actionCh: number, dayGroups: boolean) =>
  `${dayGroups ? 250 : 160}px minmax(110px, 1fr) minmax(90px, 0.7fr) 170px ${Math.min(ACTION_MAX, Math.max(ACTION_MIN, Math.ceil(actionCh * CH_PER_LETTER) + 1))}ch minmax(110px, 1fr) 76px minmax(150px, 180px)`;

export function EventsScreen({ arg }: { arg: string | null }) {
  const query = parseEventRoute(arg);
  const events = usePagedEvents(query);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: events.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => events.ensure(first, last), [first, last, events]);
  // Only grows within one list, so the columns do not jump while scrolling back.
  const widest = useRef({ key: arg, ch: 0 });
  if (widest.current.key !== arg) widest.current = { key: arg, ch: 0 };
  for (const item of items) widest.current.ch = Math.max(widest.current.ch, events.row(item.index)?.action?.length ?? 0);
  const dayGroups = items.some((item) => events.row(item.index)?.dayGroup);
  const TEMPLATE = template(widest.current.ch, dayGroups);
  const described = describe(query, events.names);

  return (
    <div className="events">
      <div className="row baseline">
        <h1>Events</h1>
        <span className="muted" data-testid="events-total">
          {events.total === null ? 'Loading…' : `${num(events.total)} ${events.total === 1 ? 'event' : 'events'}`}
        </span>
        {described && <span className="muted events-described">{described}</span>}
      </div>
      <EventFilters key={arg ?? ''} query={query} />
      {dayGroups && (
        <p className="muted" data-testid="events-day-groups">
          Rows marked <strong>day</strong> stand for a day&apos;s group of events from an auth roll-up (pushdown results): the time is the
          group&apos;s first event and the source its network; hover for the count and the last event.
        </p>
      )}
      {events.error && <ErrorNote message={events.error} />}
      <div className="events-grid" ref={scroller} tabIndex={0} role="grid" aria-label="Auth events" aria-rowcount={events.total ?? 0}>
        <div className="events-head" role="row" style={{ gridTemplateColumns: TEMPLATE }}>
          {['time (UTC)', 'identity', 'credential', 'source', 'action', 'target', 'outcome', 'file : line'].map((h) => (
            <div key={h} role="columnheader">
              {h}
            </div>
          ))}
        </div>
        <div className="events-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const e = events.row(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 1}
                style={{ gridTemplateColumns: TEMPLATE, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                className={`events-row${e && isAnonymisingClass(e.networkClass) ? ' anonymous' : ''}${e?.outcome === 'failure' ? ' failure' : ''}`}
              >
                {e ? (
                  <EventCells e={e} />
                ) : (
                  <div role="gridcell">
                    <span className="placeholder" />
                  </div>
                )}
              </div>
            );
          })}
        </div>
        {events.total === 0 && <p className="empty">No event matches.</p>}
      </div>
    </div>
  );
}

function EventCells({ e }: { e: EventRow }) {
  return (
    <>
      <div role="gridcell" className="mono">
        {date(e.at)}
        {e.dayGroup && (
          <span
            title={
              `stands for ${num(e.dayGroup.events)} events on ${e.dayGroup.day}, the last at ${date(e.dayGroup.lastSeen)}` +
              `${e.dayGroup.addresses !== null ? ` from ${num(e.dayGroup.addresses)} address${e.dayGroup.addresses === 1 ? '' : 'es'}` : ''}`
            }
          >
            {' '}
            <Badge kind="info">day ×{num(e.dayGroup.events)}</Badge>
          </span>
        )}
      </div>
      <div role="gridcell">{e.identity ? <NodeName id={e.identity} name={e.identityName} to="identity" /> : <span className="muted">—</span>}</div>
      <div role="gridcell">{e.credential ? <NodeName id={e.credential} name={e.credentialName} /> : <span className="muted">—</span>}</div>
      <div role="gridcell" className="events-source">
        {e.dayGroup?.network ? (
          <span className="mono" title="a network: the roll-up keeps no single address">
            {e.dayGroup.network}
          </span>
        ) : e.ip ? (
          <span className="mono">{e.ip}</span>
        ) : (
          <span className="muted">—</span>
        )}
        {e.networkClass && <Badge kind={isAnonymisingClass(e.networkClass) ? 'anonymous' : e.networkClass}>{e.networkClass}</Badge>}
      </div>
      <div role="gridcell" className="events-action" title={e.action ?? undefined}>
        {e.action ?? <span className="muted">—</span>}
      </div>
      <div role="gridcell">{e.target ? <NodeName id={e.target} name={e.targetName} /> : <span className="muted">—</span>}</div>
      <div role="gridcell">
        <Badge kind={e.outcome === 'success' ? 'ok' : 'warn'}>{e.outcome}</Badge>
      </div>
      <div role="gridcell" className="mono small" title={`${e.file ?? 'unknown file'}${e.line !== null ? ` line ${e.line}` : ''}`}>
        {e.file ?? '?'}
        {e.line !== null ? ` : ${e.line}` : ''}
      </div>
    </>
  );
}

function EventFilters({ query }: { query: EventQuery }) {
  const [f, setF] = useState({
    identity: (query.identity ?? []).join(', '),
    credential: (query.credential ?? []).join(', '),
    ip: query.ip ?? '',
    action: query.action ?? '',
    target: query.target ?? '',
    outcome: query.outcome ?? '',
    from: query.from?.slice(0, 10) ?? '',
    to: query.to?.slice(0, 10) ?? '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const list = (text: string) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next: EventQuery = {
      identity: list(f.identity).length ? list(f.identity) : undefined,
      credential: list(f.credential).length ? list(f.credential) : undefined,
      ip: f.ip.trim() || undefined,
      action: f.action.trim() || undefined,
      target: f.target.trim() || undefined,
      outcome: f.outcome === 'success' || f.outcome === 'failure' ? f.outcome : undefined,
      // A date means the whole day (UTC); a time given (from a hop's as-of) is kept as it is.
      from: f.from ? (f.from.length === 10 ? `${f.from}T00:00:00.000Z` : f.from) : undefined,
      to: f.to ? (f.to.length === 10 ? `${f.to}T23:59:59.999Z` : (query.to ?? f.to)) : undefined,
    };
    useRouter.getState().go('events', eventRoute(next) || null);
  };
  return (
    <form className="toolbar events-filters" aria-label="Event filters" onSubmit={apply}>
      <input aria-label="Identity" placeholder="identity ids, comma-separated" value={f.identity} onChange={set('identity')} />
      <input aria-label="Credential" placeholder="credential ids" value={f.credential} onChange={set('credential')} />
      <input aria-label="Source IP" placeholder="IP, CIDR or prefix (203.0.113.)" value={f.ip} onChange={set('ip')} />
      <input aria-label="Action" placeholder="action contains…" value={f.action} onChange={set('action')} />
      <input aria-label="Target" placeholder="target id or text" value={f.target} onChange={set('target')} />
      <select aria-label="Outcome" value={f.outcome} onChange={set('outcome')}>
        <option value="">any outcome</option>
        <option value="success">success</option>
        <option value="failure">failure</option>
      </select>
      <label className="row small">
        from <input type="date" aria-label="From date" value={f.from} onChange={set('from')} />
      </label>
      <label className="row small">
        to <input type="date" aria-label="To date" value={f.to.slice(0, 10)} onChange={set('to')} />
      </label>
      <button type="submit" className="button primary small">
        Show events
      </button>
      <button type="button" className="button small" onClick={() => useRouter.getState().go('events', null)}>
        Clear
      </button>
    </form>
  );
}

/** "of svc-deploy on orders database, successes" in names, for the header. */
function describe(q: EventQuery, names: Record<string, string>): string {
  const name = (id: string) => names[id] ?? id;
  const parts: string[] = [];
  if (q.identity) parts.push(`by ${q.identity.map(name).join(' or ')}`);
  if (q.credential) parts.push(`with ${q.credential.map(name).join(' or ')}`);
  if (q.target) parts.push(`on ${name(q.target)}`);
  if (q.ip) parts.push(`from ${q.ip}`);
  if (q.action) parts.push(`action “${q.action}”`);
  if (q.outcome) parts.push(q.outcome === 'success' ? 'successes' : 'failures');
  if (q.from || q.to) parts.push(`${q.from ? date(q.from) : '…'} – ${q.to ? date(q.to) : '…'}`);
  return parts.join(' · ');
}
