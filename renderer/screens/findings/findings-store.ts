// The Findings screen's bulk selection (its filter and open finding live in the route: findings-route.ts).
import { create } from 'zustand';

interface FindingsUiState {
  /** Ids ticked for bulk triage (x, or the checkboxes). */
  selected: Set<string>;
  /** Every finding the current filter matches is selected (bulk triage by filter, no id list). */
  allMatching: boolean;
  toggle(id: string): void;
  selectAllMatching(on: boolean): void;
  clearSelection(): void;
}

export const useFindingsUi = create<FindingsUiState>((set) => ({
  selected: new Set(),
  allMatching: false,
  toggle: (id) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected, allMatching: false };
    }),
  selectAllMatching: (on) => set({ allMatching: on, selected: new Set() }),
  clearSelection: () => set({ selected: new Set(), allMatching: false }),
}));
