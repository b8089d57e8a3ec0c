// Findings fetched a page at a time as the virtual list scrolls (findings.page, through use-pages.ts): totals and
// counts come from the engine and cover every finding the filter matches. The previous counts stay on screen
// until a new filter's answer arrives, so the badges do not flicker.
import type { FindingFilterSpec, FindingsPage, FindingSummary } from '../../../shared/api/findings.ts';
import { request } from '../../api/client.ts';
import { usePages } from '../../components/data-table/use-pages.ts';

export interface PagedFindings {
  /** Null while the current filter's answer is awaited (the counts of the previous one may still show). */
  total: number | null;
  counts: FindingsPage['counts'] | null;
  all: number | null;
  error: string | null;
  row(index: number): FindingSummary | undefined;
  ensure(first: number, last: number): void;
}

export function usePagedFindings(filter: FindingFilterSpec): PagedFindings {
  const pages = usePages(
    filter,
    async (offset, limit) => {
      const answer = await request('findings.page', { filter, offset, limit });
      return { rows: answer.rows, head: { total: answer.total, counts: answer.counts, all: answer.all } };
    },
    { keepHead: true },
  );
  const head = pages.head;
  return {
    total: pages.current ? (head?.total ?? null) : null,
    counts: head?.counts ?? null,
    all: head?.all ?? null,
    error: pages.error,
    row: pages.row,
    ensure: pages.ensure,
  };
}
