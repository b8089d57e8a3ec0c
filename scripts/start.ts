// `npm start`: the workbench on the analyst's last case, or on the built-in demo case the first time.
// Launches the Electron shell when its binary is installed; otherwise (these machines: the binary is
// downloaded lazily and cannot be) starts browser mode, says why in one line, and prints the URL.
// Usage: npm start [-- [--browser] [<case file>]]   (--browser: skip Electron even when it is installed)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProgressEvent } from '../shared/api/import.ts';
import { defaultConfigDir, lastExistingCase, readRecentCases, rememberCase } from '../main/electron/recent-cases.ts';
import { startServer } from '../main/server/server.ts';
import { buildElectron, buildRenderer, RENDERER_ENTRY, RENDERER_OUT, ROOT } from './build.ts';

const DEMO_HOME = process.env.BLASTMAP_HOME ?? path.join(os.homedir(), '.blastmap');
const DEMO_CASE = path.join(DEMO_HOME, 'demo.blastmap');
const FIXTURE_CASE = path.join(DEMO_HOME, 'fixtures-demo.blastmap');

async function main(): Promise<void> {
  const configDir = defaultConfigDir();
  const args = process.argv.slice(2);
  const browserOnly = args.includes('--browser');
  const requested = args.find((a) => !a.startsWith('--'));
  const casePath = requested ? path.resolve(requested) : (lastExistingCase(configDir) ?? (await ensureDemoCase()));
  if (requested) rememberCase(configDir, casePath);
  if (rendererIsStale()) await buildRenderer();

  const electron = browserOnly ? null : electronBinary();
  if (electron) {
    await buildElectron();
    log(`Opening ${casePath} in the desktop app.`);
    const child = spawn(electron, [ROOT, `--case=${casePath}`], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  // The browser may reopen the analyst's recent cases (the server's file boundary grants nothing else outside its folder).
  const server = await startServer({ casePath, knownCases: readRecentCases(configDir) });
  log(
    browserOnly
      ? 'Browser mode (--browser); open:'
      : `Electron's binary is not installed (it is downloaded on first use, which needs the internet), so Blastmap runs in your browser instead; open:`,
  );
  process.stdout.write(`${server.url}\n`);
  log(`Case: ${casePath}. Press Ctrl+C to stop.`);
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The Electron executable if the package has downloaded it; never require('electron'), which would try to. */
export function electronBinary(): string | null {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  try {
    const relative = fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
    const binary = path.join(pkg, 'dist', relative);
    return relative && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function rendererIsStale(): boolean {
  if (!fs.existsSync(RENDERER_ENTRY)) return false;
  const built = path.join(RENDERER_OUT, 'app.js');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return newestMtime(path.join(ROOT, 'renderer')) > builtAt || newestMtime(path.join(ROOT, 'shared')) > builtAt;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The demo case, built once by main/demo and kept in ~/.blastmap. While the generator is missing or
 * broken, a small case from test/fixtures/csv stands in (kept apart, so the real demo replaces it later).
 */
async function ensureDemoCase(): Promise<string> {
  if (fs.existsSync(DEMO_CASE)) return DEMO_CASE;
  fs.mkdirSync(DEMO_HOME, { recursive: true });
  const building = path.join(DEMO_HOME, `demo-${process.pid}.blastmap`);
  const started = Date.now();
  log('Building the demo case (first start only)…');
  try {
    await buildDemo(building);
    finishCase(building, DEMO_CASE);
    log(`Demo case ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${DEMO_CASE}`);
    return DEMO_CASE;
  } catch (err) {
    removeCase(building);
    log(`The demo generator is not available (${(err as Error).message.split('\n')[0]}); using the small CSV fixtures instead.`);
  }
  if (!fs.existsSync(FIXTURE_CASE)) {
    await importFixtures(building);
    finishCase(building, FIXTURE_CASE);
  }
  return FIXTURE_CASE;
}

/** Moves a fully built, closed case into place in one step, so a killed build never leaves half a demo. */
function finishCase(building: string, target: string): void {
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${building}${suffix}`, { force: true });
  fs.renameSync(building, target);
}

async function buildDemo(casePath: string): Promise<void> {
  const demo = path.join(ROOT, 'main', 'demo', 'index.ts');
  if (!fs.existsSync(demo)) throw new Error('main/demo/index.ts does not exist yet');
  type Build = (casePath: string, options?: { progress?: (e: ProgressEvent) => void }) => Promise<unknown>;
  const { buildDemoCase } = (await import(pathToFileURL(demo).href)) as { buildDemoCase: Build };
  await buildDemoCase(casePath, { progress: process.stderr.isTTY ? showProgress : undefined });
  if (process.stderr.isTTY) process.stderr.write('\n');
  // The Overview's answers are kept in the case now, so the workbench opens on them at once.
  const { CliSession } = await import('../main/cli/run.ts');
  const { warmOverviewAnswers } = await import('../main/api/warm-answers.ts');
  const cli = new CliSession();
  try {
    await cli.open(casePath);
    await warmOverviewAnswers(cli.session);
  } finally {
    cli.close();
  }
}

function showProgress(e: ProgressEvent): void {
  const file = e.file ? path.basename(e.file) : e.task;
  process.stderr.write(`\r  ${file}: ${e.message ?? ''}`.padEnd(70).slice(0, 100));
}

function removeCase(casePath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${casePath}${suffix}`, { force: true });
}

async function importFixtures(casePath: string): Promise<void> {
  const { CliSession } = await import('../main/cli/run.ts');
  const cli = new CliSession();
  try {
    await cli.open(casePath, { create: true });
    await cli.call('import.files', { paths: [path.join(ROOT, 'test', 'fixtures', 'csv')] });
  } finally {
    cli.close();
  }
}

/** Messages for people go to stderr; stdout carries only the URL, so scripts can read it. */
function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    process.stderr.write(`blastmap: ${(err as Error).message}\n`);
    process.exitCode = 2;
  });
}
