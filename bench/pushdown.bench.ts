// The pushdown route beside the raw route on the synthetic enterprise (issue 22): the same inventories and canonical
// auth_events.csv in both cases; the raw route imports the vendor logs (CloudTrail and Entra NDJSON), the pushdown
// route only what the engine returns for them (the auth roll-up CSVs and the rare-event extracts, here as Athena
// writes its results: CSV with a header). The engine is DuckDB over the same files, in its own process: its time
// is the customer's engine's, shown apart; what the laptop pays is the import and the findings run. Each route runs
// in a fresh process (bench/pushdown-route.ts) so each peak memory is its own. Files are shared with the pipeline
// bench (bench/out/pipeline-<size>-<seed>); the engine's results go to bench/out/pushdown-<size>-<seed>.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_SEED } from '../main/demo/build-demo-case.ts';
import { FILE_NAMES, generateEnterprise } from '../main/demo/generate.ts';
import type { GroundTruth } from '../main/demo/ground-truth.ts';
import { isSizeName, type SizeName } from '../main/demo/sizes.ts';
import type { BenchFigure, BenchModule } from './types.ts';

interface RouteRun {
  importS: number;
  findingsS: number;
  peakMb: number;
  findings: number;
  incidents: number;
}

const LOGS = [
  { source: 'cloudtrail', file: FILE_NAMES.cloudtrail },
  { source: 'entra-signin', file: FILE_NAMES.entra },
] as const;

const bench: BenchModule = {
  title: 'Pushdown route beside the raw route (import + findings on the laptop)',
  async run({ size }) {
    const name: SizeName = isSizeName(size) ? size : 'S';
    const figures: BenchFigure[] = [];
    const { dir, truth } = await filesFor(name);
    const label = `${name} (${(truth.counts.events / 1e6).toFixed(1)}M events)`;
    const results = path.resolve(import.meta.dirname, 'out', `pushdown-${name}-${DEMO_SEED}`);
    fs.rmSync(results, { recursive: true, force: true });
    fs.mkdirSync(results, { recursive: true });

    const engine = child(['bench/pushdown-engine.ts', dir, results]) as { seconds: number; files: { name: string; rows: number; bytes: number }[] };
    const byName = (n: string) => path.join(dir, n);
    const inventories = [FILE_NAMES.systems, FILE_NAMES.identities, FILE_NAMES.credentials, FILE_NAMES.entitlements].map(byName);
    const shared = [byName(FILE_NAMES.networks), byName(FILE_NAMES.authEvents)];
    const rawLogs = LOGS.map((l) => byName(l.file));
    // Empty extracts (no rare event in that log) are nothing to import.
    const pushed = engine.files.filter((f) => f.rows > 0).map((f) => path.join(results, f.name));
    const bytes = (files: string[]) => files.reduce((n, f) => n + fs.statSync(f).size, 0) / 2 ** 20;

    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-pushdown-bench-'));
    try {
      const pushdown = child(['bench/pushdown-route.ts', path.join(work, 'pushdown.blastmap'), ...shared, ...pushed, ...inventories]) as RouteRun;
      const raw = child(['bench/pushdown-route.ts', path.join(work, 'raw.blastmap'), ...shared, ...rawLogs, ...inventories]) as RouteRun;
      const logRecords = LOGS.reduce((n, l) => n + (truth.files.find((f) => f.name === l.file)?.rows ?? 0), 0);
      figures.push(
        {
          name: `${label}: engine side, DuckDB over the vendor logs (roll-up + extract queries)`,
          value: engine.seconds,
          unit: 's',
          note: `stands for the customer's engine; ${logRecords.toLocaleString('en-US')} log records → ${engine.files.map((f) => `${f.name} ${f.rows.toLocaleString('en-US')} rows`).join(', ')}`,
        },
        ...route(label, 'raw route (vendor logs)', raw, bytes(rawLogs)),
        ...route(label, 'pushdown route (results only)', pushdown, bytes(pushed)),
        {
          name: `${label}: pushdown / raw, import + findings`,
          value: (pushdown.importS + pushdown.findingsS) / (raw.importS + raw.findingsS),
          unit: '×',
          note: `peak ${Math.round(pushdown.peakMb)} MB vs ${Math.round(raw.peakMb)} MB; both import the same inventories and canonical auth_events.csv (${(truth.files.find((f) => f.name === FILE_NAMES.authEvents)?.rows ?? 0).toLocaleString('en-US')} rows, not a vendor log, so not pushed down); load average ${os.loadavg()[1].toFixed(1)} on ${os.cpus().length} cores`,
        },
      );
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;

function route(label: string, what: string, r: RouteRun, logMb: number): BenchFigure[] {
  return [
    { name: `${label}: ${what}: import`, value: r.importS, unit: 's', peakMb: r.peakMb, note: `${logMb.toFixed(1)} MB of log files or results` },
    {
      name: `${label}: ${what}: findings run (all rules, stored)`,
      value: r.findingsS,
      unit: 's',
      note: `${r.findings.toLocaleString('en-US')} findings, ${r.incidents.toLocaleString('en-US')} incidents`,
    },
    {
      name: `${label}: ${what}: import + findings`,
      value: r.importS + r.findingsS,
      unit: 's',
      peakMb: r.peakMb,
      note: "peak RSS of the route's own process",
    },
  ];
}

/** Runs a bench script in a fresh Node process and returns the JSON of its last stdout line. */
function child(args: string[]): unknown {
  const root = path.resolve(import.meta.dirname, '..');
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`${args[0]} failed (exit ${r.status})`);
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last);
}

/** The pipeline bench's generated files for this size, generated here when they are not there yet. */
async function filesFor(name: SizeName): Promise<{ dir: string; truth: GroundTruth }> {
  const dir = path.resolve(import.meta.dirname, 'out', `pipeline-${name}-${DEMO_SEED}`);
  const marker = path.join(dir, '.ground-truth.json');
  if (fs.existsSync(marker)) return { dir, truth: JSON.parse(fs.readFileSync(marker, 'utf8')) as GroundTruth };
  fs.rmSync(dir, { recursive: true, force: true });
  const { truth } = await generateEnterprise({ size: name, seed: DEMO_SEED, outDir: dir });
  fs.writeFileSync(marker, JSON.stringify(truth));
  return { dir, truth };
}
