// The filter bar of a graph screen: edge kinds drawn (with how many of each), the privileges of access grants,
// and exercised-versus-granted. Plain checkboxes and a select, so Tab and Space reach every one of them; the
// screen keeps the filter in its route and applies it to what is drawn (lib/graph-filter.ts), never re-querying.
import { label, num } from '../lib/format.ts';
import { PRIVILEGES, isFiltering, type GraphFilter, type PrivilegeName, type Seen } from '../lib/graph-filter.ts';

export function GraphFilters({
  kinds,
  filter,
  hidden,
  onChange,
}: {
  /** Edge kinds in the picture, with how many edges of each. */
  kinds: [string, number][];
  filter: GraphFilter;
  /** Nodes and edges the filter takes off the picture, for the summary. */
  hidden: { nodes: number; edges: number };
  onChange(f: GraphFilter): void;
}) {
  const toggleKind = (kind: string) => {
    const next = new Set(filter.hiddenKinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    onChange({ ...filter, hiddenKinds: next });
  };
  const togglePrivilege = (p: PrivilegeName) => {
    const next = new Set(filter.privileges);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    onChange({ ...filter, privileges: next });
  };
  return (
    <div className="graph-filters small" role="group" aria-label="Filter the graph">
      <fieldset>
        <legend>Edges</legend>
        {kinds.map(([kind, n]) => (
          <label key={kind}>
            <input type="checkbox" checked={!filter.hiddenKinds.has(kind)} onChange={() => toggleKind(kind)} />{' '}
            {kind === 'reach' ? 'path (kind not loaded)' : label(kind)} <span className="muted">{num(n)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Privilege</legend>
        {PRIVILEGES.map((p) => (
          <label key={p}>
            <input type="checkbox" checked={filter.privileges.has(p)} onChange={() => togglePrivilege(p)} /> {p}
          </label>
        ))}
      </fieldset>
      <label className="graph-filters-seen">
        Seen{' '}
        <select value={filter.seen} onChange={(e) => onChange({ ...filter, seen: e.target.value as Seen })} aria-label="Exercised or granted">
          <option value="all">exercised or granted</option>
          <option value="exercised">exercised in the logs only</option>
          <option value="granted">granted, never seen used</option>
        </select>
      </label>
      {isFiltering(filter) && (
        <span className="graph-filters-summary" data-testid="filter-summary" aria-live="polite">
          hiding {num(hidden.nodes)} nodes · {num(hidden.edges)} edges{' '}
          <button type="button" className="link" onClick={() => onChange({ hiddenKinds: new Set(), privileges: new Set(PRIVILEGES), seen: 'all' })}>
            show all
          </button>
        </span>
      )}
    </div>
  );
}
