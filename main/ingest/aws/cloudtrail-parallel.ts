// Imports a big CloudTrail NDJSON file with parsing in worker threads (cloudtrail-parse-worker.ts) and
// identity resolution and inserts here: on two cores the JSON parsing and the SQLite writes overlap, and a big
// plain file is parsed by two workers at once (parsing costs about twice what writing does).
// Each acknowledged batch frees the worker to parse the next, so at most a few batches are in memory.
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/contract.ts';
import type { ImportContext } from '../importer.ts';
import type { CaseWriter } from '../writer.ts';
import type { TrailLoader } from './cloudtrail-load.ts';
import {
  ACTION, ACTOR, AGENT, COLUMNS, IP, KEY, TARGET, type TrailBatch, type TrailParseJob, type TrailParseMessage,
} from './cloudtrail-batch.ts';

const MAX_LINE_CHARS = 64 * 1024 * 1024;
/** Above this size a plain (not gzip) file is split in two byte ranges, each parsed by its own worker. */
const SPLIT_BYTES = 32 * 1024 * 1024;

/** Each worker owns a byte range; workers parse in parallel and this thread writes whatever batch arrives first. */
export function importNdjsonInWorker(ctx: ImportContext, loader: TrailLoader, size: number, gzip: boolean): Promise<void> {
  const half = Math.floor(size / 2);
  const ranges = !gzip && size >= SPLIT_BYTES ? [[0, half], [half, Infinity]] : [[0, Infinity]];
  const workers = ranges.map(([start, end]) => {
    const job: TrailParseJob = { path: ctx.path, gzip, start, end, maxLineChars: MAX_LINE_CHARS };
    return new Worker(new URL('./cloudtrail-parse-worker.ts', import.meta.url), { workerData: job });
  });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let running = workers.length;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new ApiError('cancelled', 'import cancelled'));
    ctx.signal.addEventListener('abort', onAbort);
    for (const worker of workers) {
      const decoder = new BatchDecoder(ctx.writer, loader);
      worker.on('error', (e) => finish(new ApiError('bad-input', `${ctx.fileName}: cannot read CloudTrail records: ${e.message}`)));
      worker.on('message', (m: TrailParseMessage) => {
        if (settled) return;
        if (m.type === 'done') {
          if (--running === 0) finish();
          return;
        }
        if (m.type === 'error') return finish(new ApiError('bad-input', `${ctx.fileName}: cannot read CloudTrail records: ${m.message}`));
        try {
          for (let i = 0; i < m.records; i++) ctx.countRow();
          ctx.progress(m.bytes);
          decoder.load(m);
          for (const [line, reason, excerpt] of m.rejects) ctx.writer.reject(`line ${line}`, reason, excerpt);
          worker.postMessage('ack');
        } catch (e) {
          finish(e);
        }
      });
    }
  });
}

const UNSET = -2;
const MISSING = -1;

/**
 * Mirrors the worker's string dictionary and caches what each entry resolves to (term id, actor node,
 * target node), so a repeated actor or IP costs an array read here instead of a string hash.
 */
class BatchDecoder {
  private readonly writer: CaseWriter;
  private readonly loader: TrailLoader;
  private strings: string[] = [];
  private terms: number[] = [];
  private actors: number[] = [];
  private targets: number[] = [];
  private checkedAt: number[] = [];

  constructor(writer: CaseWriter, loader: TrailLoader) {
    this.writer = writer;
    this.loader = loader;
  }

  load(m: TrailBatch): void {
    if (m.reset) {
      this.strings = [];
      this.terms = [];
      this.actors = [];
      this.targets = [];
      this.checkedAt = [];
    }
    for (const s of m.strings) {
      this.strings.push(s);
      this.terms.push(UNSET);
      this.actors.push(UNSET);
      this.targets.push(UNSET);
      this.checkedAt.push(0);
    }
    const { cols, ts, outcome, lines, props } = m;
    let r = 0;
    for (let i = 0; i < m.n; i++) {
      const o = i * COLUMNS;
      const line = lines[i];
      const where = `line ${line}`;
      const rare = r < m.rare.length && m.rare[r][0] === i ? m.rare[r++][1] : null;
      const keyCode = cols[o + KEY];
      this.loader.write(ts[i], this.actor(cols[o + ACTOR], where), keyCode < 0 ? null : this.strings[keyCode],
        this.term(cols[o + IP]), this.term(cols[o + AGENT]), this.term(cols[o + ACTION]), this.target(cols[o + TARGET]),
        this.term(cols[o + TARGET]), outcome[i] as 0 | 1, line, props[i], where, rare);
    }
  }

  private term(code: number): number | null {
    if (code < 0) return null;
    let id = this.terms[code];
    if (id === UNSET) this.terms[code] = id = this.writer.term(this.strings[code])!;
    return id;
  }

  private actor(code: number, where: string): number | null {
    if (code < 0) return null;
    let id = this.actors[code];
    if (id === UNSET) this.actors[code] = id = this.loader.identityOf(this.strings[code], where) ?? -1;
    return id < 0 ? null : id;
  }

  /**
   * Target nodes by text. A miss is remembered only until the case gains a node (this file may create the target
   * further on, e.g. CreateUser); re-checking is a cached lookup in the writer.
   */
  private target(code: number): number | null {
    if (code < 0) return null;
    const id = this.targets[code];
    if (id >= 0) return id;
    const created = this.writer.counts.nodesCreated;
    if (id === MISSING && this.checkedAt[code] === created) return null;
    const found = this.writer.find(this.strings[code]);
    this.targets[code] = found ?? MISSING;
    this.checkedAt[code] = created;
    return found ?? null;
  }
}
