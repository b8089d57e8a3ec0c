// Imports BloodHound OpenGraph JSON ({graph: {nodes, edges}, metadata}). Two kinds of producers:
// - Blastmap's own export round-trips exactly: keys, kinds, privileges and props travel in properties
//   (blastmap_key, blastmap_kind, privilege…), so nothing is guessed.
// - Community collectors (GitHound, OktaHound, SnowHound, 1PassHound, AIHound, DataHound…) are mapped by meaning
//   through the catalog in kind-map.ts. Their nodes are keyed `og:<id>` (ids like "User", "auth" or "1" would
//   otherwise collide with other sources' keys); every node is kept, a kind nobody names as a generic system; every
//   edge is kept, as the closest Blastmap edge when it grants something, else as a non-traversable `related` edge.
// It never drops a row silently: malformed nodes and edges are rejects with a reason.
import { EDGE_KINDS, NODE_KINDS, PRIVILEGE_LEVEL, PRIVILEGES, type EdgeKind, type NodeKind, type Privilege } from '../../../shared/model.ts';
import { EDGE_KIND_NAMES, NODE_KIND_NAMES } from '../../../shared/opengraph-kinds.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { readJsonRecords } from '../json/read-json-records.ts';
import { RELATED_EDGE, edgeMeaningOf, mapEdge, nodeKindOf, type Meaning } from './kind-map.ts';
import { nodeKindById } from '../../store/ingest-nodes.ts';

const NODE_KIND_BY_NAME = new Map(Object.entries(NODE_KIND_NAMES).map(([k, v]) => [v, k as NodeKind]));
const EDGE_KIND_BY_NAME = new Map(Object.entries(EDGE_KIND_NAMES).map(([k, v]) => [v, k as EdgeKind]));

/** Bounds for hostile files: ids, kinds and properties beyond these are cut or refused, never stored whole. */
const MAX_ID = 1000;
const MAX_KIND = 200;
const MAX_KINDS = 10;
const MAX_PROPS = 64;
const MAX_PROP_CHARS = 2000;
const MAX_LIST = 50;
/** Distinct source kinds remembered on one stored edge (DataHound gives a role a dozen verbs on one area). */
const MAX_SOURCE_KINDS = 32;

/** Properties of Blastmap's own export that are node columns, not props. */
const OWN_COLUMNS = new Set([
  'name',
  'blastmap_key',
  'blastmap_kind',
  'subkind',
  'provider',
  'environment',
  'status',
  'owner',
  'criticality',
  'unresolved',
]);
const NAME_KEYS = [
  'name',
  'displayname',
  'displayName',
  'display_name',
  'login',
  'email',
  'userPrincipalName',
  'userprincipalname',
  'username',
  'user_name',
  'full_name',
  'fullname',
  'title',
  'label',
];
const CREATED_KEYS = ['created_at', 'createdAt', 'created', 'whencreated'];
const LAST_USED_KEYS = ['last_used_at', 'lastUsedAt', 'last_used', 'lastUsed', 'last_login', 'lastLogin', 'lastlogontimestamp', 'lastlogon'];
const TYPE_KEYS = ['type', 'usertype', 'user_type', 'userType', 'account_type', 'accountType'];
/** A user the collector types as a service/bot/machine account is a non-human identity. */
const SERVICE_TYPE = /service|svc|bot|machine|automation|system|application|workload/i;

export const openGraphImporter: Importer = {
  name: 'opengraph',
  description:
    'BloodHound OpenGraph JSON: `blastmap export --format opengraph` (exact round trip) and community collectors (GitHound, OktaHound, SnowHound, AIHound…)',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const head = sample.head.slice(0, 4096);
  if (!/^\s*\{/.test(head) || !/"graph"\s*:\s*\{/.test(head) || !/"(nodes|edges)"\s*:\s*\[/.test(head)) return null;
  const blastmap = /"source_kind"\s*:\s*"Blastmap"/.test(sample.head);
  return { confidence: blastmap ? 0.98 : 0.8, reason: `OpenGraph document (graph.nodes${blastmap ? ', source_kind Blastmap' : ''})` };
}

type Props = Record<string, unknown>;

/** A node of this file: its case key and id, kind, labels (for match_by name with a kind). */
interface FileNode {
  key: string;
  nodeId: number;
  kind: NodeKind;
  labels: string[];
}

/** Edges of one file grouped by what is stored, so several verbs on one pair become one edge naming them all. */
interface PendingEdge {
  src: number;
  dst: number;
  kind: string;
  privilege: number;
  sourceKinds: string[];
  locator: string;
  reversed: boolean;
  traversable: boolean | undefined;
}

async function run(ctx: ImportContext): Promise<void> {
  let doc: unknown = null;
  await readJsonRecords(
    ctx.path,
    { signal: ctx.signal, onBytes: ctx.progress, wrapperKeys: [] },
    {
      record: (value) => {
        doc = value;
      },
      bad: (locator, reason, excerpt) => {
        ctx.countRow();
        ctx.writer.reject(locator, reason, excerpt);
      },
    },
  );
  const d = (doc && typeof doc === 'object' ? doc : {}) as { graph?: { nodes?: unknown; edges?: unknown }; metadata?: { source_kind?: unknown } };
  const nodes = Array.isArray(d.graph?.nodes) ? d.graph.nodes : [];
  const edges = Array.isArray(d.graph?.edges) ? d.graph.edges : [];
  const sourceKind = typeof d.metadata?.source_kind === 'string' ? d.metadata.source_kind.slice(0, MAX_KIND) : null;
  const fileNodes = new Map<string, FileNode>();
  nodes.forEach((raw, i) => {
    ctx.countRow();
    loadNode(ctx, raw, `/graph/nodes/${i}`, sourceKind, fileNodes);
  });
  const byName = namesOf(nodes, fileNodes);
  const pending = new Map<string, PendingEdge>();
  edges.forEach((raw, i) => {
    ctx.countRow();
    loadEdge(ctx, raw, `/graph/edges/${i}`, fileNodes, byName, pending);
  });
  for (const e of pending.values()) {
    const props: Props = { sourceKind: e.sourceKinds[0] };
    if (e.sourceKinds.length > 1) props.sourceKinds = e.sourceKinds;
    if (e.reversed) props.reversed = true;
    if (e.traversable !== undefined) props.traversable = e.traversable;
    // RELATED_EDGE is deliberately outside EdgeKind (see kind-map.ts); the store takes any kind.
    ctx.writer.edge({ src: e.src, dst: e.dst, kind: e.kind as EdgeKind, privilege: e.privilege, props }, e.locator);
  }
}

function loadNode(ctx: ImportContext, raw: unknown, locator: string, sourceKind: string | null, fileNodes: Map<string, FileNode>): void {
  const n = (raw && typeof raw === 'object' ? raw : {}) as { id?: unknown; kinds?: unknown; properties?: unknown };
  const id = idOf(n.id);
  if (!id)
    return ctx.writer.reject(
      locator,
      typeof n.id === 'string' && n.id.length > MAX_ID ? `node id longer than ${MAX_ID} characters` : 'node without a string id',
      raw,
    );
  const labels = Array.isArray(n.kinds)
    ? n.kinds
        .filter((k): k is string => typeof k === 'string' && k.length > 0)
        .slice(0, MAX_KINDS)
        .map((k) => k.slice(0, MAX_KIND))
    : [];
  const props = (n.properties && typeof n.properties === 'object' && !Array.isArray(n.properties) ? n.properties : {}) as Props;
  const str = (k: string) => (typeof props[k] === 'string' && props[k] ? (props[k] as string).slice(0, MAX_PROP_CHARS) : null);
  const ownKind = str('blastmap_kind');
  if (str('blastmap_key')) {
    // Blastmap's own export: every column travels in properties; the rest are the node's props, flattened.
    const key = str('blastmap_key')!;
    const kind =
      ownKind && (NODE_KINDS as readonly string[]).includes(ownKind)
        ? (ownKind as NodeKind)
        : (labels.map((k) => NODE_KIND_BY_NAME.get(k)).find(Boolean) ?? 'system');
    const rest = boundedProps(props, OWN_COLUMNS);
    const nodeId = ctx.writer.upsertNode(
      {
        key,
        kind,
        subkind: str('subkind'),
        name: str('name'),
        provider: str('provider'),
        environment: str('environment'),
        status: str('status'),
        owner: str('owner'),
        criticality: str('criticality'),
        props: Object.keys(rest).length ? rest : null,
      },
      locator,
    );
    fileNodes.set(id, { key, nodeId, kind, labels });
    return;
  }
  const match = kindOf(labels);
  let subkind = match.subkind;
  if (
    match.kind === 'identity' &&
    subkind === 'human' &&
    TYPE_KEYS.some((k) => typeof props[k] === 'string' && SERVICE_TYPE.test(props[k] as string))
  )
    subkind = 'service_account';
  const key = `og:${id}`;
  const kept: Props = { ...boundedProps(props, null), sourceKind: labels[0] ?? null };
  if (labels.length > 1) kept.kinds = labels;
  if (!match.known) kept.generic = true;
  const nodeId = ctx.writer.upsertNode(
    {
      key,
      kind: match.kind,
      subkind,
      name: NAME_KEYS.map(str).find(Boolean) ?? id.slice(0, MAX_PROP_CHARS),
      provider: match.provider ?? (sourceKind ? sourceKind.toLowerCase() : null),
      status: statusOf(props),
      createdAt: timeOf(props, CREATED_KEYS),
      lastUsedAt: timeOf(props, LAST_USED_KEYS),
      props: kept,
    },
    locator,
  );
  fileNodes.set(id, { key, nodeId, kind: match.kind, labels });
}

function loadEdge(
  ctx: ImportContext,
  raw: unknown,
  locator: string,
  fileNodes: Map<string, FileNode>,
  byName: Map<string, FileNode[]>,
  pending: Map<string, PendingEdge>,
): void {
  const e = (raw && typeof raw === 'object' ? raw : {}) as { start?: unknown; end?: unknown; kind?: unknown; properties?: unknown };
  const props = (e.properties && typeof e.properties === 'object' && !Array.isArray(e.properties) ? e.properties : {}) as Props;
  const label = typeof e.kind === 'string' && e.kind ? e.kind.slice(0, MAX_KIND) : null;
  const ownKind = typeof props.blastmap_kind === 'string' ? props.blastmap_kind : label ? EDGE_KIND_BY_NAME.get(label) : undefined;
  const own = ownKind !== undefined && ((EDGE_KINDS as readonly string[]).includes(ownKind) || ownKind === RELATED_EDGE);
  if (!own && !label) return ctx.writer.reject(locator, 'edge without a kind', raw);
  const meaning = own ? null : meaningOf(label!);
  // One end after the other: a rejected edge must not leave a placeholder behind for its other end.
  const start = endpoint(ctx, e.start, 'start', own, meaning?.meaning ?? null, fileNodes, byName, locator);
  if (typeof start === 'string') return ctx.writer.reject(locator, start, raw);
  const end = endpoint(ctx, e.end, 'end', own, meaning?.meaning ?? null, fileNodes, byName, locator);
  if (typeof end === 'string') return ctx.writer.reject(locator, end, raw);
  if (own) {
    const privilege =
      typeof props.privilege === 'string' && (PRIVILEGES as readonly string[]).includes(props.privilege)
        ? PRIVILEGE_LEVEL[props.privilege as Privilege]
        : 0;
    ctx.writer.edge(
      {
        src: start.id,
        dst: end.id,
        kind: ownKind as EdgeKind,
        privilege,
        conditional: props.conditional === true,
        props: typeof props.reason === 'string' ? { reason: props.reason.slice(0, MAX_PROP_CHARS) } : null,
      },
      locator,
    );
    return;
  }
  const traversable = flag(props.traversable) ?? flag(props.is_traversable) ?? meaning!.traversable;
  const mapped = mapEdge(meaning!.meaning, start.kind, end.kind, traversable);
  const [src, dst] = mapped?.reversed ? [end.id, start.id] : [start.id, end.id];
  const kind = mapped?.kind ?? RELATED_EDGE;
  const id = `${src}\t${dst}\t${kind}`;
  const seen = pending.get(id);
  if (!seen) {
    pending.set(id, {
      src,
      dst,
      kind,
      privilege: mapped?.privilege ?? 0,
      sourceKinds: [label!],
      locator,
      reversed: mapped?.reversed ?? false,
      traversable,
    });
    return;
  }
  seen.privilege = Math.max(seen.privilege, mapped?.privilege ?? 0);
  if (!seen.sourceKinds.includes(label!) && seen.sourceKinds.length < MAX_SOURCE_KINDS) seen.sourceKinds.push(label!);
  if (seen.traversable === undefined) seen.traversable = traversable;
}

/**
 * One end of an edge: a node of this file (by id, or by name when `match_by` says so), else a node of the case,
 * else a placeholder marked unresolved, as for every other format. Returns the reason when it cannot be used.
 */
function endpoint(
  ctx: ImportContext,
  raw: unknown,
  side: 'start' | 'end',
  own: boolean,
  meaning: Meaning | null,
  fileNodes: Map<string, FileNode>,
  byName: Map<string, FileNode[]>,
  locator: string,
): { id: number; kind: NodeKind } | string {
  const ref = (raw && typeof raw === 'object' ? raw : {}) as { value?: unknown; match_by?: unknown; kind?: unknown };
  const value = idOf(ref.value);
  if (!value) return `edge without a ${side} value`;
  const label = typeof ref.kind === 'string' && ref.kind ? ref.kind.slice(0, MAX_KIND) : null;
  if (ref.match_by === 'name') {
    const candidates = (byName.get(value) ?? []).filter((n) => !label || n.labels.includes(label));
    if (candidates.length === 1) return { id: candidates[0].nodeId, kind: candidates[0].kind };
    const what = `${side} matched by name "${value.slice(0, 80)}"${label ? ` (${label})` : ''}`;
    return candidates.length ? `${what} names ${candidates.length} nodes of this file` : `${what}: no node of this file has that name`;
  }
  const inFile = fileNodes.get(value);
  if (inFile) return { id: inFile.nodeId, kind: inFile.kind };
  // Blastmap's own files name nodes by key; other producers' ids live in the og: namespace (see header).
  const key = own ? value : `og:${value}`;
  const existing = ctx.writer.find(key);
  if (existing !== undefined) {
    const kind = nodeKindById(ctx.writer.db, existing) as NodeKind;
    return { id: existing, kind };
  }
  const guess = label ? nodeKindOf([label]) : null;
  const kind = guess?.known ? guess.kind : own ? (side === 'start' ? 'identity' : 'system') : placeholderKind(meaning, side);
  return { id: ctx.writer.ref(key, kind, guess?.known ? guess.subkind : null, locator), kind };
}

/** The catalog's answers, remembered: a big file repeats a few dozen kinds millions of times. */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) {
      if (seen.size > 10_000) seen.clear(); // hostile files invent kinds; keep the memo small
      seen.set(key, (v = compute(key)));
    }
    return v;
  };
}
const meaningOf = memo(edgeMeaningOf);
const kindsOf = memo((json) => nodeKindOf(JSON.parse(json) as string[]));
const kindOf = (labels: string[]) => kindsOf(JSON.stringify(labels));

/** What an end no file describes most likely is, from what the edge says about it. */
function placeholderKind(meaning: Meaning | null, side: 'start' | 'end'): NodeKind {
  if (side === 'start') {
    if (meaning === 'stored-in') return 'credential';
    if (meaning === 'contains') return 'system';
    if (meaning === 'member-reverse') return 'group';
    return 'identity';
  }
  if (meaning === 'member') return 'group';
  if (meaning === 'member-reverse' || meaning === 'assume') return 'identity';
  if (meaning === 'has-credential') return 'credential';
  return 'system';
}

/** Nodes of this file by their `name` property, for edges that match an end by name. */
function namesOf(nodes: unknown[], fileNodes: Map<string, FileNode>): Map<string, FileNode[]> {
  const out = new Map<string, FileNode[]>();
  for (const raw of nodes) {
    const n = (raw && typeof raw === 'object' ? raw : {}) as { id?: unknown; properties?: { name?: unknown } };
    const id = idOf(n.id);
    const name = n.properties && typeof n.properties === 'object' && typeof n.properties.name === 'string' ? n.properties.name : null;
    const node = id ? fileNodes.get(id) : undefined;
    if (!name || !node) continue;
    const list = out.get(name) ?? [];
    if (!list.includes(node)) list.push(node);
    out.set(name, list);
  }
  return out;
}

function idOf(value: unknown): string | null {
  const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID ? id : null;
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/** Scalar properties (and short lists of them), bounded; nested objects are left in the source file. */
function boundedProps(props: Props, skip: Set<string> | null): Props {
  const out: Props = {};
  let n = 0;
  for (const [k, v] of Object.entries(props)) {
    if (n >= MAX_PROPS) break;
    if (k.length > 64 || k === '__proto__' || skip?.has(k)) continue;
    let kept: unknown;
    if (typeof v === 'string') kept = v.slice(0, MAX_PROP_CHARS);
    else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') kept = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) {
      kept = v.slice(0, MAX_LIST).map((x) => (typeof x === 'string' ? x.slice(0, MAX_KIND) : x));
    } else continue;
    out[k] = kept;
    n++;
  }
  return out;
}

/** Collectors say active/suspended/deprovisioned (Okta), enabled true/false (AD, Entra), or nothing. */
function statusOf(props: Props): string | null {
  if (props.enabled === false || props.disabled === true || props.active === false) return 'disabled';
  const s = typeof props.status === 'string' ? props.status.toLowerCase() : '';
  if (/deprovision|delet|removed/.test(s)) return 'deleted';
  if (/suspend|disabl|inactive|deactivat|locked/.test(s)) return 'disabled';
  if (/^(active|enabled|provisioned|staged|recovery|password_expired)$/.test(s) || props.enabled === true) return 'active';
  return null;
}

/** An ISO date-time from the first usable key: ISO text, or epoch seconds/milliseconds; Go's zero time and 0/-1 mean "never". */
function timeOf(props: Props, keys: string[]): string | null {
  for (const k of keys) {
    const v = props[k];
    const ms =
      typeof v === 'string' && v.length <= 64 ? Date.parse(v) : typeof v === 'number' && Number.isFinite(v) ? (v > 1e11 ? v : v * 1000) : NaN;
    if (Number.isFinite(ms) && ms >= Date.UTC(1971, 0, 1) && ms <= Date.UTC(2200, 0, 1)) return new Date(ms).toISOString();
  }
  return null;
}
