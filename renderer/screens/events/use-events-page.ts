// Auth events fetched a page at a time as the virtual table scrolls (events.list, through use-pages.ts).
import type { EventQuery, EventRow } from '../../../shared/api/events.ts';
import { request } from '../../api/client.ts';
import { usePages } from '../../components/data-table/use-pages.ts';

export interface PagedEvents {
  total: number | null;
  names: Record<string, string>;
  error: string | null;
  row(index: number): EventRow | undefined;
  ensure(first: number, last: number): void;
}

const NO_NAMES: Record<string, string> = {};

export function usePagedEvents(query: EventQuery): PagedEvents {
  const pages = usePages(query, async (offset, limit) => {
    const answer = await request('events.list', { query, offset, limit });
    return { rows: answer.rows, head: { total: answer.total, names: answer.names } };
  });
  return { total: pages.head?.total ?? null, names: pages.head?.names ?? NO_NAMES, error: pages.error, row: pages.row, ensure: pages.ensure };
}
