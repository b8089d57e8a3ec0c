// A CloudTrail S3 delivery tree imported by pointing at its folder, as a responder gets it from `aws s3 sync`:
// thousands of small gzipped one-line {"Records":[…]} objects plus digests (bench/cloudtrail-tree-gen.ts for the
// layout and the object-size distribution). The yardstick: one account's 45 days, ~13,000 five-minute
// objects, in ≤ 60 s on this machine, so ≤ 4.6 ms per object whatever the size of the sample tree.
import fs from 'node:fs';
import path from 'node:path';
import { writeCloudTrailTree, type TreeStats } from './cloudtrail-tree-gen.ts';
import { conditionsNote, importIntoFreshCase } from './import-once.ts';
import { median } from './measure.ts';
import type { BenchFigure, BenchModule } from './types.ts';

const TARGET_MS_PER_OBJECT = 60_000 / 13_000;
const OBJECTS: Record<string, number> = { demo: 500, S: 2_000, M: 13_000, L: 13_000 };

const mod: BenchModule = {
  title: 'CloudTrail S3 tree ingest',
  async run({ size, repetitions }) {
    const objects = OBJECTS[size] ?? OBJECTS.S;
    const root = path.resolve(import.meta.dirname, 'out', `cloudtrail-tree-${objects}`);
    const statsFile = `${root}.json`;
    let stats: TreeStats;
    if (fs.existsSync(statsFile)) stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as TreeStats;
    else {
      fs.rmSync(root, { recursive: true, force: true });
      stats = writeCloudTrailTree(root, objects);
      fs.writeFileSync(statsFile, JSON.stringify(stats));
    }
    const runs = [];
    for (let r = 0; r < Math.min(repetitions, 2); r++) runs.push(await importIntoFreshCase(root, true));
    if (runs.some((x) => x.loaded !== stats.records))
      throw new Error(`tree bench: expected ${stats.records} loaded, got ${runs.map((x) => x.loaded).join(', ')}`);
    const ms = median(runs.map((x) => x.ms));
    const perObject = ms / stats.objects;
    return [
      {
        name: `import a tree of ${stats.objects.toLocaleString('en-US')} objects (+${stats.digests} digests)`,
        value: perObject,
        unit: 'ms/object',
        target: `≤ ${TARGET_MS_PER_OBJECT.toFixed(1)} ms/object (13,000 in 60 s)`,
        met: perObject <= TARGET_MS_PER_OBJECT,
        peakMb: Math.max(...runs.map((x) => x.peakMb)),
        note:
          `${(stats.bytes / 2 ** 20).toFixed(0)} MB gzipped, ${stats.records.toLocaleString('en-US')} records, ${(ms / 1000).toFixed(1)} s wall ` +
          `(${Math.round(stats.records / (ms / 1000)).toLocaleString('en-US')} records/s); ${runs.length} run(s), median; ${conditionsNote(runs)}`,
      } satisfies BenchFigure,
    ];
  },
};
export default mod;
