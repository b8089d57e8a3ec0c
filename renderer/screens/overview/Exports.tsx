// Exports of the whole case: the HTML report, findings as CSV, and the graph for other tools. The engine
// returns the content; the browser's download saves it (no API call writes to a path).
import { useState } from 'react';
import type { ExportFile } from '../../../shared/api/report.ts';
import { request } from '../../api/client.ts';
import { downloadText } from '../../lib/csv-export.ts';

const EXPORTS: { label: string; run: () => Promise<ExportFile> }[] = [
  { label: 'Case report (HTML)', run: () => request('report.html', {}) },
  { label: 'Findings (CSV)', run: () => request('export.csv', { what: 'findings' }) },
  { label: 'Graph (GraphML)', run: () => request('export.graph', { format: 'graphml' }) },
  { label: 'Graph (OpenGraph JSON)', run: () => request('export.graph', { format: 'opengraph' }) },
];

export function Exports() {
  const [status, setStatus] = useState<string | null>(null);
  const run = async (label: string, work: () => Promise<ExportFile>) => {
    setStatus(`Preparing ${label}…`);
    try {
      const file = await work();
      downloadText(file.fileName, file.content, file.mediaType);
      setStatus(`Saved ${file.fileName}`);
    } catch (err) {
      setStatus(`${label} failed: ${(err as Error).message}`);
    }
  };
  return (
    <div className="row exports" role="group" aria-label="Exports">
      <span className="muted small">Export</span>
      {EXPORTS.map((e) => (
        <button key={e.label} type="button" className="button small" onClick={() => void run(e.label, e.run)}>
          {e.label}
        </button>
      ))}
      {status && (
        <span className="muted small" role="status">
          {status}
        </span>
      )}
    </div>
  );
}
