// Worker thread that parses and normalises a large auth_events CSV while the main thread writes.
// Two cores: parsing here and SQLite inserts there overlap. It never touches the case file.
// Strings are dictionary-encoded here (each distinct value crosses the thread boundary once; rows
// travel as typed arrays, transferred without copying), so the writing thread does no string hashing.
// Backpressure: at most MAX_IN_FLIGHT batches wait unacknowledged, so memory stays flat.
import { parentPort, workerData } from 'node:worker_threads';
import Papa from 'papaparse';
import { FieldDictionary } from '../field-dictionary.ts';
import { openText } from '../file-source.ts';
import { MAX_CSV_LINE } from './stream-csv.ts';
import { normaliseAuthEvent } from './auth-event-row.ts';
import { RowError, type Cell } from './row-error.ts';

import { FLAG_FAILURE, FLAG_IP_UNPARSED, REF_FIELDS, type ParseJob, type ParseMessage } from './parse-protocol.ts';

const MAX_IN_FLIGHT = 3;
const port = parentPort!;
const job = workerData as ParseJob;
const dictionary = new FieldDictionary(REF_FIELDS);
const lastValue: (string | null)[] = new Array(REF_FIELDS).fill(null);
const lastId: number[] = new Array(REF_FIELDS).fill(-1);
let inFlight = 0;
let paused: Papa.Parser | null = null;
let bytes = 0;
/** Non-blank records seen so far, the header included: a data row's number as the rejects and locators show it. */
let recordNumber = 0;
let headerSeen = false;

port.on('message', () => {
  inFlight--;
  if (paused && inFlight < MAX_IN_FLIGHT) {
    const p = paused;
    paused = null;
    p.resume();
  }
});

const input = openText(job.path, (n) => {
  bytes += n;
}, { maxLineChars: MAX_CSV_LINE });
input.on('error', (e) => port.postMessage({ type: 'error', message: e.message } satisfies ParseMessage));

Papa.parse<string[]>(input as unknown as File, {
  delimiter: '',
  // 'greedy' joins and trims every record to find blank ones; isBlank below does the same check cheaply.
  skipEmptyLines: true,
  chunk(results, parser) {
    const records = results.data;
    const capacity = records.length;
    const ts = new Float64Array(capacity);
    const refs = new Int32Array(capacity * REF_FIELDS);
    const asn = new Float64Array(capacity);
    const rows = new Int32Array(capacity);
    const newStrings: string[] = [];
    const rejects: [number, string, string][] = [];
    const id = (value: string | null, field: number): number => {
      if (value === null) return -1;
      // Logs repeat the previous row's value often (same action, agent, caller): skip the hash lookup then.
      if (value === lastValue[field]) return lastId[field];
      const v = dictionary.code(value, field, newStrings);
      lastValue[field] = value;
      lastId[field] = v;
      return v;
    };
    let record: string[] = [];
    const get: Cell = (column) => {
      const idx = job.columns[column];
      return idx === undefined ? undefined : record[idx];
    };
    let count = 0;
    let dataRecords = 0;
    for (let i = 0; i < records.length; i++) {
      record = records[i];
      if (isBlank(record)) continue;
      const rowNumber = ++recordNumber;
      if (!headerSeen) {
        headerSeen = true; // the columns were read from it before the worker started
        continue;
      }
      dataRecords++;
      try {
        const e = normaliseAuthEvent(get);
        const o = count * REF_FIELDS;
        ts[count] = e.ts;
        refs[o] = id(e.identity, 0); refs[o + 1] = id(e.credential, 1); refs[o + 2] = id(e.ip, 2); refs[o + 3] = id(e.userAgent, 3);
        refs[o + 4] = id(e.action, 4); refs[o + 5] = id(e.target, 5); refs[o + 6] = id(e.country, 6);
        refs[o + 7] = (e.failure ? FLAG_FAILURE : 0) | (e.ipUnparsed ? FLAG_IP_UNPARSED : 0);
        asn[count] = e.asn ?? NaN;
        rows[count] = rowNumber;
        count++;
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        rejects.push([rowNumber, e.message, record.join(',').slice(0, 500)]);
      }
    }
    port.postMessage(
      { type: 'batch', count, newStrings, ts, refs, asn, rows, rejects, records: dataRecords, bytes } satisfies ParseMessage,
      [ts.buffer, refs.buffer, asn.buffer, rows.buffer],
    );
    bytes = 0;
    if (++inFlight >= MAX_IN_FLIGHT) {
      paused = parser;
      parser.pause();
    }
  },
  complete() {
    port.postMessage({ type: 'done' } satisfies ParseMessage);
  },
  error(e: Error) {
    port.postMessage({ type: 'error', message: e.message } satisfies ParseMessage);
  },
});

/** A record of whitespace only (e.g. `, ,`), which carries no event. */
function isBlank(record: string[]): boolean {
  const c = record[0].charCodeAt(0);
  if (c > 32 && c !== 44) return false; // the common case: the first cell starts with a visible character
  for (const cell of record) if (cell.trim() !== '') return false;
  return true;
}
