// "Expand…": the node's edges counted per direction and kind (graph.neighbours), one item per kind.
import { useApi } from '../../api/use-api.ts';
import { label, num } from '../../lib/format.ts';
import { expand } from './actions.ts';
import { PopupMenu, type MenuItem } from './PopupMenu.tsx';

export function ExpandMenu({ id, x, y, onClose }: { id: string; x: number; y: number; onClose(): void }) {
  // limit 1: only the counts are needed here; the chosen kind is loaded in full afterwards.
  const { data, error } = useApi('graph.neighbours', { id, direction: 'both', limit: 1 });
  const groups = Object.entries(data?.counts ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const items: MenuItem[] = groups.map(([key, count]) => {
    const [direction, kind] = key.split(':') as ['out' | 'in', string];
    return {
      label: `${direction === 'out' ? '→' : '←'} ${label(kind)}`,
      hint: `${num(count)} ${direction === 'out' ? 'out' : 'in'}`,
      onSelect: () => {
        onClose();
        void expand(id, direction, kind);
      },
    };
  });
  if (!data) items.push({ label: error ? `Error: ${error}` : 'Counting neighbours…', disabled: true, onSelect: () => undefined });
  else if (!items.length) items.push({ label: 'No edges', disabled: true, onSelect: () => undefined });
  return <PopupMenu x={x} y={y} title={`Expand ${id}`} items={items} onClose={onClose} />;
}
