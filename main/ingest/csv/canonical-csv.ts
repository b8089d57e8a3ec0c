// Importers for the six canonical CSV files, recognised by their header row (ENGINEERING.md §4).
import { ApiError } from '../../../shared/api/contract.ts';
import { CANONICAL_SPECS, matchHeader, type CanonicalSpec, type HeaderMatch } from '../../../shared/csv-formats.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { ROW_LOADERS, RowError, type Cell } from './canonical-rows.ts';
import { firstRecord, streamCsv } from './stream-csv.ts';

export const canonicalCsvImporters: Importer[] = CANONICAL_SPECS.map((spec) => ({
  name: spec.format,
  description: spec.description,
  detect: (sample) => detectCanonical(spec, sample),
  run: (ctx) => runCanonical(spec, ctx),
}));

function looksLikeJson(head: string): boolean {
  const c = head.trimStart()[0];
  return c === '{' || c === '[';
}

function detectCanonical(spec: CanonicalSpec, sample: Sample): Detection | null {
  if (!sample.head.trim() || looksLikeJson(sample.head)) return null;
  const header = firstRecord(sample.head);
  if (header.length < 2) return null;
  const match = matchHeader(spec, header);
  if (match.missing.length) return null;
  // Scores land in 0..2; map to a confidence that stays below the certainty of a format signature.
  return {
    confidence: Math.min(0.95, 0.5 + match.score / 4),
    reason: `header matches ${spec.kind} columns (${Object.keys(match.columns).join(', ')})`,
  };
}

async function runCanonical(spec: CanonicalSpec, ctx: ImportContext): Promise<void> {
  const load = ROW_LOADERS[spec.kind];
  let match: HeaderMatch | null = null;
  await streamCsv(ctx.path, { signal: ctx.signal, onBytes: ctx.progress }, (records, first) => {
    let i = 0;
    if (!match) {
      const header = records[0] ?? [];
      match = matchHeader(spec, header);
      if (match.missing.length) {
        throw new ApiError('bad-input', `${ctx.fileName}: not a ${spec.kind} CSV: missing column(s) ${match.missing.join(', ')} (header: ${header.slice(0, 20).join(', ')})`);
      }
      i = 1;
    }
    const columns = match.columns;
    let record: string[] = [];
    const get: Cell = (column) => {
      const idx = columns[column];
      return idx === undefined ? undefined : record[idx];
    };
    for (; i < records.length; i++) {
      record = records[i];
      const rowNumber = first + i;
      const locator = `row ${rowNumber}`;
      ctx.countRow();
      try {
        load(get, locator, ctx.writer, rowNumber);
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        ctx.writer.reject(locator, e.message, record.join(','));
      }
    }
  });
  if (!match) throw new ApiError('bad-input', `${ctx.fileName}: the file is empty (no header row)`);
}
