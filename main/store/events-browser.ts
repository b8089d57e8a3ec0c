// The events browser's SQL (inventory/events.ts pages and names the rows): which events a query selects, in display
// order, and one page of them with their strings joined in. Filter values are always bound parameters.
import type Database from 'better-sqlite3';
import ipaddr from 'ipaddr.js';
import { ApiError } from '../../shared/api/contract.ts';
import type { EventQuery } from '../../shared/api/events.ts';
import { escapeLike } from './like-pattern.ts';
import { addressSql, addressValue, type StoredAddress } from './address-column.ts';

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
      `SELECT ev.id, ev.ts, i.key AS identity, c.key AS credential, ${addressSql('ev.ip')} AS ip, ua.value AS userAgent,
      act.value AS action, t.key AS targetKey, tt.value AS targetText, ev.outcome, ev.asn, s.file_name AS file, ev.locator,
      json_extract(ev.props, '$.rollup') AS rollup
    FROM auth_event ev
    LEFT JOIN node i ON i.id = ev.identity LEFT JOIN node c ON c.id = ev.credential LEFT JOIN node t ON t.id = ev.target
    LEFT JOIN term ua ON ua.id = ev.user_agent LEFT JOIN term act ON act.id = ev.action
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
  if (q.ip) {
    const ip = ipCondition(db, q.ip.trim());
    where.push(ip.sql);
    params.push(...ip.params);
  }
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

/**
 * What an IP filter means on ev.ip, in every form the column stores (store/address-column.ts): one address, a CIDR,
 * or a textual prefix ("10.1.", "2001:db8:"). Stored addresses compare as numbers or bytes; text a log wrote in the
 * address field, and addresses of cases written before that encoding, are terms matched by their text.
 */
function ipCondition(db: Database.Database, text: string): { sql: string; params: unknown[] } {
  if (text.includes('/')) {
    let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      range = ipaddr.parseCIDR(text);
    } catch {
      throw new ApiError('bad-request', `not a CIDR: ${text.slice(0, 60)}`);
    }
    const [low, high] = storedBounds(range);
    const terms = addressTermsWhere(db, (value) => {
      if (!ipaddr.isValid(value)) return false;
      const addr = ipaddr.process(value);
      return addr.kind() === range[0].kind() && addr.match(range);
    });
    return { sql: `(ev.ip BETWEEN ? AND ? OR ev.ip IN (SELECT value FROM json_each(?)))`, params: [low, high, JSON.stringify(terms)] };
  }
  const v4prefix = /^(\d{1,3}\.){1,3}$/.exec(text);
  if (v4prefix) {
    const octets = text.slice(0, -1).split('.').map(Number);
    if (octets.every((o) => o <= 255)) {
      const cidr = `${[...octets, 0, 0, 0].slice(0, 4).join('.')}/${octets.length * 8}`;
      const [low, high] = storedBounds(ipaddr.parseCIDR(cidr));
      return {
        sql: `(ev.ip BETWEEN ? AND ? OR ev.ip IN (SELECT id FROM term WHERE value LIKE ? ESCAPE '\\'))`,
        params: [low, high, `${escapeLike(text)}%`],
      };
    }
  }
  if (/[.:]$/.test(text)) {
    const like = `${escapeLike(text)}%`;
    return {
      sql: `((typeof(ev.ip) = 'blob' AND address_text(ev.ip) LIKE ? ESCAPE '\\') OR ev.ip IN (SELECT id FROM term WHERE value LIKE ? ESCAPE '\\'))`,
      params: [like, like],
    };
  }
  const canonical = ipaddr.isValid(text) ? ipaddr.process(text).toString() : text;
  const stored = addressValue(canonical);
  return stored === null
    ? { sql: `ev.ip IN (SELECT id FROM term WHERE value = ?)`, params: [text] }
    : { sql: `(ev.ip = ? OR ev.ip IN (SELECT id FROM term WHERE value = ?))`, params: [stored, text] };
}

/** The stored forms of a CIDR's first and last address. */
function storedBounds([base, bits]: [ipaddr.IPv4 | ipaddr.IPv6, number]): [StoredAddress, StoredAddress] {
  const cidr = `${base.toString()}/${bits}`;
  const low = base.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  const high = base.kind() === 'ipv4' ? ipaddr.IPv4.broadcastAddressFromCIDR(cidr) : ipaddr.IPv6.broadcastAddressFromCIDR(cidr);
  return [addressValue(low.toString())!, addressValue(high.toString())!];
}

/** Term ids of address-like text that passes the test (the term table also holds agents and actions: skipped). */
function addressTermsWhere(db: Database.Database, test: (value: string) => boolean): number[] {
  const rows = db.prepare(`SELECT id, value FROM term WHERE length(value) <= 45 AND (value GLOB '*.*.*.*' OR value GLOB '*:*:*')`).raw().all() as [
    number,
    string,
  ][];
  return rows.filter(([, value]) => test(value)).map(([id]) => id);
}
