// The worker side of the CloudTrail batch protocol (cloudtrail-batch.ts), shared by the NDJSON parse worker and
// the S3 tree worker: events go into columns, their strings through one dictionary, and a full batch is posted
// with its typed arrays transferred. The dictionary starts over when it grows too large, and the next batch says so.
import type { MessagePort } from 'node:worker_threads';
import { BatchCredit } from '../batch-credit.ts';
import { FieldDictionary } from '../field-dictionary.ts';
import { ACTION, ACTOR, AGENT, COLUMNS, IP, KEY, TARGET, type TrailBatch } from './cloudtrail-batch.ts';
import type { TrailEvent } from './cloudtrail-normalise.ts';

const BATCH = 2000;
const MAX_DICTIONARY = 500_000;

export class TrailBatchBuilder {
  /** Records read since the last post (loaded or rejected); a reader adjusts it as it learns what a line held. */
  records = 0;
  /** Bytes of the file consumed since the last post. */
  bytes = 0;
  /** Tree mode: the batch's file and container (see TrailBatch). */
  tag: Pick<TrailBatch, 'container' | 'file'> = {};
  private readonly port: MessagePort;
  private readonly credit: BatchCredit;
  private readonly dictionary = new FieldDictionary(COLUMNS);
  private reset = false;
  private strings: string[] = [];
  private n = 0;
  private ts = new Float64Array(BATCH);
  private cols = new Int32Array(BATCH * COLUMNS);
  private outcome = new Uint8Array(BATCH);
  private lines = new Int32Array(BATCH);
  private props: string[] = [];
  private rare: TrailBatch['rare'] = [];
  private rejects: [number, string, string][] = [];

  constructor(port: MessagePort) {
    this.port = port;
    this.credit = new BatchCredit(port);
  }

  add(e: TrailEvent, line: number): void {
    const i = this.n++;
    const o = i * COLUMNS;
    this.ts[i] = e.ts;
    this.cols[o + ACTOR] = this.code(e.actor, ACTOR);
    this.cols[o + KEY] = this.code(e.accessKeyId, KEY);
    this.cols[o + IP] = this.code(e.ip, IP);
    this.cols[o + AGENT] = this.code(e.userAgent, AGENT);
    this.cols[o + ACTION] = this.code(e.action, ACTION);
    this.cols[o + TARGET] = this.code(e.targetText, TARGET);
    this.outcome[i] = e.outcome;
    this.lines[i] = line;
    this.props.push(e.props);
    if (e.assumed || e.change) this.rare.push([i, { ts: e.ts, actor: e.actor, assumed: e.assumed, change: e.change, targetText: e.targetText }]);
  }

  reject(line: number, reason: string, excerpt: string): void {
    this.rejects.push([line, reason, excerpt]);
  }

  /** The batch is full and must be posted. */
  get full(): boolean {
    return this.n >= BATCH || this.rejects.length >= BATCH;
  }

  post(): void {
    const batch: TrailBatch = {
      type: 'batch',
      reset: this.reset,
      strings: this.strings,
      n: this.n,
      ts: this.ts,
      cols: this.cols,
      outcome: this.outcome,
      lines: this.lines,
      props: this.props,
      rare: this.rare,
      rejects: this.rejects,
      records: this.records,
      bytes: this.bytes,
      ...this.tag,
    };
    this.port.postMessage(batch, [this.ts.buffer, this.cols.buffer, this.outcome.buffer, this.lines.buffer]);
    this.credit.sent();
    this.reset = false;
    this.strings = [];
    this.n = 0;
    this.ts = new Float64Array(BATCH);
    this.cols = new Int32Array(BATCH * COLUMNS);
    this.outcome = new Uint8Array(BATCH);
    this.lines = new Int32Array(BATCH);
    this.props = [];
    this.rare = [];
    this.rejects = [];
    this.records = 0;
    this.bytes = 0;
    if (this.dictionary.size > MAX_DICTIONARY) {
      this.dictionary.clear(); // flat memory on logs with endless distinct strings; the importing thread starts over too
      this.reset = true;
    }
  }

  /** Resolves once the importing thread has acknowledged enough batches (backpressure: batch-credit.ts). */
  room(): Promise<void> {
    return this.credit.room();
  }

  private code(s: string | null, column: number): number {
    return s === null ? -1 : this.dictionary.code(s, column, this.strings);
  }
}
