// Import: pick files, check what was detected (preview, column mapping), run with progress, review the result.
import { Panel } from '../../components/ui.tsx';
import { useCaseStore } from '../../state/case-store.ts';
import { useImportStore } from '../../state/import-store.ts';
import { FileCard } from './FileCard.tsx';
import { FilePicker } from './FilePicker.tsx';
import { importable, runImport } from './import-job.ts';
import { ImportProgressView } from './ImportProgressView.tsx';
import { ImportResults } from './ImportResults.tsx';

export function ImportScreen() {
  const { files, running, results, error } = useImportStore();
  const readOnly = useCaseStore((s) => s.info?.readOnly ?? false);
  const ready = files.filter(importable);
  const waiting = files.some((f) => f.status === 'uploading' || f.status === 'detecting');
  if (readOnly)
    return (
      <div className="empty-state">
        <h1>Import</h1>
        <p>This case is open read-only (evidence mode): nothing can be imported.</p>
      </div>
    );
  return (
    <div className="import">
      <h1>Import</h1>
      {running ? (
        <ImportProgressView />
      ) : (
        <>
          <FilePicker />
          {files.length > 0 && (
            <Panel
              title={`Files (${files.length})`}
              actions={
                <button type="button" className="button primary" disabled={ready.length === 0 || waiting} onClick={() => void runImport()}>
                  Import {ready.length} {ready.length === 1 ? 'file' : 'files'}
                </button>
              }
            >
              <div className="stack">
                {files.map((f) => (
                  <FileCard key={f.key} file={f} />
                ))}
              </div>
            </Panel>
          )}
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {results && <ImportResults results={results} />}
    </div>
  );
}
