// Auth events fetched a page at a time as the virtual table scrolls (events.list). A new query or a case change
// starts an empty cache; answers to superseded queries are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventQuery, EventRow } from '../../../shared/api/events.ts';
import { request } from '../../api/client.ts';
import { useCaseStore } from '../../state/case-store.ts';

const PAGE = 200;

export interface PagedEvents {
  total: number | null;
  names: Record<string, string>;
  error: string | null;
  row(index: number): EventRow | undefined;
  ensure(first: number, last: number): void;
}

export function usePagedEvents(query: EventQuery): PagedEvents {
  const version = useCaseStore((s) => s.version);
  const key = JSON.stringify([query, version]);
  const pages = useRef(new Map<number, EventRow[]>());
  const pending = useRef(new Set<number>());
  const currentKey = useRef(key);
  const [total, setTotal] = useState<number | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [, setLoaded] = useState(0);

  const load = useCallback((page: number) => {
    if (pages.current.has(page) || pending.current.has(page)) return;
    pending.current.add(page);
    const asked = currentKey.current;
    request('events.list', { query, offset: page * PAGE, limit: PAGE }).then((answer) => {
      if (asked !== currentKey.current) return;
      pending.current.delete(page);
      pages.current.set(page, answer.rows);
      setTotal(answer.total);
      if (page === 0) setNames(answer.names);
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
    setTotal(null);
    load(0);
  }, [key, load]);

  return {
    total, names, error,
    row: (index) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE],
    ensure: (first, last) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
    },
  };
}
