// Worker thread for big NDJSON logs: reads lines exactly as readJsonRecords does (LineReader), parses and
// normalises each record (a pure normaliser named in the job), and sends the results in file order while the
// importing thread writes. JSON parsing and field picking were most of an Entra sign-in import's time.
// Backpressure (BatchCredit): after each chunk the worker waits while too many batches are unacknowledged.
import { parentPort, workerData } from 'node:worker_threads';
import { BatchCredit } from '../batch-credit.ts';
import { isRec, RecordError } from '../entra/json-log.ts';
import { openText, setInflateLimits, takeDamage } from '../file-source.ts';
import { RECORD_NORMALISERS } from '../record-normalisers.ts';
import { LineReader } from './read-json-records.ts';
import type { RecordItem, RecordJob, RecordMessage } from './record-protocol.ts';

const BATCH = 2000;
const port = parentPort!;
const job = workerData as RecordJob;
setInflateLimits(job.inflate);
const normalise = RECORD_NORMALISERS[job.normaliser] as (r: Record<string, unknown>) => unknown;

let items: RecordItem[] = [];
let bytes = 0;
const credit = new BatchCredit(port);

function post(): void {
  port.postMessage({ type: 'batch', items, bytes } satisfies RecordMessage);
  items = [];
  bytes = 0;
  credit.sent();
}

/** The excerpt a reject keeps of a parsed record: what CaseWriter.reject makes of it on the other path. */
function excerptOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const reader = new LineReader(
  {
    record(value, locator) {
      if (!isRec(value)) items.push({ locator, reason: 'not a JSON object', excerpt: excerptOf(value) });
      else {
        try {
          items.push({ locator, value: normalise(value) });
        } catch (e) {
          if (!(e instanceof RecordError)) throw e;
          items.push({ locator, reason: e.message, excerpt: excerptOf(value) });
        }
      }
      if (items.length >= BATCH) post();
    },
    bad(locator, reason, excerpt) {
      items.push({ locator, reason, excerpt });
      if (items.length >= BATCH) post();
    },
  },
  job.maxRecordChars,
);

async function run(): Promise<void> {
  for await (const chunk of openText(job.path, (n) => (bytes += n))) {
    reader.push(chunk as string);
    await credit.room();
  }
  reader.end();
  post();
  const damage = takeDamage(job.path);
  if (damage) port.postMessage({ type: 'warning', message: damage } satisfies RecordMessage);
  port.postMessage({ type: 'done' } satisfies RecordMessage);
}

run().catch((e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies RecordMessage));
