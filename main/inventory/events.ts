// The events browser's query: every auth event of the case, filtered by identity, credential, source address
// (exact, CIDR or prefix), action, target, outcome and time, newest first, paged on the server. Each row names
// the file and line it came from. Read-only; filter values are always bound parameters.
import ipaddr from 'ipaddr.js';
import { ApiError } from '../../shared/api/contract.ts';
import type { EventQuery, EventRow, EventsPage } from '../../shared/api/events.ts';
import type { CaseFile } from '../store/case-file.ts';
import { displayNames } from '../store/display-name.ts';
import { escapeLike } from '../store/like-pattern.ts';

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
  kase: CaseFile, request: EventsRequest, classify: (ip: string, at: number) => string | null, orders: EventOrderCache = new Map(),
): EventsPage {
  const db = kase.db;
  const key = JSON.stringify([request.query, request.ascending ?? false]);
  let order = orders.get(key);
  if (!order) {
    const { where, params } = conditions(kase, request.query);
    const direction = request.ascending ? 'ASC' : 'DESC';
    order = Int32Array.from(db.prepare(`SELECT id FROM auth_event ev ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ts ${direction}, id ${direction}`).pluck().all(params) as number[]);
    if (orders.size >= MAX_CACHED) orders.delete(orders.keys().next().value!);
    orders.set(key, order);
  }
  const offset = request.offset ?? 0;
  const ids = [...order.subarray(offset, offset + (request.limit ?? 200))];
  const raw = ids.length === 0 ? [] : db.prepare(`SELECT ev.id, ev.ts, i.key AS identity, c.key AS credential, ip.value AS ip, ua.value AS userAgent,
      act.value AS action, t.key AS targetKey, tt.value AS targetText, ev.outcome, ev.asn, s.file_name AS file, ev.locator,
      json_extract(ev.props, '$.rollup') AS rollup
    FROM auth_event ev
    LEFT JOIN node i ON i.id = ev.identity LEFT JOIN node c ON c.id = ev.credential LEFT JOIN node t ON t.id = ev.target
    LEFT JOIN term ip ON ip.id = ev.ip LEFT JOIN term ua ON ua.id = ev.user_agent LEFT JOIN term act ON act.id = ev.action
    LEFT JOIN term tt ON tt.id = ev.target_term LEFT JOIN source s ON s.id = ev.source_id
    WHERE ev.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as RawRow[];
  const byId = new Map(raw.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)).filter((r): r is RawRow => r !== undefined);
  const names = displayNames(kase, [
    ...rows.flatMap((r) => [r.identity, r.credential, r.targetKey].filter((k): k is string => k !== null)),
    ...(request.query.identity ?? []), ...(request.query.credential ?? []), ...(request.query.target ? [request.query.target] : []),
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
        id: r.id, at: new Date(r.ts).toISOString(),
        identity: r.identity, identityName: r.identity === null ? null : names.get(r.identity) ?? r.identity,
        credential: r.credential, credentialName: r.credential === null ? null : names.get(r.credential) ?? r.credential,
        ip: r.ip, networkClass, asn: r.asn, userAgent: r.userAgent, action: r.action,
        target, targetName: r.targetKey ? names.get(r.targetKey) ?? r.targetKey : r.targetText,
        outcome: r.outcome === 1 ? 'success' : 'failure', file: r.file, line: r.locator,
        ...(r.rollup ? dayGroupOf(r.rollup) : {}),
      };
    }),
  };
}

interface RawRow {
  id: number; ts: number; identity: string | null; credential: string | null; ip: string | null; userAgent: string | null;
  action: string | null; targetKey: string | null; targetText: string | null; outcome: number; asn: number | null;
  file: string | null; locator: number | null; rollup: string | null;
}

/** The roll-up group an event stands for (props.rollup, written by the auth-rollup importer); {} when unreadable. */
function dayGroupOf(text: string): Pick<EventRow, 'dayGroup'> {
  try {
    const g = JSON.parse(text) as Record<string, unknown>;
    if (typeof g.day !== 'string' || typeof g.events !== 'number' || typeof g.last_seen !== 'string') return {};
    return { dayGroup: {
      day: g.day, events: g.events, lastSeen: g.last_seen,
      network: typeof g.network === 'string' ? g.network : null, addresses: typeof g.addresses === 'number' ? g.addresses : null,
    } };
  } catch {
    return {};
  }
}

function conditions(kase: CaseFile, q: EventQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: number[]) => {
    where.push(values.length ? `ev.${column} IN (SELECT value FROM json_each(?))` : '0');
    if (values.length) params.push(JSON.stringify(values));
  };
  if (q.identity) inList('identity', nodeIds(kase, q.identity));
  if (q.credential) inList('credential', nodeIds(kase, q.credential));
  if (q.ip) inList('ip', ipTerms(kase, q.ip.trim()));
  if (q.action) {
    where.push(`ev.action IN (SELECT id FROM term WHERE value LIKE ? ESCAPE '\\')`);
    params.push(`%${escapeLike(q.action.trim())}%`);
  }
  if (q.target) {
    const exact = nodeIds(kase, [q.target]);
    if (exact.length) {
      inList('target', exact);
    } else {
      const like = `%${escapeLike(q.target.trim())}%`;
      where.push(`(ev.target_term IN (SELECT id FROM term WHERE value LIKE ? ESCAPE '\\')
        OR ev.target IN (SELECT id FROM node WHERE key LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'))`);
      params.push(like, like, like);
    }
  }
  if (q.outcome) where.push(`ev.outcome = ${q.outcome === 'success' ? 1 : 0}`);
  if (q.from) {
    where.push('ev.ts >= ?');
    params.push(Date.parse(q.from));
  }
  if (q.to) {
    where.push('ev.ts <= ?');
    params.push(Date.parse(q.to));
  }
  return { where, params };
}

/** Node ids by key or alias; a reference to nothing selects nothing. */
function nodeIds(kase: CaseFile, refs: string[]): number[] {
  const stmt = kase.db.prepare('SELECT id FROM node WHERE key = @ref UNION SELECT node_id FROM alias WHERE alias = @ref');
  return [...new Set(refs.flatMap((r) => stmt.pluck().all({ ref: r.trim() }) as number[]))];
}

/** Term ids of the source addresses an IP filter means: one address, a CIDR, or a textual prefix. */
function ipTerms(kase: CaseFile, text: string): number[] {
  const db = kase.db;
  if (text.includes('/')) {
    let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      range = ipaddr.parseCIDR(text);
    } catch {
      throw new ApiError('bad-request', `not a CIDR: ${text.slice(0, 60)}`);
    }
    const ids: number[] = [];
    const used = db.prepare(`SELECT t.id, t.value FROM term t WHERE t.id IN (SELECT DISTINCT ip FROM auth_event WHERE ip IS NOT NULL)`).raw().all() as [number, string][];
    for (const [id, value] of used) {
      if (!ipaddr.isValid(value)) continue;
      const addr = ipaddr.process(value);
      if (addr.kind() === range[0].kind() && addr.match(range)) ids.push(id);
    }
    return ids;
  }
  if (/[.:]$/.test(text)) return db.prepare(`SELECT id FROM term WHERE value LIKE ? ESCAPE '\\'`).pluck().all(`${escapeLike(text)}%`) as number[];
  return db.prepare('SELECT id FROM term WHERE value = ?').pluck().all(text) as number[];
}
