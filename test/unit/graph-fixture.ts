// Hand-built graphs for graph-engine unit tests: nodes as "key:kind[/subkind][!criticality]", edges as
// "from kind[:privilege] to". Keeps each test's graph readable on one or two lines.
import { GraphBuilder, type AnalysisGraph } from '../../main/graph/index.ts';
import { PRIVILEGE_LEVEL, type Privilege } from '../../shared/model.ts';

export function graph(nodes: string[], edges: string[], exercised: string[] = []): AnalysisGraph {
  const b = new GraphBuilder();
  const index = new Map<string, number>();
  for (const spec of nodes) {
    const m = /^([^:]+):(\w+)(?:\/(\w+))?(?:!(\w+))?$/.exec(spec);
    if (!m) throw new Error(`bad node spec ${spec}`);
    index.set(m[1], b.addNode(m[1], m[2], m[3] ?? null, m[4] ?? null));
  }
  const used = new Set(exercised);
  for (const spec of edges) {
    const [from, kindPriv, to] = spec.split(' ');
    const [kind, priv] = kindPriv.split(':');
    const s = index.get(from),
      d = index.get(to);
    if (s === undefined || d === undefined) throw new Error(`unknown node in ${spec}`);
    b.addEdge(s, d, kind, priv ? PRIVILEGE_LEVEL[priv as Privilege] : 0, used.has(spec));
  }
  return b.build();
}

/** key → privilege name ('control' for non-systems) of everything reached from `from`. */
export function reachOf(reach: { graph: AnalysisGraph; nodes: Int32Array; privilege: Uint8Array }): Record<string, string> {
  const out: Record<string, string> = {};
  reach.nodes.forEach((v, i) => {
    out[reach.graph.keys[v]] = ['control', 'read', 'write', 'admin'][reach.privilege[i]];
  });
  return out;
}
