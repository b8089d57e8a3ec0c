// Imports a large auth_events CSV with parsing in a worker thread (parse-worker.ts) and writing here.
// Each acknowledged batch frees the worker to parse the next, so at most a few batches are in memory.
// Dictionary ids from the worker resolve once each to node ids (per role) and term ids, then rows are
// written by array lookups only.
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/contract.ts';
import type { ImportContext } from '../importer.ts';
import type { CaseWriter } from '../writer.ts';
import type { CsvDialect } from './byte-csv.ts';
import { FLAG_FAILURE, FLAG_IP_UNPARSED, REF_FIELDS, type ParseJob, type ParseMessage } from './parse-protocol.ts';

const UNSET = -2;
const UNPARSED_IP_PROPS = JSON.stringify({ unparsed_ip: true });

export function parseInWorker(ctx: ImportContext, columns: Record<string, number>, dialect: CsvDialect): Promise<void> {
  const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: { path: ctx.path, columns, dialect } satisfies ParseJob });
  const resolve = new DictionaryResolver(ctx.writer);
  return new Promise<void>((done, fail) => {
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (err) fail(err);
      else done();
    };
    const onAbort = () => finish(new ApiError('cancelled', 'import cancelled'));
    ctx.signal.addEventListener('abort', onAbort);
    worker.on('error', (e) => finish(new ApiError('bad-input', `${ctx.fileName}: cannot parse: ${e.message}`)));
    worker.on('message', (m: ParseMessage) => {
      if (settled) return;
      if (m.type === 'done') return finish();
      if (m.type === 'error') return finish(new ApiError('bad-input', `${ctx.fileName}: cannot parse as CSV: ${m.message}`));
      try {
        for (let i = 0; i < m.records; i++) ctx.countRow();
        ctx.progress(m.bytes);
        resolve.add(m.newStrings);
        writeBatch(m, resolve, ctx.writer);
        for (const [row, reason, excerpt] of m.rejects) ctx.writer.reject(`row ${row}`, reason, excerpt);
        worker.postMessage('ack');
      } catch (e) {
        finish(e);
      }
    });
  });
}

function writeBatch(m: Extract<ParseMessage, { type: 'batch' }>, r: DictionaryResolver, writer: CaseWriter): void {
  const { refs, ts, asn, rows } = m;
  for (let i = 0; i < m.count; i++) {
    const o = i * REF_FIELDS;
    const credential = r.credential(refs[o + 1]);
    let identity = r.identity(refs[o]);
    if (identity === null && credential !== null) identity = writer.ownerOfCredential(credential);
    const flags = refs[o + 7];
    writer.eventWithTerms(ts[i], identity, credential, r.term(refs[o + 2]), r.term(refs[o + 3]), r.term(refs[o + 4]),
      r.target(refs[o + 5]), r.term(refs[o + 5]), flags & FLAG_FAILURE ? 0 : 1, Number.isNaN(asn[i]) ? null : asn[i],
      refs[o + 6] >= 0 ? r.strings[refs[o + 6]] : null, rows[i], flags & FLAG_IP_UNPARSED ? UNPARSED_IP_PROPS : null);
  }
}

/** Worker dictionary id → case ids, resolved lazily once per role. */
class DictionaryResolver {
  readonly strings: string[] = [];
  private readonly identities: number[] = [];
  private readonly credentials: number[] = [];
  private readonly targets: number[] = [];
  private readonly terms: number[] = [];
  private readonly writer: CaseWriter;

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  add(newStrings: string[]): void {
    for (const s of newStrings) {
      this.strings.push(s);
      this.identities.push(UNSET);
      this.credentials.push(UNSET);
      this.targets.push(UNSET);
      this.terms.push(UNSET);
    }
  }

  identity(id: number): number | null {
    if (id < 0) return null;
    if (this.identities[id] === UNSET) this.identities[id] = this.writer.ref(this.strings[id], 'identity');
    return this.identities[id];
  }

  credential(id: number): number | null {
    if (id < 0) return null;
    if (this.credentials[id] === UNSET) this.credentials[id] = this.writer.ref(this.strings[id], 'credential');
    return this.credentials[id];
  }

  /** Targets are linked only to nodes the case already knows; the text is always kept as a term. */
  target(id: number): number | null {
    if (id < 0) return null;
    if (this.targets[id] === UNSET) this.targets[id] = this.writer.find(this.strings[id]) ?? -1;
    return this.targets[id] >= 0 ? this.targets[id] : null;
  }

  term(id: number): number | null {
    if (id < 0) return null;
    if (this.terms[id] === UNSET) this.terms[id] = this.writer.term(this.strings[id])!;
    return this.terms[id];
  }
}
