// Asked before a group would push the canvas past the element cap: draw what fits, draw all, or cancel.
import { useEffect, useRef } from 'react';
import { num } from '../../lib/format.ts';
import { drawMembers, membersWithinCap } from './actions.ts';
import { ELEMENT_CAP } from './drawing.ts';

export function CapDialog({ id, members, onClose }: { id: string; members: number; onClose(): void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const fits = membersWithinCap();
  return (
    <div
      className="explorer-cap"
      role="dialog"
      aria-modal="true"
      aria-labelledby="explorer-cap-title"
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onClose();
      }}
    >
      <h2 id="explorer-cap-title">Draw {num(members)} more nodes?</h2>
      <p>
        All of them would take the picture past {num(ELEMENT_CAP)} elements, where the canvas stops being smooth. The rest stay counted in the group
        and can be drawn later.
      </p>
      <div className="row">
        <button
          ref={first}
          type="button"
          className="button primary"
          disabled={fits === 0}
          onClick={() => {
            onClose();
            drawMembers(id, fits);
          }}
        >
          Draw {num(fits)} (up to the cap)
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            onClose();
            drawMembers(id, members);
          }}
        >
          Draw all {num(members)}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
