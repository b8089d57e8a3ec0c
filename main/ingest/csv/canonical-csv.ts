// Importers for the six canonical CSV files, recognised by their header row (README, Canonical CSV formats).
import { renameHeader } from '../../../shared/column-mapping.ts';
import { CANONICAL_SPECS, matchHeader, valueFit, type CanonicalSpec } from '../../../shared/csv-formats.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { ROW_LOADERS } from './canonical-rows.ts';
import { loadHeaderRows } from './header-rows.ts';
import { previewRecords, sniffDialect } from './stream-csv.ts';
import fs from 'node:fs';
import { readSample } from '../file-source.ts';
import { parseInWorker } from './parallel-events.ts';

export const canonicalCsvImporters: Importer[] = CANONICAL_SPECS.map((spec) => ({
  name: spec.format,
  description: spec.description,
  detect: (sample) => detectCanonical(spec, sample),
  run: (ctx) => runCanonical(spec, ctx),
}));

/** The header row, renamed by the analyst's column mapping when the import has one (shared/column-mapping.ts). */
function mappedHeader(header: string[], ctx: ImportContext): string[] {
  return ctx.options.mapping ? renameHeader(header, ctx.options.mapping) : header;
}

function looksLikeJson(head: string): boolean {
  const c = head.trimStart()[0];
  return c === '{' || c === '[';
}

function detectCanonical(spec: CanonicalSpec, sample: Sample): Detection | null {
  if (!sample.head.trim() || looksLikeJson(sample.head)) return null;
  const [header = [], ...rows] = previewRecords(sample.head, 200);
  if (header.length < 2) return null;
  const match = matchHeader(spec, header);
  if (match.missing.length) return null;
  const fit = valueFit(spec, match, rows);
  // Values from another file's vocabulary (e.g. system kinds in a "kind" column) rule a spec out.
  if (fit !== null && fit < 0.5) return null;
  const confidence = 0.4 + 0.45 * match.score + (fit === null ? 0 : 0.1 * fit);
  const values = fit === null ? '' : `; ${Math.round(fit * 100)}% of ${spec.values!.column} values are ${spec.kind} ${spec.values!.column}s`;
  return {
    confidence: Math.min(0.95, confidence),
    reason: `header matches ${spec.kind} columns (${Object.keys(match.columns).join(', ')})${values}`,
  };
}

/** Above this size an auth_events file is parsed in a worker thread while this thread writes. */
const PARALLEL_PARSE_BYTES = 8 * 1024 * 1024;

async function runCanonical(spec: CanonicalSpec, ctx: ImportContext): Promise<void> {
  if (spec.kind === 'auth_events' && fs.statSync(ctx.path).size >= PARALLEL_PARSE_BYTES) {
    const { head } = await readSample(ctx.path, ctx.fileName);
    const match = matchHeader(spec, mappedHeader(previewRecords(head, 1)[0] ?? [], ctx));
    const dialect = sniffDialect(head);
    if (!match.missing.length && dialect.delimiter.length === 1) return parseInWorker(ctx, match.columns, dialect);
  }
  const load = ROW_LOADERS[spec.kind];
  await loadHeaderRows(ctx, spec, { what: `a ${spec.kind}`, header: (h) => mappedHeader(h, ctx) }, (get, locator, rowNumber) =>
    load(get, locator, ctx.writer, rowNumber),
  );
}
