// Rejected rows of one imported file: where, why, and the raw excerpt; exportable as CSV for the data owner.
import { useState } from 'react';
import { request } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorNote, Loading } from '../../components/ui.tsx';
import { downloadText, toCsv } from '../../lib/csv-export.ts';
import { num } from '../../lib/format.ts';

const SHOWN = 500;

export function RejectsView({ sourceId, file, count }: { sourceId: number; file: string; count: number }) {
  const { data, error, loading } = useApi('case.rejects', { sourceId, limit: SHOWN });
  const [exporting, setExporting] = useState(false);
  const exportAll = async () => {
    setExporting(true);
    try {
      const rows: { locator: string; reason: string; excerpt: string }[] = [];
      for (let offset = 0; ; offset += 100_000) {
        const page = await request('case.rejects', { sourceId, limit: 100_000, offset });
        rows.push(...page);
        if (page.length < 100_000) break;
      }
      downloadText(`${file.split(/[\\/]/).pop()}.rejects.csv`, toCsv(['locator', 'reason', 'excerpt'], rows));
    } finally {
      setExporting(false);
    }
  };
  return (
    <section className="rejects" aria-label={`Rejected rows of ${file}`}>
      <div className="row">
        <h3>
          Rejected rows of {file.split(/[\\/]/).pop()} ({num(count)}
          {count > SHOWN ? `, first ${SHOWN} shown` : ''})
        </h3>
        <span className="spacer" />
        <button type="button" className="button" disabled={exporting} onClick={() => void exportAll()}>
          {exporting ? 'Exporting…' : 'Export rejects CSV'}
        </button>
      </div>
      {loading && <Loading what="rejects" />}
      {error && <ErrorNote message={error} />}
      {data && (
        <div className="scroll-box">
          <table className="table">
            <thead>
              <tr>
                <th>Where</th>
                <th>Reason</th>
                <th>Row</th>
              </tr>
            </thead>
            <tbody>
              {data.map((r, i) => (
                <tr key={i}>
                  <td className="mono">{r.locator}</td>
                  <td>{r.reason}</td>
                  <td className="mono excerpt">{r.excerpt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
