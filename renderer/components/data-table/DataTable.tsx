// A virtualized inventory grid over server-side paging: only the visible rows exist in the DOM and only
// their pages are fetched, so 100k rows scroll like 100. TanStack Table keeps column, sort and visibility
// state; TanStack Virtual decides which rows to draw. Arrow keys move, Enter opens.
import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Cell, InventoryTable } from '../../../shared/api/inventory.ts';
import { label, num } from '../../lib/format.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import { exportQuery } from './export-csv.ts';
import { usePagedRows, type PagedQuery } from './use-paged-rows.ts';

type Row = Record<string, Cell>;

export interface ColumnSpec {
  id: string;
  width?: number;
  hidden?: boolean;
  render?: (value: Cell, row: Row) => ReactNode;
}

interface Props {
  table: InventoryTable;
  columns: ColumnSpec[];
  onOpen?: (row: Row) => void;
  /** Search text to start with (e.g. from global search). */
  initialSearch?: string;
}

const ROW_HEIGHT = 30;

export function DataTable({ table: tableName, columns, onOpen, initialSearch = '' }: Props) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [visibility, setVisibility] = useState<VisibilityState>(() => Object.fromEntries(columns.map((c) => [c.id, !c.hidden])));
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [search, setSearch] = useState(initialSearch);
  const debouncedFilters = useDebounced(filters, 250);
  const debouncedSearch = useDebounced(search, 250);
  const [active, setActive] = useState(0);
  const [exporting, setExporting] = useState<string | null>(null);

  const defs = useMemo<ColumnDef<Row>[]>(() => columns.map((c) => ({ id: c.id, accessorKey: c.id, size: c.width ?? 140 })), [columns]);
  const table = useReactTable<Row>({
    data: [],
    columns: defs,
    state: { sorting, columnVisibility: visibility },
    onSortingChange: setSorting,
    onColumnVisibilityChange: setVisibility,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
  });
  const query: PagedQuery = useMemo(
    () => ({
      table: tableName,
      filters: debouncedFilters,
      search: debouncedSearch,
      sort: sorting[0] ? { column: sorting[0].id, desc: sorting[0].desc } : undefined,
    }),
    [tableName, debouncedFilters, debouncedSearch, sorting],
  );
  const rows = usePagedRows(query);
  const visible = table.getVisibleLeafColumns();
  const specs = new Map(columns.map((c) => [c.id, c]));
  const template = visible.map((c) => `${c.getSize()}px`).join(' ') + ' 1fr';

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => rows.ensure(first, last), [first, last, rows]);
  useEffect(() => setActive(0), [query]);

  const onKey = (e: KeyboardEvent) => {
    const count = rows.total ?? 0;
    if (!count) return;
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 20 : e.key === 'PageUp' ? -20 : 0;
    if (step) {
      e.preventDefault();
      const next = Math.max(0, Math.min(count - 1, active + step));
      setActive(next);
      virtualizer.scrollToIndex(next);
    } else if (e.key === 'Enter' && onOpen) {
      const row = rows.row(active);
      if (row) onOpen(row);
    }
  };

  const runExport = () => {
    setExporting('Exporting…');
    exportQuery(
      query,
      visible.map((c) => c.id),
      (done, total) => setExporting(`Exporting ${num(done)} / ${num(total)}`),
    )
      .then(
        (n) => setExporting(`Exported ${num(n)} rows`),
        (err: Error) => setExporting(`Export failed: ${err.message}`),
      )
      .finally(() => setTimeout(() => setExporting(null), 4000));
  };

  return (
    <div className="data-table">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder={`Search ${tableName}…`}
          aria-label={`Search ${tableName}`}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted count" aria-live="polite">
          {rows.total === null ? 'Loading…' : `${num(rows.total)} ${tableName}`}
        </span>
        <span className="spacer" />
        {exporting && <span className="muted">{exporting}</span>}
        <ColumnChooser table={table} />
        <button type="button" className="button" onClick={runExport} disabled={!rows.total || exporting !== null}>
          Export CSV
        </button>
      </div>
      {rows.error && (
        <p className="error" role="alert">
          {rows.error}
        </p>
      )}
      <div className="grid" ref={scroller} tabIndex={0} role="grid" aria-rowcount={rows.total ?? 0} aria-label={tableName} onKeyDown={onKey}>
        <div className="grid-head" role="row" style={{ gridTemplateColumns: template }}>
          {visible.map((column) => {
            const dir = column.getIsSorted();
            return (
              <div key={column.id} role="columnheader" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                <button type="button" className="sort" onClick={column.getToggleSortingHandler()}>
                  {label(column.id)} <span aria-hidden="true">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}</span>
                </button>
              </div>
            );
          })}
        </div>
        <div className="grid-filters" role="row" style={{ gridTemplateColumns: template }}>
          {visible.map((column) => (
            <div key={column.id}>
              <input
                aria-label={`Filter ${label(column.id)}`}
                placeholder="filter"
                value={filters[column.id] ?? ''}
                onChange={(e) => setFilters((f) => ({ ...f, [column.id]: e.target.value }))}
              />
            </div>
          ))}
        </div>
        <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows.row(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 1}
                className={`grid-row${item.index === active ? ' active' : ''}${item.index % 2 ? ' odd' : ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(item.index);
                  if (row && onOpen) onOpen(row);
                }}
              >
                {visible.map((column) => {
                  const value = row?.[column.id] ?? null;
                  const render = specs.get(column.id)?.render;
                  return (
                    <div key={column.id} role="gridcell" title={value === null ? undefined : String(value)}>
                      {row ? render ? render(value, row) : (value ?? <span className="muted">—</span>) : <span className="placeholder" />}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
        {rows.total === 0 && <p className="empty">Nothing matches.</p>}
      </div>
    </div>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return current;
}
