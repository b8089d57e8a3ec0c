// Hover details: a small panel beside the hovered node (never over it or its label), or next to the pointer on an edge. Text only (React escapes it): names come from hostile imports.
import type { Mark } from '../../../shared/model.ts';
import { useApi } from '../../api/use-api.ts';
import { FloatingCard } from '../../components/FloatingCard.tsx';
import { label, num } from '../../lib/format.ts';
import { displayName, type Drawing } from './drawing.ts';
import type { Hover } from './ExplorerCanvas.tsx';

export function HoverCard({ hover, drawing, marks }: { hover: Hover; drawing: Drawing; marks: Set<Mark> | undefined }) {
  const node = hover.what === 'node' ? drawing.nodes.get(hover.id) : undefined;
  const edge = hover.what === 'edge' ? drawing.edges.get(hover.id) : undefined;
  const detail = useApi('graph.node', node && !node.group ? { id: node.id } : null);
  const rows: [string, string | null | undefined][] = [];
  let title = hover.id;
  if (node?.group) {
    const g = node.group;
    title = `${num(g.members.length + g.notLoaded)} ${g.direction === 'in' ? 'into' : 'out of'} ${g.anchor}`;
    rows.push(['edge', label(g.kind)], ['click', 'draw them (asks past the cap)']);
    if (g.notLoaded) rows.push(['not loaded', num(g.notLoaded)]);
  } else if (node) {
    const d = detail.data;
    title = d?.displayName ?? node.name ?? node.id;
    rows.push(
      ['id', node.id],
      ['kind', d ? [d.kind, d.subkind].filter(Boolean).join(' · ') : node.kind],
      ['environment', d?.environment],
      ['status', d?.status],
      ['owner', d?.owner],
      ['criticality', d?.criticality ?? node.criticality],
      ['marks', marks ? [...marks].join(', ') : null],
    );
  } else if (edge) {
    const nameOf = (id: string) => drawing.nodes.get(id)?.name || displayName(drawing, id);
    title = `${nameOf(edge.from)} → ${nameOf(edge.to)}`;
    rows.push(
      ['edge', label(edge.kind)],
      ['privilege', edge.privilege],
      ['seen', edge.exercised ? 'exercised in the logs' : 'granted, not seen exercised'],
    );
  }
  return (
    <FloatingCard x={hover.x} y={hover.y} avoid={hover.box}>
      <div className="explorer-hover-title mono">{title}</div>
      <dl>
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </FloatingCard>
  );
}
