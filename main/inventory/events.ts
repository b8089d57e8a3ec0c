// The events browser's query: every auth event of the case, filtered by identity, credential, source address
// (exact, CIDR or prefix), action, target, outcome and time, newest first, paged on the server. Each row names
// the file and line it came from. Read-only; filter values are always bound parameters.
import type { EventQuery, EventRow, EventsPage } from '../../shared/api/events.ts';
import type { CaseFile } from '../store/case-file.ts';
import { displayNames } from '../store/display-name.ts';
import { eventIdsInOrder, eventPageRows, type EventPageRow } from '../store/events-browser.ts';

export interface EventsRequest {
  query: EventQuery;
  offset?: number;
  limit?: number;
  ascending?: boolean;
}

/** Event ids of a query in display order, cached per query: paging a 1M-event result sorts once. */
export type EventOrderCache = Map<string, Int32Array>;
const MAX_CACHED = 8;

export function listEvents(
  kase: CaseFile,
  request: EventsRequest,
  classify: (ip: string, at: number) => string | null,
  orders: EventOrderCache = new Map(),
): EventsPage {
  const db = kase.db;
  const key = JSON.stringify([request.query, request.ascending ?? false]);
  let order = orders.get(key);
  if (!order) {
    order = Int32Array.from(eventIdsInOrder(db, request.query, request.ascending ?? false));
    if (orders.size >= MAX_CACHED) orders.delete(orders.keys().next().value!);
    orders.set(key, order);
  }
  const offset = request.offset ?? 0;
  const ids = [...order.subarray(offset, offset + (request.limit ?? 200))];
  const raw = ids.length === 0 ? [] : eventPageRows(db, ids);
  const byId = new Map(raw.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)).filter((r): r is EventPageRow => r !== undefined);
  const names = displayNames(kase, [
    ...rows.flatMap((r) => [r.identity, r.credential, r.targetKey].filter((k): k is string => k !== null)),
    ...(request.query.identity ?? []),
    ...(request.query.credential ?? []),
    ...(request.query.target ? [request.query.target] : []),
  ]);
  const classes = new Map<string, string | null>();
  return {
    total: order.length,
    offset,
    names: Object.fromEntries(names),
    rows: rows.map((r): EventRow => {
      const target = r.targetKey ?? r.targetText;
      let networkClass: string | null = null;
      if (r.ip) {
        // One verdict per address and day: classification is by address, and a Tor list entry by day.
        const memo = `${r.ip}@${Math.floor(r.ts / 86_400_000)}`;
        if (!classes.has(memo)) classes.set(memo, classify(r.ip, r.ts));
        networkClass = classes.get(memo) ?? null;
      }
      return {
        id: r.id,
        at: new Date(r.ts).toISOString(),
        identity: r.identity,
        identityName: r.identity === null ? null : (names.get(r.identity) ?? r.identity),
        credential: r.credential,
        credentialName: r.credential === null ? null : (names.get(r.credential) ?? r.credential),
        ip: r.ip,
        networkClass,
        asn: r.asn,
        userAgent: r.userAgent,
        action: r.action,
        target,
        targetName: r.targetKey ? (names.get(r.targetKey) ?? r.targetKey) : r.targetText,
        outcome: r.outcome === 1 ? 'success' : 'failure',
        file: r.file,
        line: r.locator,
        ...(r.rollup ? dayGroupOf(r.rollup) : {}),
      };
    }),
  };
}

/** The roll-up group an event stands for (props.rollup, written by the auth-rollup importer); {} when unreadable. */
function dayGroupOf(text: string): Pick<EventRow, 'dayGroup'> {
  try {
    const g = JSON.parse(text) as Record<string, unknown>;
    if (typeof g.day !== 'string' || typeof g.events !== 'number' || typeof g.last_seen !== 'string') return {};
    return {
      dayGroup: {
        day: g.day,
        events: g.events,
        lastSeen: g.last_seen,
        network: typeof g.network === 'string' ? g.network : null,
        addresses: typeof g.addresses === 'number' ? g.addresses : null,
      },
    };
  } catch {
    return {};
  }
}
