// Worker thread that parses and normalises a large auth_events CSV while the main thread writes.
// Two cores: parsing here and SQLite inserts there overlap. It never touches the case file.
// Backpressure: at most MAX_IN_FLIGHT batches wait unacknowledged, so memory stays flat.
import { parentPort, workerData } from 'node:worker_threads';
import Papa from 'papaparse';
import { openText } from '../file-source.ts';
import { normaliseAuthEvent, type NormalisedEvent } from './auth-event-row.ts';
import { RowError, type Cell } from './row-error.ts';

export interface ParseJob {
  path: string;
  columns: Record<string, number>;
}

export type ParseMessage =
  | { type: 'batch'; events: NormalisedEvent[]; rows: number[]; rejects: [number, string, string][]; records: number; bytes: number }
  | { type: 'done' }
  | { type: 'error'; message: string };

const MAX_IN_FLIGHT = 3;
const port = parentPort!;
const job = workerData as ParseJob;
let inFlight = 0;
let paused: Papa.Parser | null = null;
let bytes = 0;
let next = 1;

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
});
input.on('error', (e) => port.postMessage({ type: 'error', message: e.message } satisfies ParseMessage));

Papa.parse<string[]>(input as unknown as File, {
  delimiter: '',
  skipEmptyLines: 'greedy',
  chunk(results, parser) {
    const records = results.data;
    const first = next;
    next += records.length;
    const events: NormalisedEvent[] = [];
    const rows: number[] = [];
    const rejects: [number, string, string][] = [];
    let record: string[] = [];
    const get: Cell = (column) => {
      const idx = job.columns[column];
      return idx === undefined ? undefined : record[idx];
    };
    for (let i = first === 1 ? 1 : 0; i < records.length; i++) {
      record = records[i];
      try {
        events.push(normaliseAuthEvent(get));
        rows.push(first + i);
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        rejects.push([first + i, e.message, record.join(',').slice(0, 500)]);
      }
    }
    const counted = first === 1 ? records.length - 1 : records.length;
    port.postMessage({ type: 'batch', events, rows, rejects, records: counted, bytes } satisfies ParseMessage);
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
