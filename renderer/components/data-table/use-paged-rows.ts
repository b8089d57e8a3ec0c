// Rows of a server-side paged inventory query (inventory.list), fetched a page at a time as the virtual window
// asks for them (use-pages.ts). Each id cell's display name rides along in the row as `name:<column>`.
import type { Cell, InventoryTable } from '../../../shared/api/inventory.ts';
import { request } from '../../api/client.ts';
import { usePages } from './use-pages.ts';

export interface PagedQuery {
  table: InventoryTable;
  sort?: { column: string; desc?: boolean };
  filters: Record<string, string>;
  search: string;
}

export interface PagedRows {
  total: number | null;
  error: string | null;
  row(index: number): Record<string, Cell> | undefined;
  ensure(first: number, last: number): void;
}

export function usePagedRows(query: PagedQuery): PagedRows {
  const pages = usePages(query, async (offset, limit) => {
    const answer = await request('inventory.list', {
      table: query.table,
      offset,
      limit,
      sort: query.sort,
      filters: query.filters,
      search: query.search || undefined,
    });
    const rows = answer.rows.map((row) => {
      const named: Record<string, Cell> = { ...row };
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && answer.names[value] !== undefined) named[`name:${column}`] = answer.names[value];
      }
      return named;
    });
    return { rows, head: answer.total };
  });
  return { total: pages.head, error: pages.error, row: pages.row, ensure: pages.ensure };
}

/** The display name the engine gave an id cell of this row, if any. */
export function nameOf(row: Record<string, Cell>, column: string): string | null {
  const v = row[`name:${column}`];
  return typeof v === 'string' ? v : null;
}
