// Big NDJSON logs are parsed and normalised in a worker thread (record-worker.ts) while this thread writes:
// the same records, rejects, locators and order as forEachJsonRecord gives on this thread.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { inflateLimits, readSample } from '../file-source.ts';
import type { ImportContext } from '../importer.ts';
import type { Normalised, NormaliserName } from '../record-normalisers.ts';
import { hostParseWorkers } from '../worker-host.ts';
import { jsonShape, recordLimit } from './read-json-records.ts';
import type { RecordJob, RecordMessage } from './record-protocol.ts';

/** Below this size a worker's start-up is not worth it. */
const PARALLEL_BYTES = 8 * 1024 * 1024;

/** A file for the records worker: big, and NDJSON (arrays and wrapper objects stream on this thread). */
export async function isBigNdjson(ctx: ImportContext): Promise<boolean> {
  if (fs.statSync(ctx.path).size < PARALLEL_BYTES) return false;
  return jsonShape((await readSample(ctx.path, ctx.fileName)).head) === 'ndjson';
}

/** Calls `handle` with each normalised record in file order (rejects are written here, counted like records). */
export function forEachNormalisedRecord<N extends NormaliserName>(
  ctx: ImportContext,
  normaliser: N,
  handle: (value: Normalised<N>, locator: string, index: number) => void,
): Promise<void> {
  const job: RecordJob = { path: ctx.path, normaliser, maxRecordChars: recordLimit(), inflate: inflateLimits() };
  const worker = new Worker(new URL('./record-worker.ts', import.meta.url), { workerData: job });
  let index = 0;
  const onBatch = (m: Extract<RecordMessage, { type: 'batch' }>) => {
    ctx.progress(m.bytes);
    for (const item of m.items) {
      ctx.countRow();
      index++;
      if ('reason' in item) ctx.writer.reject(item.locator, item.reason, item.excerpt);
      else handle(item.value as Normalised<N>, item.locator, index);
    }
  };
  return hostParseWorkers(ctx, [{ worker, onBatch }], { crash: 'cannot read records', error: 'cannot read records' });
}
