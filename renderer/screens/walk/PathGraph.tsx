// The chosen attack path as a left-to-right strip (the blast-radius drawing, ReachGraph), with fit and zoom, edge
// labels, and the walked part lit: the hops up to the current step stay bright, the rest is dimmed. Clicking a
// node walks to the hop that leaves it.
import { useMemo } from 'react';
import type { AttackPath, ReachRow } from '../../../shared/api/graph.ts';
import { ReachGraph } from '../reach/ReachGraph.tsx';

/** A path picture marks no crown jewel of its own (the walker names the target); one array, so nothing redraws. */
const NO_CROWN: string[] = [];

/** The kind of node an edge of a path lands on, for its shape (the path itself carries only ids). */
const LANDS_ON: Record<string, string> = {
  access: 'system',
  member_of: 'group',
  has_role: 'role',
  has_credential: 'credential',
  authenticates: 'identity',
  can_assume: 'role',
  owns: 'identity',
  stores: 'credential',
  runs_as: 'identity',
};

export function pathRows(path: AttackPath): ReachRow[] {
  return path.hops.map((h, i) => {
    const grant = h.evidence.find((e) => e.type === 'grant');
    return {
      id: h.to,
      kind: LANDS_ON[h.edge] ?? 'identity',
      privilege: h.edge === 'access' ? (grant?.privilege ?? null) : null,
      hops: i + 1,
      path: path.nodes.slice(0, i + 2),
      edges: path.hops.slice(0, i + 1).map((x) => x.edge),
      name: path.names[h.to] ?? h.to,
    };
  });
}

export function PathGraph({ path, step, onStep }: { path: AttackPath; step: number; onStep(step: number): void }) {
  const rows = useMemo(() => pathRows(path), [path]);
  const source = path.nodes[0];
  const at = path.nodes[Math.min(step + 1, path.nodes.length - 1)];
  return (
    <ReachGraph
      compact
      source={source}
      sourceName={path.names[source] ?? source}
      reach={rows}
      names={path.names}
      crownJewels={NO_CROWN}
      selected={at}
      label={`The path, ${path.hops.length} hops from ${path.names[source] ?? source}; step ${step + 1} is lit`}
      onSelect={(id) => {
        const i = id ? path.nodes.indexOf(id) : -1;
        if (i >= 0) onStep(Math.max(0, Math.min(i - 1, path.hops.length - 1)));
      }}
    />
  );
}
