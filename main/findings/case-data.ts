// The case as the detectors read it: nodes, edges, credentials per identity, usage, and auth events
// with their network verdicts. Inventory is loaded lazily, once per run; auth events are streamed per pass
// (a large case has millions), with prepared statements only.
import { AUTH_ROLLUP_FORMAT } from '../../shared/auth-rollup.ts';
import type { CaseFile } from '../store/case-file.ts';
import { eventSpan, lastSuccessLookup } from '../store/events-read.ts';
import { pairUseLookup } from '../store/grant-use.ts';
import { aliasLookup, allNodeTuples } from '../store/nodes-read.ts';
import { sourceFileNames, sourceIdsOfFormat } from '../store/sources-read.ts';
import type { NetworkIntel, NetworkVerdict } from '../intel/network-intel.ts';
import { EventReader, type PassOptions } from './event-stream.ts';
import { parseProps } from '../store/props.ts';
import { EdgeTable, type EdgeRow } from './edge-table.ts';

export type { EdgeRow };

export interface NodeRow {
  id: number;
  key: string;
  kind: string;
  subkind: string | null;
  name: string | null;
  provider: string | null;
  environment: string | null;
  status: string | null;
  owner: string | null;
  criticality: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
  unresolved: number;
  props: Record<string, unknown>;
  source: string | null;
  locator: string | null;
}

/** One auth event. Streamed events work out `props` and `net` on first read (props only on passes that ask for them). */
export interface EventRow {
  id: number;
  ts: number;
  identityId: number | null;
  credentialId: number | null;
  identity: string | null;
  credential: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string | null;
  target: string | null;
  /** The target's node id, when the case knows the target (streamed events; absent elsewhere). */
  targetId?: number | null;
  outcome: 0 | 1;
  asn: number | null;
  country: string | null;
  props: Record<string, unknown>;
  source: string | null;
  locator: number | null;
  net: NetworkVerdict;
  /**
   * True when the event stands for a day's group of events from an auth roll-up (`auth-rollup` format): its time
   * is the group's first event and its address the network's first address. Rules that count in minutes or per
   * address skip such events; the rare-event extract brings the events they need whole.
   */
  dayGroup?: boolean;
}

export class CaseData {
  readonly kase: CaseFile;
  private readonly intel: () => NetworkIntel;
  private nodeList: NodeRow[] | null = null;
  private nodeById: Map<number, NodeRow> | null = null;
  private nodeByKey: Map<string, NodeRow> | null = null;
  private edgeTable: EdgeTable | null = null;
  private lastSuccess: ReturnType<typeof lastSuccessLookup> | null = null;
  private aliasOf: ReturnType<typeof aliasLookup> | null = null;
  private pairUse: ReturnType<typeof pairUseLookup> | null = null;
  private reader: EventReader | null = null;
  private span: { from: number; to: number; count: number } | null | undefined;
  private sources: Map<number, string> | null = null;

  constructor(kase: CaseFile, intel: () => NetworkIntel) {
    this.kase = kase;
    this.intel = intel;
  }

  nodes(): NodeRow[] {
    if (!this.nodeList) {
      const rows = allNodeTuples(this.kase.db);
      // Row by row: a large case has millions of nodes, and a list of raw rows beside the result would double the peak.
      this.nodeList = [];
      const shared = new SharedProps();
      for (const [
        id,
        key,
        kind,
        subkind,
        name,
        provider,
        environment,
        status,
        owner,
        criticality,
        createdAt,
        lastUsedAt,
        unresolved,
        props,
        sourceId,
        locator,
      ] of rows) {
        this.nodeList.push({
          id,
          key,
          kind,
          subkind,
          name: name === key ? key : name,
          provider,
          environment,
          status,
          owner,
          criticality,
          createdAt,
          lastUsedAt,
          unresolved,
          props: shared.of(props),
          source: this.sourceName(sourceId),
          locator,
        });
      }
    }
    return this.nodeList;
  }

  /** The largest node id of the case (0 without nodes): a rule keeping state per node sizes its columns by it. */
  maxNodeId(): number {
    if (this.maxId === null) {
      let max = 0;
      for (const n of this.nodes()) if (n.id > max) max = n.id;
      this.maxId = max;
    }
    return this.maxId;
  }

  private maxId: number | null = null;

  node(id: number | null | undefined): NodeRow | undefined {
    if (id == null) return undefined;
    this.nodeById ??= indexBy(this.nodes(), (n) => n.id);
    return this.nodeById.get(id);
  }

  nodeByKeyOf(key: string | null | undefined): NodeRow | undefined {
    if (key == null) return undefined;
    this.nodeByKey ??= indexBy(this.nodes(), (n) => n.key);
    return this.nodeByKey.get(key);
  }

  /** The node a reference names: its key, else one of its aliases (UPN, ARN, object id…). */
  resolve(ref: string | null | undefined): NodeRow | undefined {
    if (!ref) return undefined;
    const byKey = this.nodeByKeyOf(ref);
    if (byKey) return byKey;
    this.aliasOf ??= aliasLookup(this.kase.db);
    return this.node(this.aliasOf(ref));
  }

  /** Identity nodes (people and NHIs; not groups or roles). */
  identities(): NodeRow[] {
    return this.nodes().filter((n) => n.kind === 'identity');
  }

  private edgeRows(): EdgeTable {
    return (this.edgeTable ??= new EdgeTable(this.kase.db, (id) => this.sourceName(id)));
  }

  /** Every edge of one kind (the case's trust edges, say): made on demand, never all edges at once. */
  edgesOfKind(kind: string): EdgeRow[] {
    return this.edgeRows().ofKind(kind);
  }

  edgesFrom(nodeId: number, kind?: string): EdgeRow[] {
    return this.edgeRows().from(nodeId, kind);
  }

  /** The credentials an identity holds (has_credential edges). */
  credentialsOf(identityId: number): NodeRow[] {
    return this.edgesFrom(identityId, 'has_credential')
      .map((e) => this.node(e.dst))
      .filter((n): n is NodeRow => !!n);
  }

  /** The identity holding a credential (has_credential edge), if the case knows it. */
  holderOf(credentialId: number): NodeRow | undefined {
    return this.node(this.edgeRows().holderOf(credentialId));
  }

  /** Latest use of a (src, dst) pair in the usage roll-up (epoch ms), or null. */
  usage(src: number, dst: number): { firstSeen: number; lastSeen: number; count: number } | null {
    this.pairUse ??= pairUseLookup(this.kase.db);
    return this.pairUse(src, dst) ?? null;
  }

  /**
   * Latest successful event (epoch ms, up to `until`) by an identity or with one of its credentials,
   * optionally against one target. Events imported before the credential inventory carry no identity,
   * so the credential side matters.
   */
  lastEventOf(identityId: number, until: number, targetId?: number): number | null {
    this.lastSuccess ??= lastSuccessLookup(this.kase.db);
    const ts = this.lastSuccess({ id: identityId, until, target: targetId ?? null });
    return ts === -1e300 ? null : ts;
  }

  /** First and last auth event time in the case, or null when there are none (asked once per run: every event rule checks it). */
  eventSpan(): { from: number; to: number; count: number } | null {
    if (this.span === undefined) {
      const r = eventSpan(this.kase.db);
      this.span = r.from === null || r.to === null ? null : { from: r.from, to: r.to, count: r.count };
    }
    return this.span;
  }

  /**
   * Auth events with from <= ts <= to, oldest first (ties by id), each with its network verdict at its own
   * time. Streamed: keep only what a finding needs from each event, never the window. Options: only
   * failures or successes, any order (no sort), and props (only when the pass reads them).
   */
  eachEvent(from: number, to: number, options?: PassOptions): Iterable<EventRow> {
    this.reader ??= new EventReader(this, this.intel);
    return this.reader.between(from, to, options);
  }

  /** Whether events of this source stand for day groups (an imported auth roll-up). */
  isRollupSource(id: number): boolean {
    this.rollupSources ??= new Set(sourceIdsOfFormat(this.kase.db, AUTH_ROLLUP_FORMAT));
    return this.rollupSources.has(id);
  }

  private rollupSources: Set<number> | null = null;

  sourceName(id: number | null): string | null {
    if (id == null) return null;
    this.sources ??= sourceFileNames(this.kase.db);
    return this.sources.get(id) ?? null;
  }
}

/**
 * Parsed props, shared between nodes whose props are the same short text: a large case has a million session
 * keys whose props all read {"temporary":true}, and one object each cost ~100 MB. Shared objects are frozen,
 * so a detector that tried to write into one would fail loudly rather than change every node holding it.
 */
class SharedProps {
  private static readonly EMPTY: Record<string, unknown> = Object.freeze({});
  private readonly byText = new Map<string, Record<string, unknown>>();

  of(text: string | null): Record<string, unknown> {
    if (!text) return SharedProps.EMPTY;
    if (text.length > 64) return parseProps(text);
    let v = this.byText.get(text);
    if (!v) {
      v = Object.freeze(parseProps(text));
      if (this.byText.size < 50_000) this.byText.set(text, v);
    }
    return v;
  }
}

/** A lookup by key, filled in a loop (no [key, value] pair per node, millions of them in a large case). */
function indexBy<K>(nodes: NodeRow[], key: (n: NodeRow) => K): Map<K, NodeRow> {
  const m = new Map<K, NodeRow>();
  for (const n of nodes) m.set(key(n), n);
  return m;
}
