// Running an import: each file through import.files (with its own format), progress into the import store,
// cancellable at any point (the engine rolls the current file back; finished files stay imported).
import { call, request, uploadFile } from '../../api/client.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { useImportStore, type ImportResult, type PickedFile } from '../../state/import-store.ts';

let seq = 0;

/** Browser mode: upload, then detect. */
export function addUploads(files: File[]): void {
  const store = useImportStore.getState();
  const picked = files.map((f) => ({ key: `u${++seq}`, name: f.name, size: f.size, path: null, status: 'uploading' as const }));
  store.add(picked);
  picked.forEach((p, i) => {
    uploadFile(files[i])
      .then((path) => {
        store.update(p.key, { path, status: 'detecting' });
        return detect(p.key, path);
      })
      .catch((err: Error) => store.update(p.key, { status: 'error', error: err.message }));
  });
}

/** Desktop: paths from the native dialog, drag and drop, or typed. */
export function addPaths(paths: string[]): void {
  const store = useImportStore.getState();
  const picked = paths.map((path) => ({ key: `p${++seq}`, name: path.split(/[\\/]/).pop() ?? path, size: null, path, status: 'detecting' as const }));
  store.add(picked);
  for (const p of picked) void detect(p.key, p.path).catch((err: Error) => store.update(p.key, { status: 'error', error: err.message }));
}

async function detect(key: string, path: string): Promise<void> {
  const result = await request('import.detect', { path });
  useImportStore.getState().update(key, { detect: result, status: 'ready' });
}

export function importable(file: PickedFile): boolean {
  return file.status === 'ready' && !!file.path && !!(file.mapped || file.format || file.detect?.format);
}

export async function runImport(): Promise<void> {
  const store = useImportStore.getState();
  const files = store.files.filter(importable);
  const results: ImportResult[] = [];
  let cancelled = false;
  let current: { cancel(): void } | null = null;
  store.start(() => {
    cancelled = true;
    current?.cancel();
  });
  const before = await latestSourceId().catch(() => 0);
  const CANCELLED = 'Import cancelled. Files finished before the cancel stay imported; the file in progress was rolled back.';
  try {
    for (let i = 0; i < files.length && !cancelled; i++) {
      const f = files[i];
      const path = f.path!;
      const format = f.mapped?.target ?? f.format ?? undefined;
      // Name the file at once; the engine's first progress event comes after its first batch of rows.
      useImportStore.getState().onProgress(i, files.length, { task: 'import', file: f.name, done: 0, total: f.size });
      const handle = call('import.files', { paths: [path], format, mapping: f.mapped?.mapping }, (event) =>
        useImportStore.getState().onProgress(i, files.length, event),
      );
      current = handle;
      const answer = await handle.result;
      // The source id lets the result summary show this file's rejects.
      const latest = answer.sources.some((s) => !s.skipped) ? await latestSourceId() : 0;
      results.push(...answer.sources.map((s) => ({ ...s, file: f.name, sourceId: s.skipped ? undefined : latest })));
    }
    // A cancel that arrives after the engine committed the last file changes nothing: say what happened.
    const skipped = files.length - results.length;
    useImportStore
      .getState()
      .finish(
        results,
        cancelled && skipped > 0 ? `Import cancelled before ${skipped} of ${files.length} files; the files listed below were imported.` : null,
      );
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code === 'cancelled' && (await committedAnyway(before, results.filter((r) => !r.skipped).length))) {
      // The engine committed the file just before the cancel reached it: say so rather than claim a rollback.
      useImportStore.getState().finish(results, 'The cancel arrived after the file in progress had been committed: it is imported.');
      return;
    }
    useImportStore.getState().finish(results, e.code === 'cancelled' ? CANCELLED : e.message);
  } finally {
    const info = await request('case.info', {}).catch(() => null);
    if (info) useCaseStore.getState().setInfo(info);
  }
}

async function latestSourceId(): Promise<number> {
  return Math.max(0, ...(await request('case.sources', {})).map((s) => s.id));
}

/** After a cancel: did the file in progress commit anyway? Then there is one more new source than files reported. */
async function committedAnyway(before: number, reported: number): Promise<boolean> {
  const sources = await request('case.sources', {}).catch(() => []);
  return sources.filter((s) => s.id > before).length > reported;
}
