// Which columns the table shows: a small menu of checkboxes (the first column always stays).
import type { Table } from '@tanstack/react-table';
import { label } from '../../lib/format.ts';

export function ColumnChooser<T>({ table }: { table: Table<T> }) {
  return (
    <details className="menu">
      <summary className="button">Columns</summary>
      <div className="menu-body" role="group" aria-label="Visible columns">
        {table.getAllLeafColumns().map((column, i) => (
          <label key={column.id} className="check">
            <input type="checkbox" checked={column.getIsVisible()} disabled={i === 0} onChange={column.getToggleVisibilityHandler()} />
            {label(column.id)}
          </label>
        ))}
      </div>
    </details>
  );
}
