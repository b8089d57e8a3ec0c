// Imports a large auth_events CSV with parsing in a worker thread (parse-worker.ts) and writing here.
// This thread is the one that limits speed (SQLite inserts take most of it), so it does as little else
// as it can: new dictionary strings resolve to node ids, terms and stored addresses in bulk as they arrive, rows are
// written by array lookups only, and usage arrives rolled up by the worker.
// Each acknowledged batch frees the worker to parse the next, so at most a few batches are in memory.
import { Worker } from 'node:worker_threads';
import type { ImportContext } from '../importer.ts';
import type { UsageSpanData } from '../usage-spans.ts';
import type { CaseWriter } from '../writer.ts';
import type { StoredAddress } from '../../store/address-column.ts';
import type { CsvDialect } from './byte-csv.ts';
import { hostParseWorkers } from '../worker-host.ts';
import { inflateLimits } from '../file-source.ts';
import { FLAG_FAILURE, FLAG_IP_UNPARSED, REF_FIELDS, type ParseJob, type ParseMessage } from './parse-protocol.ts';

type ParseBatch = Extract<ParseMessage, { type: 'batch' }>;

const UNPARSED_IP_PROPS = JSON.stringify({ unparsed_ip: true });
/** refs slots whose strings are node keys, terms, or both (the target); countries stay text. */
const IDENTITY = 0,
  CREDENTIAL = 1,
  ADDRESS = 2,
  TARGET = 5;

export function parseInWorker(ctx: ImportContext, columns: Record<string, number>, dialect: CsvDialect): Promise<void> {
  const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), {
    workerData: { path: ctx.path, columns, dialect, inflate: inflateLimits() } satisfies ParseJob,
  });
  const resolve = new DictionaryResolver(ctx.writer);
  const firstEventId = ctx.writer.nextEventId;
  const onBatch = (m: ParseBatch) => {
    for (let i = 0; i < m.records; i++) ctx.countRow();
    ctx.progress(m.bytes);
    resolve.add(m.newStrings, m.newFields);
    writeBatch(m, resolve, ctx.writer);
    for (const [row, reason, excerpt] of m.rejects) ctx.writer.reject(`row ${row}`, reason, excerpt);
    if (m.spans) addSpans(m.spans, resolve, ctx.writer, firstEventId);
    if (m.reset) resolve.reset();
  };
  return hostParseWorkers(ctx, [{ worker, onBatch }], { crash: 'cannot parse', error: 'cannot parse as CSV' });
}

function writeBatch(m: ParseBatch, r: DictionaryResolver, writer: CaseWriter): void {
  const { refs, ts, asn, ipv4, rows } = m;
  const { identities, credentials, addresses, terms, targets, strings } = r;
  for (let i = 0; i < m.count; i++) {
    const o = i * REF_FIELDS;
    const credential = refs[o + 1] < 0 ? null : credentials[refs[o + 1]];
    let identity = refs[o] < 0 ? null : identities[refs[o]];
    if (identity === null && credential !== null) identity = writer.ownerOfCredential(credential);
    const target = refs[o + 5];
    const flags = refs[o + 7];
    writer.eventRolledUpElsewhere(
      ts[i],
      identity,
      credential,
      Number.isNaN(ipv4[i]) ? (refs[o + 2] < 0 ? null : addresses[refs[o + 2]]) : ipv4[i],
      term(terms, refs[o + 3]),
      term(terms, refs[o + 4]),
      target < 0 ? null : targets[target],
      term(terms, target),
      flags & FLAG_FAILURE ? 0 : 1,
      Number.isNaN(asn[i]) ? null : asn[i],
      refs[o + 6] >= 0 ? strings[refs[o + 6]] : null,
      rows[i],
      flags & FLAG_IP_UNPARSED ? UNPARSED_IP_PROPS : null,
    );
  }
}

function term(terms: number[], code: number): number | null {
  return code < 0 ? null : terms[code];
}

/** Usage the worker rolled up by dictionary codes, resolved to nodes (event order → auth_event id). */
function addSpans(s: UsageSpanData, r: DictionaryResolver, writer: CaseWriter, firstEventId: number): void {
  for (let i = 0; i < s.n; i++) {
    const ic = s.codes[i * 3],
      cc = s.codes[i * 3 + 1],
      tc = s.codes[i * 3 + 2];
    const credential = cc < 0 ? null : r.credentials[cc];
    let identity = ic < 0 ? null : r.identities[ic];
    if (identity === null && credential !== null) identity = writer.ownerOfCredential(credential);
    writer.usage.addSpan(
      firstEventId + s.firstEvent[i],
      firstEventId + s.lastEvent[i],
      s.firstSeen[i],
      s.lastSeen[i],
      s.successes[i],
      identity,
      credential,
      tc < 0 ? null : r.targets[tc],
      term(r.terms, tc),
    );
  }
}

/**
 * Worker dictionary code → case ids, resolved in bulk when the strings arrive. Each string is resolved
 * for the slot it first appeared in (the worker keeps one dictionary per slot): accounts and keys become
 * nodes (placeholders when unknown), addresses become stored addresses, agents, actions and targets terms, and targets are
 * also linked to the node of that name when the case has one.
 */
class DictionaryResolver {
  strings: string[] = [];
  identities: number[] = [];
  credentials: number[] = [];
  terms: number[] = [];
  /** Stored source addresses (store/address-column.ts): the address itself, or a term id for other text. */
  addresses: (StoredAddress | null)[] = [];
  /** Target node ids; null when the case has no such node. */
  targets: (number | null)[] = [];
  private readonly writer: CaseWriter;

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  add(newStrings: string[], newFields: Uint8Array): void {
    const base = this.strings.length;
    // Every array covers every code (dense arrays stay fast; a code of another slot is never read).
    for (const s of newStrings) {
      this.strings.push(s);
      this.identities.push(-1);
      this.credentials.push(-1);
      this.terms.push(-1);
      this.addresses.push(null);
      this.targets.push(null);
    }
    const bySlot = (slots: number[]) => {
      const codes: number[] = [];
      for (let i = 0; i < newFields.length; i++) if (slots.includes(newFields[i])) codes.push(base + i);
      return codes;
    };
    this.fill(this.identities, bySlot([IDENTITY]), (keys) => this.writer.refMany(keys, 'identity'));
    this.fill(this.credentials, bySlot([CREDENTIAL]), (keys) => this.writer.refMany(keys, 'credential'));
    this.fill(this.addresses, bySlot([ADDRESS]), (values) => this.writer.addressMany(values));
    this.fill(this.terms, bySlot([3, 4, TARGET]), (values) => this.writer.termMany(values));
    this.fill(this.targets, bySlot([TARGET]), (keys) => this.writer.findMany(keys).map((id) => id ?? null));
  }

  /** The worker's dictionary started over: codes from 0 again. */
  reset(): void {
    this.strings = [];
    this.identities = [];
    this.credentials = [];
    this.terms = [];
    this.addresses = [];
    this.targets = [];
  }

  private fill<T>(into: T[], codes: number[], resolve: (values: string[]) => T[]): void {
    if (!codes.length) return;
    const ids = resolve(codes.map((c) => this.strings[c]));
    codes.forEach((c, i) => (into[c] = ids[i]));
  }
}
