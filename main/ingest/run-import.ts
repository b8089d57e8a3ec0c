// Runs imports: expands folders, skips files already imported (same sha256), detects the format, and loads
// every file of one request in one transaction, so a failed, cancelled or killed import leaves the case as it was.
import type Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/contract.ts';
import type { ImportedSource, ProgressEvent } from '../../shared/api/import.ts';
import { checkpointInBackground, commitWithoutCheckpoint } from '../store/background-checkpoint.ts';
import { appendAudit, type CaseFile } from '../store/case-file.ts';
import { bulkPageCache, suspendEventIndexes } from '../store/bulk-load.ts';
import { raiseDataMaxTime } from '../store/data-time.ts';
import { identityAddedAfter, lastEdgeId, lastEventId } from '../store/import-marks.ts';
import {
  completedSourceBySha256,
  completedSourceOfSizeExists,
  completeSource,
  firstRejectReasons,
  insertImportingSource,
  setSourceSha256,
  sourceKeptCheck,
  sourceOptionsJson,
  type CompletedSource,
} from '../store/import-sources.ts';
import { validateMapping } from '../../shared/column-mapping.ts';
import { detectFormat } from './detect.ts';
import { unwrapEngineResult, type UnwrappedResult } from './engine-result.ts';
import {
  holdInMemory,
  readSample,
  release,
  setInflateLimits,
  sha256File,
  sha256InBackground,
  takeDamage,
  type BackgroundHash,
} from './file-source.ts';
import type { ImportOptions } from './importer.ts';
import { setRecordLimit } from './json/read-json-records.ts';
import { classifyIdentities } from '../kinds/classify.ts';
import { lateReferenceMark, resolveLateReferences } from '../store/usage-rollup.ts';
import { CaseWriter } from './writer.ts';

export interface ImportRequest extends ImportOptions {
  paths: string[];
  format?: string;
  maxInflateRatio?: number;
  maxInflatedBytes?: number;
  /** The largest JSON record accepted (characters); default 16 MiB. */
  maxRecordSize?: number;
  /** Import the files that can be imported and list the ones that cannot (`failed`), instead of all or nothing. */
  keepGoing?: boolean;
}

export interface ImportHooks {
  signal?: AbortSignal;
  progress?: (event: ProgressEvent) => void;
}

export async function importFiles(kase: CaseFile, request: ImportRequest, hooks: ImportHooks = {}): Promise<ImportedSource[]> {
  if (kase.readOnly) throw new ApiError('read-only', 'the case is open read-only');
  // For this import only (requests run one at a time); parse workers get them in their jobs.
  const previous = setInflateLimits({
    ...(request.maxInflateRatio !== undefined ? { ratio: request.maxInflateRatio } : {}),
    ...(request.maxInflatedBytes !== undefined ? { maxBytes: request.maxInflatedBytes } : {}),
  });
  const previousRecordLimit = setRecordLimit(request.maxRecordSize);
  if (request.mapping) {
    // A mapping renames a canonical CSV's header: it needs the format it maps to.
    if (!request.format) throw new ApiError('bad-request', 'a column mapping needs the canonical format it maps to (format)');
    validateMapping(request.format, request.mapping);
  }
  try {
    // Everything the request names, files and folders, is one batch: the README promises "the case exactly as
    // before" after a failure, which per-file transactions could not keep once an earlier file had committed.
    const files = request.paths.flatMap((p) => expand(p).files);
    // A resource ARN given by hand names one resource: applied to a folder it would give every policy the same one.
    if ((request.resource || request.resourceAccount) && files.length !== 1) {
      throw new ApiError(
        'bad-request',
        `--resource and --resource-account name the resource of one policy file; this import holds ${files.length} files`,
      );
    }
    return await importBatch(kase, files, request, hooks, request.keepGoing ?? false);
  } finally {
    setInflateLimits(previous);
    setRecordLimit(previousRecordLimit);
  }
}

/** A file or folder to import: the files under a folder, in a stable order; hidden files are left out. */
function expand(p: string): { files: string[]; folder: boolean } {
  const full = path.resolve(p);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw new ApiError('bad-input', `no such file: ${p}`);
  }
  if (stat.isFile()) return { files: [full], folder: false };
  if (!stat.isDirectory()) throw new ApiError('bad-input', `not a file or folder: ${p}`);
  const files: string[] = [];
  walk(full, files);
  if (!files.length) throw new ApiError('bad-input', `${p}: the folder holds no files to import`);
  return { files, folder: true };
}

function walk(dir: string, out: string[]): void {
  const entries = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of entries) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) walk(full, out);
    else if (d.isFile()) out.push(full);
  }
}

/**
 * Below this size hashing first, the default page cache and checkpointing at commit cost little; above it, the
 * hash and the checkpoint run on other threads and the load gets a bigger cache.
 */
const BIG_FILE_BYTES = 8 * 1024 * 1024;

/** How many reject reasons a failed import names. */
const REASONS_SHOWN = 3;

/** What the files of one batch share: one writer (and its caches) while no file has failed. */
interface BatchState {
  writer: CaseWriter | null;
  /** Nodes completed by writers already discarded (a file rolled back with keepGoing): they still count. */
  nodesUpdatedBefore?: number;
  /** Whole-case steps files asked for (ImportContext.finishBatch), by name, with the source that asked last. */
  finishers: Map<string, { fn: (writer: CaseWriter) => void; sourceId: number }>;
}

interface Loaded {
  result: ImportedSource;
  sourceId?: number;
  hashing?: BackgroundHash | null;
  maxTime?: number;
}

/**
 * Runs the whole-case steps the batch's files asked for, each once, on the latest asking file that is still in the
 * case (with --keep-going a failed file was rolled back, and its step runs on an earlier asker's source, or not at all).
 */
function runFinishers(db: Database.Database, state: BatchState): void {
  if (!state.finishers.size) return;
  const kept = sourceKeptCheck(db);
  for (const [, { fn, sourceId }] of state.finishers) {
    if (!kept(sourceId)) continue;
    let writer = state.writer;
    if (writer) writer.beginSource(sourceId);
    else state.writer = writer = new CaseWriter(db, sourceId);
    fn(writer);
    writer.flush();
  }
  state.finishers.clear();
}

/** Running totals for progress over a batch of files. */
interface BatchProgress {
  files: number;
  filesDone: number;
  rows: number;
  bytes: number;
  totalBytes: number;
  started: number;
  lastReport: number;
  file: string;
}

async function importBatch(
  kase: CaseFile,
  files: string[],
  request: ImportRequest,
  hooks: ImportHooks,
  tolerant: boolean,
): Promise<ImportedSource[]> {
  const db = kase.db;
  const sizes = files.map((f) => fs.statSync(f).size);
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const big = totalBytes >= BIG_FILE_BYTES;
  const progress: BatchProgress = {
    files: files.length,
    filesDone: 0,
    rows: 0,
    bytes: 0,
    totalBytes,
    started: Date.now(),
    lastReport: 0,
    file: files[0],
  };
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - progress.lastReport < 200) return;
    progress.lastReport = now;
    const seconds = Math.max((now - progress.started) / 1000, 0.001);
    const filesNote = progress.files > 1 ? `${progress.filesDone} of ${progress.files} files, ` : '';
    hooks.progress?.({
      task: 'import',
      file: progress.file,
      done: progress.bytes,
      total: progress.totalBytes,
      rate: Math.round(progress.rows / seconds),
      message: `${filesNote}${progress.rows} rows`,
    });
  };
  const loaded: Loaded[] = [];
  const state: BatchState = { writer: null, finishers: new Map() };
  db.exec('BEGIN IMMEDIATE');
  const mark = { ...lateReferenceMark(db), ...factsMark(db) };
  const cache = big ? bulkPageCache(db) : null;
  try {
    const indexes = suspendEventIndexes(db, totalBytes);
    for (let i = 0; i < files.length; i++) {
      if (hooks.signal?.aborted) throw new ApiError('cancelled', 'import cancelled; the case is unchanged');
      progress.file = files[i];
      const before = progress.bytes;
      loaded.push(await loadFile(kase, files, i, sizes[i], request, hooks, tolerant, progress, report, state));
      progress.bytes = before + sizes[i];
      progress.filesDone++;
      report();
    }
    // The finishing steps are synchronous; between them the event loop turns, so a cancel that arrived
    // meanwhile is seen and the transaction rolls back instead of committing.
    const signal = hooks.signal;
    const checkpoint = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted)
        throw new ApiError(
          'cancelled',
          `import of ${path.basename(files[0])}${files.length > 1 ? ` and ${files.length - 1} more files` : ''} cancelled; the case is unchanged`,
        );
    };
    runFinishers(db, state);
    await checkpoint();
    state.writer?.usage.save();
    await checkpoint();
    indexes.restore();
    cache?.restore();
    await checkpoint();
    resolveLateReferences(db, mark);
    await checkpoint();
    // Kinds are decided over the whole case once every file is in: a user object's attributes, sign-ins and
    // links to other sources may come from different files, in any order. A batch that added no identity, event
    // or edge and changed no node (a systems inventory, a network list) cannot change one: the classifier's
    // second over a large case is then saved.
    if (mayChangeKinds(db, mark, (state.nodesUpdatedBefore ?? 0) + (state.writer?.nodesUpdatedInBatch ?? 0))) classifyIdentities(db);
    await checkpoint();
    let maxTime = 0;
    for (const l of loaded) {
      if (l.hashing && l.sourceId !== undefined) {
        const sha256 = await l.hashing.sha256;
        setSourceSha256(db, l.sourceId, sha256);
      }
      if (l.maxTime && l.maxTime > maxTime) maxTime = l.maxTime;
    }
    if (maxTime > 0) {
      raiseDataMaxTime(db, maxTime);
    }
    if (big) {
      commitWithoutCheckpoint(db, () => db.exec('COMMIT'));
      kase.checkpoint = checkpointInBackground(kase.path);
    } else {
      db.exec('COMMIT');
    }
    state.writer?.end();
    kase.generation++;
    progress.bytes = totalBytes;
    report(true);
    return loaded.map((l) => l.result);
  } catch (err) {
    state.writer?.end();
    for (const l of loaded) l.hashing?.stop();
    cache?.restore();
    if (db.inTransaction) db.exec('ROLLBACK');
    throw asImportError(err, files.length > 1 ? `${files.length} files` : path.basename(files[0]));
  }
}

function asImportError(err: unknown, what: string): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'SQLITE_FULL') return new ApiError('bad-input', `disk full while importing ${what}; the case is unchanged`);
  return new ApiError('bad-input', `${what}: import failed, the case is unchanged: ${e?.message ?? String(err)}`);
}

/**
 * One file inside the batch's transaction, in its own savepoint. A file that cannot be imported fails the whole
 * batch (the case unchanged); with keepGoing (tolerant) it is rolled back, reported as failed, and the others go on.
 */
async function loadFile(
  kase: CaseFile,
  files: readonly string[],
  index: number,
  total: number,
  request: ImportRequest,
  hooks: ImportHooks,
  tolerant: boolean,
  progress: BatchProgress,
  report: () => void,
  state: BatchState,
): Promise<Loaded> {
  const file = files[index];
  const small = total < SMALL_FILE_BYTES;
  if (small) holdInMemory(file);
  try {
    return await loadHeldFile(kase, files, index, total, request, hooks, tolerant, progress, report, state);
  } finally {
    if (small) release(file);
  }
}

/** Files this small are read once into memory and served from there to the hash, detection and the importer. */
const SMALL_FILE_BYTES = 4 * 1024 * 1024;

async function loadHeldFile(
  kase: CaseFile,
  files: readonly string[],
  index: number,
  total: number,
  request: ImportRequest,
  hooks: ImportHooks,
  tolerant: boolean,
  progress: BatchProgress,
  report: () => void,
  state: BatchState,
): Promise<Loaded> {
  const file = files[index];
  const db = kase.db;
  const fileName = path.basename(file);
  const big = total >= BIG_FILE_BYTES;
  // A re-import has the size of an earlier source (sources from before sizes were kept count as possible matches).
  const mayBeReimport = !big || completedSourceOfSizeExists(db, total);
  const sha256 = mayBeReimport ? await sha256File(file) : null;
  const previous = sha256 === null ? undefined : alreadyImported(db, sha256);
  if (previous) {
    const other = otherResource(db, previous.id, request);
    if (!other) return { result: skippedResult(file, previous) };
    // The same bytes named for another resource (every key's default key policy is identical): the file alone cannot
    // tell them apart, and a source is one file's bytes once. Skipping would silently drop the second resource.
    const e = new ApiError(
      'bad-input',
      `${fileName}: these bytes were already imported (source #${previous.id}) for ${other}; to import the same policy for ${request.resource}, name the resource inside the file (add "ResourceArn", e.g. jq '. + {ResourceArn: "${request.resource}"}')`,
    );
    if (!tolerant) throw allOrNothing(e, fileName, progress.files);
    return { result: { file, format: previous.format, rows: 0, loaded: 0, rejected: 0, skipped: true, failed: true, message: e.message } };
  }
  let detected: ReturnType<typeof detectFormat>;
  let unwrapped: UnwrappedResult | null = null;
  try {
    const sample = await readSample(file, fileName);
    // A pushdown extract saved by an engine's client: its records are read by the vendor's importer (engine-result.ts).
    unwrapped = await unwrapEngineResult(file, sample, hooks.signal);
    detected = detectFormat(unwrapped?.sample ?? sample, request.format);
  } catch (err) {
    unwrapped?.dispose();
    if (!(err instanceof ApiError) || err.code !== 'bad-input') throw err;
    if (!tolerant) throw allOrNothing(err, fileName, progress.files);
    return { result: { file, format: '', rows: 0, loaded: 0, rejected: 0, skipped: true, failed: true, message: err.message } };
  }
  try {
    return await loadDetected(kase, files, index, total, request, hooks, tolerant, progress, report, state, sha256, detected, unwrapped);
  } finally {
    unwrapped?.dispose();
  }
}

async function loadDetected(
  kase: CaseFile,
  files: readonly string[],
  index: number,
  total: number,
  request: ImportRequest,
  hooks: ImportHooks,
  tolerant: boolean,
  progress: BatchProgress,
  report: () => void,
  state: BatchState,
  sha256: string | null,
  detected: ReturnType<typeof detectFormat>,
  unwrapped: UnwrappedResult | null,
): Promise<Loaded> {
  const file = files[index];
  const db = kase.db;
  const fileName = path.basename(file);
  const { importer, skip } = detected;
  const reason = unwrapped ? `${unwrapped.note}; ${detected.reason}` : detected.reason;
  if (skip) return { result: { file, format: importer.name, rows: 0, loaded: 0, rejected: 0, skipped: true, message: reason } };
  const hashing: BackgroundHash | null = sha256 === null ? sha256InBackground(file) : null;
  const warnings: string[] = [];
  let rows = 0;
  db.exec('SAVEPOINT import_file');
  try {
    // Until the background hash is in, the row holds a unique stand-in (sha256 is unique per format).
    const sourceId = insertImportingSource(db, {
      fileName,
      path: file,
      sha256: sha256 ?? `pending:${crypto.randomUUID()}`,
      bytes: total,
      format: importer.name,
      detectReason: reason,
      importedAt: new Date().toISOString(),
      options: JSON.stringify({
        year: request.year,
        timeZone: request.timeZone,
        mapping: request.mapping,
        resource: request.resource,
        resourceAccount: request.resourceAccount,
      }),
    });
    let writer = state.writer;
    if (writer) writer.beginSource(sourceId);
    else state.writer = writer = new CaseWriter(db, sourceId);
    const start = progress.bytes;
    await importer.run({
      path: unwrapped?.path ?? file,
      fileName,
      writer,
      options: {
        year: request.year,
        timeZone: request.timeZone,
        mapping: request.mapping,
        resource: request.resource,
        resourceAccount: request.resourceAccount,
      },
      batch: { files, index },
      signal: hooks.signal ?? new AbortController().signal,
      countRow: () => {
        rows++;
        progress.rows++;
        if ((rows & 0x3fff) === 0) report();
      },
      progress: (n) => {
        progress.bytes = Math.min(progress.bytes + n, start + total);
      },
      warn: (message) => {
        if (!warnings.includes(message)) warnings.push(message);
      },
      finishBatch: (name, fn) => {
        state.finishers.delete(name); // re-inserted: the order of first need is kept by the latest registration
        state.finishers.set(name, { fn, sourceId });
      },
    });
    writer.flush();
    // With keepGoing a later file's failure discards the writer, so each file's roll-up is written with it; all or
    // nothing writes it once for the batch (the files of a folder share most identity → target pairs).
    if (tolerant) writer.usage.save();
    for (const w of writer.warnings) if (!warnings.includes(w)) warnings.push(w);
    writer.warnings.clear();
    const damage = takeDamage(file);
    if (damage && !warnings.includes(damage)) warnings.push(damage);
    const rejected = writer.counts.rejects;
    const loadedRows = Math.max(rows - rejected, 0);
    if (rows > 0 && loadedRows === 0) {
      const reasons = firstRejectReasons(db, sourceId, REASONS_SHOWN);
      throw new ApiError(
        'bad-input',
        `${fileName}: recognised as ${importer.name}, but all ${rows} of its records were rejected, so nothing was imported` +
          ` and the case is unchanged. First reasons: ${reasons.map((r) => `${r.locator}: ${r.reason}`).join('; ')}`,
      );
    }
    completeSource(db, sourceId, { rows, loaded: loadedRows, rejected, warnings: warnings.length ? JSON.stringify(warnings) : null });
    appendAudit(db, 'import', {
      file,
      sha256,
      format: importer.name,
      rows,
      loaded: loadedRows,
      rejected,
      ...(request.mapping ? { mapping: request.mapping } : {}),
      ...(warnings.length ? { warnings } : {}),
    });
    db.exec('RELEASE import_file');
    const result: ImportedSource = { file, format: importer.name, rows, loaded: loadedRows, rejected, skipped: false };
    if (warnings.length) {
      result.warnings = warnings;
      result.message = warnings.join('; ');
    }
    return { result, sourceId, hashing, maxTime: writer.maxTime };
  } catch (err) {
    hashing?.stop();
    takeDamage(file);
    state.writer?.end();
    state.nodesUpdatedBefore = (state.nodesUpdatedBefore ?? 0) + (state.writer?.nodesUpdatedInBatch ?? 0);
    state.writer = null; // its caches may name rows the rollback removed
    progress.rows -= rows;
    if (db.inTransaction) {
      db.exec('ROLLBACK TO import_file');
      db.exec('RELEASE import_file');
    }
    const e = asImportError(err, fileName);
    if (e.code === 'cancelled') throw e;
    if (!tolerant) throw allOrNothing(e, fileName, progress.files);
    return { result: { file, format: importer.name, rows, loaded: 0, rejected: 0, skipped: false, failed: true, message: e.message } };
  }
}

/** The failure of one file of several, as the failure of the whole batch: names the file and the way out. */
function allOrNothing(e: ApiError, fileName: string, files: number): ApiError {
  if (files < 2 || e.code !== 'bad-input') return e;
  return new ApiError(
    'bad-input',
    `${fileName} could not be imported, so none of the ${files} files was and the case is unchanged` +
      ` (--keep-going, or keepGoing in the API, imports the files that can be and lists the others): ${e.message}`,
  );
}

/** The resource an earlier import of the same bytes was named for with --resource, when this request names another. */
function otherResource(db: CaseFile['db'], sourceId: number, request: ImportRequest): string | null {
  if (!request.resource) return null;
  const raw = sourceOptionsJson(db, sourceId);
  let before: unknown;
  try {
    before = raw ? (JSON.parse(raw) as { resource?: unknown }).resource : undefined;
  } catch {
    before = undefined;
  }
  return before !== request.resource ? (typeof before === 'string' ? before : 'the resource the file itself names') : null;
}

function alreadyImported(db: CaseFile['db'], sha256: string): CompletedSource | undefined {
  return completedSourceBySha256(db, sha256);
}

function skippedResult(file: string, previous: { id: number; format: string; imported_at: string }): ImportedSource {
  return {
    file,
    format: previous.format,
    rows: 0,
    loaded: 0,
    rejected: 0,
    skipped: true,
    message: `already imported (source #${previous.id}, ${previous.imported_at}); nothing changed`,
  };
}

/** The newest event and edge before an import: what lies past them, the import added. */
function factsMark(db: Database.Database): { event: number; edge: number } {
  return {
    event: lastEventId(db),
    edge: lastEdgeId(db),
  };
}

function mayChangeKinds(db: Database.Database, mark: { node: number; event: number; edge: number }, nodesUpdated: number): boolean {
  if (nodesUpdated > 0) return true;
  const after = factsMark(db);
  if (after.event !== mark.event || after.edge !== mark.edge) return true;
  return identityAddedAfter(db, mark.node);
}
