// Rows of a server-side paged query, fetched a page at a time as a virtual list asks for them. One implementation
// for every paged screen (inventory tables, events, findings): a new query or a case change starts an empty
// cache, and answers to superseded queries are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCaseStore } from '../../state/case-store.ts';

export const PAGE = 200;

/** One page as the engine answered it: its rows, and what the whole query is (total, counts, names). */
export interface PageAnswer<Row, Head> {
  rows: Row[];
  head: Head;
}

export interface Pages<Row, Head> {
  /** From the first page answered for the current query; null until then (or the previous query's, with keepHead). */
  head: Head | null;
  /** Whether `head` is the current query's (false while a kept head from the previous query is shown). */
  current: boolean;
  error: string | null;
  row(index: number): Row | undefined;
  ensure(first: number, last: number): void;
}

/**
 * `query` identifies what is listed (it is compared as JSON); `fetch` asks the engine for one page of it.
 * `keepHead`: keep the previous query's head on screen until the new one answers (counts that do not flicker).
 */
export function usePages<Row, Head>(
  query: unknown,
  fetch: (offset: number, limit: number) => Promise<PageAnswer<Row, Head>>,
  options: { keepHead?: boolean } = {},
): Pages<Row, Head> {
  const version = useCaseStore((s) => s.version);
  const key = JSON.stringify([query, version]);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const pages = useRef(new Map<number, Row[]>());
  const pending = useRef(new Set<number>());
  const currentKey = useRef(key);
  /** Whether the current query's head has been taken from an answer yet. */
  const headFor = useRef(false);
  const [head, setHead] = useState<Head | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState(false);
  const [, setLoaded] = useState(0);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      const asked = currentKey.current;
      fetchRef.current(page * PAGE, PAGE).then(
        (answer) => {
          if (asked !== currentKey.current) return;
          pending.current.delete(page);
          pages.current.set(page, answer.rows);
          if (page === 0 || !headFor.current) setHead(answer.head);
          headFor.current = true;
          setCurrent(true);
          setError(null);
          setLoaded((n) => n + 1);
        },
        (err: Error) => {
          if (asked !== currentKey.current) return;
          pending.current.delete(page);
          setError(err.message);
        },
      );
    },
    [key],
  );

  useEffect(() => {
    currentKey.current = key;
    pages.current = new Map();
    pending.current = new Set();
    headFor.current = false;
    setCurrent(false);
    if (!options.keepHead) setHead(null);
    load(0);
  }, [key, load]);

  return {
    head,
    current,
    error,
    row: (index) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE],
    ensure: (first, last) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
    },
  };
}
