// Attack paths (Yen over §3 states), choke points and the minimum cut, checked against brute force on
// small graphs: the k costs found must be the k smallest of all loopless paths, and a cut must cut.
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../main/graph/chokepoints.ts';
import { blastRadius, follow, GraphBuilder, type AnalysisGraph } from '../../main/graph/index.ts';
import { minEdgeCut } from '../../main/graph/min-cut.ts';
import { countShortestPaths } from '../../main/graph/path-counts.ts';
import { EXERCISED_COST, GRANTED_COST, kShortestPaths } from '../../main/graph/paths.ts';
import { graph } from './graph-fixture.ts';

/** Every loopless path from a source to the first target it meets, with its cost. */
function allPathCosts(g: AnalysisGraph, sources: number[], targets: Set<number>): number[] {
  const costs: number[] = [];
  const onPath = new Set<number>();
  const walk = (u: number, p: number, cost: number, hops: number) => {
    if (hops > 0 && targets.has(u)) {
      costs.push(cost);
      return;
    }
    onPath.add(u);
    for (let e = g.outOffsets[u]; e < g.outOffsets[u + 1]; e++) {
      const q = follow(g, e, p);
      const v = g.target[e];
      if (q < 0 || onPath.has(v)) continue;
      walk(v, q, cost + (g.exercised[e] ? EXERCISED_COST : GRANTED_COST), hops + 1);
    }
    onPath.delete(u);
  };
  for (const s of sources) walk(s, g.kind[s] === 4 ? 3 : 0, 0, 0);
  return costs.sort((a, b) => a - b);
}

function randomGraph(seed: number, n: number, m: number): AnalysisGraph {
  let a = seed;
  const r = () => (a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  const b = new GraphBuilder();
  for (let i = 0; i < n; i++) {
    const sys = i % 4 === 3;
    b.addNode(`n${i}`, sys ? 'system' : i % 4 === 2 ? 'credential' : 'identity', sys ? (i % 8 === 3 ? 'host' : 'secret_store') : null);
  }
  // Endpoints fitting each kind, so most edges mean something under §3.
  const of = (k: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 === k);
  const ids = [...of(0), ...of(1)],
    creds = of(2),
    systems = of(3);
  const shapes: [string, number[], number[]][] = [
    ['member_of', ids, ids],
    ['can_assume', ids, ids],
    ['access', ids, systems],
    ['access', ids, systems],
    ['stores', systems, creds],
    ['runs_as', systems, ids],
    ['authenticates', creds, ids],
    ['has_credential', ids, creds],
  ];
  const any = (xs: number[]) => xs[Math.floor(r() * xs.length)];
  for (let i = 0; i < m; i++) {
    const [kind, from, to] = shapes[Math.floor(r() * shapes.length)];
    b.addEdge(any(from), any(to), kind, 1 + Math.floor(r() * 3), r() < 0.3);
  }
  return b.build();
}

describe('k shortest attack paths', () => {
  it('ranks exercised hops before merely granted ones', () => {
    const g = graph(
      ['a:identity', 'r1:role', 'r2:role', 'r3:role', 'db:system/database'],
      ['a can_assume r1', 'r1 access:read db', 'a can_assume r2', 'r2 can_assume r3', 'r3 access:admin db'],
      ['a can_assume r2', 'r2 can_assume r3', 'r3 access:admin db'],
    );
    const paths = kShortestPaths(g, [g.indexOf('a')!], [g.indexOf('db')!], { k: 5 });
    expect(paths.map((p) => p.nodes.map((v) => g.keys[v]))).toEqual([
      ['a', 'r2', 'r3', 'db'],
      ['a', 'r1', 'db'],
    ]);
    expect(paths.map((p) => p.cost)).toEqual([3, 4]);
  });

  it('never walks an edge §3 does not allow (read on a host does not yield its stored key)', () => {
    const g = graph(
      ['a:identity', 'h:system/host', 'k:credential', 'svc:identity', 'db:system/database'],
      ['a access:read h', 'h stores k', 'k authenticates svc', 'svc access:admin db'],
    );
    expect(kShortestPaths(g, [g.indexOf('a')!], [g.indexOf('db')!])).toEqual([]);
  });

  for (const seed of [7, 11, 19, 23, 31]) {
    it(`finds exactly the k cheapest loopless paths (random graph ${seed})`, () => {
      const g = randomGraph(seed, 24, 70);
      const sources = [0, 1];
      const targets = [3, 7, 11].filter((t) => !sources.includes(t));
      const brute = allPathCosts(g, sources, new Set(targets));
      expect(brute.length).toBeGreaterThan(3); // not vacuous
      const found = kShortestPaths(g, sources, targets, { k: 8 });
      expect(found.map((p) => p.cost)).toEqual(brute.slice(0, 8));
      for (const p of found) {
        expect(new Set(p.nodes).size).toBe(p.nodes.length);
        expect(p.nodes.slice(1, -1).some((v) => targets.includes(v))).toBe(false);
      }
    });
  }
});

describe('choke points and the minimum cut', () => {
  const g = graph(
    ['e1:identity', 'e2:identity', 'grp:group', 'r:role', 'side:role', 'db:system/database!critical', 'vault:system/secret_store!critical'],
    [
      'e1 member_of grp',
      'e2 member_of grp',
      'grp has_role r',
      'r access:admin db',
      'r access:read vault',
      'e2 can_assume side',
      'side access:read vault',
    ],
  );
  const entries = [g.indexOf('e1')!, g.indexOf('e2')!];
  const crowns = [g.indexOf('db')!, g.indexOf('vault')!];

  it('counts shortest entry→crown paths through each grant', () => {
    const counts = countShortestPaths(g, entries, crowns);
    expect(counts.total).toBe(2 + 1); // db via grp→r from either entry; vault: e2→side→vault is the only shortest
    expect(counts.crownJewelsReached).toBe(2);
    const c = chokepoints(g, entries, crowns, 3);
    const top = c.edges[0];
    expect(`${g.keys[g.source[top.edge]]}→${g.keys[g.target[top.edge]]}`).toBe('grp→r');
    expect(c.nodes.map((x) => g.keys[x.node])).toContain('grp');
  });

  it('finds a minimum cut that really disconnects, of the brute-force minimum size', () => {
    const cut = minEdgeCut(g, entries, crowns);
    expect(cut.complete).toBe(true);
    const removedEdges = new Uint8Array(g.edgeCount);
    for (const e of cut.edges) removedEdges[e] = 1;
    const reach = blastRadius(g, entries, { removedEdges });
    expect([...reach.nodes].some((v) => crowns.includes(v))).toBe(false);
    // The smallest cut here has 2 edges (e.g. grp→r plus side→vault or e2→side); no single edge cuts all.
    for (let e = 0; e < g.edgeCount; e++) {
      const one = new Uint8Array(g.edgeCount);
      one[e] = 1;
      expect([...blastRadius(g, entries, { removedEdges: one }).nodes].some((v) => crowns.includes(v))).toBe(true);
    }
    expect(cut.edges).toHaveLength(2);
  });
});
