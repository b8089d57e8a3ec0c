// Graph engine benchmarks (issue 9) on synthetic graphs built in memory from a seed: M (100k identities,
// 1M edges) and L (1M nodes, 5M edges). `--size demo` runs S only, as a quick smoke test.
import os from 'node:os';
import { allReachSizes } from '../main/graph/all-reach.ts';
import { blastRadius, exposure, summarise, type AnalysisGraph } from '../main/graph/index.ts';
import { kShortestPaths } from '../main/graph/paths.ts';
import { graphBytes, SIZES, synthesise } from './graph-synth.ts';
import { measure, median } from './measure.ts';
import type { BenchFigure, BenchModule } from './types.ts';

const TARGETS: Record<string, { blast?: number; paths?: number; memoryMb?: number; allReachS?: number }> = {
  M: { blast: 25, paths: 100, allReachS: 60 },
  L: { blast: 1500, memoryMb: 300 },
};

const bench: BenchModule = {
  title: 'Graph engine (blast radius, paths, exposure)',
  async run({ size }) {
    const figures: BenchFigure[] = [];
    for (const name of size === 'demo' ? ['S'] : ['M', 'L']) figures.push(...(await runSize(name)));
    return figures;
  },
};
export default bench;

async function runSize(name: string): Promise<BenchFigure[]> {
  const size = SIZES[name];
  const target = TARGETS[name] ?? {};
  const synth = synthesise(size);
  const built = await measure(() => synth.builder.build());
  const g: AnalysisGraph = built.result;
  const label = `${name} (${(g.nodeCount / 1000).toFixed(0)}k nodes, ${(g.edgeCount / 1e6).toFixed(1)}M edges)`;
  const figures: BenchFigure[] = [{ name: `${label}: graph build (CSR, both directions)`, value: built.ms, unit: 'ms', peakMb: built.peakMb }];
  const mb = graphBytes(g) / 2 ** 20;
  figures.push({
    name: `${label}: graph memory`,
    value: mb,
    unit: 'MB',
    target: target.memoryMb ? `≤ ${target.memoryMb} MB` : undefined,
    met: target.memoryMb ? mb <= target.memoryMb : undefined,
    note: 'typed arrays + key strings',
  });

  const crown = new Uint8Array(g.nodeCount);
  for (const c of synth.crownJewels) crown[c] = 1;
  const samples = name === 'L' ? 7 : 201;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const reached: number[] = [];
  const blast = await measure(() => {
    for (let i = 0; i < samples; i++) {
      const id = synth.identities[(i * 7919) % synth.identities.length];
      const c = process.cpuUsage();
      const t = performance.now();
      const r = blastRadius(g, [id]);
      summarise(r, crown);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpuTimes.push((used.user + used.system) / 1000);
      reached.push(r.nodes.length);
    }
  });
  const blastMs = median(times);
  figures.push({
    name: `${label}: blast radius per identity (median of ${samples})`,
    value: blastMs,
    unit: 'ms',
    target: target.blast ? `≤ ${target.blast} ms` : undefined,
    met: target.blast ? blastMs <= target.blast : undefined,
    peakMb: blast.peakMb,
    note: `median reach ${median(reached).toFixed(0)} nodes; with summary; CPU time median ${median(cpuTimes).toFixed(1)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
  });

  const crowns = [...synth.crownJewels];
  const pathTimes: number[] = [];
  let cold = 0;
  for (let i = 0; i < (name === 'L' ? 5 : 21); i++) {
    const t = performance.now();
    kShortestPaths(g, [synth.identities[(i * 104729) % synth.identities.length]], crowns, { k: 10 });
    const ms = performance.now() - t;
    if (i === 0) cold = ms;
    else pathTimes.push(ms);
  }
  const pathsMs = median(pathTimes);
  figures.push({
    name: `${label}: k=10 attack paths identity → ${crowns.length} crown jewels (median)`,
    value: pathsMs,
    unit: 'ms',
    target: target.paths ? `≤ ${target.paths} ms` : undefined,
    met: target.paths ? pathsMs <= target.paths : undefined,
    note: `first query (builds the per-target-set A* bounds, then cached): ${cold.toFixed(0)} ms`,
  });

  const expTimes: number[] = [];
  let exposed = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    exposed = exposure(g, crowns[i % crowns.length]).identities.length;
    expTimes.push(performance.now() - t);
  }
  figures.push({
    name: `${label}: exposure of a crown jewel (median of 5)`,
    value: median(expTimes),
    unit: 'ms',
    note: `${exposed} identities exposed`,
  });

  if (name !== 'L') {
    const all = await measure(() => allReachSizes(g, synth.identities));
    const s = all.ms / 1000;
    figures.push({
      name: `${label}: blast-radius size of every identity (SCC condensation)`,
      value: s,
      unit: 's',
      target: target.allReachS ? `≤ ${target.allReachS} s` : undefined,
      met: target.allReachS ? s <= target.allReachS : undefined,
      peakMb: all.peakMb,
      note: `${all.result.states} states → ${all.result.components} components; hub reaches ${all.result.hubSize} nodes`,
    });
  }
  return figures;
}
