// Paged, sorted, filtered inventory tables for the virtualized grids. Read-only.
// Column names come from a fixed allow-list (shared INVENTORY_COLUMNS); values are always bound parameters.
import { ApiError } from '../../shared/api/contract.ts';
import { INVENTORY_COLUMNS, type Cell, type InventoryPage, type InventoryTable } from '../../shared/api/inventory.ts';
import type { CaseFile } from './case-file.ts';
import { asOf } from './case-summary.ts';
import { nameRecord } from './display-name.ts';
import { escapeLike } from './like-pattern.ts';

export interface ListRequest {
  table: InventoryTable;
  offset?: number;
  limit?: number;
  sort?: { column: string; desc?: boolean };
  filters?: Record<string, string>;
  search?: string;
}

/**
 * Base queries: one row per inventory item, with the columns named in INVENTORY_COLUMNS plus `_rid`, the row's
 * id in its table (node.id or edge.id), which pages are fetched by. `@asOf` is bound.
 */
const BASE: Record<InventoryTable, string> = {
  identities: `SELECT node.id AS _rid, key AS id, name, CASE WHEN kind = 'identity' THEN subkind ELSE kind END AS kind, owner, environment,
    status, provider, created_at, last_used_at, unresolved,
    json_extract(kind_because, '$.source') AS decided_by, json_extract(kind_because, '$.because') AS because
    FROM node WHERE kind IN ('identity', 'group', 'role')`,
  credentials: `SELECT node.id AS _rid, key AS id, subkind AS type,
    coalesce(json_extract(props, '$.identity'), (SELECT o.key FROM edge e JOIN node o ON o.id = e.src
      WHERE e.dst = node.id AND e.kind = 'has_credential' LIMIT 1)) AS identity,
    status, created_at, json_extract(props, '$.last_rotated_at') AS last_rotated_at,
    json_extract(props, '$.expires_at') AS expires_at, last_used_at,
    CAST(julianday(@asOf) - julianday(coalesce(json_extract(props, '$.last_rotated_at'), created_at)) AS INTEGER) AS age_days
    FROM node WHERE kind = 'credential'`,
  systems: `SELECT node.id AS _rid, key AS id, name, subkind AS kind, environment, criticality,
    json_extract(props, '$.data_classification') AS data_classification, json_extract(props, '$.exposure') AS exposure, unresolved
    FROM node WHERE kind = 'system'`,
  entitlements: `SELECT e.id AS _rid, s.key AS principal, e.kind AS relation, d.key AS target,
    CASE WHEN d.kind = 'identity' THEN coalesce(d.subkind, 'identity') ELSE d.kind END AS target_kind,
    CASE e.privilege WHEN 3 THEN 'admin' WHEN 2 THEN 'write' WHEN 1 THEN 'read' END AS privilege,
    e.granted_at, e.last_used_at, coalesce(u.count, 0) AS used_count,
    CASE WHEN u.last_seen IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ', u.last_seen / 1000, 'unixepoch') END AS last_seen
    FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    LEFT JOIN usage u ON u.src = e.src AND u.dst = e.dst
    WHERE e.kind IN ('member_of', 'has_role', 'can_assume', 'owns', 'access', 'runs_as')`,
};

/** Columns holding node ids, which the page names (display-name.ts). */
const ID_COLUMNS: Record<InventoryTable, string[]> = {
  identities: ['id', 'owner'],
  credentials: ['id', 'identity'],
  systems: ['id'],
  entitlements: ['principal', 'target'],
};

/** Columns the free-text search looks at. */
const SEARCHED: Record<InventoryTable, string[]> = {
  identities: ['id', 'name', 'owner'],
  credentials: ['id', 'identity'],
  systems: ['id', 'name'],
  entitlements: ['principal', 'target'],
};

const NUMERIC = new Set(['age_days', 'used_count', 'unresolved']);
const DEFAULT_SORT: Record<InventoryTable, string> = { identities: 'id', credentials: 'id', systems: 'id', entitlements: 'principal' };
/** Stable order among equal sort keys, so pages never overlap or skip rows. */
const TIE_BREAK: Record<InventoryTable, string> = { identities: 'id', credentials: 'id', systems: 'id', entitlements: 'principal, relation, target' };

/** Cached row orders, by query: the sort runs once per query, every later page is a primary-key lookup. */
export type OrderCache = Map<string, Int32Array>;
const MAX_CACHED_ORDERS = 16;

export function listInventory(kase: CaseFile, request: ListRequest, orders: OrderCache = new Map()): InventoryPage {
  const columns = INVENTORY_COLUMNS[request.table];
  const params: Record<string, unknown> = { asOf: asOf(kase) ?? new Date().toISOString() };
  const where: string[] = [];
  let n = 0;
  for (const [column, raw] of Object.entries(request.filters ?? {})) {
    const value = raw.trim();
    if (!value) continue;
    if (!columns.includes(column)) throw new ApiError('bad-request', `unknown column for ${request.table}: ${column}`);
    where.push(condition(column, value, `f${n}`, params));
    n++;
  }
  const search = request.search?.trim();
  if (search) {
    params.search = `%${escapeLike(search)}%`;
    where.push(`(${SEARCHED[request.table].map((c) => `"${c}" LIKE @search ESCAPE '\\'`).join(' OR ')})`);
  }
  const sortColumn = request.sort?.column ?? DEFAULT_SORT[request.table];
  if (!columns.includes(sortColumn)) throw new ApiError('bad-request', `cannot sort ${request.table} by ${sortColumn}`);
  const direction = request.sort?.desc ? 'DESC' : 'ASC';
  const filtered = `SELECT * FROM (${BASE[request.table]}) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const offset = request.offset ?? 0;
  const limit = request.limit ?? 200;

  const key = JSON.stringify([request.table, request.filters ?? {}, search ?? '', sortColumn, direction]);
  let order = orders.get(key);
  if (!order) {
    // NULLs last either way: an analyst sorting by "last used" wants the real dates first.
    order = Int32Array.from(
      kase.db
        .prepare(
          `SELECT _rid FROM (${filtered})
      ORDER BY "${sortColumn}" IS NULL, "${sortColumn}" ${direction}, ${TIE_BREAK[request.table]}`,
        )
        .pluck()
        .all(params) as number[],
    );
    if (orders.size >= MAX_CACHED_ORDERS) orders.delete(orders.keys().next().value!);
    orders.set(key, order);
  }
  const total = order.length;
  const ids = [...order.subarray(offset, offset + limit)];
  const byId = new Map<number, Record<string, Cell>>();
  if (ids.length) {
    for (const row of kase.db
      .prepare(`SELECT * FROM (${BASE[request.table]}) WHERE _rid IN (SELECT value FROM json_each(@ids))`)
      .all({ asOf: params.asOf, ids: JSON.stringify(ids) }) as Record<string, Cell>[]) {
      const { _rid, ...rest } = row;
      byId.set(_rid as number, rest);
    }
  }
  const rows = ids.map((id) => byId.get(id)).filter((r): r is Record<string, Cell> => r !== undefined);
  const keys = rows.flatMap((r) => ID_COLUMNS[request.table].map((c) => r[c]).filter((v): v is string => typeof v === 'string'));
  return { table: request.table, total, offset, columns: [...columns], rows, names: nameRecord(kase, keys) };
}

/** "contains" for text; for numeric columns also `>n`, `<n`, `>=n`, `<=n`, `=n`. */
function condition(column: string, value: string, name: string, params: Record<string, unknown>): string {
  const numeric = /^(>=|<=|>|<|=)?\s*(-?\d+(?:\.\d+)?)$/.exec(value);
  if (NUMERIC.has(column) && numeric) {
    params[name] = Number(numeric[2]);
    return `"${column}" ${numeric[1] ?? '='} @${name}`;
  }
  params[name] = `%${escapeLike(value)}%`;
  return `"${column}" LIKE @${name} ESCAPE '\\'`;
}
