// The case's edges as the detectors read them, held in columns: a large case has millions of edges (two per
// session key alone), and one object per edge with its parsed props and locator was over half a gigabyte of
// the findings run's peak. Here an edge is a few typed-array slots; an EdgeRow is made when a detector asks
// for the edges of one node, and its text columns (props, dates, locator) are read from the case only when
// something reads them (evidence of the few edges that make findings).
import type Database from 'better-sqlite3';
import { edgeColumnRows, edgeCount, edgeTextLookup, type EdgeText } from '../store/edges-read.ts';
import { parseProps } from '../store/props.ts';

export interface EdgeRow {
  id: number;
  src: number;
  dst: number;
  kind: string;
  privilege: number;
  props: Record<string, unknown>;
  grantedAt: string | null;
  lastUsedAt: string | null;
  source: string | null;
  locator: string | null;
}

/** Shared by every edge without props; frozen, so a detector writing into it fails loudly. */
const NO_PROPS: Record<string, unknown> = Object.freeze({});

export class EdgeTable {
  private readonly ids: Float64Array;
  private readonly src: Int32Array;
  private readonly dst: Int32Array;
  private readonly kind: Uint16Array;
  private readonly privilege: Int8Array;
  private readonly sourceId: Int32Array;
  private readonly kinds: string[] = [];
  private readonly textOf: (id: number) => TextColumns | undefined;
  /** Rows by source node: `start[i]..start[i+1]` in `order` (a CSR index over node ids). */
  private bySrc: { start: Int32Array; order: Int32Array } | null = null;
  private holders: Map<number, number> | null = null;
  readonly size: number;

  private readonly sourceName: (id: number | null) => string | null;

  constructor(db: Database.Database, sourceName: (id: number | null) => string | null) {
    this.sourceName = sourceName;
    const count = edgeCount(db);
    this.ids = new Float64Array(count);
    this.src = new Int32Array(count);
    this.dst = new Int32Array(count);
    this.kind = new Uint16Array(count);
    this.privilege = new Int8Array(count);
    this.sourceId = new Int32Array(count);
    const kindIndex = new Map<string, number>();
    this.textOf = edgeTextLookup(db);
    const rows = edgeColumnRows(db);
    let i = 0;
    for (const [id, src, dst, kind, privilege, sourceId] of rows) {
      if (i >= count) break; // rows added meanwhile by another connection: not part of this run
      let k = kindIndex.get(kind);
      if (k === undefined) {
        kindIndex.set(kind, (k = this.kinds.length));
        this.kinds.push(kind);
      }
      this.ids[i] = id;
      this.src[i] = src;
      this.dst[i] = dst;
      this.kind[i] = k;
      this.privilege[i] = privilege;
      this.sourceId[i] = sourceId ?? -1;
      i++;
    }
    this.size = i;
  }

  /** The edges leaving a node, optionally of one kind. */
  from(nodeId: number, kind?: string): EdgeRow[] {
    const index = (this.bySrc ??= this.indexBy(this.src));
    const out: EdgeRow[] = [];
    if (nodeId < 0 || nodeId + 1 >= index.start.length) return out;
    const k = kind === undefined ? -1 : this.kinds.indexOf(kind);
    if (kind !== undefined && k < 0) return out;
    for (let p = index.start[nodeId]; p < index.start[nodeId + 1]; p++) {
      const i = index.order[p];
      if (k < 0 || this.kind[i] === k) out.push(this.row(i));
    }
    return out;
  }

  /** Every edge of one kind (e.g. the trust edges), as rows. */
  ofKind(kind: string): EdgeRow[] {
    const k = this.kinds.indexOf(kind);
    const out: EdgeRow[] = [];
    if (k < 0) return out;
    for (let i = 0; i < this.size; i++) if (this.kind[i] === k) out.push(this.row(i));
    return out;
  }

  /** The identity holding a credential (has_credential edge), by node id. */
  holderOf(credentialId: number): number | undefined {
    if (!this.holders) {
      this.holders = new Map();
      const k = this.kinds.indexOf('has_credential');
      if (k >= 0) for (let i = 0; i < this.size; i++) if (this.kind[i] === k) this.holders.set(this.dst[i], this.src[i]);
    }
    return this.holders.get(credentialId);
  }

  private row(i: number): EdgeRow {
    return new StoredEdge(
      this.ids[i],
      this.src[i],
      this.dst[i],
      this.kinds[this.kind[i]],
      this.privilege[i],
      this.sourceName(this.sourceId[i] < 0 ? null : this.sourceId[i]),
      this.textOf,
    );
  }

  /** A counting sort of row numbers by node id: two passes, no per-node arrays. */
  private indexBy(column: Int32Array): { start: Int32Array; order: Int32Array } {
    let max = 0;
    for (let i = 0; i < this.size; i++) if (column[i] > max) max = column[i];
    const start = new Int32Array(max + 2);
    for (let i = 0; i < this.size; i++) start[column[i] + 1]++;
    for (let n = 0; n <= max; n++) start[n + 1] += start[n];
    const fill = start.slice(0, max + 1);
    const order = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) order[fill[column[i]]++] = i;
    return { start, order };
  }
}

type TextColumns = EdgeText;

/** One edge; its text columns are one indexed read, on first use. */
class StoredEdge implements EdgeRow {
  readonly id: number;
  readonly src: number;
  readonly dst: number;
  readonly kind: string;
  readonly privilege: number;
  readonly source: string | null;
  private readonly textOf: (id: number) => TextColumns | undefined;
  private text: TextColumns | null = null;
  private parsed: Record<string, unknown> | null = null;

  constructor(
    id: number,
    src: number,
    dst: number,
    kind: string,
    privilege: number,
    source: string | null,
    textOf: (id: number) => TextColumns | undefined,
  ) {
    this.id = id;
    this.src = src;
    this.dst = dst;
    this.kind = kind;
    this.privilege = privilege;
    this.source = source;
    this.textOf = textOf;
  }

  private columns(): TextColumns {
    return (this.text ??= this.textOf(this.id) ?? { props: null, grantedAt: null, lastUsedAt: null, locator: null });
  }

  get props(): Record<string, unknown> {
    return (this.parsed ??= this.columns().props ? parseProps(this.columns().props) : NO_PROPS);
  }

  get grantedAt(): string | null {
    return this.columns().grantedAt;
  }

  get lastUsedAt(): string | null {
    return this.columns().lastUsedAt;
  }

  get locator(): string | null {
    return this.columns().locator;
  }
}
