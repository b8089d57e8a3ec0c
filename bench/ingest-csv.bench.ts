// Canonical CSV ingest against its peers (issue 20): one realistic auth_events.csv (bench/realistic-auth-events.ts)
// loaded by the sqlite3 shell (.import + 2 indexes), by DuckDB (read_csv + 2 indexes) and by `blastmap import`,
// each a whole process timed the same way, in the same run, interleaved rep by rep so they share the machine's
// conditions. The targets are ratios to the peers, because absolute rates mean little across machines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from './measure.ts';
import { blastmapImport, duckdbImport, sqlite3Import, type PeerResult, type ProcessRun } from './peers/peers.ts';
import { REALISTIC_DEFAULTS, REALISTIC_GENERATOR_VERSION, writeRealisticAuthEventsCsv, type RealisticStats } from './realistic-auth-events.ts';
import type { BenchFigure, BenchModule } from './types.ts';

/** Issue 20: at most 1.25× the sqlite3 shell's .import + 2 indexes, and never slower than DuckDB. */
const MAX_RATIO_SQLITE3 = 1.25;
const MAX_RATIO_DUCKDB = 1.0;

/** Rows per size: 1M everywhere but the quick demo size; 2M more at M/L to show whether memory stays flat. */
function rowCounts(size: string): number[] {
  if (size === 'demo') return [100_000];
  return size === 'M' || size === 'L' ? [1_000_000, 2_000_000] : [1_000_000];
}

const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const isRun = (r: PeerResult): r is ProcessRun => !('unavailable' in r);

function spread(runs: ProcessRun[]): string {
  const ms = runs.map((x) => x.ms);
  return `${runs.length} run(s): min ${fmtS(Math.min(...ms))} / median ${fmtS(median(ms))} / max ${fmtS(Math.max(...ms))}`;
}

const mod: BenchModule = {
  title: 'Canonical CSV ingest (realistic auth_events.csv) beside sqlite3 and DuckDB',
  async run({ size, repetitions }) {
    const out = path.resolve(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    const figures: BenchFigure[] = [];
    for (const rows of rowCounts(size)) {
      const file = path.join(out, `auth_events_realistic_v${REALISTIC_GENERATOR_VERSION}_s${REALISTIC_DEFAULTS.seed}_${rows}.csv`);
      const statsFile = `${file}.stats.json`;
      if (!fs.existsSync(file) || !fs.existsSync(statsFile)) {
        process.stderr.write(`bench: generating ${path.basename(file)}…\n`);
        fs.writeFileSync(statsFile, JSON.stringify(writeRealisticAuthEventsCsv(file, rows)));
      }
      const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as RealisticStats;
      const reps = rows <= 1_000_000 ? repetitions : 1;
      const load = [os.loadavg()[0]];
      const sqlite: PeerResult[] = [],
        duck: PeerResult[] = [],
        ours: ProcessRun[] = [];
      for (let r = 0; r < reps; r++) {
        // Interleaved, so a burst of other load on the machine hits all three rather than one.
        sqlite.push(sqlite3Import(file));
        duck.push(duckdbImport(file));
        ours.push(blastmapImport(file));
        load.push(os.loadavg()[0]);
      }
      for (const [who, list] of [
        ['sqlite3', sqlite],
        ['DuckDB', duck],
        ['blastmap', ours],
      ] as const) {
        for (const x of list) if (isRun(x) && x.rows !== rows) throw new Error(`ingest bench: ${who} loaded ${x.rows} of ${rows} rows`);
      }
      const label = `${rows.toLocaleString('en-US')} rows`;
      const conditions = `load average (1 min) ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the runs, ${os.cpus().length} cores`;
      const sqliteRuns = sqlite.filter(isRun),
        duckRuns = duck.filter(isRun);
      const oursMs = median(ours.map((x) => x.ms));
      const sqliteMs = sqliteRuns.length ? median(sqliteRuns.map((x) => x.ms)) : undefined;
      const duckMs = duckRuns.length ? median(duckRuns.map((x) => x.ms)) : undefined;
      const ratio = (peer?: number) => (peer === undefined ? 'n/a' : `${(oursMs / peer).toFixed(1)}×`);

      figures.push({
        name: `${label}: file`,
        value: stats.bytes / 2 ** 20,
        unit: 'MB',
        note: `${stats.identities.toLocaleString('en-US')} identities, ${stats.keys.toLocaleString('en-US')} keys, ${stats.addresses.toLocaleString('en-US')} addresses (${stats.ipv6Addresses.toLocaleString('en-US')} IPv6), ${stats.userAgents.toLocaleString('en-US')} user agents (${stats.userAgentBytes.min}–${stats.userAgentBytes.max} bytes), ${stats.targets.toLocaleString('en-US')} targets, ${((100 * stats.outOfOrder) / rows).toFixed(0)}% of rows earlier than the row before, ${((100 * stats.failures) / rows).toFixed(1)}% failures`,
      });
      const peerFigure = (name: string, list: PeerResult[], runs: ProcessRun[], ms?: number): BenchFigure =>
        ms === undefined
          ? { name: `${label}: ${name}`, value: Number.NaN, unit: '', note: (list[0] as { unavailable: string }).unavailable }
          : {
              name: `${label}: ${name}`,
              value: ms / 1000,
              unit: 's',
              peakMb: Math.max(...runs.map((x) => x.peakMb ?? 0)) || undefined,
              note: `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s; ${spread(runs)}; CPU ${fmtS(median(runs.map((x) => x.cpuMs ?? 0)))}`,
            };
      figures.push(peerFigure('sqlite3 shell .import + 2 indexes, one transaction', sqlite, sqliteRuns, sqliteMs));
      figures.push(peerFigure('DuckDB read_csv into a table + 2 indexes', duck, duckRuns, duckMs));
      figures.push({
        name: `${label}: blastmap import (${ratio(sqliteMs)} sqlite3, ${ratio(duckMs)} DuckDB)`,
        value: oursMs / 1000,
        unit: 's',
        target: `≤ ${MAX_RATIO_SQLITE3}× sqlite3, ≤ DuckDB`,
        met: sqliteMs !== undefined && oursMs <= MAX_RATIO_SQLITE3 * sqliteMs && (duckMs === undefined || oursMs <= MAX_RATIO_DUCKDB * duckMs),
        peakMb: Math.max(...ours.map((x) => x.peakMb ?? 0)) || undefined,
        note: `CLI process into a new case; ${Math.round(rows / (oursMs / 1000)).toLocaleString('en-US')} rows/s; ${spread(ours)}; CPU ${fmtS(median(ours.map((x) => x.cpuMs ?? 0)))} (all threads); ${conditions}`,
      });
      if (sqliteMs !== undefined) {
        figures.push({
          name: `${label}: blastmap ÷ sqlite3 (medians, same run)`,
          value: oursMs / sqliteMs,
          unit: '×',
          target: `≤ ${MAX_RATIO_SQLITE3}×`,
          met: oursMs / sqliteMs <= MAX_RATIO_SQLITE3,
        });
      }
      figures.push(
        duckMs === undefined
          ? {
              name: `${label}: blastmap ÷ DuckDB (medians, same run)`,
              value: Number.NaN,
              unit: '',
              target: `≤ ${MAX_RATIO_DUCKDB}×`,
              note: 'DuckDB not run',
            }
          : {
              name: `${label}: blastmap ÷ DuckDB (medians, same run)`,
              value: oursMs / duckMs,
              unit: '×',
              target: `≤ ${MAX_RATIO_DUCKDB}×`,
              met: oursMs / duckMs <= MAX_RATIO_DUCKDB,
            },
      );
    }
    return figures;
  },
};
export default mod;
