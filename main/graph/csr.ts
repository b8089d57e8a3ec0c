// The analysis graph: nodes and edges of a case packed into typed arrays (compressed sparse rows),
// forward and reverse. Built once per case generation; traversals never touch SQLite or allocate per edge.
// This file only stores the graph; what an edge *means* lives in semantics.ts.
import { EDGE_KINDS, NODE_KINDS, type EdgeKind, type NodeKind } from '../../shared/model.ts';
import { criticalityLevel, edgeRule, ruleGives, ruleNeed, storesThreshold } from './semantics.ts';

export interface AnalysisGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Analyst-facing id (node.key) per node index. */
  readonly keys: string[];
  /** node.id in the case (0 for graphs built in memory) per node index. */
  readonly dbIds: Int32Array;
  /** Index into NODE_KINDS per node. */
  readonly kind: Uint8Array;
  /** node.subkind per node (system kind, identity kind…), or null. */
  readonly subkind: (string | null)[];
  /** 0 none, 1 low … 4 critical. */
  readonly criticality: Uint8Array;
  /** For systems: the privilege a `stores` edge out of it needs (1 read, 3 admin). */
  readonly storesMin: Uint8Array;
  /** Forward CSR: out-edges of node u are outOffsets[u] .. outOffsets[u+1]. Edge index = position here. */
  readonly outOffsets: Int32Array;
  readonly target: Int32Array;
  readonly source: Int32Array;
  /** Index into EDGE_KINDS per edge (255 for unknown kinds, never traversed). */
  readonly edgeKind: Uint8Array;
  /** 0 none, 1 read, 2 write, 3 admin (access edges). */
  readonly privilege: Uint8Array;
  /** 1 when auth logs show the edge was exercised (the `usage` table). */
  readonly exercised: Uint8Array;
  /** edge.id in the case (0 for edges that exist only in memory, e.g. what-if additions). */
  readonly edgeDbId: Int32Array;
  /** §3 per edge (semantics.edgeRule): lowest source privilege to follow it (-1 never, 0 controlled source)… */
  readonly need: Int8Array;
  /** …and the privilege of the state it reaches (0 controlled, 1–3 on a system). */
  readonly gives: Uint8Array;
  /** Reverse CSR: in-edges of node v are inEdges[inOffsets[v] .. inOffsets[v+1]] (forward edge indices). */
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
  /** Copies of source/need/gives in reverse-CSR order: reverse searches then read memory sequentially. */
  readonly inSource: Int32Array;
  readonly inNeed: Int8Array;
  readonly inGives: Uint8Array;
  /** Node index by key (built lazily: big graphs rarely need it). */
  indexOf(key: string): number | undefined;
  /** Node index by case node.id. */
  indexOfDbId(id: number): number | undefined;
}

const NODE_CODE = new Map<string, number>(NODE_KINDS.map((k, i) => [k, i]));
const EDGE_CODE = new Map<string, number>(EDGE_KINDS.map((k, i) => [k, i]));
export const UNKNOWN_EDGE = 255;

export function nodeKindCode(kind: string): number {
  return NODE_CODE.get(kind) ?? NODE_CODE.get('identity')!;
}
export function edgeKindCode(kind: string): number {
  return EDGE_CODE.get(kind) ?? UNKNOWN_EDGE;
}
export function nodeKindName(code: number): NodeKind {
  return NODE_KINDS[code];
}
export function edgeKindName(code: number): EdgeKind | 'unknown' {
  return EDGE_KINDS[code] ?? 'unknown';
}

/** Collects nodes and edges in growable typed arrays, then packs them into an AnalysisGraph. */
export class GraphBuilder {
  private keys: string[] = [];
  private subkinds: (string | null)[] = [];
  private kinds = new Uint8Array(1024);
  private crit = new Uint8Array(1024);
  private nodeDb = new Int32Array(1024);
  private src = new Int32Array(1024);
  private dst = new Int32Array(1024);
  private ek = new Uint8Array(1024);
  private priv = new Uint8Array(1024);
  private used = new Uint8Array(1024);
  private edgeDb = new Int32Array(1024);
  private m = 0;

  get nodeCount(): number {
    return this.keys.length;
  }

  get edgeCount(): number {
    return this.m;
  }

  addNode(key: string, kind: NodeKind | string, subkind: string | null = null, criticality: string | null = null, dbId = 0): number {
    const i = this.keys.length;
    if (i === this.kinds.length) {
      this.kinds = grow(this.kinds);
      this.crit = grow(this.crit);
      this.nodeDb = grow(this.nodeDb);
    }
    this.keys.push(key);
    this.subkinds.push(subkind);
    this.kinds[i] = nodeKindCode(kind);
    this.crit[i] = criticalityLevel(criticality);
    this.nodeDb[i] = dbId;
    return i;
  }

  /** Overrides a node's criticality level (0 none … 4 critical). */
  setCriticality(index: number, level: number): void {
    this.crit[index] = level;
  }

  addEdge(src: number, dst: number, kind: EdgeKind | string | number, privilege = 0, exercised = false, dbId = 0): number {
    const e = this.m;
    if (e === this.src.length) {
      this.src = grow(this.src);
      this.dst = grow(this.dst);
      this.ek = grow(this.ek);
      this.priv = grow(this.priv);
      this.used = grow(this.used);
      this.edgeDb = grow(this.edgeDb);
    }
    this.src[e] = src;
    this.dst[e] = dst;
    this.ek[e] = typeof kind === 'number' ? kind : edgeKindCode(kind);
    this.priv[e] = privilege;
    this.used[e] = exercised ? 1 : 0;
    this.edgeDb[e] = dbId;
    this.m++;
    return e;
  }

  build(): AnalysisGraph {
    const n = this.keys.length;
    const m = this.m;
    const kinds = this.kinds.slice(0, n);
    const storesMin = new Uint8Array(n);
    for (let i = 0; i < n; i++) storesMin[i] = storesThreshold(this.subkinds[i]);
    // Counting sort by source gives the forward CSR; by target, the reverse one.
    const outOffsets = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) outOffsets[this.src[e] + 1]++;
    for (let i = 0; i < n; i++) outOffsets[i + 1] += outOffsets[i];
    const fill = outOffsets.slice(0, n);
    const target = new Int32Array(m),
      source = new Int32Array(m),
      edgeKind = new Uint8Array(m);
    const privilege = new Uint8Array(m),
      exercised = new Uint8Array(m),
      edgeDbId = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const at = fill[this.src[e]]++;
      target[at] = this.dst[e];
      source[at] = this.src[e];
      edgeKind[at] = this.ek[e];
      privilege[at] = this.priv[e];
      exercised[at] = this.used[e];
      edgeDbId[at] = this.edgeDb[e];
    }
    const need = new Int8Array(m),
      gives = new Uint8Array(m);
    for (let e = 0; e < m; e++) {
      const rule = edgeRule(kinds[source[e]], kinds[target[e]], edgeKind[e], privilege[e], storesMin[source[e]]);
      need[e] = ruleNeed(rule);
      gives[e] = ruleGives(rule);
    }
    const inOffsets = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) inOffsets[target[e] + 1]++;
    for (let i = 0; i < n; i++) inOffsets[i + 1] += inOffsets[i];
    const inFill = inOffsets.slice(0, n);
    const inEdges = new Int32Array(m);
    for (let e = 0; e < m; e++) inEdges[inFill[target[e]]++] = e;
    const inSource = new Int32Array(m),
      inNeed = new Int8Array(m),
      inGives = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const e = inEdges[i];
      inSource[i] = source[e];
      inNeed[i] = need[e];
      inGives[i] = gives[e];
    }

    const keys = this.keys;
    const dbIds = this.nodeDb.slice(0, n);
    let byKey: Map<string, number> | null = null;
    let byDb: Map<number, number> | null = null;
    return {
      nodeCount: n,
      edgeCount: m,
      keys,
      dbIds,
      kind: kinds,
      subkind: this.subkinds,
      criticality: this.crit.slice(0, n),
      storesMin,
      outOffsets,
      target,
      source,
      edgeKind,
      privilege,
      exercised,
      edgeDbId,
      need,
      gives,
      inOffsets,
      inEdges,
      inSource,
      inNeed,
      inGives,
      indexOf(key: string) {
        if (!byKey) {
          byKey = new Map();
          for (let i = 0; i < n; i++) byKey.set(keys[i], i);
        }
        return byKey.get(key);
      },
      indexOfDbId(id: number) {
        if (!byDb) {
          byDb = new Map();
          for (let i = 0; i < n; i++) if (dbIds[i]) byDb.set(dbIds[i], i);
        }
        return byDb.get(id);
      },
    };
  }
}

function grow<T extends Uint8Array | Int32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Copies a graph's nodes and edges into a builder, so a what-if can change them without touching the original. */
export function builderFrom(graph: AnalysisGraph, keepEdge: (e: number) => boolean = () => true): GraphBuilder {
  const b = new GraphBuilder();
  for (let i = 0; i < graph.nodeCount; i++) {
    const idx = b.addNode(graph.keys[i], NODE_KINDS[graph.kind[i]], graph.subkind[i], null, graph.dbIds[i]);
    b.setCriticality(idx, graph.criticality[i]);
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    if (keepEdge(e)) b.addEdge(graph.source[e], graph.target[e], graph.edgeKind[e], graph.privilege[e], graph.exercised[e] === 1, graph.edgeDbId[e]);
  }
  return b;
}
