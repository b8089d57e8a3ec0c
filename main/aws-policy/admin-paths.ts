// "Who can become admin?" over the edges one evaluation derived: every principal with a path of
// can_assume edges ending in an admin edge, with the shortest path and each hop's reason. Used by the
// conformance suite and reports; the case-wide answer (all sources) is graph exposure of aws:<acct>:admin.
import type { AnalysisResult } from './analyse.ts';
import type { DerivedEdge } from './model.ts';

export interface AdminPath {
  principal: string;
  /** Node keys from the principal to the admin node. */
  path: string[];
  reasons: string[];
  conditional: boolean;
  potential: boolean;
}

export function adminPaths(result: AnalysisResult): AdminPath[] {
  const incoming = new Map<string, DerivedEdge[]>();
  for (const e of result.edges) {
    const toAdmin = e.kind === 'access' && e.dst === result.adminKey && e.privilege >= 3;
    if (e.kind !== 'can_assume' && !toAdmin) continue;
    const list = incoming.get(e.dst) ?? [];
    list.push(e);
    incoming.set(e.dst, list);
  }
  // Breadth-first backwards from the admin node; firm edges first so a firm path wins a tie.
  const next = new Map<string, DerivedEdge>();
  const queue = [result.adminKey];
  const seen = new Set(queue);
  while (queue.length) {
    const node = queue.shift()!;
    const edges = [...(incoming.get(node) ?? [])].sort((a, b) => weight(a) - weight(b));
    for (const e of edges) {
      if (seen.has(e.src)) continue;
      seen.add(e.src);
      next.set(e.src, e);
      queue.push(e.src);
    }
  }
  const out: AdminPath[] = [];
  for (const [principal] of next) {
    const path = [principal];
    const reasons: string[] = [];
    let conditional = false;
    let potential = false;
    for (let at = principal; at !== result.adminKey;) {
      const e = next.get(at)!;
      reasons.push(e.props.reason);
      conditional ||= e.conditional;
      potential ||= !!e.props.potential;
      path.push(e.dst);
      at = e.dst;
    }
    out.push({ principal, path, reasons, conditional, potential });
  }
  return out.sort((a, b) => a.path.length - b.path.length || a.principal.localeCompare(b.principal));
}

function weight(e: DerivedEdge): number {
  return (e.conditional ? 2 : 0) + (e.props.potential ? 1 : 0);
}
