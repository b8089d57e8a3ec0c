// Imports a big CloudTrail NDJSON file with parsing in worker threads (cloudtrail-parse-worker.ts) and
// identity resolution and inserts here: on two cores the JSON parsing and the SQLite writes overlap, and a big
// plain file is parsed by two workers at once (parsing costs about twice what writing does).
import { Worker } from 'node:worker_threads';
import { hostParseWorkers } from '../worker-host.ts';
import { inflateLimits } from '../file-source.ts';
import type { ImportContext } from '../importer.ts';
import type { CaseWriter } from '../writer.ts';
import type { TrailLoader } from './cloudtrail-load.ts';
import { ACTION, ACTOR, AGENT, COLUMNS, IP, KEY, TARGET, type TrailBatch, type TrailParseJob } from './cloudtrail-batch.ts';

const MAX_LINE_CHARS = 64 * 1024 * 1024;
/** Above this size a plain (not gzip) file is split in two byte ranges, each parsed by its own worker. */
const SPLIT_BYTES = 32 * 1024 * 1024;

/** Each worker owns a byte range; workers parse in parallel and this thread writes whatever batch arrives first. */
export function importNdjsonInWorker(ctx: ImportContext, loader: TrailLoader, size: number, gzip: boolean): Promise<void> {
  const half = Math.floor(size / 2);
  const ranges =
    !gzip && size >= SPLIT_BYTES
      ? [
          [0, half],
          [half, Infinity],
        ]
      : [[0, Infinity]];
  const workers = ranges.map(([start, end]) => {
    const job: TrailParseJob = { path: ctx.path, gzip, start, end, maxLineChars: MAX_LINE_CHARS, inflate: inflateLimits() };
    return new Worker(new URL('./cloudtrail-parse-worker.ts', import.meta.url), { workerData: job });
  });
  return hostParseWorkers(
    ctx,
    workers.map((worker) => {
      const decoder = new BatchDecoder(ctx.writer, loader);
      const onBatch = (m: TrailBatch) => {
        for (let i = 0; i < m.records; i++) ctx.countRow();
        ctx.progress(m.bytes);
        decoder.load(m);
        for (const [line, reason, excerpt] of m.rejects) ctx.writer.reject(whereOf(m, line), reason, excerpt);
      };
      return { worker, onBatch };
    }),
    { crash: 'cannot read CloudTrail records', error: 'cannot read CloudTrail records' },
  );
}

/** A record's locator as the in-thread reader words it: an NDJSON line, or an item of the container on line 1. */
export function whereOf(m: TrailBatch, line: number): string {
  return m.container ? `line 1 ${m.container}[${line - 1}]` : `line ${line}`;
}

const UNSET = -2;
const MISSING = -1;

/**
 * Mirrors the worker's string dictionary and caches what each entry resolves to (term id, actor node,
 * target node), so a repeated actor or IP costs an array read here instead of a string hash.
 */
export class BatchDecoder {
  private writer: CaseWriter;
  private loader: TrailLoader;
  private strings: string[] = [];
  private terms: number[] = [];
  private actors: number[] = [];
  private targets: number[] = [];
  private checkedAt: number[] = [];

  constructor(writer: CaseWriter, loader: TrailLoader) {
    this.writer = writer;
    this.loader = loader;
  }

  /**
   * Writes through another writer from now on (a folder import that started over after a failed file): the
   * dictionary stays, what its entries resolved to is forgotten (those rows may have been rolled back).
   */
  rebind(writer: CaseWriter, loader: TrailLoader): void {
    if (writer === this.writer && loader === this.loader) return;
    this.writer = writer;
    this.loader = loader;
    this.terms.fill(UNSET);
    this.actors.fill(UNSET);
    this.targets.fill(UNSET);
    this.checkedAt.fill(0);
  }

  load(m: TrailBatch): void {
    this.absorb(m);
    this.write(m);
  }

  /** Takes the batch's new dictionary entries (every batch must pass here, written or not, to stay in step). */
  absorb(m: TrailBatch): void {
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
  }

  /** Writes the batch's events (after absorb). */
  write(m: TrailBatch): void {
    const { cols, ts, outcome, lines, props } = m;
    let r = 0;
    for (let i = 0; i < m.n; i++) {
      const o = i * COLUMNS;
      const line = lines[i];
      const where = whereOf(m, line);
      const rare = r < m.rare.length && m.rare[r][0] === i ? m.rare[r++][1] : null;
      const keyCode = cols[o + KEY];
      this.loader.write(
        ts[i],
        this.actor(cols[o + ACTOR], where),
        keyCode < 0 ? null : this.strings[keyCode],
        this.term(cols[o + IP]),
        this.term(cols[o + AGENT]),
        this.term(cols[o + ACTION]),
        this.target(cols[o + TARGET]),
        this.term(cols[o + TARGET]),
        outcome[i] as 0 | 1,
        line,
        props[i],
        where,
        rare,
      );
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
