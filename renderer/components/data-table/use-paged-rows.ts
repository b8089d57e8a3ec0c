// Rows of a server-side paged inventory query, fetched a page at a time as the virtual window asks for them.
// A new query (sort, filter, search, case change) starts an empty cache; answers to old queries are ignored.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cell, InventoryTable } from '../../../shared/api/inventory.ts';
import { request } from '../../api/client.ts';
import { useCaseStore } from '../../state/case-store.ts';

export const PAGE = 200;

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
  const version = useCaseStore((s) => s.version);
  const key = JSON.stringify([query, version]);
  const pages = useRef(new Map<number, Record<string, Cell>[]>());
  const pending = useRef(new Set<number>());
  const currentKey = useRef(key);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setLoaded] = useState(0);

  const load = useCallback((page: number) => {
    if (pages.current.has(page) || pending.current.has(page)) return;
    pending.current.add(page);
    const asked = currentKey.current;
    request('inventory.list', {
      table: query.table, offset: page * PAGE, limit: PAGE, sort: query.sort, filters: query.filters, search: query.search || undefined,
    }).then((answer) => {
      if (asked !== currentKey.current) return;
      pending.current.delete(page);
      // Each id cell's display name rides along in the row as `name:<column>` (see nameOf).
      pages.current.set(page, answer.rows.map((row) => {
        const named: Record<string, Cell> = { ...row };
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string' && answer.names[value] !== undefined) named[`name:${column}`] = answer.names[value];
        }
        return named;
      }));
      setTotal(answer.total);
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
    total,
    error,
    row: (index) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE],
    ensure: (first, last) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
    },
  };
}

/** The display name the engine gave an id cell of this row, if any. */
export function nameOf(row: Record<string, Cell>, column: string): string | null {
  const v = row[`name:${column}`];
  return typeof v === 'string' ? v : null;
}
