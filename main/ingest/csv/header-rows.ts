// The row loop every header-recognised CSV importer shares (the canonical CSVs, the auth roll-up): match the first
// row against the format's columns (refusing the file with the missing ones named), then hand each row to the
// format's loader by column name; a row the loader refuses is a reject with its reason, never dropped.
import { ApiError } from '../../../shared/api/contract.ts';
import { matchHeader, type HeaderMatch, type HeaderSpec } from '../../../shared/csv-formats.ts';
import type { ImportContext } from '../importer.ts';
import { RejectedRecord } from '../record-error.ts';
import type { Cell } from './row-error.ts';
import { streamCsv } from './stream-csv.ts';

export interface HeaderRowsOptions {
  /** What the file should be, for the error when its header is not that ("an auth roll-up"). */
  what: string;
  /** The header as the loader should read it (the analyst's column mapping). */
  header?: (header: string[]) => string[];
}

export async function loadHeaderRows(
  ctx: ImportContext,
  spec: HeaderSpec,
  options: HeaderRowsOptions,
  load: (get: Cell, locator: string, rowNumber: number) => void,
): Promise<void> {
  let match: HeaderMatch | null = null;
  await streamCsv(ctx.path, { signal: ctx.signal, onBytes: ctx.progress }, (records, first) => {
    let i = 0;
    if (!match) {
      const header = options.header ? options.header(records[0] ?? []) : (records[0] ?? []);
      match = matchHeader(spec, header);
      if (match.missing.length) {
        throw new ApiError(
          'bad-input',
          `${ctx.fileName}: not ${options.what} CSV: missing column(s) ${match.missing.join(', ')} (header: ${header.slice(0, 20).join(', ')})`,
        );
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
        load(get, locator, rowNumber);
      } catch (e) {
        if (!(e instanceof RejectedRecord)) throw e;
        ctx.writer.reject(locator, e.message, record.join(','));
      }
    }
  });
  if (!match) throw new ApiError('bad-input', `${ctx.fileName}: the file is empty (no header row)`);
}
