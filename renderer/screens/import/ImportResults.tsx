// What the import did, per file: rows read, loaded, rejected (viewable and exportable), or skipped and why.
import { useState } from 'react';
import { Badge, Link, Panel } from '../../components/ui.tsx';
import { num, plural } from '../../lib/format.ts';
import type { ImportResult } from '../../state/import-store.ts';
import { RejectsView } from './RejectsView.tsx';

export function ImportResults({ results }: { results: ImportResult[] }) {
  const [rejectsOf, setRejectsOf] = useState<ImportResult | null>(null);
  const loaded = results.reduce((a, r) => a + r.loaded, 0);
  const rejected = results.reduce((a, r) => a + r.rejected, 0);
  return (
    <Panel
      title="Import result"
      actions={
        <Link to="overview" className="button primary">
          Go to overview
        </Link>
      }
    >
      <p className="summary" data-testid="import-summary">
        <strong>{plural(loaded, 'row')}</strong> loaded, <strong>{num(rejected)}</strong> rejected, from {plural(results.length, 'file')}.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>File</th>
            <th>Format</th>
            <th className="n">Rows</th>
            <th className="n">Loaded</th>
            <th className="n">Rejected</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {results.map((r, i) => (
            <tr key={i}>
              <td>{r.file.split(/[\\/]/).pop()}</td>
              <td>
                <Badge kind="format">{r.format}</Badge>
              </td>
              {r.skipped ? (
                <td colSpan={3} className="muted">
                  {r.message ?? 'skipped'}
                </td>
              ) : (
                <>
                  <td className="n">{num(r.rows)}</td>
                  <td className="n">{num(r.loaded)}</td>
                  <td className={`n${r.rejected ? ' warn' : ''}`}>{num(r.rejected)}</td>
                </>
              )}
              <td>
                {r.rejected > 0 && r.sourceId && (
                  <button type="button" className="button small" onClick={() => setRejectsOf(r)}>
                    View rejects
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rejectsOf?.sourceId && <RejectsView sourceId={rejectsOf.sourceId} file={rejectsOf.file} count={rejectsOf.rejected} />}
    </Panel>
  );
}
