// Findings fetched a page at a time as the virtual list scrolls (findings.page): totals and counts come from the
// engine and cover every finding the filter matches. A new filter or a case change starts an empty cache.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FindingFilterSpec, FindingsPage, FindingSummary } from '../../../shared/api/findings.ts';
import { request } from '../../api/client.ts';
import { useCaseStore } from '../../state/case-store.ts';

export const FINDINGS_PAGE = 200;

export interface PagedFindings {
  total: number | null;
  counts: FindingsPage['counts'] | null;
  all: number | null;
  error: string | null;
  row(index: number): FindingSummary | undefined;
  ensure(first: number, last: number): void;
}

export function usePagedFindings(filter: FindingFilterSpec): PagedFindings {
  const version = useCaseStore((s) => s.version);
  const key = JSON.stringify([filter, version]);
  const pages = useRef(new Map<number, FindingSummary[]>());
  const pending = useRef(new Set<number>());
  const currentKey = useRef(key);
  const [head, setHead] = useState<Pick<FindingsPage, 'total' | 'counts' | 'all'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setLoaded] = useState(0);

  const load = useCallback((page: number) => {
    if (pages.current.has(page) || pending.current.has(page)) return;
    pending.current.add(page);
    const asked = currentKey.current;
    request('findings.page', { filter, offset: page * FINDINGS_PAGE, limit: FINDINGS_PAGE }).then((answer) => {
      if (asked !== currentKey.current) return;
      pending.current.delete(page);
      pages.current.set(page, answer.rows);
      setHead({ total: answer.total, counts: answer.counts, all: answer.all });
      setError(null);
      setLoaded((n) => n + 1);
    }, (err: Error) => {
      if (asked !== currentKey.current) return;
      pending.current.delete(page);
      setError(err.message);
    });
  }, [key]);

  useEffect(() => {
    currentKey.current = key;
    pages.current = new Map();
    pending.current = new Set();
    load(0);
  }, [key, load]);

  return {
    total: head?.total ?? null,
    counts: head?.counts ?? null,
    all: head?.all ?? null,
    error,
    row: (index) => pages.current.get(Math.floor(index / FINDINGS_PAGE))?.[index % FINDINGS_PAGE],
    ensure: (first, last) => {
      for (let p = Math.floor(first / FINDINGS_PAGE); p <= Math.floor(last / FINDINGS_PAGE); p++) load(p);
    },
  };
}
