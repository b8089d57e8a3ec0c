// Handlers for importing files into the open case.
import type { ImportResults } from '../../../shared/api/import.ts';
import { rankFormats } from '../../ingest/detect.ts';
import { readSample } from '../../ingest/file-source.ts';
import { previewRecords } from '../../ingest/csv/stream-csv.ts';
import { IMPORTERS } from '../../ingest/registry.ts';
import { importFiles } from '../../ingest/run-import.ts';
import path from 'node:path';
import type { Handler } from '../session.ts';
import { caseOverview } from './inventory.ts';

type ImportHandlers = { [M in keyof ImportResults]: Handler<M> };

export const importHandlers: ImportHandlers = {
  'import.files': async (p, s) => {
    const kase = s.requireWritable();
    for (const file of p.paths) s.checkRead(file, 'importing');
    const sources = await importFiles(kase, p, { signal: s.signal, progress: s.progress });
    // The Overview is derived now, while the analyst waits for the import anyway, not when they open it. The import
    // has committed: a failure here must not report it as failed (the Overview screen derives it again and says why).
    if (sources.some((x) => !x.skipped && !x.failed)) {
      try {
        caseOverview(s);
      } catch {
        // shown when the Overview is opened
      }
    }
    return { sources };
  },
  'import.detect': async (p, s) => {
    // It answers with the file's first lines: only for files the analyst chose.
    s.checkRead(p.path, 'reading a file');
    const sample = await readSample(p.path, path.basename(p.path));
    const candidates = rankFormats(sample);
    const best = candidates[0];
    const isCsv = best?.format.endsWith('-csv') ?? !/^\s*[[{]/.test(sample.head);
    return {
      file: p.path,
      format: best?.format ?? null,
      confidence: best?.confidence ?? 0,
      reason: best?.reason ?? 'no importer matched the content',
      candidates,
      preview: isCsv
        ? previewRecords(sample.head, 6)
        : sample.head
            .split(/\r?\n/)
            .slice(0, 6)
            .map((l) => [l.slice(0, 300)]),
    };
  },
  'import.formats': () => IMPORTERS.map((i) => ({ name: i.name, description: i.description })),
};
