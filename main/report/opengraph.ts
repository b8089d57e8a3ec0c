// BloodHound CE OpenGraph export: graph.nodes[{id, kinds, properties}], graph.edges[{start, end, kind,
// properties}], metadata.source_kind. Schema rules kept: ids without colons, at most 3 kinds per node,
// flat primitive properties. The Blastmap key travels in properties.blastmap_key, so import round-trips.
import crypto from 'node:crypto';
import { PRIVILEGES } from '../../shared/model.ts';
import { EDGE_KIND_NAMES, NODE_KIND_NAMES } from '../../shared/opengraph-kinds.ts';
import type { CaseFile } from '../store/case-file.ts';
import { flatProps, readCaseGraph } from './case-graph.ts';

export const OPENGRAPH_SOURCE_KIND = 'Blastmap';

export interface OpenGraphNode {
  id: string;
  kinds: string[];
  properties: Record<string, string | number | boolean>;
}

export interface OpenGraphEdge {
  start: { value: string; match_by: 'id' };
  end: { value: string; match_by: 'id' };
  kind: string;
  properties: Record<string, string | number | boolean>;
}

export interface OpenGraphDocument {
  metadata: { source_kind: string };
  graph: { nodes: OpenGraphNode[]; edges: OpenGraphEdge[] };
}

/** A stable id without colons (OpenGraph forbids them; ARNs and k8s subjects are full of them). */
export function openGraphId(key: string): string {
  return `BM-${crypto.createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

function pascal(s: string): string {
  return s
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

export function toOpenGraph(kase: CaseFile): OpenGraphDocument {
  const { nodes, edges } = readCaseGraph(kase);
  const ids = new Map<string, string>();
  const ogNodes = nodes.map((n): OpenGraphNode => {
    const id = openGraphId(n.key);
    ids.set(n.key, id);
    const kinds = [NODE_KIND_NAMES[n.kind] ?? 'BMNode'];
    if (n.subkind) kinds.push(`BM${pascal(n.subkind)}`);
    kinds.push(OPENGRAPH_SOURCE_KIND);
    const properties: Record<string, string | number | boolean> = {
      ...flatProps(n.props),
      name: n.name ?? n.key,
      blastmap_key: n.key,
      blastmap_kind: n.kind,
    };
    for (const [k, v] of Object.entries({
      subkind: n.subkind,
      provider: n.provider,
      environment: n.environment,
      status: n.status,
      owner: n.owner,
      criticality: n.criticality,
    })) {
      if (v !== null) properties[k] = v;
    }
    if (n.unresolved) properties.unresolved = true;
    return { id, kinds: kinds.slice(0, 3), properties };
  });
  const ogEdges = edges.map((e): OpenGraphEdge => {
    const properties: Record<string, string | number | boolean> = { blastmap_kind: e.kind };
    const props = flatProps(e.props);
    if (typeof props.reason === 'string') properties.reason = props.reason;
    if (e.privilege > 0) properties.privilege = PRIVILEGES[e.privilege - 1];
    if (e.conditional) properties.conditional = true;
    if (e.sourceFile) properties.source_file = e.sourceFile;
    if (e.locator) properties.locator = e.locator;
    if (e.exercised) {
      properties.exercised_count = e.exercised;
      if (e.firstSeen) properties.first_seen = new Date(e.firstSeen).toISOString();
      if (e.lastSeen) properties.last_seen = new Date(e.lastSeen).toISOString();
    }
    return {
      start: { value: ids.get(e.src)!, match_by: 'id' },
      end: { value: ids.get(e.dst)!, match_by: 'id' },
      kind: EDGE_KIND_NAMES[e.kind] ?? `BM${pascal(e.kind)}`,
      properties,
    };
  });
  return { metadata: { source_kind: OPENGRAPH_SOURCE_KIND }, graph: { nodes: ogNodes, edges: ogEdges } };
}
