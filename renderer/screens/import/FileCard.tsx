// One chosen file: what the engine detected (format, confidence, why), the first rows, and, for CSVs the
// importer does not recognise, the column-mapping step.
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { Badge } from '../../components/ui.tsx';
import { bytes } from '../../lib/format.ts';
import { useImportStore, type PickedFile } from '../../state/import-store.ts';
import { MappingEditor } from './MappingEditor.tsx';

export function FileCard({ file }: { file: PickedFile }) {
  const { update, remove } = useImportStore();
  const formats = useApi('import.formats', {});
  const detect = file.detect;
  const unrecognised = file.status === 'ready' && !detect?.format;
  const [mapping, setMapping] = useState(false);
  const showMapping = (mapping || unrecognised) && !file.mapped && detect;
  const format = file.format ?? '';

  return (
    <article className="file-card" aria-label={file.name}>
      <header className="row">
        <strong className="file-name">{file.name}</strong>
        {file.size !== null && <span className="muted">{bytes(file.size)}</span>}
        {file.status === 'uploading' && (
          <span className="muted" role="status">
            uploading…
          </span>
        )}
        {file.status === 'detecting' && (
          <span className="muted" role="status">
            detecting format…
          </span>
        )}
        {file.status === 'error' && <span className="error">{file.error}</span>}
        <span className="spacer" />
        <button type="button" className="icon" aria-label={`Remove ${file.name}`} onClick={() => remove(file.key)}>
          ×
        </button>
      </header>
      {detect && (
        <>
          <div className="row detect">
            {file.mapped ? (
              <span>
                Mapped columns → <Badge kind="ok">{file.mapped.target}</Badge>
              </span>
            ) : detect.format ? (
              <span>
                Detected <Badge kind="ok">{detect.format}</Badge> <span className="muted">{Math.round(detect.confidence * 100)}% confidence</span>
              </span>
            ) : (
              <span>
                <Badge kind="warn">not recognised</Badge>
              </span>
            )}
            <span className="spacer" />
            <label className="muted">
              Format{' '}
              <select
                value={format}
                onChange={(e) => update(file.key, { format: e.target.value || undefined, mapped: undefined })}
                aria-label={`Format of ${file.name}`}
              >
                <option value="">{detect.format ? `detected (${detect.format})` : 'choose…'}</option>
                {formats.data?.map((f) => (
                  <option key={f.name} value={f.name} title={f.description}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            {!file.mapped && !unrecognised && (
              <button type="button" className="button small" onClick={() => setMapping((m) => !m)}>
                {mapping ? 'Hide mapping' : 'Map columns…'}
              </button>
            )}
            {file.mapped && (
              <button type="button" className="button small" onClick={() => update(file.key, { mapped: undefined })}>
                Undo mapping
              </button>
            )}
          </div>
          {!file.mapped && <p className="muted small reason">{detect.reason}</p>}
          <Preview rows={detect.preview} />
          {showMapping && <MappingEditor file={file} headers={detect.preview[0] ?? []} onDone={() => setMapping(false)} />}
        </>
      )}
    </article>
  );
}

function Preview({ rows }: { rows: string[][] }) {
  if (rows.length === 0) return null;
  const [head, ...body] = rows;
  return (
    <div className="preview" tabIndex={0} aria-label="Preview of the first rows">
      <table>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
