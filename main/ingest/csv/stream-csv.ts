// Streams a CSV file through papaparse in chunks of records, so memory stays flat as files grow.
// Records are numbered from 1 (the header row, when there is one, is record 1).
import Papa from 'papaparse';
import { ApiError } from '../../../shared/api/contract.ts';
import { openText } from '../file-source.ts';
import type { CsvDialect, Newline } from './byte-csv.ts';
import { dropBlankRows, type StreamDialect } from './blank-rows.ts';

/** No CSV an analyst exports has a 16 MB line; beyond that it is an attack on the parser. */
export const MAX_CSV_LINE = 16 * 1024 * 1024;

export interface CsvStreamOptions {
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
  delimiter?: string;
}

/** Calls onRecords(records, numberOfFirstRecord) for each parsed chunk; resolves when the file ends. */
export function streamCsv(path: string, options: CsvStreamOptions, onRecords: (records: string[][], firstNumber: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = openText(path, options.onBytes, { maxLineChars: MAX_CSV_LINE });
    let next = 1;
    let failed: unknown = null;
    const fail = (e: Error) => {
      if (failed) return;
      failed = e;
      // An ApiError (a decompression bomb refused) already says what happened to which file.
      reject(e instanceof ApiError ? e : new ApiError('bad-input', `cannot read ${path}: ${e.message}`));
    };
    // Blank rows are dropped before papaparse (blank-rows.ts): the dialect is taken from the first chunk as papaparse
    // would guess it, and the parser started with it named.
    const text = dropBlankRows(
      (first) => streamDialect(first, options.delimiter ?? ''),
      (dialect) => parse(dialect),
    );
    input.on('error', (e) => {
      fail(e);
      text.destroy();
    });
    text.on('error', fail);
    input.pipe(text);
    const parse = (dialect: StreamDialect) =>
      Papa.parse<string[]>(text as unknown as File, {
        delimiter: dialect.delimiter,
        newline: dialect.newline as Newline,
        skipEmptyLines: 'greedy',
        chunk(results, parser) {
          if (failed) return;
          try {
            if (options.signal?.aborted) throw new ApiError('cancelled', 'import cancelled');
            const rows = results.data;
            const first = next;
            next += rows.length;
            onRecords(rows, first);
          } catch (e) {
            failed = e;
            parser.abort();
            input.destroy();
            reject(e);
          }
        },
        complete() {
          if (!failed) resolve();
        },
        error(e: Error) {
          if (failed) return;
          failed = e;
          reject(new ApiError('bad-input', `cannot parse ${path} as CSV: ${e.message}`));
        },
      });
  });
}

/** The delimiter and newline papaparse picks when it guesses them from a stream's first chunk. */
function streamDialect(first: string, delimiter: string): StreamDialect {
  const { meta } = Papa.parse<string[]>(first, { delimiter, skipEmptyLines: 'greedy', preview: 1 });
  return { delimiter: meta.delimiter, newline: meta.linebreak };
}

/** Parses just the first record of a text sample (for header detection). */
export function firstRecord(text: string): string[] {
  const parsed = Papa.parse<string[]>(text, { preview: 1, skipEmptyLines: 'greedy' });
  return parsed.data[0] ?? [];
}

/** The first few records of a text sample, for previews. */
export function previewRecords(text: string, n: number): string[][] {
  return Papa.parse<string[]>(text, { preview: n, skipEmptyLines: 'greedy' }).data;
}

/** The delimiter and newline papaparse picks for a text (streaming, it picks them once per file from its start). */
export function sniffDialect(text: string): CsvDialect {
  const { meta } = Papa.parse<string[]>(text, { preview: 2, skipEmptyLines: 'greedy' });
  return { delimiter: meta.delimiter, newline: meta.linebreak as Newline };
}
