// Inventory: identities, credentials, systems and entitlements as virtualized, server-paged tables.
import type { Cell, InventoryTable } from '../../../shared/api/inventory.ts';
import { INVENTORY_TABLES } from '../../../shared/api/inventory.ts';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { Link } from '../../components/ui.tsx';
import { useRouter } from '../../state/router.ts';
import { COLUMNS } from './columns.tsx';

export function InventoryScreen({ tab }: { tab: string | null }) {
  const [name, initialSearch = ''] = (tab ?? 'identities').split('?');
  const table = (INVENTORY_TABLES as readonly string[]).includes(name) ? (name as InventoryTable) : 'identities';
  return (
    <div className="inventory">
      <div className="row baseline">
        <h1>Inventory</h1>
        <nav className="tabs" aria-label="Inventory tables">
          {INVENTORY_TABLES.map((t) => (
            <Link key={t} to="inventory" arg={t} className={`tab${t === table ? ' current' : ''}`}>
              {t}
            </Link>
          ))}
        </nav>
      </div>
      {WHAT[table] && (
        <p className="muted small" data-testid="inventory-counts">
          {WHAT[table]}
        </p>
      )}
      <DataTable
        key={`${table}?${initialSearch}`}
        table={table}
        columns={COLUMNS[table]}
        initialSearch={initialSearch}
        onOpen={(row) => openRow(table, row)}
      />
    </div>
  );
}

/** What each table lists, where the Overview counts differently (so the two numbers are not a contradiction). */
const WHAT: Partial<Record<InventoryTable, string>> = {
  identities: 'Identities, groups and roles, including those only named by grants or logs. The Overview counts identities only.',
  credentials: 'Every credential, including temporary session keys (AWS STS ASIA…). The Overview counts long-lived credentials only.',
};

/** Opening a row goes to the identity it is about (the credential's holder, the grant's principal), or the system's page. */
function openRow(table: InventoryTable, row: Record<string, Cell>): void {
  const go = useRouter.getState().go;
  if (table === 'identities') go('identity', String(row.id));
  else if (table === 'credentials' && row.identity) go('identity', String(row.identity));
  else if (table === 'entitlements' && row.relation !== 'runs_as') go('identity', String(row.principal));
  else if (table === 'systems') go('system', String(row.id));
}
