// The import in progress: chosen files (with detection and any column mapping), the running job's progress,
// and the result. Kept outside the Import screen so navigating away does not lose a long import.
import { create } from 'zustand';
import type { DetectResult, ImportedSource, ProgressEvent } from '../../shared/api/import.ts';

export interface PickedFile {
  /** Stable key for the UI. */
  key: string;
  name: string;
  size: number | null;
  /** Path the engine reads (the upload's server-side path in browser mode). */
  path: string | null;
  status: 'uploading' | 'detecting' | 'ready' | 'error';
  error?: string;
  detect?: DetectResult;
  /** Format chosen by the analyst; else the detected one. */
  format?: string;
  /** Set after a column mapping was applied: the canonical copy to import instead. */
  /** A column mapping the import applies to the file as it streams in (the file itself is imported, unchanged). */
  mapped?: { target: string; mapping: Record<string, string> };
}

export type ImportResult = ImportedSource & { sourceId?: number };

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  done: number;
  total: number | null;
  rate: number | null;
  rows: number | null;
  startedAt: number;
}

interface ImportState {
  files: PickedFile[];
  running: { cancel(): void } | null;
  progress: ImportProgress | null;
  results: ImportResult[] | null;
  error: string | null;
  add(files: PickedFile[]): void;
  update(key: string, patch: Partial<PickedFile>): void;
  remove(key: string): void;
  start(cancel: () => void): void;
  onProgress(fileIndex: number, files: number, event: ProgressEvent): void;
  finish(results: ImportResult[], error: string | null): void;
  reset(): void;
}

export const useImportStore = create<ImportState>((set) => ({
  files: [],
  running: null,
  progress: null,
  results: null,
  error: null,
  add: (files) => set((s) => ({ files: [...s.files, ...files], results: null, error: null })),
  update: (key, patch) => set((s) => ({ files: s.files.map((f) => (f.key === key ? { ...f, ...patch } : f)) })),
  remove: (key) => set((s) => ({ files: s.files.filter((f) => f.key !== key) })),
  start: (cancel) => set({ running: { cancel }, progress: null, results: null, error: null }),
  onProgress: (fileIndex, files, event) =>
    set((s) => ({
      progress: {
        file: event.file ?? s.progress?.file ?? '',
        fileIndex,
        files,
        done: event.done,
        total: event.total,
        rate: event.rate ?? null,
        rows: rowsFrom(event.message),
        startedAt: s.progress?.fileIndex === fileIndex ? s.progress.startedAt : Date.now(),
      },
    })),
  finish: (results, error) => set((s) => ({ running: null, results, error, files: error ? s.files : [] })),
  reset: () => set({ files: [], running: null, progress: null, results: null, error: null }),
}));

function rowsFrom(message: string | undefined): number | null {
  const m = /^(\d+) rows/.exec(message ?? '');
  return m ? Number(m[1]) : null;
}
