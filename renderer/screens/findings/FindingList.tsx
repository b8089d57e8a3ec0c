// Every finding the filter matches, most severe first, in a virtualized list paged from the engine: only the
// visible rows exist in the DOM. Keyboard: j/k (or ↓/↑) move and open, x ticks for bulk triage, t triages.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { isRuleId, RULES } from '../../../shared/catalogs/rules.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge } from '../../components/ui.tsx';
import { useRouter } from '../../state/router.ts';
import type { FindingFilterSpec } from '../../../shared/api/findings.ts';
import { useFindingsUi } from './findings-store.ts';
import { findingsParams } from './findings-route.ts';
import type { PagedFindings } from './use-findings-page.ts';

const ROW_HEIGHT = 44;

export function FindingList({
  findings,
  filter,
  selected,
  active,
  onActive,
  onTriage,
}: {
  findings: PagedFindings;
  filter: FindingFilterSpec;
  selected: string | null;
  active: number;
  onActive(index: number): void;
  onTriage(): void;
}) {
  const ticked = useFindingsUi((s) => s.selected);
  const allMatching = useFindingsUi((s) => s.allMatching);
  const toggle = useFindingsUi((s) => s.toggle);
  const scroller = useRef<HTMLDivElement>(null);
  const count = findings.total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => findings.ensure(first, last), [first, last, findings]);

  const open = (index: number) => {
    onActive(index);
    virtualizer.scrollToIndex(index);
    const f = findings.row(index);
    if (f) useRouter.getState().go('findings', f.id, findingsParams(filter));
  };
  const onKey = (e: KeyboardEvent) => {
    if (!count || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j' || e.key === 'ArrowDown') {
      e.preventDefault();
      open(Math.min(count - 1, active + 1));
    } else if (e.key === 'k' || e.key === 'ArrowUp') {
      e.preventDefault();
      open(Math.max(0, active - 1));
    } else if (e.key === 'x' || e.key === ' ') {
      e.preventDefault();
      const f = findings.row(active);
      if (f) toggle(f.id);
    } else if (e.key === 't') {
      e.preventDefault();
      onTriage();
    } else if (e.key === 'Enter') {
      open(active);
    }
  };

  return (
    <div
      className="finding-list"
      ref={scroller}
      tabIndex={0}
      role="listbox"
      aria-multiselectable="true"
      aria-label="Findings"
      aria-activedescendant={count ? `finding-row-${active}` : undefined}
      aria-keyshortcuts="j k x t"
      onKeyDown={onKey}
    >
      <div className="finding-list-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const f = findings.row(item.index);
          const isTicked = allMatching || (f ? ticked.has(f.id) : false);
          return (
            <div
              key={item.key}
              id={`finding-row-${item.index}`}
              role="option"
              aria-selected={isTicked}
              data-index={item.index}
              className={`finding-row${item.index === active ? ' active' : ''}${f && f.id === selected ? ' current' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => open(item.index)}
            >
              {f ? (
                <>
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-label={`Select ${f.title}`}
                    checked={isTicked}
                    onClick={(e) => e.stopPropagation()}
                    onChange={() => toggle(f.id)}
                    disabled={allMatching}
                  />
                  <Badge kind={f.severity} />
                  <span className="finding-row-main">
                    <NodeName id={f.subject} name={f.subjectName} className="finding-subject" />
                    <span className="finding-row-title muted small" title={f.title}>
                      {isRuleId(f.rule) ? RULES[f.rule].title : f.rule} · {f.subjectName ? f.title.split(f.subject).join(f.subjectName) : f.title}
                    </span>
                  </span>
                  {f.status !== 'open' && <Badge kind={f.status} />}
                </>
              ) : (
                <span className="placeholder" />
              )}
            </div>
          );
        })}
      </div>
      {findings.total === 0 && <p className="empty">No finding matches.</p>}
    </div>
  );
}
