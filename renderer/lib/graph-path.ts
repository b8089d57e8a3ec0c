// The path a graph screen lights when the analyst selects a node: the fewest drawn edges from the starting
// node to it, following edge direction (the way control flows) when such a path exists, else ignoring it
// (a picture grown backwards, "← member of", points at the start). Pure: breadth first over the drawn edges.

export interface PathEdge {
  id: string;
  from: string;
  to: string;
}

export interface LitPath {
  nodes: string[];
  edges: string[];
}

export function pathTo(root: string, target: string, edges: Iterable<PathEdge>): LitPath | null {
  const list = [...edges];
  return search(root, target, list, true) ?? search(root, target, list, false);
}

function search(root: string, target: string, edges: PathEdge[], directed: boolean): LitPath | null {
  if (root === target) return { nodes: [root], edges: [] };
  const out = new Map<string, { to: string; edge: string }[]>();
  const add = (a: string, b: string, edge: string) => {
    const l = out.get(a);
    if (l) l.push({ to: b, edge });
    else out.set(a, [{ to: b, edge }]);
  };
  for (const e of edges) {
    add(e.from, e.to, e.id);
    if (!directed) add(e.to, e.from, e.id);
  }
  const came = new Map<string, { from: string; edge: string }>();
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const step of out.get(queue[i]) ?? []) {
      if (step.to === root || came.has(step.to)) continue;
      came.set(step.to, { from: queue[i], edge: step.edge });
      if (step.to === target) return unwind(root, target, came);
      queue.push(step.to);
    }
  }
  return null;
}

function unwind(root: string, target: string, came: Map<string, { from: string; edge: string }>): LitPath {
  const nodes = [target];
  const edges: string[] = [];
  for (let at = target; at !== root;) {
    const c = came.get(at)!;
    edges.push(c.edge);
    nodes.push(c.from);
    at = c.from;
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}
