// Which columns each inventory table shows by default, how wide, and how special cells read.
import type { Cell, InventoryTable } from '../../../shared/api/inventory.ts';
import type { ColumnSpec } from '../../components/data-table/DataTable.tsx';
import { Badge } from '../../components/ui.tsx';
import { date, days, num } from '../../lib/format.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { nameOf } from '../../components/data-table/use-paged-rows.ts';

const badge = (value: Cell) => (value === null ? null : <Badge kind={String(value)} />);
const when = (value: Cell) => (value === null ? null : <span className="mono">{date(String(value))}</span>);
/** An id cell reads by its display name, the id elided under it on hover and a copy button beside it. */
const id = (value: Cell, row: Record<string, Cell>, column = 'id') =>
  value === null ? null : <NodeName id={String(value)} name={nameOf(row, column)} copy />;
const idOf = (column: string) => (value: Cell, row: Record<string, Cell>) => id(value, row, column);
const flag = (value: Cell) => (value ? <Badge kind="warn">unresolved</Badge> : null);

export const COLUMNS: Record<InventoryTable, ColumnSpec[]> = {
  identities: [
    { id: 'id', width: 260, render: idOf('id') },
    { id: 'name', width: 200 },
    { id: 'kind', width: 130, render: badge },
    { id: 'owner', width: 160, render: idOf('owner') },
    { id: 'environment', width: 110 },
    { id: 'status', width: 100, render: badge },
    { id: 'provider', width: 100 },
    { id: 'created_at', width: 150, render: when, hidden: true },
    { id: 'last_used_at', width: 170, render: when },
    { id: 'unresolved', width: 110, render: flag, hidden: true },
    { id: 'decided_by', width: 110, render: badge },
    { id: 'because', width: 360 },
  ],
  credentials: [
    { id: 'id', width: 260, render: idOf('id') },
    { id: 'type', width: 120, render: badge },
    { id: 'identity', width: 200, render: idOf('identity') },
    { id: 'status', width: 100, render: badge },
    { id: 'created_at', width: 150, render: when, hidden: true },
    { id: 'last_rotated_at', width: 150, render: when },
    { id: 'expires_at', width: 150, render: when },
    { id: 'last_used_at', width: 170, render: when },
    {
      id: 'age_days',
      width: 100,
      render: (v) => (v === null ? null : <span className={Number(v) >= 90 ? 'warn' : undefined}>{days(Number(v))}</span>),
    },
  ],
  systems: [
    { id: 'id', width: 260, render: idOf('id') },
    { id: 'name', width: 220 },
    { id: 'kind', width: 130, render: badge },
    { id: 'environment', width: 110 },
    { id: 'criticality', width: 110, render: badge },
    { id: 'data_classification', width: 150 },
    { id: 'exposure', width: 110, render: badge },
    { id: 'unresolved', width: 110, render: flag, hidden: true },
  ],
  entitlements: [
    { id: 'principal', width: 220, render: idOf('principal') },
    { id: 'relation', width: 120, render: badge },
    { id: 'target', width: 220, render: idOf('target') },
    { id: 'target_kind', width: 120 },
    { id: 'privilege', width: 100, render: badge },
    { id: 'granted_at', width: 150, render: when },
    { id: 'last_used_at', width: 150, render: when, hidden: true },
    { id: 'used_count', width: 100, render: (v) => (Number(v) > 0 ? num(Number(v)) : <span className="muted">unused</span>) },
    { id: 'last_seen', width: 170, render: when },
  ],
};
