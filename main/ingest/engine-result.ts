// A pushdown rare-event extract as an engine's client saved it: the vendor's records, one per row, in the
// `blastmap_record` column (main/pushdown/record-json.ts), wrapped the client's way: Athena's result CSV (header,
// quotes doubled), `bq query --format=json|prettyjson` (a JSON array of {"blastmap_record": "…"}), Log Analytics'
// Export > CSV and `az monitor log-analytics query` (an array of {"TableName": "PrimaryResult", "blastmap_record": "…"}), Trino's
// `--output-format JSON` and Spark's `df.write.json` (one {"blastmap_record": "…"} per line), CSV_HEADER, or the
// value as an object rather than text. The records are written out as NDJSON to a temporary file that the vendor's
// own importer then reads, detected by content as usual: one importer per vendor shape, whatever the engine.
// Nothing is dropped here: a row that is not a JSON object becomes a line the vendor importer rejects with a
// reason, so every row of the result is counted. Raw lines of the column need none of this (they are NDJSON).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { ApiError } from '../../shared/api/contract.ts';
import { openText, readSample } from './file-source.ts';
import type { Sample } from './importer.ts';
import { firstRecord, streamCsv } from './csv/stream-csv.ts';
import { parseRecord, readJsonRecords } from './json/read-json-records.ts';

export const RECORD_COLUMN = 'blastmap_record';

export interface UnwrappedResult {
  /** The NDJSON the vendor importer reads instead of the file. */
  path: string;
  sample: Sample;
  /** Said in the source's detection reason. */
  note: string;
  dispose(): void;
}

/** csv: quoted cells (Athena, CSV_HEADER); json: objects with the column; lines: a header line, then raw records (spark-sql with headers on). */
type Shape = 'csv' | 'json' | 'lines';

/** Whether a file's head is an engine's wrapping of the record column. */
export function engineResultShape(head: string): Shape | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  // `az monitor log-analytics query` puts "TableName" before every row's columns.
  if (text[0] === '[' || text[0] === '{')
    return /^\[?\s*\{\s*(?:"TableName"\s*:\s*"[^"\\]{0,200}"\s*,\s*)?"blastmap_record"\s*:/.test(text) ? 'json' : null;
  const [first = '', second = ''] = text.split(/\r?\n/, 2);
  // An unquoted record on the next line is not a CSV cell (a CSV writer quotes text holding quotes).
  if (normalise(first) === RECORD_COLUMN && second.trimStart().startsWith('{')) return 'lines';
  return firstRecord(text.slice(0, 4096)).some((c) => normalise(c) === RECORD_COLUMN) ? 'csv' : null;
}

/** The unwrapped records of an engine result, or null when the file is not one (it is then imported as it is). */
export async function unwrapEngineResult(file: string, sample: Sample, signal?: AbortSignal): Promise<UnwrappedResult | null> {
  const shape = engineResultShape(sample.head);
  if (!shape) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-engine-result-'));
  const out = path.join(dir, 'records.ndjson');
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const writer = new LineWriter(out);
    try {
      if (shape === 'csv') await unwrapCsv(file, writer, signal);
      else if (shape === 'lines') await unwrapLines(file, writer, signal);
      else await unwrapJson(file, writer, signal);
    } finally {
      writer.close();
    }
    const note = `an engine's query result (${{ csv: 'CSV', json: 'JSON', lines: 'lines' }[shape]} with a ${RECORD_COLUMN} column): ${writer.lines} records unwrapped`;
    return { path: out, sample: await readSample(out, sample.fileName), note, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

function normalise(cell: string): string {
  return cell.trim().replace(/^"|"$/g, '').toLowerCase();
}

/** One vendor record a line; anything else a line no JSON reader accepts, carrying what it was. */
function recordLine(value: unknown): string {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = parseRecord(v);
    } catch {
      return unreadable(`${RECORD_COLUMN} is not JSON: ${v}`);
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    return unreadable(`${RECORD_COLUMN} is not a JSON object: ${JSON.stringify(v) ?? 'empty'}`);
  return JSON.stringify(v);
}

function unreadable(what: string): string {
  // Not JSON (it starts with '#'), on one line, short: the vendor importer rejects it and keeps this as the excerpt.
  return `# unreadable row of an engine result: ${what.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 300)}`;
}

async function unwrapCsv(file: string, writer: LineWriter, signal?: AbortSignal): Promise<void> {
  let column = -1;
  await streamCsv(file, { signal }, (records, first) => {
    for (let i = 0; i < records.length; i++) {
      const row = records[i];
      if (first + i === 1) {
        column = row.findIndex((c) => normalise(c) === RECORD_COLUMN);
        continue;
      }
      const cell = row[column];
      writer.write(cell === undefined || cell === '' ? unreadable(`row ${first + i} has no ${RECORD_COLUMN} value`) : recordLine(cell));
    }
  });
}

async function unwrapLines(file: string, writer: LineWriter, signal?: AbortSignal): Promise<void> {
  const lines = readline.createInterface({ input: openText(file), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (signal?.aborted) throw new ApiError('cancelled', 'import cancelled');
    if (header) header = false;
    else if (line.trim()) writer.write(recordLine(line));
  }
}

async function unwrapJson(file: string, writer: LineWriter, signal?: AbortSignal): Promise<void> {
  await readJsonRecords(
    file,
    { signal, wrapperKeys: [] },
    {
      record(value) {
        const wrapped = value !== null && typeof value === 'object' && !Array.isArray(value) && RECORD_COLUMN in value;
        writer.write(recordLine(wrapped ? (value as Record<string, unknown>)[RECORD_COLUMN] : value));
      },
      bad(locator, reason) {
        writer.write(unreadable(`${locator}: ${reason}`));
      },
    },
  );
}

/** Lines to a file in ~1 MB writes. */
class LineWriter {
  lines = 0;
  private fd: number;
  private buffer: string[] = [];
  private size = 0;
  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }
  write(line: string): void {
    this.buffer.push(line);
    this.lines++;
    this.size += line.length + 1;
    if (this.size > 1 << 20) this.flush();
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
  private flush(): void {
    if (!this.buffer.length) return;
    fs.writeSync(this.fd, `${this.buffer.join('\n')}\n`);
    this.buffer = [];
    this.size = 0;
  }
}
