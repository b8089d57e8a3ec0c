// Imports BloodHound OpenGraph JSON ({graph: {nodes, edges}, metadata}). Files exported by Blastmap
// round-trip exactly (keys, kinds and privileges travel in properties); other producers' nodes map by kind.
import { EDGE_KINDS, PRIVILEGE_LEVEL, PRIVILEGES, type EdgeKind, type NodeKind, type Privilege } from '../../../shared/model.ts';
import { EDGE_KIND_NAMES, NODE_KIND_NAMES } from '../../report/opengraph.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { readJsonRecords } from '../json/read-json-records.ts';

const NODE_KIND_BY_NAME = new Map(Object.entries(NODE_KIND_NAMES).map(([k, v]) => [v, k as NodeKind]));
const EDGE_KIND_BY_NAME = new Map(Object.entries(EDGE_KIND_NAMES).map(([k, v]) => [v, k as EdgeKind]));
/** Common kinds from other OpenGraph producers (BloodHound AD/Azure) → our node classes. */
const FOREIGN_NODE_KINDS: Record<string, NodeKind> = { User: 'identity', AZUser: 'identity', Group: 'group', AZGroup: 'group', Computer: 'system', AZApp: 'identity', AZServicePrincipal: 'identity', AZRole: 'role' };

export const openGraphImporter: Importer = {
  name: 'opengraph',
  description: 'BloodHound OpenGraph JSON (round trip of `blastmap export --format opengraph`)',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const head = sample.head.slice(0, 4096);
  if (!/^\s*\{/.test(head) || !/"graph"\s*:\s*\{/.test(head) || !/"nodes"\s*:\s*\[/.test(head)) return null;
  const blastmap = /"source_kind"\s*:\s*"Blastmap"/.test(sample.head);
  return { confidence: blastmap ? 0.98 : 0.8, reason: `OpenGraph document (graph.nodes${blastmap ? ', source_kind Blastmap' : ''})` };
}

type Props = Record<string, unknown>;

async function run(ctx: ImportContext): Promise<void> {
  let doc: unknown = null;
  await readJsonRecords(ctx.path, { signal: ctx.signal, onBytes: ctx.progress, wrapperKeys: [] }, {
    record: (value) => { doc = value; },
    bad: (locator, reason, excerpt) => {
      ctx.countRow();
      ctx.writer.reject(locator, reason, excerpt);
    },
  });
  const graph = (doc as { graph?: { nodes?: unknown; edges?: unknown } } | null)?.graph;
  const nodes = Array.isArray(graph?.nodes) ? graph.nodes : [];
  const edges = Array.isArray(graph?.edges) ? graph.edges : [];
  const keyById = new Map<string, string>();
  nodes.forEach((raw, i) => {
    ctx.countRow();
    const locator = `/graph/nodes/${i}`;
    const n = raw as { id?: unknown; kinds?: unknown; properties?: unknown };
    if (!n || typeof n.id !== 'string' || !n.id) return ctx.writer.reject(locator, 'node without a string id', raw);
    const kinds = Array.isArray(n.kinds) ? n.kinds.filter((k): k is string => typeof k === 'string') : [];
    const props = (n.properties && typeof n.properties === 'object' ? n.properties : {}) as Props;
    const str = (k: string) => (typeof props[k] === 'string' ? (props[k] as string) : null);
    const kind = (str('blastmap_kind') as NodeKind | null) ?? kinds.map((k) => NODE_KIND_BY_NAME.get(k) ?? FOREIGN_NODE_KINDS[k]).find(Boolean) ?? 'system';
    const key = str('blastmap_key') ?? n.id;
    keyById.set(n.id, key);
    ctx.writer.upsertNode({
      key, kind, subkind: str('subkind'), name: str('name'), provider: str('provider'), environment: str('environment'),
      status: str('status'), owner: str('owner'), criticality: str('criticality'),
    }, locator);
  });
  edges.forEach((raw, i) => {
    ctx.countRow();
    const locator = `/graph/edges/${i}`;
    const e = raw as { start?: { value?: unknown }; end?: { value?: unknown }; kind?: unknown; properties?: unknown };
    const props = (e?.properties && typeof e.properties === 'object' ? e.properties : {}) as Props;
    const start = typeof e?.start?.value === 'string' ? keyById.get(e.start.value) ?? e.start.value : null;
    const end = typeof e?.end?.value === 'string' ? keyById.get(e.end.value) ?? e.end.value : null;
    if (!start || !end) return ctx.writer.reject(locator, 'edge without start/end values', raw);
    const named = typeof props.blastmap_kind === 'string' ? props.blastmap_kind : typeof e.kind === 'string' ? EDGE_KIND_BY_NAME.get(e.kind) : undefined;
    if (!named || !(EDGE_KINDS as readonly string[]).includes(named)) return ctx.writer.reject(locator, `edge kind ${String(e.kind).slice(0, 40)} has no Blastmap meaning`, raw);
    const privilege = typeof props.privilege === 'string' && (PRIVILEGES as readonly string[]).includes(props.privilege) ? PRIVILEGE_LEVEL[props.privilege as Privilege] : 0;
    ctx.writer.edge({
      src: ctx.writer.ref(start, 'identity'), dst: ctx.writer.ref(end, 'system'), kind: named as EdgeKind, privilege,
      conditional: props.conditional === true, props: typeof props.reason === 'string' ? { reason: props.reason } : null,
    }, locator);
  });
}
