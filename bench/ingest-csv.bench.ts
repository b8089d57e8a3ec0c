// Canonical CSV ingest: a generated auth_events.csv imported into a fresh case, end to end
// (hashing, detection, parsing, dictionary encoding, inserts, index build, usage roll-up, commit).
// Two file sizes show whether memory stays flat as files grow.
import fs from 'node:fs';
import path from 'node:path';
import { conditionsNote, importIntoFreshCase } from './import-once.ts';
import { median } from './measure.ts';
import type { BenchFigure, BenchModule } from './types.ts';

const TARGET_ROWS_PER_S = 300_000;

/** Realistic cardinalities: 20k identities, 30k keys, ~10k source IPs, 50 user agents, 400 targets. */
export function writeAuthEventsCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'timestamp,identity,credential,source_ip,user_agent,action,target,outcome\n');
  const base = Date.UTC(2024, 0, 1);
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    const ts = new Date(base + i * 1000).toISOString().replace('.000Z', 'Z');
    chunk.push(`${ts},svc-${i % 20000},key-${i % 30000},10.${i % 20}.${i % 25}.${i % 19},ua/${i % 50},Read,db-${i % 400},${i % 17 ? 'success' : 'failure'}`);
    if (chunk.length === 50_000) {
      fs.writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) fs.writeSync(fd, `${chunk.join('\n')}\n`);
  fs.closeSync(fd);
}

const mod: BenchModule = {
  title: 'Canonical CSV ingest (auth_events.csv)',
  async run({ repetitions }) {
    const out = path.resolve(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    const figures: BenchFigure[] = [];
    for (const rows of [1_000_000, 2_000_000]) {
      const file = path.join(out, `auth_events_${rows}.csv`);
      if (!fs.existsSync(file)) writeAuthEventsCsv(file, rows);
      const runs = [];
      for (let r = 0; r < (rows === 1_000_000 ? repetitions : 1); r++) runs.push(await importIntoFreshCase(file));
      const rate = rows / (median(runs.map((x) => x.ms)) / 1000);
      figures.push({
        name: `import ${rows.toLocaleString('en-US')} rows incl. index build`, value: rate, unit: 'rows/s',
        target: `≥ ${TARGET_ROWS_PER_S.toLocaleString('en-US')} rows/s`, met: rate >= TARGET_ROWS_PER_S,
        peakMb: Math.max(...runs.map((x) => x.peakMb)),
        note: `${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB file; ${runs.length} run(s), median (range ${Math.round(rows / (Math.max(...runs.map((x) => x.ms)) / 1000)).toLocaleString('en-US')}–${Math.round(rows / (Math.min(...runs.map((x) => x.ms)) / 1000)).toLocaleString('en-US')} rows/s); ${conditionsNote(runs)}`,
      });
    }
    return figures;
  },
};
export default mod;
