// The Findings screen's UI state: filters and the analyst's selection survive switching screens and back.
import { create } from 'zustand';
import type { FindingFilterSpec } from '../../../shared/api/findings.ts';

interface FindingsUiState {
  filter: FindingFilterSpec;
  /** Ids ticked for bulk triage (x, or the checkboxes). */
  selected: Set<string>;
  /** Every finding the current filter matches is selected (bulk triage by filter, no id list). */
  allMatching: boolean;
  setFilter(patch: Partial<FindingFilterSpec>): void;
  toggle(id: string): void;
  selectAllMatching(on: boolean): void;
  clearSelection(): void;
}

export const useFindingsUi = create<FindingsUiState>((set) => ({
  filter: {},
  selected: new Set(),
  allMatching: false,
  // A new filter is a new list: a selection made in the old one would act on rows no longer shown.
  setFilter: (patch) => set((s) => ({ filter: clean({ ...s.filter, ...patch }), selected: new Set(), allMatching: false })),
  toggle: (id) => set((s) => {
    const selected = new Set(s.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { selected, allMatching: false };
  }),
  selectAllMatching: (on) => set({ allMatching: on, selected: new Set() }),
  clearSelection: () => set({ selected: new Set(), allMatching: false }),
}));

function clean(filter: FindingFilterSpec): FindingFilterSpec {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as FindingFilterSpec;
}
