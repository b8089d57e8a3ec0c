// The load side shared by every importer: nodes, aliases, edges, auth events and rejects, each
// with provenance. Importers normalise; the writer decides how a row lands in the case.
// It never opens or commits transactions: the import runner owns atomicity.
import type Database from 'better-sqlite3';
import { EVENT_WIDTH, eventColumnsFor as columnsFor, eventInsert } from '../store/event-insert.ts';
import { lastEventId } from '../store/import-marks.ts';
import { addressValue, type StoredAddress } from '../store/address-column.ts';
import { nodeIdsByAliases, nodeIdsByKeys, termIdsByValues, writerStatements, type WriterStatements } from '../store/ingest-statements.ts';
import type { EdgeKind, NodeKind } from '../../shared/model.ts';
import { UsageRollup } from '../store/usage-rollup.ts';
import { RejectedRecord } from './record-error.ts';

export interface NodeInput {
  key: string;
  kind: NodeKind;
  subkind?: string | null;
  name?: string | null;
  provider?: string | null;
  environment?: string | null;
  status?: string | null;
  owner?: string | null;
  criticality?: string | null;
  createdAt?: string | null;
  lastUsedAt?: string | null;
  props?: Record<string, unknown> | null;
}

export interface EdgeInput {
  src: number;
  dst: number;
  kind: EdgeKind;
  privilege?: number;
  conditional?: boolean;
  props?: Record<string, unknown> | null;
  grantedAt?: string | null;
  lastUsedAt?: string | null;
}

export interface EventInput {
  ts: number;
  identity: number | null;
  credential: number | null;
  ip: string | null;
  userAgent: string | null;
  action: string | null;
  /** A node id when the target is a known node. */
  target: number | null;
  /** The target as written in the source (always kept, so later inventories can resolve it). */
  targetText: string | null;
  outcome: 0 | 1;
  asn?: number | null;
  country?: string | null;
  locator: number;
  props?: Record<string, unknown> | null;
}

export interface LoadCounts {
  nodesCreated: number;
  nodesUpdated: number;
  edges: number;
  events: number;
  rejects: number;
}

const MAX_TERM = 4096;
/**
 * Cache bounds: a cache is cleared when full (the case file stays the truth). A million names or terms
 * cover any real log's working set in ~100 MB; logs made of endless distinct values must not grow memory.
 */
const MAX_CACHED_NODES = 1_000_000;
const MAX_CACHED_TERMS = 1_000_000;
/** Multi-row inserts cut per-statement overhead: ~1.6x faster than one row per call, 64 a little faster than 32 (measured here). */
export const EVENT_BATCH = 64;
/** Values buffered per event (store/event-insert.ts names the columns). */
const WIDTH = EVENT_WIDTH;

export class CaseWriter {
  private source: number;
  readonly counts: LoadCounts = { nodesCreated: 0, nodesUpdated: 0, edges: 0, events: 0, rejects: 0 };
  /** Existing nodes this writer completed, over every source of the batch (counts start over per source). */
  nodesUpdatedInBatch = 0;
  /** Latest timestamp seen in this import (epoch ms), for the case's as-of time. */
  maxTime = 0;
  /** The case's connection, for the store/ functions an importer calls inside the import's transaction. */
  readonly db: Database.Database;
  /** key/alias → node id; null caches "not in the case" (every creation goes through this writer). */
  private readonly nodeIds = new Map<string, number | null>();
  private readonly credentialOwners = new Map<number, number | null>();
  private readonly termIds = new Map<string, number>();
  private readonly stmt: WriterStatements;
  private readonly eventBuffer: unknown[] = new Array(EVENT_BATCH * WIDTH);
  private buffered = 0;
  /** Bit i set: a buffered event has a value in OPTIONAL_EVENT_COLUMNS[i] (store/event-insert.ts). */
  private present = 0;
  /** Per `present` mask: the batch insert, its columns, and a bind array of their width. */
  private readonly batchInserts: ({ stmt: Database.Statement; columns: number[]; values: unknown[] } | undefined)[] = [];
  /** Exercised grants and not-yet-resolvable references, rolled up as events are written. */
  readonly usage: UsageRollup;
  /** auth_event ids are assigned in order within the import transaction: the next one is this + 1. */
  private lastEventId: number;

  constructor(db: Database.Database, sourceId: number) {
    this.db = db;
    this.source = sourceId;
    this.stmt = writerStatements(db);
    this.usage = new UsageRollup(db);
    this.lastEventId = lastEventId(db);
  }

  /** Nodes a step deleted: lookups must no longer find them (a later ref() makes a new placeholder). */
  forget(keys: readonly string[]): void {
    for (const k of keys) this.nodeIds.delete(k);
  }

  /** The source (imported file) every row written now is attributed to. */
  get sourceId(): number {
    return this.source;
  }

  /**
   * Goes on with the next file of a folder import in the same transaction: the caches stay (the files share
   * accounts, keys and terms), the counts and the source start over. Call flush() first; the usage roll-up
   * names no source and may carry on.
   */
  beginSource(sourceId: number): void {
    if (this.buffered) throw new Error('beginSource: flush the previous source first');
    this.source = sourceId;
    this.counts.nodesCreated = this.counts.nodesUpdated = this.counts.edges = this.counts.events = this.counts.rejects = 0;
    this.maxTime = 0;
  }

  /** Notes about the file as a whole (e.g. how a declared value was read), shown with the import result. */
  readonly warnings = new Set<string>();

  warn(message: string): void {
    this.warnings.add(message);
  }

  /** State an importer keeps for the whole batch of files this writer serves (e.g. its resolved actors). */
  shared<T>(key: string, make: () => T): T {
    let v = this.sharedState.get(key) as T | undefined;
    if (v === undefined) this.sharedState.set(key, (v = make()));
    return v;
  }

  /** Replaces what `shared` holds under `key`. */
  setShared<T>(key: string, value: T): void {
    this.sharedState.set(key, value);
  }

  private readonly sharedState = new Map<string, unknown>();
  private readonly endHooks: (() => void)[] = [];

  /** Runs `fn` when the batch this writer serves ends, however it ends (e.g. to stop a worker it started). */
  atEnd(fn: () => void): void {
    this.endHooks.push(fn);
  }

  /** The batch is over (committed, rolled back, or this writer discarded): runs the atEnd hooks once. */
  end(): void {
    for (const fn of this.endHooks.splice(0)) fn();
  }

  /** Id of the node known by this key or alias, or undefined. */
  find(key: string): number | undefined {
    const cached = this.nodeIds.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const id = (this.stmt.nodeByKey.get(key) ?? this.stmt.nodeByAlias.get(key)) as number | undefined;
    if (this.nodeIds.size > MAX_CACHED_NODES) this.nodeIds.clear();
    this.nodeIds.set(key, id ?? null);
    return id;
  }

  /**
   * find() for many keys at once, in a few queries instead of two per key (bulk logs bring tens of
   * thousands of new accounts and keys). Same answers, same cache.
   */
  findMany(keys: readonly string[]): (number | undefined)[] {
    const out = new Array<number | undefined>(keys.length);
    const unknown: string[] = [];
    keys.forEach((key, i) => {
      const cached = this.nodeIds.get(key);
      if (cached === undefined) unknown.push(key);
      else out[i] = cached ?? undefined;
    });
    if (unknown.length) {
      const found = nodeIdsByKeys(this.db, unknown);
      const aliases = nodeIdsByAliases(
        this.db,
        unknown.filter((k) => !found.has(k)),
      );
      if (this.nodeIds.size + unknown.length > MAX_CACHED_NODES) this.nodeIds.clear();
      for (const key of unknown) this.nodeIds.set(key, found.get(key) ?? aliases.get(key) ?? null);
      keys.forEach((key, i) => {
        if (out[i] === undefined) out[i] = found.get(key) ?? aliases.get(key);
      });
    }
    return out;
  }

  /** ref() for many keys at once: known ones found in a few queries, the rest created as placeholders. */
  refMany(keys: readonly string[], kind: NodeKind): number[] {
    const ids = this.findMany(keys);
    // One prepared insert per new key: a multi-row INSERT … RETURNING measured slower here.
    return keys.map((key, i) => ids[i] ?? this.ref(key, kind));
  }

  /**
   * How auth_event.ip stores a source address (store/address-column.ts): the address itself for canonical IPv4 and
   * IPv6 text, a term for anything else a log put there. No dictionary write for an address: a case meets a new
   * one every few events.
   */
  address(value: string | null | undefined): StoredAddress | null {
    if (value == null || value === '') return null;
    return addressValue(value) ?? this.term(value);
  }

  /** address() for many (non-empty) values at once. */
  addressMany(values: readonly string[]): (StoredAddress | null)[] {
    return values.map((v) => addressValue(v) ?? this.term(v));
  }

  /** term() for many (non-empty) values at once: known ones looked up in a few queries, new ones inserted one by one. */
  termMany(values: readonly string[]): number[] {
    const kept = values.map(boundedTerm);
    const unknown = [...new Set(kept.filter((v) => !this.termIds.has(v)))];
    if (unknown.length) {
      const found = termIdsByValues(this.db, unknown);
      // What the look-up did not find is not in the case: inserted at once, without asking the table again.
      if (this.termIds.size + unknown.length > MAX_CACHED_TERMS) this.termIds.clear();
      for (const value of unknown) this.termIds.set(value, found.get(value) ?? Number(this.stmt.termInsert.run(value).lastInsertRowid));
    }
    return kept.map((v) => this.termIds.get(v) ?? this.term(v)!);
  }

  /**
   * An inventory row: creates the node or completes an existing one (including a placeholder).
   * What a node is never changes once a row has said it: a row of another kind for the same key (or alias)
   * throws NodeKindConflict, which every importer's record loop turns into a reject. Otherwise a crafted or
   * merely conflicting file (a systems row named like a service account) would silently turn an identity into a
   * system and drop its credentials and every attack path through it. A placeholder (a reference whose kind was
   * only guessed) may be refined to another kind: that is the inventory row doing its job.
   */
  upsertNode(input: NodeInput, locator: string): number {
    const existing = this.find(input.key);
    if (existing !== undefined) this.checkKind(existing, input);
    this.seeTime(input.lastUsedAt);
    this.seeTime(input.createdAt);
    const row = {
      key: input.key,
      kind: input.kind,
      subkind: input.subkind ?? null,
      name: input.name ?? null,
      provider: input.provider ?? null,
      environment: input.environment ?? null,
      status: input.status ?? null,
      owner: input.owner ?? null,
      criticality: input.criticality ?? null,
      createdAt: input.createdAt ?? null,
      lastUsedAt: input.lastUsedAt ?? null,
      props: input.props ? JSON.stringify(input.props) : null,
      sourceId: this.sourceId,
      locator,
    };
    if (existing !== undefined) {
      this.stmt.nodeUpdate.run({ ...row, id: existing });
      this.counts.nodesUpdated++;
      this.nodesUpdatedInBatch++;
      return existing;
    }
    const id = Number(this.stmt.nodeInsert.run({ ...row, unresolved: 0 }).lastInsertRowid);
    this.nodeIds.set(input.key, id);
    this.counts.nodesCreated++;
    return id;
  }

  private checkKind(id: number, input: NodeInput): void {
    const now = this.stmt.nodeIdentity.get(id) as ExistingNode;
    if (now.unresolved || now.kind === input.kind) return;
    throw new NodeKindConflict(input.key, now, input.kind);
  }

  /**
   * A reference to a node by key. Unknown keys become placeholders marked unresolved,
   * so an edge or event is never lost because its inventory row arrives later (or never).
   */
  ref(key: string, kind: NodeKind, subkind: string | null = null, locator = ''): number {
    const existing = this.find(key);
    if (existing !== undefined) return existing;
    const id = Number(this.stmt.placeholderInsert.run(key, kind, subkind, subkind, this.sourceId, locator).lastInsertRowid);
    this.nodeIds.set(key, id);
    this.counts.nodesCreated++;
    return id;
  }

  /** Records another name for a node (ARN, key id, object id…). The first claim wins. */
  alias(alias: string, nodeId: number): void {
    if (!alias) return;
    this.stmt.aliasInsert.run(alias, nodeId, this.sourceId);
    if (this.nodeIds.get(alias) == null) this.nodeIds.set(alias, nodeId);
  }

  private seeTime(iso: string | null | undefined): void {
    if (!iso) return;
    const t = Date.parse(iso);
    if (t > this.maxTime) this.maxTime = t;
  }

  edge(input: EdgeInput, locator: string): void {
    if (input.kind === 'has_credential') this.ownerSeen(input.dst, input.src);
    this.stmt.edgeUpsert.run({
      src: input.src,
      dst: input.dst,
      kind: input.kind,
      privilege: input.privilege ?? 0,
      conditional: input.conditional ? 1 : 0,
      props: input.props ? JSON.stringify(input.props) : null,
      sourceId: this.sourceId,
      locator,
      grantedAt: input.grantedAt ?? null,
      lastUsedAt: input.lastUsedAt ?? null,
    });
    this.counts.edges++;
  }

  /** Dictionary id for a repeated string (IPs, user agents, actions, free-text targets). */
  term(value: string | null | undefined): number | null {
    if (value == null || value === '') return null;
    value = boundedTerm(value);
    const cached = this.termIds.get(value);
    if (cached !== undefined) return cached;
    let id = this.stmt.termByValue.get(value) as number | undefined;
    if (id === undefined) id = Number(this.stmt.termInsert.run(value).lastInsertRowid);
    if (this.termIds.size > MAX_CACHED_TERMS) this.termIds.clear();
    this.termIds.set(value, id);
    return id;
  }

  private ownerSeen(credential: number, owner: number | null): void {
    if (this.credentialOwners.size > MAX_CACHED_NODES) this.credentialOwners.clear();
    this.credentialOwners.set(credential, owner);
  }

  /** The identity that owns a credential, if the case knows it. */
  ownerOfCredential(credentialId: number): number | null {
    let owner = this.credentialOwners.get(credentialId);
    if (owner === undefined) {
      owner = (this.stmt.ownerOfCredential.get(credentialId) as number | undefined) ?? null;
      this.ownerSeen(credentialId, owner);
    }
    return owner;
  }

  /** Buffers an auth event; call flush() before reading auth_event back. */
  event(e: EventInput): void {
    this.eventWithTerms(
      e.ts,
      e.identity,
      e.credential,
      this.address(e.ip),
      this.term(e.userAgent),
      this.term(e.action),
      e.target,
      this.term(e.targetText),
      e.outcome,
      e.asn ?? null,
      e.country ?? null,
      e.locator,
      e.props ? JSON.stringify(e.props) : null,
    );
  }

  /** The hot path for bulk loaders that already hold dictionary (term) ids and stored addresses: no string hashing per row. */
  eventWithTerms(
    ts: number,
    identity: number | null,
    credential: number | null,
    ip: StoredAddress | null,
    userAgent: number | null,
    action: number | null,
    target: number | null,
    targetTerm: number | null,
    outcome: 0 | 1,
    asn: number | null,
    country: string | null,
    locator: number,
    props: string | null,
  ): void {
    this.usage.add(this.lastEventId + 1, ts, identity, credential, target, targetTerm, outcome);
    this.eventRolledUpElsewhere(ts, identity, credential, ip, userAgent, action, target, targetTerm, outcome, asn, country, locator, props);
  }

  /** The auth_event id the next event will get. */
  get nextEventId(): number {
    return this.lastEventId + 1;
  }

  /**
   * eventWithTerms for a loader that rolls usage up itself and hands it over as spans (usage.addSpan):
   * the CSV parse worker does that work on its own thread.
   */
  eventRolledUpElsewhere(
    ts: number,
    identity: number | null,
    credential: number | null,
    ip: StoredAddress | null,
    userAgent: number | null,
    action: number | null,
    target: number | null,
    targetTerm: number | null,
    outcome: 0 | 1,
    asn: number | null,
    country: string | null,
    locator: number,
    props: string | null,
  ): void {
    if (ts > this.maxTime) this.maxTime = ts;
    const b = this.eventBuffer;
    let o = this.buffered * WIDTH;
    b[o++] = ts;
    b[o++] = identity;
    b[o++] = credential;
    b[o++] = ip;
    b[o++] = userAgent;
    b[o++] = action;
    b[o++] = target;
    b[o++] = targetTerm;
    b[o++] = outcome;
    b[o++] = asn;
    b[o++] = country;
    b[o++] = locator;
    b[o] = props;
    this.present |= (target !== null ? 1 : 0) | (asn !== null ? 2 : 0) | (country !== null ? 4 : 0) | (props !== null ? 8 : 0);
    this.counts.events++;
    this.lastEventId++;
    if (++this.buffered === EVENT_BATCH) this.writeFullBatch();
  }

  private writeFullBatch(): void {
    let insert = this.batchInserts[this.present];
    if (!insert) {
      const columns = columnsFor(this.present);
      const stmt = eventInsert(this.db, columns, EVENT_BATCH);
      this.batchInserts[this.present] = insert = { stmt, columns, values: new Array(EVENT_BATCH * columns.length) };
    }
    const { stmt, columns, values } = insert;
    const all = this.eventBuffer,
      n = columns.length;
    for (let r = 0; r < EVENT_BATCH; r++) {
      for (let c = 0; c < n; c++) values[r * n + c] = all[r * WIDTH + columns[c]];
    }
    stmt.run(values, { source: this.source });
    this.buffered = 0;
    this.present = 0;
  }

  /** Writes buffered events. The import runner calls it when the importer is done. */
  flush(): void {
    for (let r = 0; r < this.buffered; r++) {
      this.stmt.eventInsert.run(this.eventBuffer.slice(r * WIDTH, (r + 1) * WIDTH), { source: this.source });
    }
    this.buffered = 0;
    this.present = 0;
  }

  /** A row that cannot be used: counted, explained, and kept with an excerpt. */
  reject(locator: string, reason: string, raw: unknown): void {
    const text = typeof raw === 'string' ? raw : safeJson(raw);
    this.stmt.rejectInsert.run(this.sourceId, locator, reason, text.slice(0, 500));
    this.counts.rejects++;
  }
}

interface ExistingNode {
  kind: string;
  subkind: string | null;
  unresolved: number;
  locator: string | null;
  file_name: string | null;
}

/** A row that would change what an existing node is (its kind); rejected with both sides named. */
export class NodeKindConflict extends RejectedRecord {
  constructor(key: string, existing: ExistingNode, wanted: string) {
    const what = existing.subkind && existing.subkind !== existing.kind ? `${existing.kind} (${existing.subkind})` : existing.kind;
    const where = existing.file_name ? `, from ${existing.file_name}${existing.locator ? ` ${existing.locator}` : ''}` : '';
    super(
      `id "${key.slice(0, 200)}" is already ${article(existing.kind)} ${what}${where}; ${article(wanted)} ${wanted} row cannot change what a node is (rename one of them)`,
    );
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** Hostile logs carry megabyte "user agents"; keep the evidence readable and the dictionary small. */
function boundedTerm(value: string): string {
  return value.length > MAX_TERM ? `${value.slice(0, MAX_TERM)}…[truncated ${value.length} chars]` : value;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      // Both recurse: a value nested too deeply for them still gets a reject row, with no excerpt.
      return '[value too deeply nested to show]';
    }
  }
}
