// buildDemoCase: generates the demo enterprise into a temp folder and imports every file the registry can
// detect through the real import path (the same importFiles the API and CLI use). A file no importer
// recognises yet is reported, never fatal: the demo must always open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/api/contract.ts';
import type { ImportedSource, ProgressEvent } from '../../shared/api/import.ts';
import { detectFormat } from '../ingest/detect.ts';
import { readSample } from '../ingest/file-source.ts';
import { importFiles } from '../ingest/run-import.ts';
import { runFindings } from '../findings/runner.ts';
import { loadGraph } from '../graph/index.ts';
import { NetworkIntel } from '../intel/network-intel.ts';
import { openCase } from '../store/case-file.ts';
import { FILE_NAMES, generateEnterprise } from './generate.ts';
import type { GroundTruth } from './ground-truth.ts';
import type { SizeName } from './sizes.ts';

/** The seed of the built-in demo case: everyone who runs `npm start` sees the same company. */
export const DEMO_SEED = 20_261_120;

export interface DemoCaseOptions {
  size?: SizeName;
  seed?: number;
  /** Keep the generated files here; by default they go to a temp folder that is removed afterwards. */
  outDir?: string;
  signal?: AbortSignal;
  progress?: (event: ProgressEvent) => void;
}

export interface DemoCaseResult {
  truth: GroundTruth;
  sources: ImportedSource[];
  /** Generated files no registered importer recognises (yet) or could load, with the reason. */
  notImported: { file: string; reason: string }[];
  /** Where the files are, when the caller asked to keep them. */
  filesDir: string | null;
  seconds: { generate: number; import: number };
}

/**
 * Logs first, inventories last: log importers create the identities they see with what the log can tell
 * (an Entra sign-in cannot say "service account"), and an inventory row then completes and corrects them.
 * networks.csv comes first so the intel layer knows the ranges when events arrive.
 */
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

export async function buildDemoCase(casePath: string, options: DemoCaseOptions = {}): Promise<DemoCaseResult> {
  if (fs.existsSync(casePath)) throw new ApiError('bad-input', `${casePath} already exists; the demo case is built into a new file`);
  const dir = options.outDir ? path.resolve(options.outDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-demo-'));
  const t0 = performance.now();
  try {
    const { files, truth } = await generateEnterprise({ size: options.size ?? 'demo', seed: options.seed ?? DEMO_SEED, outDir: dir });
    const t1 = performance.now();
    const byName = new Map(files.map((f) => [path.basename(f), f]));
    const sources: ImportedSource[] = [];
    const notImported: DemoCaseResult['notImported'] = [];
    const kase = openCase(casePath, { create: true });
    try {
      for (const name of IMPORT_ORDER) {
        const file = byName.get(name);
        if (!file) continue;
        // Each import is one transaction: a file that cannot be detected or loaded leaves the case as it was.
        try {
          detectFormat(await readSample(file, name));
          sources.push(...(await importFiles(kase, { paths: [file] }, { signal: options.signal, progress: options.progress })));
        } catch (err) {
          if (options.signal?.aborted) throw err;
          notImported.push({ file: name, reason: (err as Error).message });
        }
      }
      // A first-time user should see the risks at once: the detectors run on the fresh case (stored, triage-ready).
      options.progress?.({ task: 'findings', done: 0, total: null, message: 'running the detectors' });
      runFindings(kase, { persist: true, graph: () => loadGraph(kase), intel: () => NetworkIntel.forCase(kase) });
    } finally {
      kase.close();
    }
    const t2 = performance.now();
    return {
      truth,
      sources,
      notImported,
      filesDir: options.outDir ? dir : null,
      seconds: { generate: (t1 - t0) / 1000, import: (t2 - t1) / 1000 },
    };
  } finally {
    if (!options.outDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
