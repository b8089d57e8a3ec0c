// First start: what `npm start` does on a fresh clone before the workbench opens — build the demo case
// (generate, import every file, run the detectors). Target from issue 7: the demo case within 30 s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoCase } from '../main/demo/index.ts';
import { measure, median } from './measure.ts';
import type { BenchModule } from './types.ts';

const mod: BenchModule = {
  title: 'First start (demo case build)',
  async run({ repetitions }) {
    const runs: { ms: number; peakMb: number }[] = [];
    for (let r = 0; r < Math.min(repetitions, 3); r++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-start-'));
      try {
        const { ms, peakMb } = await measure(() => buildDemoCase(path.join(dir, 'demo.blastmap')));
        runs.push({ ms, peakMb });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    const seconds = median(runs.map((x) => x.ms)) / 1000;
    return [
      {
        name: 'build the demo case (generate, import, detectors)',
        value: seconds,
        unit: 's',
        target: '< 30 s',
        met: seconds < 30,
        peakMb: Math.max(...runs.map((x) => x.peakMb)),
        note: `${runs.length} run(s), median`,
      },
    ];
  },
};
export default mod;
