// Auth events as the findings run reads them: the case's time span, the latest success of an identity, the
// distinct actions, and the events of a time window straight off SQLite's cursor (findings/event-stream.ts).
import type Database from 'better-sqlite3';
import type { StoredAddress } from './address-column.ts';

/**
 * Latest successful event (epoch ms, up to `until`) by an identity or with one of its credentials, optionally
 * against one target, or -1e300 when there is none: a lookup prepared once, asked per identity.
 */
export function lastSuccessLookup(db: Database.Database): (args: { id: number; until: number; target: number | null }) => number {
  // Each side walks its (identity | credential, ts) index backwards from `until` and stops at the first
  // match; one query with `identity = @id OR credential IN (…)` read every event of the identity instead.
  // (Scalar max() is NULL when any argument is: each side is coalesced to a floor below any time.)
  const stmt = db
    .prepare(
      `SELECT max(
        coalesce((SELECT ts FROM auth_event WHERE identity = @id AND ts <= @until AND outcome = 1 AND (@target IS NULL OR target = @target)
          ORDER BY ts DESC LIMIT 1), -1e300),
        coalesce((SELECT max((SELECT ts FROM auth_event WHERE credential = e.dst AND ts <= @until AND outcome = 1
            AND (@target IS NULL OR target = @target) ORDER BY ts DESC LIMIT 1))
          FROM edge e WHERE e.src = @id AND e.kind = 'has_credential'), -1e300))`,
    )
    .pluck();
  return (args) => stmt.get(args) as number;
}

/** First and last event time and the number of events (times null when there are none). */
export function eventSpan(db: Database.Database): { from: number | null; to: number | null; count: number } {
  return db.prepare('SELECT min(ts) AS "from", max(ts) AS "to", count(*) AS count FROM auth_event').get() as {
    from: number | null;
    to: number | null;
    count: number;
  };
}

/**
 * Ids of the terms whose text passes the test: as a filter on auth_event.action, the same events as testing only the
 * case's distinct actions, without the full scan of the events that finding those takes (~10 s at 10M events).
 * Terms of other columns that pass select nothing, since no event has them as its action.
 */
export function termsMatching(db: Database.Database, accept: (value: string) => boolean): number[] {
  const ids: number[] = [];
  for (const [id, value] of db.prepare('SELECT id, value FROM term').raw().iterate() as IterableIterator<[number, string]>)
    if (accept(value)) ids.push(id);
  return ids;
}

/** Raw row: ids instead of strings, resolved through the caller's caches. Sorting ids is also lighter for SQLite. */
export type EventTuple = [
  id: number,
  ts: number,
  identity: number | null,
  credential: number | null,
  /** A stored address or a term id (store/address-column.ts). */
  ip: StoredAddress | null,
  userAgent: number | null,
  action: number | null,
  target: number | null,
  targetTerm: number | null,
  outcome: 0 | 1,
  asn: number | null,
  country: string | null,
  props: string | null,
  sourceId: number,
  locator: number | null,
];

/** What a pass over a window reads (see findings/event-stream.ts PassOptions for why each exists). */
export interface WindowQuery {
  from: number;
  to: number;
  outcome: 0 | 1 | null;
  /** Read props (else NULL: carried through the sort of a large window they nearly double its cost). */
  props: boolean;
  /** Oldest first, ties by id; false lets SQLite skip the sort. */
  ordered: boolean;
  /** Only these action term ids. */
  actions?: number[];
  /** Only events of these identities or credentials (node ids). */
  subjects?: { identities: number[]; credentials: number[] };
}

// The outcome filter runs inside SQLite: a pass over failures only (about 1 % of events) then never builds
// or sorts the other rows.
const select = (
  props: boolean,
  ordered: boolean,
  actions: boolean,
  subjects: boolean,
) => `SELECT id, ts, identity, credential, ip, user_agent, action, target, target_term,
    outcome, asn, country, ${props ? 'props' : 'NULL'}, source_id, locator
  FROM auth_event WHERE ts >= @from AND ts <= @to AND (@outcome IS NULL OR outcome = @outcome)${actions ? ' AND action IN (SELECT value FROM json_each(@actions))' : ''}${subjects ? ' AND (identity IN (SELECT value FROM json_each(@ids)) OR credential IN (SELECT value FROM json_each(@creds)))' : ''}${ordered ? ' ORDER BY ts, id' : ''}`;

/** The events of a window, one raw row at a time off the cursor: a window of millions is never held in memory. */
export function eventsInWindow(db: Database.Database, q: WindowQuery): IterableIterator<EventTuple> {
  const { actions, subjects } = q;
  const params = {
    from: q.from,
    to: q.to,
    outcome: q.outcome,
    ...(actions ? { actions: JSON.stringify(actions) } : {}),
    ...(subjects ? { ids: JSON.stringify(subjects.identities), creds: JSON.stringify(subjects.credentials) } : {}),
  };
  const sql = select(q.props, q.ordered, !!actions, !!subjects);
  return db.prepare<[typeof params], EventTuple>(sql).raw().iterate(params) as IterableIterator<EventTuple>;
}
