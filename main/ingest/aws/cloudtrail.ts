// CloudTrail as JSON: the {"Records":[…]} files CloudTrail writes to S3 (often .gz), bare arrays (Stratus
// detonation logs), `aws cloudtrail lookup-events` output (records as JSON strings), and NDJSON (Logstash/OpenSearch
// exports with @timestamp/@version).
// Recognised by content: eventVersion plus eventSource/eventName keys. Each record becomes one auth event.
// A CloudTrail digest file in a log folder is recognised and imports nothing, so a whole bucket folder imports.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { readPrefix, readSample } from '../file-source.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { jsonShape, readJsonRecords } from '../json/read-json-records.ts';
import { TRAIL_WRAPPER_KEYS, unwrapLookup } from './cloudtrail-containers.ts';
import { TrailLoader } from './cloudtrail-load.ts';
import { normaliseRecord } from './cloudtrail-normalise.ts';
import { importNdjsonInWorker } from './cloudtrail-parallel.ts';
import { CLOUDTRAIL_OBJECT_NAME, MIN_TREE_OBJECTS, TrailTreeReader } from './cloudtrail-tree.ts';

export const cloudTrailImporter: Importer = {
  name: 'cloudtrail',
  description: 'AWS CloudTrail JSON: {"Records":[…]} log files, arrays, NDJSON (incl. Logstash @timestamp), lookup-events output, .gz',
  detect: detectCloudTrail,
  run: runCloudTrail,
};

const SHAPE_WORDS = {
  ndjson: 'NDJSON records',
  array: 'a JSON array of records',
  wrapper: 'a {"Records":[…]} log file',
  document: 'a JSON document',
  concatenated: 'concatenated JSON documents',
} as const;

function detectCloudTrail(sample: Sample): Detection | null {
  const shape = jsonShape(sample.head);
  if (!shape) return null;
  const head = sample.head;
  if (head.includes('"digestStartTime"') && head.includes('"digestPublicKeyFingerprint"')) {
    return { confidence: 0.9, reason: 'CloudTrail digest file (integrity hashes only, no events: nothing to import)', skip: true };
  }
  // A trail writes {"Records":[]} when a delivery period had no events; in an S3 tree that is routine, not an error.
  if (/^\s*\{\s*"Records"\s*:\s*\[\s*\]\s*\}\s*$/.test(head)) {
    const named = CLOUDTRAIL_OBJECT_NAME.test(sample.fileName);
    return {
      confidence: named ? 0.9 : 0.6,
      reason: `${named ? 'CloudTrail log file' : 'a {"Records":[…]} log file'} with no records (nothing to import)`,
      skip: true,
    };
  }
  if (/"CloudTrailEvent"\s*:\s*"\{/.test(head) && head.includes('"EventName"')) {
    return { confidence: 0.95, reason: '`aws cloudtrail lookup-events` output (Events[].CloudTrailEvent holds each record as a JSON string)' };
  }
  const version = /"eventVersion"\s*:\s*"1\.\d+"/.test(head);
  const source = head.includes('"eventSource"');
  const name = head.includes('"eventName"');
  if (!version || !source || !name) return null;
  const identity = head.includes('"userIdentity"');
  const time = head.includes('"eventTime"') || head.includes('"@timestamp"');
  const words = /^\s*\{\s*"Records"\s*:/.test(head.replace(/^\uFEFF/, '')) ? SHAPE_WORDS.wrapper : SHAPE_WORDS[shape];
  return {
    confidence: identity && time ? 0.97 : 0.85,
    reason: `${words} with CloudTrail keys (eventVersion, eventSource, eventName${identity ? ', userIdentity' : ''})`,
  };
}

/**
 * From this size on, an NDJSON file is parsed in worker threads while this thread writes. Starting a worker costs
 * about what parsing ~10k records here does (~0.4 s CPU, measured), so smaller files stay in this thread.
 */
const PARALLEL_BYTES = 16 * 1024 * 1024;

async function runCloudTrail(ctx: ImportContext): Promise<void> {
  // One loader per writer: the files of an S3 tree share accounts, keys and roles it has already resolved.
  const loader = ctx.writer.shared('cloudtrail-loader', () => new TrailLoader(ctx.writer));
  const sample = await readSample(ctx.path, ctx.fileName);
  const size = fs.statSync(ctx.path).size;
  // A gzip is judged by what it holds (CloudTrail compresses about 10:1): the thousands of small objects of an S3
  // delivery tree stay on this thread, where starting a worker would cost more than the parsing.
  const inflated = sample.gzip ? size * 10 : size;
  if (jsonShape(sample.head) === 'ndjson' && !utf16(ctx.path, sample.gzip) && inflated >= PARALLEL_BYTES) {
    await importNdjsonInWorker(ctx, loader, size, sample.gzip);
    loader.finish();
    return;
  }
  // An S3 tree: the objects ahead are read by a worker while this thread writes (cloudtrail-tree.ts).
  const tree = treeReader(ctx);
  if (tree && (await tree.load(ctx, loader))) {
    loader.finish();
    return;
  }
  let digest = false;
  let first = true;
  await readJsonRecords(
    ctx.path,
    { signal: ctx.signal, onBytes: ctx.progress, wrapperKeys: TRAIL_WRAPPER_KEYS },
    {
      record(value, locator) {
        if (digest) return;
        if (first) {
          first = false;
          digest = isDigest(value);
          if (digest) return;
        }
        ctx.countRow();
        const e = normaliseRecord(unwrapLookup(value));
        if ('reject' in e) ctx.writer.reject(locator, e.reject, value);
        else loader.load(e, locatorNumber(locator), locator);
      },
      bad(locator, reason, excerpt) {
        ctx.countRow();
        ctx.writer.reject(locator, reason, excerpt);
      },
    },
  );
  loader.finish();
}

/**
 * The batch's tree reader, started at the first of several CloudTrail objects still to come; null for a lone
 * file. Its worker stops when the batch ends (CaseWriter.atEnd).
 */
function treeReader(ctx: ImportContext): TrailTreeReader | null {
  const existing = ctx.writer.shared<TrailTreeReader | false>('cloudtrail-tree', () => false);
  if (existing && existing.covers(ctx.path)) return existing;
  if (!ctx.batch || !CLOUDTRAIL_OBJECT_NAME.test(ctx.fileName)) return null;
  const ahead = ctx.batch.files.slice(ctx.batch.index).filter((f) => CLOUDTRAIL_OBJECT_NAME.test(path.basename(f)));
  if (ahead.length < MIN_TREE_OBJECTS) return null;
  if (existing) existing.close();
  const reader = new TrailTreeReader(ahead);
  ctx.writer.setShared('cloudtrail-tree', reader);
  ctx.writer.atEnd(() => reader.close());
  return reader;
}

/** The worker cuts lines in UTF-8 bytes; the rare UTF-16 export (it starts with a BOM) takes the in-thread reader. */
function utf16(path: string, gzip: boolean): boolean {
  let head = readPrefix(path, gzip ? 4096 : 2);
  if (gzip) {
    try {
      head = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: 64 * 1024 });
    } catch {
      return false;
    }
  }
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

function isDigest(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'digestStartTime' in value && 'digestPublicKeyFingerprint' in value;
}

/** auth_event.locator is a number: the NDJSON line, or the 1-based record number in an array. */
function locatorNumber(locator: string): number {
  const bracket = locator.indexOf('[');
  if (bracket >= 0) return parseInt(locator.slice(bracket + 1), 10) + 1;
  const space = locator.lastIndexOf(' ');
  const n = parseInt(locator.slice(space + 1), 10);
  return Number.isFinite(n) ? n : 0;
}
