// GraphML export for Gephi and yEd: one <node> per case node and one <edge> per relation, with typed
// attribute keys. Every value is XML-escaped; names from hostile inputs stay text.
import { PRIVILEGES } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';
import { readCaseGraph } from './case-graph.ts';

const NODE_KEYS = ['name', 'kind', 'subkind', 'environment', 'status', 'criticality', 'owner', 'provider'] as const;
const EDGE_KEYS = ['kind', 'privilege', 'conditional', 'exercised_count', 'source_file', 'locator'] as const;

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toGraphml(kase: CaseFile): string {
  const { nodes, edges } = readCaseGraph(kase);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const k of NODE_KEYS) out.push(`  <key id="n_${k}" for="node" attr.name="${k}" attr.type="string"/>`);
  for (const k of EDGE_KEYS) {
    const type = k === 'exercised_count' ? 'int' : k === 'conditional' ? 'boolean' : 'string';
    out.push(`  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${type}"/>`);
  }
  out.push('  <graph id="blastmap" edgedefault="directed">');
  for (const n of nodes) {
    out.push(`    <node id="${escapeXml(n.key)}">`);
    const values: Record<string, string | null> = {
      name: n.name ?? n.key,
      kind: n.kind,
      subkind: n.subkind,
      environment: n.environment,
      status: n.status,
      criticality: n.criticality,
      owner: n.owner,
      provider: n.provider,
    };
    for (const k of NODE_KEYS)
      if (values[k] !== null && values[k] !== undefined) out.push(`      <data key="n_${k}">${escapeXml(String(values[k]))}</data>`);
    out.push('    </node>');
  }
  edges.forEach((e, i) => {
    out.push(`    <edge id="e${i}" source="${escapeXml(e.src)}" target="${escapeXml(e.dst)}">`);
    out.push(`      <data key="e_kind">${escapeXml(e.kind)}</data>`);
    if (e.privilege > 0) out.push(`      <data key="e_privilege">${PRIVILEGES[e.privilege - 1]}</data>`);
    out.push(`      <data key="e_conditional">${e.conditional ? 'true' : 'false'}</data>`);
    if (e.exercised) out.push(`      <data key="e_exercised_count">${e.exercised}</data>`);
    if (e.sourceFile) out.push(`      <data key="e_source_file">${escapeXml(e.sourceFile)}</data>`);
    if (e.locator) out.push(`      <data key="e_locator">${escapeXml(e.locator)}</data>`);
    out.push('    </edge>');
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
