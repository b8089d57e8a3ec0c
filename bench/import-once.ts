// One timed import of a file into a fresh case, as the ingest benches run it, and the note they print beside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFiles } from '../main/ingest/run-import.ts';
import { openCase } from '../main/store/case-file.ts';
import { measure, median } from './measure.ts';

export interface ImportRun {
  ms: number;
  /** CPU time of every thread (parse and hash workers included): what the import costs whatever else the machine runs. */
  cpuMs: number;
  peakMb: number;
  loaded: number;
  /** The WAL checkpoint the import left on another thread, awaited after the timed part. */
  checkpointMs: number;
}

/** `file` may be a folder (all = true sums what its files loaded). */
export async function importIntoFreshCase(file: string, all = false): Promise<ImportRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-bench-'));
  const kase = openCase(path.join(dir, 'bench.blastmap'), { create: true });
  try {
    const before = process.cpuUsage();
    const { result, ms, peakMb } = await measure(() => importFiles(kase, { paths: [file] }));
    const cpu = process.cpuUsage(before);
    // Awaited (untimed) so the next run does not share the CPU with it.
    const t = performance.now();
    await kase.checkpoint;
    return {
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakMb,
      loaded: all ? result.reduce((n, s) => n + s.loaded, 0) : (result[0]?.loaded ?? 0),
      checkpointMs: performance.now() - t,
    };
  } finally {
    kase.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What else the machine did, and the checkpoint time the import figure leaves out. */
export function conditionsNote(runs: ImportRun[]): string {
  return `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; the WAL checkpoint then runs on another thread (${Math.round(median(runs.map((x) => x.checkpointMs)))} ms more)`;
}
