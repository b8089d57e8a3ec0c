// Which case is open, and a version number that bumps whenever the case changes (import, triage, marks),
// so every screen's server queries refetch. Recent cases persist in localStorage (paths only).
import { create } from 'zustand';
import type { CaseInfo } from '../../shared/api/case.ts';

const RECENT_KEY = 'blastmap.recentCases';

interface CaseState {
  info: CaseInfo | null;
  version: number;
  recent: string[];
  setInfo(info: CaseInfo | null): void;
  changed(): void;
  forget(path: string): void;
}

export const useCaseStore = create<CaseState>((set) => ({
  info: null,
  version: 0,
  recent: loadRecent(),
  setInfo: (info) =>
    set((s) => {
      const recent = info ? [info.path, ...s.recent.filter((p) => p !== info.path)].slice(0, 10) : s.recent;
      saveRecent(recent);
      return { info, recent, version: s.version + 1 };
    }),
  changed: () => set((s) => ({ version: s.version + 1 })),
  forget: (path) =>
    set((s) => {
      const recent = s.recent.filter((p) => p !== path);
      saveRecent(recent);
      return { recent };
    }),
}));

function loadRecent(): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, 10) : [];
  } catch {
    return [];
  }
}

function saveRecent(recent: string[]): void {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
  } catch {
    // Storage can be unavailable (private windows); recent cases are a convenience.
  }
}
