// The whole pipeline on the synthetic enterprise (main/demo), as an analyst runs it: generate the files, import
// them with the real importers (canonical CSV, CloudTrail NDJSON, Entra sign-ins), open the case, build the
// analysis graph, then blast radius, attack paths, exposure ranking and findings through the API.
// Generated files are kept in bench/out (gitignored) and reused by later runs of the same size and seed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Method, Result } from '../shared/api/contract.ts';
import { dispatch } from '../main/api/dispatch.ts';
import { Session } from '../main/api/session.ts';
import { DEMO_SEED } from '../main/demo/build-demo-case.ts';
import { FILE_NAMES, generateEnterprise } from '../main/demo/generate.ts';
import type { GroundTruth } from '../main/demo/ground-truth.ts';
import { isSizeName, type SizeName } from '../main/demo/sizes.ts';
import { loadGraph } from '../main/graph/index.ts';
import { importFiles } from '../main/ingest/run-import.ts';
import { openCase } from '../main/store/case-file.ts';
import { graphBytes } from './graph-synth.ts';
import { measure, median } from './measure.ts';
import type { BenchFigure, BenchModule } from './types.ts';

/** Targets from the issues: CSV ingest (2), CloudTrail ingest (3), graph queries (9), the demo build (7). */
const TARGET = {
  csvRowsPerS: 300_000,
  cloudTrailPerS: 80_000,
  demoBuildS: 30,
  blastMs: { M: 25, L: 1500 } as Partial<Record<SizeName, number>>,
  pathsMs: { M: 100 } as Partial<Record<SizeName, number>>,
  graphMb: { L: 300 } as Partial<Record<SizeName, number>>,
};

/** Logs first, inventories last, as buildDemoCase imports them. */
const IMPORT_ORDER = [
  FILE_NAMES.networks,
  FILE_NAMES.authEvents,
  FILE_NAMES.cloudtrail,
  FILE_NAMES.entra,
  FILE_NAMES.systems,
  FILE_NAMES.identities,
  FILE_NAMES.credentials,
  FILE_NAMES.entitlements,
];

const bench: BenchModule = {
  title: 'End-to-end pipeline on the synthetic enterprise (generate → import → graph → findings)',
  async run({ size, repetitions }) {
    const name: SizeName = isSizeName(size) ? size : 'S';
    // A full import of M or L takes minutes: repeat it only at the small sizes.
    const reps = name === 'M' || name === 'L' ? 1 : Math.max(1, repetitions);
    const figures = progressive();
    const { dir, truth, generated } = await filesFor(name, figures);
    const label = `${name} (${(truth.counts.identities / 1000).toFixed(0)}k identities, ${(truth.counts.events / 1e6).toFixed(1)}M events)`;
    if (!generated)
      figures.push({ name: `${label}: files`, value: totalMb(truth), unit: 'MB', note: `reused from ${path.relative(process.cwd(), dir)}` });

    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-pipeline-'));
    try {
      const casePath = await ingest(name, label, dir, work, reps, truth, figures);
      await analyse(name, label, casePath, reps, truth, figures);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;

async function filesFor(name: SizeName, figures: BenchFigure[]): Promise<{ dir: string; truth: GroundTruth; generated: boolean }> {
  const dir = path.resolve(import.meta.dirname, 'out', `pipeline-${name}-${DEMO_SEED}`);
  const marker = path.join(dir, '.ground-truth.json');
  if (fs.existsSync(marker)) return { dir, truth: JSON.parse(fs.readFileSync(marker, 'utf8')) as GroundTruth, generated: false };
  fs.rmSync(dir, { recursive: true, force: true });
  const run = await measure(() => generateEnterprise({ size: name, seed: DEMO_SEED, outDir: dir }));
  const { truth } = run.result;
  fs.writeFileSync(marker, JSON.stringify(truth));
  const events = truth.counts.events;
  figures.push({
    name: `${name}: generate the enterprise (${truth.counts.identities.toLocaleString('en-US')} identities, ${events.toLocaleString('en-US')} events)`,
    value: run.ms / 1000,
    unit: 's',
    peakMb: run.peakMb,
    note: `${Math.round(events / (run.ms / 1000)).toLocaleString('en-US')} events/s; ${Math.round(totalMb(truth)).toLocaleString('en-US')} MB of files`,
  });
  return { dir, truth, generated: true };
}

function totalMb(truth: GroundTruth): number {
  return truth.files.reduce((n, f) => n + f.bytes, 0) / 2 ** 20;
}

/** Imports every file into a fresh case `reps` times; rows/s per format, and the whole import. Returns the last case. */
async function ingest(
  name: SizeName,
  label: string,
  dir: string,
  work: string,
  reps: number,
  truth: GroundTruth,
  figures: BenchFigure[],
): Promise<string> {
  const perFile = new Map<string, number[]>();
  const totals: number[] = [];
  let peakMb = 0;
  let casePath = '';
  for (let r = 0; r < reps; r++) {
    casePath = path.join(work, `case-${r}.blastmap`);
    const kase = openCase(casePath, { create: true });
    try {
      const all = await measure(async () => {
        for (const file of IMPORT_ORDER) {
          const t = performance.now();
          const [source] = await importFiles(kase, { paths: [path.join(dir, file)] });
          if (source.rejected) throw new Error(`${file}: ${source.rejected} rows rejected`);
          perFile.set(file, [...(perFile.get(file) ?? []), source.rows / ((performance.now() - t) / 1000)]);
        }
      });
      totals.push(all.ms / 1000);
      peakMb = Math.max(peakMb, all.peakMb);
    } finally {
      kase.close();
    }
  }
  const rows = (file: string) => truth.files.find((f) => f.name === file)?.rows ?? 0;
  const rate = (file: string) => median(perFile.get(file) ?? [0]);
  const csv = rate(FILE_NAMES.authEvents);
  const ct = rate(FILE_NAMES.cloudtrail);
  const medianOf = `median of ${reps}`;
  figures.push(
    {
      name: `${label}: import auth_events.csv (canonical CSV, ${rows(FILE_NAMES.authEvents).toLocaleString('en-US')} rows)`,
      value: csv,
      unit: 'rows/s',
      target: `≥ ${TARGET.csvRowsPerS.toLocaleString('en-US')} rows/s`,
      met: csv >= TARGET.csvRowsPerS,
      note: `${medianOf}; realistic rows (long user agents, ARNs)`,
    },
    {
      name: `${label}: import cloudtrail.ndjson (${rows(FILE_NAMES.cloudtrail).toLocaleString('en-US')} records)`,
      value: ct,
      unit: 'records/s',
      target: `≥ ${TARGET.cloudTrailPerS.toLocaleString('en-US')} records/s`,
      met: ct >= TARGET.cloudTrailPerS,
      note: `${medianOf}; ~1.5 kB records as AWS writes them`,
    },
    {
      name: `${label}: import entra-signins.ndjson (${rows(FILE_NAMES.entra).toLocaleString('en-US')} records)`,
      value: rate(FILE_NAMES.entra),
      unit: 'records/s',
      note: `${medianOf}; diagnostic-settings shape, ~1.8 kB records`,
    },
  );
  const whole = median(totals);
  const demo = name === 'demo';
  figures.push({
    name: `${label}: import all ${IMPORT_ORDER.length} files into a new case`,
    value: whole,
    unit: 's',
    peakMb,
    target: demo ? `generate + import ≤ ${TARGET.demoBuildS} s (npm start)` : undefined,
    met: demo ? whole + (figures.find((f) => f.name.startsWith('demo: generate'))?.value ?? 0) <= TARGET.demoBuildS : undefined,
    note: `${medianOf}; ${Math.round(truth.counts.events / whole).toLocaleString('en-US')} events/s overall; ${loadNote()}`,
  });
  return casePath;
}

/** Case open, graph build, then the analyst's queries through the API on the imported case. */
async function analyse(name: SizeName, label: string, casePath: string, reps: number, truth: GroundTruth, figures: BenchFigure[]): Promise<void> {
  const opens: number[] = [];
  for (let r = 0; r < Math.max(reps, 3); r++) {
    const session = new Session();
    const t = performance.now();
    await call(session, 'case.open', { path: casePath });
    opens.push(performance.now() - t);
    session.close();
  }
  figures.push({
    name: `${label}: open the case (header check, migrations, summary counts)`,
    value: median(opens),
    unit: 'ms',
    note: `median of ${opens.length}`,
  });

  const session = new Session();
  try {
    await call(session, 'case.open', { path: casePath });
    const kase = session.requireCase();
    const builds: number[] = [];
    let graphMb = 0;
    let peakMb = 0;
    let nodes = 0;
    let edges = 0;
    for (let r = 0; r < reps; r++) {
      const built = await measure(() => loadGraph(kase));
      builds.push(built.ms);
      graphMb = graphBytes(built.result) / 2 ** 20;
      peakMb = Math.max(peakMb, built.peakMb);
      nodes = built.result.nodeCount;
      edges = built.result.edgeCount;
    }
    const mbTarget = TARGET.graphMb[name];
    figures.push(
      {
        name: `${label}: graph build from the case (${(nodes / 1000).toFixed(0)}k nodes, ${(edges / 1000).toFixed(0)}k edges)`,
        value: median(builds),
        unit: 'ms',
        peakMb,
        note: `median of ${reps}; SQLite read + CSR`,
      },
      {
        name: `${label}: graph memory`,
        value: graphMb,
        unit: 'MB',
        target: mbTarget ? `≤ ${mbTarget} MB` : undefined,
        met: mbTarget ? graphMb <= mbTarget : undefined,
      },
    );

    const sample = identitiesToAsk(kase.db, truth, name === 'L' ? 9 : 60);
    await call(session, 'graph.blastRadius', { ids: [sample[0]], limit: 1 }); // the API builds and caches the graph once
    const blastTimes: number[] = [];
    const reached: number[] = [];
    const blast = await measure(async () => {
      for (const id of sample) {
        const t = performance.now();
        const r = await call(session, 'graph.blastRadius', { ids: [id], limit: 100 });
        blastTimes.push(performance.now() - t);
        reached.push(r.summary.reached);
      }
    });
    const blastTarget = TARGET.blastMs[name];
    const blastMs = median(blastTimes);
    figures.push({
      name: `${label}: blast radius of one identity, through the API (median of ${sample.length})`,
      value: blastMs,
      unit: 'ms',
      peakMb: blast.peakMb,
      target: blastTarget ? `≤ ${blastTarget} ms` : undefined,
      met: blastTarget ? blastMs <= blastTarget : undefined,
      note: `median reach ${median(reached).toFixed(0)} nodes; includes the summary and the first 100 reach rows`,
    });

    const pathTimes: number[] = [];
    for (const id of sample.slice(0, name === 'L' ? 3 : 15)) {
      const t = performance.now();
      await call(session, 'graph.paths', { from: [id], to: ['@crown'], k: 10, eventsPerHop: 3 });
      pathTimes.push(performance.now() - t);
    }
    const pathsTarget = TARGET.pathsMs[name];
    const pathsMs = median(pathTimes);
    figures.push({
      name: `${label}: k=10 attack paths identity → crown jewels, with hop evidence (median of ${pathTimes.length})`,
      value: pathsMs,
      unit: 'ms',
      target: pathsTarget ? `≤ ${pathsTarget} ms` : undefined,
      met: pathsTarget ? pathsMs <= pathsTarget : undefined,
      note: 'through the API: includes the import rows and auth events shown per hop',
    });

    const crowns = kase.db.prepare(`SELECT key FROM node WHERE kind = 'system' AND criticality = 'critical' ORDER BY key`).pluck().all() as string[];
    const ranking = await measure(async () => {
      const rows: { id: string; exposed: number }[] = [];
      for (const id of crowns) rows.push({ id, exposed: (await call(session, 'graph.exposure', { id, limit: 1 })).total });
      return rows.sort((a, b) => b.exposed - a.exposed);
    });
    const top = ranking.result[0];
    figures.push({
      name: `${label}: exposure ranking of all ${crowns.length} crown jewels`,
      value: ranking.ms,
      unit: 'ms',
      peakMb: ranking.peakMb,
      note: top
        ? `most exposed: ${top.exposed.toLocaleString('en-US')} identities reach ${top.id.length > 60 ? `${top.id.slice(0, 57)}…` : top.id}`
        : 'no crown jewels',
    });

    const runs: number[] = [];
    let found = 0;
    let findingsPeak = 0;
    for (let r = 0; r < (name === 'M' || name === 'L' ? 1 : Math.min(reps, 3)); r++) {
      const run = await measure(() => call(session, 'findings.run', {}));
      runs.push(run.ms / 1000);
      findingsPeak = Math.max(findingsPeak, run.peakMb);
      found = run.result.rules.reduce((n, x) => n + x.findings, 0);
    }
    figures.push({
      name: `${label}: findings run (all rules, stored)`,
      value: median(runs),
      unit: 's',
      peakMb: findingsPeak,
      note: `${found.toLocaleString('en-US')} findings; median of ${runs.length}; ${loadNote()}`,
    });
  } finally {
    session.close();
  }
}

/** Figures are also printed as they are measured: an M or L run takes long, and partial results still tell. */
function progressive(): BenchFigure[] {
  const figures: BenchFigure[] = [];
  const push = figures.push.bind(figures);
  figures.push = (...items: BenchFigure[]) => {
    for (const f of items)
      process.stderr.write(`  pipeline: ${f.name}: ${f.value.toFixed(2)} ${f.unit}${f.peakMb ? ` (peak ${Math.round(f.peakMb)} MB)` : ''}\n`);
    return push(...items);
  };
  return figures;
}

/** Other work on the machine skews wall times: the 5-minute load average is printed beside the long figures. */
function loadNote(): string {
  return `load average ${os.loadavg()[1].toFixed(1)} (5 min) on ${os.cpus().length} cores`;
}

function call<M extends Method>(session: Session, method: M, params: unknown): Promise<Result<M>> {
  return dispatch<M>(session, method, params);
}

/** The story entries (the identities an analyst starts from), then a spread of everyone else. */
function identitiesToAsk(db: ReturnType<Session['requireCase']>['db'], truth: GroundTruth, count: number): string[] {
  const stories = truth.stories.map((s) => s.entry);
  const total = db.prepare(`SELECT count(*) FROM node WHERE kind = 'identity'`).pluck().get() as number;
  const step = Math.max(1, Math.floor(total / count));
  const spread = db.prepare(`SELECT key FROM node WHERE kind = 'identity' AND id % ? = 0 LIMIT ?`).pluck().all(step, count) as string[];
  return [...new Set([...stories, ...spread])].slice(0, Math.max(count, stories.length));
}
