// The running import: which file, how far, rows per second and time left, and Cancel.
import { useEffect, useState } from 'react';
import { Panel, ProgressBar } from '../../components/ui.tsx';
import { bytes, duration, num } from '../../lib/format.ts';
import { useImportStore } from '../../state/import-store.ts';

export function ImportProgressView() {
  const { progress, running } = useImportStore();
  const [, tick] = useState(0);
  // Re-render each second so elapsed time moves even between progress events.
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  // Some importers report rows before bytes: without byte progress the bar is indeterminate rather than stuck at 0%.
  const fraction = progress?.total && progress.done > 0 ? Math.min(1, progress.done / progress.total) : null;
  const elapsed = progress ? (Date.now() - progress.startedAt) / 1000 : 0;
  const eta = fraction && fraction > 0.02 ? (elapsed / fraction) * (1 - fraction) : null;
  return (
    <Panel title="Importing">
      <div className="stack" aria-live="polite">
        <div className="row">
          <strong>{progress ? `File ${progress.fileIndex + 1} of ${progress.files}: ${progress.file.split(/[\\/]/).pop()}` : 'Starting…'}</strong>
          <span className="spacer" />
          <button type="button" className="button danger" onClick={() => running?.cancel()}>
            Cancel import
          </button>
        </div>
        <ProgressBar value={fraction} label="Import progress" />
        <div className="row muted">
          {progress?.total && fraction !== null ? (
            <span>
              {bytes(progress.done)} of {bytes(progress.total)} ({Math.round(fraction * 100)}%)
            </span>
          ) : progress?.total ? (
            <span>{bytes(progress.total)}</span>
          ) : null}
          {progress?.rows !== null && progress?.rows !== undefined && <span>{num(progress.rows)} rows</span>}
          {progress?.rate ? <span>{num(progress.rate)} rows/s</span> : null}
          <span>{eta === null ? 'estimating time left…' : `about ${duration(eta)} left`}</span>
        </div>
        <p className="muted small">An import is one transaction: cancelling leaves the case exactly as it was before this file.</p>
      </div>
    </Panel>
  );
}
