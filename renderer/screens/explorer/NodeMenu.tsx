// The context menu of a node: expand, blast radius from here, exposure to here, marks, hide.
import type { Mark } from '../../../shared/model.ts';
import { useRouter } from '../../state/router.ts';
import { openGroup, setMark, showBlastRadius, showExposure } from './actions.ts';
import { hide, type Drawing } from './drawing.ts';
import { useExplorer } from './explorer-store.ts';
import { PopupMenu, type MenuItem } from './PopupMenu.tsx';

export function NodeMenu({
  drawing,
  id,
  x,
  y,
  marks,
  onMarked,
  onClose,
}: {
  drawing: Drawing;
  id: string;
  x: number;
  y: number;
  marks: Set<Mark> | undefined;
  onMarked(): void;
  onClose(): void;
}) {
  const node = drawing.nodes.get(id);
  if (!node) return null;
  const mark = (m: Mark) => async () => {
    if (await setMark(id, m, !marks?.has(m))) onMarked();
  };
  const items: MenuItem[] = node.group
    ? [
        { label: 'Expand group', hint: 'E / Enter', onSelect: () => openGroup(id) },
        { label: 'Hide', hint: 'Delete', onSelect: () => useExplorer.getState().push(hide(drawing, id)) },
      ]
    : [
        { label: 'Expand…', hint: 'E / Enter', onSelect: () => useExplorer.getState().open({ type: 'expand', id, x, y }) },
        { label: 'Blast radius from here', onSelect: () => void showBlastRadius(id) },
        { label: 'Exposure to here', onSelect: () => void showExposure(id) },
        { label: marks?.has('compromised') ? 'Unmark compromised' : 'Mark compromised', onSelect: mark('compromised') },
        { label: marks?.has('crown-jewel') ? 'Unmark crown jewel' : 'Mark crown jewel', onSelect: mark('crown-jewel') },
        { label: 'Hide', hint: 'Delete', disabled: id === drawing.root, onSelect: () => useExplorer.getState().push(hide(drawing, id)) },
        ...(node.kind === 'identity' || node.kind === 'group' || node.kind === 'role'
          ? [{ label: 'Open identity page', onSelect: () => useRouter.getState().go('identity', id) }]
          : []),
      ];
  // Every choice closes the menu first (focus goes back to the canvas), then acts.
  const closing = items.map((item) => ({
    ...item,
    onSelect: () => {
      onClose();
      item.onSelect();
    },
  }));
  return <PopupMenu x={x} y={y} title={node.group ? 'Group' : id} items={closing} onClose={onClose} />;
}
