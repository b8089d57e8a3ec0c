// UI state of the graph explorer (no API calls here): the history of drawings for back/forward, the
// selected node, and which menu or question is open. Each drawing is an immutable value (drawing.ts).
import { create } from 'zustand';
import type { Drawing } from './drawing.ts';

/** Enough to walk back through an investigation without keeping every 2,500-element picture forever. */
const HISTORY = 50;

export type Popup =
  | { type: 'context'; id: string; x: number; y: number }
  | { type: 'expand'; id: string; x: number; y: number }
  | { type: 'cap'; id: string; members: number }
  | null;

interface ExplorerState {
  /** What the current investigation started from (`case version:node id`): coming back to it keeps the picture. */
  startedFrom: string | null;
  history: Drawing[];
  index: number;
  selected: string | null;
  popup: Popup;
  error: string | null;
  reset(d: Drawing, startedFrom?: string | null): void;
  push(d: Drawing): void;
  back(): void;
  forward(): void;
  select(id: string | null): void;
  open(p: Popup): void;
  fail(message: string | null): void;
}

export const useExplorer = create<ExplorerState>((set) => ({
  startedFrom: null,
  history: [],
  index: -1,
  selected: null,
  popup: null,
  error: null,
  reset: (d, startedFrom = null) => set({ startedFrom, history: [d], index: 0, selected: d.root, popup: null, error: null }),
  push: (d) =>
    set((s) => {
      if (s.history[s.index] === d) return { popup: null };
      const history = [...s.history.slice(0, s.index + 1), d].slice(-HISTORY);
      return { history, index: history.length - 1, popup: null, error: null, selected: s.selected && d.nodes.has(s.selected) ? s.selected : d.root };
    }),
  back: () => set((s) => (s.index > 0 ? moveTo(s, s.index - 1) : {})),
  forward: () => set((s) => (s.index < s.history.length - 1 ? moveTo(s, s.index + 1) : {})),
  select: (selected) => set({ selected }),
  open: (popup) => set({ popup }),
  fail: (error) => set({ error }),
}));

function moveTo(s: ExplorerState, index: number): Partial<ExplorerState> {
  const d = s.history[index];
  return { index, popup: null, selected: s.selected && d.nodes.has(s.selected) ? s.selected : d.root };
}

export function currentDrawing(): Drawing | null {
  const s = useExplorer.getState();
  return s.history[s.index] ?? null;
}
