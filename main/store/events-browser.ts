// The events browser's SQL (inventory/events.ts pages and names the rows): which events a query selects, in display
// order, and one page of them with their strings joined in. Filter values are always bound parameters.
import type Database from 'better-sqlite3';
import ipaddr from 'ipaddr.js';
import { ApiError } from '../../shared/api/contract.ts';
import type { EventQuery } from '../../shared/api/events.ts';
import { escapeLike } from './like-pattern.ts';

/** Ids of the events the query selects, newest first (oldest first with `ascending`), ties by id. */
export function eventIdsInOrder(db: Database.Database, query: EventQuery, ascending: boolean): number[] {
  const { where, params } = conditions(db, query);
  const direction = ascending ? 'ASC' : 'DESC';
  return db
    .prepare(
      `SELECT id FROM auth_event ev ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ts ${direction}, id ${direction}`,
    )
    .pluck()
    .all(params) as number[];
}

/** One event of a page as stored: node keys and term strings, not yet named or classified. */
export interface EventPageRow {
  id: number;
  ts: number;
  identity: string | null;
  credential: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string | null;
  targetKey: string | null;
  targetText: string | null;
  outcome: number;
  asn: number | null;
  file: string | null;
  locator: number | null;
  rollup: string | null;
}

/** The events with these ids (any order), with node keys, term strings and file names joined in. */
export function eventPageRows(db: Database.Database, ids: number[]): EventPageRow[] {
  return db
    .prepare(
      `SELECT ev.id, ev.ts, i.key AS identity, c.key AS credential, ip.value AS ip, ua.value AS userAgent,
      act.value AS action, t.key AS targetKey, tt.value AS targetText, ev.outcome, ev.asn, s.file_name AS file, ev.locator,
      json_extract(ev.props, '$.rollup') AS rollup
    FROM auth_event ev
    LEFT JOIN node i ON i.id = ev.identity LEFT JOIN node c ON c.id = ev.credential LEFT JOIN node t ON t.id = ev.target
    LEFT JOIN term ip ON ip.id = ev.ip LEFT JOIN term ua ON ua.id = ev.user_agent LEFT JOIN term act ON act.id = ev.action
    LEFT JOIN term tt ON tt.id = ev.target_term LEFT JOIN source s ON s.id = ev.source_id
    WHERE ev.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as EventPageRow[];
}

function conditions(db: Database.Database, q: EventQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: number[]) => {
    where.push(values.length ? `ev.${column} IN (SELECT value FROM json_each(?))` : '0');
    if (values.length) params.push(JSON.stringify(values));
  };
  if (q.identity) inList('identity', nodeIds(db, q.identity));
  if (q.credential) inList('credential', nodeIds(db, q.credential));
  if (q.ip) inList('ip', ipTerms(db, q.ip.trim()));
  if (q.action) {
    where.push(`ev.action IN (SELECT id FROM term WHERE value LIKE ? ESCAPE '\\')`);
    params.push(`%${escapeLike(q.action.trim())}%`);
  }
  if (q.target) {
    const exact = nodeIds(db, [q.target]);
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
function nodeIds(db: Database.Database, refs: string[]): number[] {
  const stmt = db.prepare('SELECT id FROM node WHERE key = @ref UNION SELECT node_id FROM alias WHERE alias = @ref');
  return [...new Set(refs.flatMap((r) => stmt.pluck().all({ ref: r.trim() }) as number[]))];
}

/** Term ids of the source addresses an IP filter means: one address, a CIDR, or a textual prefix. */
function ipTerms(db: Database.Database, text: string): number[] {
  if (text.includes('/')) {
    let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      range = ipaddr.parseCIDR(text);
    } catch {
      throw new ApiError('bad-request', `not a CIDR: ${text.slice(0, 60)}`);
    }
    const ids: number[] = [];
    const used = db
      .prepare(`SELECT t.id, t.value FROM term t WHERE t.id IN (SELECT DISTINCT ip FROM auth_event WHERE ip IS NOT NULL)`)
      .raw()
      .all() as [number, string][];
    for (const [id, value] of used) {
      if (!ipaddr.isValid(value)) continue;
      const addr = ipaddr.process(value);
      if (addr.kind() === range[0].kind() && addr.match(range)) ids.push(id);
    }
    return ids;
  }
  if (/[.:]$/.test(text))
    return db
      .prepare(`SELECT id FROM term WHERE value LIKE ? ESCAPE '\\'`)
      .pluck()
      .all(`${escapeLike(text)}%`) as number[];
  return db.prepare('SELECT id FROM term WHERE value = ?').pluck().all(text) as number[];
}
