// Exports every row matching the table's current query (not just what is on screen), page by page.
import type { Cell } from '../../../shared/api/inventory.ts';
import { request } from '../../api/client.ts';
import { downloadText, toCsv } from '../../lib/csv-export.ts';
import type { PagedQuery } from './use-paged-rows.ts';

const EXPORT_PAGE = 5000;

export async function exportQuery(query: PagedQuery, columns: string[], onProgress: (done: number, total: number) => void): Promise<number> {
  const rows: Record<string, Cell>[] = [];
  let total = Infinity;
  for (let offset = 0; offset < total; offset += EXPORT_PAGE) {
    const page = await request('inventory.list', {
      table: query.table,
      offset,
      limit: EXPORT_PAGE,
      sort: query.sort,
      filters: query.filters,
      search: query.search || undefined,
    });
    total = page.total;
    rows.push(...page.rows);
    onProgress(rows.length, total);
    if (page.rows.length === 0) break;
  }
  downloadText(`${query.table}.csv`, toCsv(columns, rows));
  return rows.length;
}
