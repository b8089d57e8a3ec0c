// NDJSON ingest of CloudTrail and Entra ID sign-in logs shaped like real ones (realistic-ndjson.ts documents the
// distributions: Zipf-ranked principals, a new access key every few events, object-level ARNs, 40–200 byte user
// agents, out-of-order times), each imported into a fresh case end to end (hash, parse workers, writes, index
// build, usage roll-up, commit). Issue 20's target: ≥ 80,000 records/s for both.
// Size S imports 250,000 records per format; M and L also 1,000,000 (whether memory stays flat as files grow).
// Files are kept in bench/out (gitignored) between runs, named by generator version.
import fs from 'node:fs';
import path from 'node:path';
import { conditionsNote, importIntoFreshCase } from './import-once.ts';
import { median } from './measure.ts';
import { NDJSON_GENERATOR_VERSION, writeRealisticCloudTrail, writeRealisticEntraSignIns, type NdjsonStats } from './realistic-ndjson.ts';
import type { BenchFigure, BenchModule } from './types.ts';

const TARGET_RECORDS_PER_S = 80_000;

const FORMATS = [
  { label: 'CloudTrail', file: 'cloudtrail', write: writeRealisticCloudTrail, keys: 'access keys', targets: 'targets' },
  { label: 'Entra sign-ins', file: 'entra-signins', write: writeRealisticEntraSignIns, keys: 'client secrets', targets: 'resources' },
] as const;

const mod: BenchModule = {
  title: 'NDJSON ingest (CloudTrail, Entra sign-ins), realistic records',
  async run({ size, repetitions }) {
    const out = path.resolve(import.meta.dirname, 'out');
    fs.mkdirSync(out, { recursive: true });
    const figures: BenchFigure[] = [];
    const sizes = size === 'S' || size === 'demo' ? [250_000] : [250_000, 1_000_000];
    for (const format of FORMATS) {
      for (const records of sizes) {
        const file = path.join(out, `${format.file}-realistic-v${NDJSON_GENERATOR_VERSION}-${records}.ndjson`);
        const statsFile = `${file}.stats.json`;
        let stats: NdjsonStats;
        if (fs.existsSync(file) && fs.existsSync(statsFile)) stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as NdjsonStats;
        else {
          stats = format.write(file, records);
          fs.writeFileSync(statsFile, JSON.stringify(stats));
        }
        const runs = [];
        for (let r = 0; r < repetitions; r++) runs.push(await importIntoFreshCase(file));
        if (runs.some((x) => x.loaded !== records))
          throw new Error(`${format.file} bench: expected ${records} loaded, got ${runs.map((x) => x.loaded).join(', ')}`);
        const n = records.toLocaleString('en-US');
        const times = runs.map((x) => x.ms / 1000);
        const rate = records / median(times);
        figures.push({
          name: `${format.label}: ${n} records, file`,
          value: stats.bytes / 2 ** 20,
          unit: 'MB',
          note: fileNote(stats, format),
        });
        figures.push({
          name: `${format.label}: import ${n} records incl. index build`,
          value: rate,
          unit: 'records/s',
          target: `≥ ${TARGET_RECORDS_PER_S.toLocaleString('en-US')} records/s`,
          met: rate >= TARGET_RECORDS_PER_S,
          peakMb: Math.max(...runs.map((x) => x.peakMb)),
          note: `${runs.length} run(s): min ${Math.min(...times).toFixed(2)} s / median ${median(times).toFixed(2)} s / max ${Math.max(...times).toFixed(2)} s; ${conditionsNote(runs)}`,
        });
        figures.push({
          name: `${format.label}: CPU per record, all threads (${n})`,
          value: median(runs.map((x) => (x.cpuMs * 1000) / records)),
          unit: 'µs',
          note: 'sha256, parsing in workers, writes, index build, usage roll-up; on 2 idle cores wall time is at least half of this',
        });
      }
    }
    return figures;
  },
};
export default mod;

function fileNote(s: NdjsonStats, format: (typeof FORMATS)[number]): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return (
    `${n(s.principals)} principals, ${n(s.keys)} ${format.keys}, ${n(s.addresses)} addresses, ${n(s.userAgents)} user agents ` +
    `(${s.userAgentBytes.min}–${s.userAgentBytes.max} bytes), ${n(s.targets)} ${format.targets}, ` +
    `${Math.round((100 * s.outOfOrder) / s.records)}% of records earlier than the one before`
  );
}
