// The built-in demo enterprise: a seeded synthetic company with planted breaches, built on first use
// (a few seconds, with progress) and reopened afterwards.
import { useState } from 'react';
import type { ProgressEvent } from '../../../shared/api/import.ts';
import { call } from '../../api/client.ts';
import { ErrorNote, Panel, ProgressBar } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { useRouter } from '../../state/router.ts';

export function DemoCase({ busy }: { busy: boolean }) {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [running, setRunning] = useState<{ cancel(): void } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = () => {
    setError(null);
    const handle = call('demo.open', {}, setProgress);
    setRunning(handle);
    handle.result
      .then(
        (info) => {
          useCaseStore.getState().setInfo(info);
          useRouter.getState().go('overview');
        },
        (err: Error) => setError(err.message),
      )
      .finally(() => {
        setRunning(null);
        setProgress(null);
      });
  };
  return (
    <Panel title="Demo case">
      <div className="stack">
        <p className="muted">
          A synthetic enterprise (about 2,000 identities and 200,000 auth events) with planted breaches to explore blast radius, paths and findings.
        </p>
        {running ? (
          <>
            <ProgressBar value={progress?.total ? progress.done / progress.total : null} label="Building the demo case" />
            <div className="row muted small">
              <span>
                {progress?.file ? `${progress.file.split(/[\\/]/).pop()}: ` : 'Generating… '}
                {progress?.message ?? ''}
              </span>
              {progress?.rate ? <span>{num(progress.rate)} rows/s</span> : null}
              <span className="spacer" />
              <button type="button" className="button small danger" onClick={() => running.cancel()}>
                Cancel
              </button>
            </div>
          </>
        ) : (
          <div className="row">
            <button type="button" className="button primary" onClick={open} disabled={busy}>
              Open demo case
            </button>
          </div>
        )}
        {error && <ErrorNote message={error} />}
      </div>
    </Panel>
  );
}
