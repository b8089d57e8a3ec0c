// The all-identities blast-radius sizes (SCC condensation + hub) must equal one BFS per node, on
// random graphs dense enough to have cycles, split system states and a giant component.
import { describe, expect, it } from 'vitest';
import { allReachSizes } from '../../main/graph/all-reach.ts';
import { blastRadius, GraphBuilder } from '../../main/graph/index.ts';
import { EDGE_KINDS } from '../../shared/model.ts';

function randomGraph(seed: number, nodes: number, edges: number) {
  let a = seed;
  const r = () => (a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  const b = new GraphBuilder();
  const kinds = ['identity', 'identity', 'group', 'role', 'credential', 'system', 'system'];
  const systemKinds = ['host', 'secret_store', 'database', 'pipeline', 'repository'];
  for (let i = 0; i < nodes; i++) {
    const kind = kinds[Math.floor(r() * kinds.length)];
    b.addNode(`n${i}`, kind, kind === 'system' ? systemKinds[Math.floor(r() * systemKinds.length)] : null);
  }
  for (let i = 0; i < edges; i++) {
    b.addEdge(Math.floor(r() * nodes), Math.floor(r() * nodes), EDGE_KINDS[Math.floor(r() * EDGE_KINDS.length)], 1 + Math.floor(r() * 3));
  }
  return b.build();
}

describe('allReachSizes', () => {
  for (const [seed, n, m] of [
    [1, 60, 120],
    [2, 200, 900],
    [3, 400, 3000],
    [4, 300, 300],
  ] as const) {
    it(`equals per-node blast radius on random graph #${seed} (${n} nodes, ${m} edges)`, () => {
      const g = randomGraph(seed, n, m);
      const all = allReachSizes(g);
      expect(Math.max(...all.size)).toBeGreaterThan(4); // not vacuous: real reach, with cycles
      if (m > 2 * n) expect(all.components).toBeLessThan(all.states); // dense ones have cycles to condense
      for (let v = 0; v < g.nodeCount; v++) expect(all.size[v], g.keys[v]).toBe(blastRadius(g, [v]).nodes.length);
    });
  }
});
