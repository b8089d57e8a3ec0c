// Case home: create a case, open one by path (optionally read-only, for evidence), reopen a recent one.
import { useState, type FormEvent } from 'react';
import { request } from '../../api/client.ts';
import { ErrorNote, Panel } from '../../components/ui.tsx';
import { date, num } from '../../lib/format.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { useRouter } from '../../state/router.ts';
import { DemoCase } from './DemoCase.tsx';

export function CaseHome() {
  const { info, recent, forget } = useCaseStore();
  const [path, setPath] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = async (target: string, create: boolean, ro = readOnly) => {
    setBusy(true);
    setError(null);
    try {
      const opened = await request('case.open', { path: target, create, readOnly: ro || undefined });
      useCaseStore.getState().setInfo(opened);
      useRouter.getState().go(opened.sources === 0 ? 'import' : 'overview');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (create: boolean) => (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void open(path.trim(), create);
  };

  return (
    <div className="home">
      <h1>Cases</h1>
      {info && (
        <Panel title="Open case">
          <p>
            <strong>{info.path}</strong>
          </p>
          <p className="muted">
            {num(Object.values(info.nodes).reduce((a, b) => a + b, 0))} nodes · {num(info.authEvents)} auth events · {info.sources} sources · as of{' '}
            {date(info.asOf)}
          </p>
          <div className="row">
            <button type="button" className="button primary" onClick={() => useRouter.getState().go('overview')}>
              Overview
            </button>
            <button type="button" className="button" onClick={() => useRouter.getState().go('import')}>
              Import files
            </button>
          </div>
        </Panel>
      )}
      <div className="columns">
        <Panel title="New or existing case">
          <form className="stack" onSubmit={submit(false)}>
            <label htmlFor="case-path">Case file path</label>
            <input
              id="case-path"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="/cases/incident-42.blastmap"
              spellCheck={false}
            />
            <label className="check">
              <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} /> Open read-only (evidence mode)
            </label>
            <div className="row">
              <button type="submit" className="button primary" disabled={busy || !path.trim()}>
                Open
              </button>
              <button type="button" className="button" disabled={busy || !path.trim() || readOnly} onClick={submit(true)}>
                Create new case
              </button>
            </div>
          </form>
          {error && <ErrorNote message={error} />}
        </Panel>
        <Panel title="Recent cases">
          {recent.length === 0 ? (
            <p className="muted">Cases you open appear here.</p>
          ) : (
            <ul className="recent">
              {recent.map((p) => (
                <li key={p}>
                  <button type="button" className="linklike" onClick={() => void open(p, false, false)} disabled={busy}>
                    {p}
                  </button>
                  <button type="button" className="icon" aria-label={`Forget ${p}`} onClick={() => forget(p)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <DemoCase busy={busy} />
      </div>
    </div>
  );
}
