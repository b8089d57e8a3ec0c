// Column mapping for a CSV the importer does not recognise: pick the canonical file it is, match each
// canonical column to one of the file's headers, optionally save that as a preset for next time.
import { useMemo, useState } from 'react';
import { CANONICAL_SPECS } from '../../../shared/csv-formats.ts';
import { request } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorNote } from '../../components/ui.tsx';
import { label } from '../../lib/format.ts';
import { useCaseStore } from '../../state/case-store.ts';
import { useImportStore, type PickedFile } from '../../state/import-store.ts';

export function MappingEditor({ file, headers, onDone }: { file: PickedFile; headers: string[]; onDone: () => void }) {
  const presets = useApi('mapping.presets', {});
  const [target, setTarget] = useState(CANONICAL_SPECS[0].format);
  const [mapping, setMapping] = useState<Record<string, string>>(() => guess(CANONICAL_SPECS[0].format, headers));
  const [presetName, setPresetName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const spec = useMemo(() => CANONICAL_SPECS.find((s) => s.format === target)!, [target]);
  const missing = spec.columns.filter((c) => c.required && !mapping[c.name]).map((c) => c.name);

  const chooseTarget = (next: string) => {
    setTarget(next);
    setMapping(guess(next, headers));
  };
  const clean = () => Object.fromEntries(Object.entries(mapping).filter(([, v]) => v));
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const apply = () =>
    act(async () => {
      // The engine checks the mapping against the file's header; the import then applies it in the stream.
      const chosen = clean();
      await request('mapping.apply', { path: file.path!, target, mapping: chosen });
      useImportStore.getState().update(file.key, { mapped: { target, mapping: chosen } });
      onDone();
    });
  const save = () =>
    act(async () => {
      await request('mapping.save', { name: presetName.trim(), target, mapping: clean() });
      setPresetName('');
      useCaseStore.getState().changed();
    });

  return (
    <div className="mapping" role="group" aria-label={`Column mapping for ${file.name}`}>
      <div className="row">
        <label>
          This file is{' '}
          <select value={target} onChange={(e) => chooseTarget(e.target.value)} aria-label="Canonical file type">
            {CANONICAL_SPECS.map((s) => (
              <option key={s.format} value={s.format}>
                {s.kind.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        {presets.data && presets.data.length > 0 && (
          <label>
            Preset{' '}
            <select
              value=""
              aria-label="Apply a saved mapping preset"
              onChange={(e) => {
                const p = presets.data!.find((x) => x.name === e.target.value);
                if (p) {
                  setTarget(p.target);
                  setMapping(Object.fromEntries(Object.entries(p.mapping).filter(([, h]) => headers.includes(h))));
                }
              }}
            >
              <option value="">choose…</option>
              {presets.data.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} ({p.target})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="mapping-grid">
        {spec.columns.map((c) => (
          <label key={c.name} className={c.required ? 'required' : undefined}>
            <span>
              {label(c.name)}
              {c.required ? ' *' : ''}
            </span>
            <select
              value={mapping[c.name] ?? ''}
              onChange={(e) => setMapping((m) => ({ ...m, [c.name]: e.target.value }))}
              aria-label={`Column for ${c.name}`}
            >
              <option value="">—</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={busy || missing.length > 0}
          onClick={() => void apply()}
          title={missing.length ? `Map ${missing.join(', ')} first` : undefined}
        >
          Use this mapping
        </button>
        <input aria-label="Preset name" placeholder="preset name" value={presetName} onChange={(e) => setPresetName(e.target.value)} />
        <button type="button" className="button" disabled={busy || !presetName.trim() || missing.length > 0} onClick={() => void save()}>
          Save as preset
        </button>
        {missing.length > 0 && <span className="muted">Required: {missing.join(', ')}</span>}
      </div>
      {error && <ErrorNote message={error} />}
    </div>
  );
}

/** Pre-selects headers that already say the canonical name or one of its synonyms. */
function guess(target: string, headers: string[]): Record<string, string> {
  const spec = CANONICAL_SPECS.find((s) => s.format === target);
  const norm = (h: string) => h.toLowerCase().replace(/[\s_-]/g, '');
  const out: Record<string, string> = {};
  for (const c of spec?.columns ?? []) {
    const names = [c.name, ...(c.synonyms ?? [])].map(norm);
    const hit = headers.find((h) => names.includes(norm(h)));
    if (hit) out[c.name] = hit;
  }
  return out;
}
