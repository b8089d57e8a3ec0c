// Peers for the ingest bench (issue 20): the same CSV loaded by the sqlite3 shell and by DuckDB, and by
// `blastmap import`, each as a whole process timed the same way, so the ratios compare like with like
// (process start, load, index build, commit and close all count, for every contender).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface ProcessRun {
  ms: number;
  /** Peak RSS of the process (MB), from /usr/bin/time -v; undefined when that tool is missing. */
  peakMb?: number;
  cpuMs?: number;
  rows: number;
}

export type PeerResult = ProcessRun | { unavailable: string };

const TIME = '/usr/bin/time';
const SQLITE3 = process.env.BLASTMAP_BENCH_SQLITE3 ?? '/usr/bin/sqlite3';

/** Runs cmd under /usr/bin/time -v (when present) and returns wall time, peak RSS, CPU and stdout. */
function timed(cmd: string, args: string[], input?: string): { run: Omit<ProcessRun, 'rows'>; stdout: string } {
  const withTime = fs.existsSync(TIME);
  const start = performance.now();
  const p = spawnSync(withTime ? TIME : cmd, withTime ? ['-v', cmd, ...args] : args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - start;
  if (p.status !== 0) throw new Error(`${path.basename(cmd)} failed (${p.status}): ${p.stderr.slice(-2000)}`);
  const num = (re: RegExp) => {
    const m = re.exec(p.stderr);
    return m ? Number(m[1]) : undefined;
  };
  const kb = num(/Maximum resident set size \(kbytes\): (\d+)/);
  const user = num(/User time \(seconds\): ([\d.]+)/);
  const sys = num(/System time \(seconds\): ([\d.]+)/);
  return {
    run: { ms, peakMb: kb === undefined ? undefined : kb / 1024, cpuMs: user === undefined || sys === undefined ? undefined : (user + sys) * 1000 },
    stdout: p.stdout,
  };
}

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-peer-'));
}

/**
 * `sqlite3` shell: `.import` into a plain table, then the 2 indexes Blastmap builds on auth_event, in one
 * transaction. Shell defaults otherwise (rollback journal, synchronous=FULL), as someone would run it.
 */
export function sqlite3Import(csv: string): PeerResult {
  if (!fs.existsSync(SQLITE3)) return { unavailable: `no sqlite3 shell at ${SQLITE3}` };
  const dir = scratch();
  try {
    const db = path.join(dir, 'peer.sqlite');
    const script = [
      '.bail on',
      '.mode csv',
      'BEGIN;',
      'CREATE TABLE auth_event(timestamp TEXT, identity TEXT, credential TEXT, source_ip TEXT, user_agent TEXT, action TEXT, target TEXT, outcome TEXT);',
      `.import --skip 1 '${csv.replaceAll("'", "''")}' auth_event`,
      'CREATE INDEX auth_event_identity ON auth_event(identity, timestamp);',
      'CREATE INDEX auth_event_credential ON auth_event(credential, timestamp);',
      'COMMIT;',
      '',
    ].join('\n');
    const { run } = timed(SQLITE3, [db], script);
    // Counted in a second, untimed process so the check costs the timed run nothing.
    const rows = Number(spawnSync(SQLITE3, [db, 'SELECT count(*) FROM auth_event;'], { encoding: 'utf8' }).stdout.trim());
    return { ...run, rows };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where @duckdb/node-api resolves: the dev dependency, or a folder holding it named by BLASTMAP_BENCH_DUCKDB
 * (for a machine whose shared node_modules must not be touched); undefined when neither has it.
 */
function duckdbEntry(): string | undefined {
  const roots = [import.meta.url, ...(process.env.BLASTMAP_BENCH_DUCKDB ? [path.join(process.env.BLASTMAP_BENCH_DUCKDB, 'x.js')] : [])];
  for (const root of roots) {
    try {
      return createRequire(root).resolve('@duckdb/node-api');
    } catch {
      /* try the next place */
    }
  }
  return undefined;
}

export function duckdbImport(csv: string): PeerResult {
  const entry = duckdbEntry();
  if (!entry) return { unavailable: '@duckdb/node-api not installed (npm install; or set BLASTMAP_BENCH_DUCKDB to a folder holding it)' };
  const dir = scratch();
  try {
    const { run, stdout } = timed(process.execPath, [path.join(import.meta.dirname, 'duckdb-import.ts'), entry, csv, path.join(dir, 'peer.duckdb')]);
    return { ...run, rows: (JSON.parse(stdout.trim().split('\n').at(-1)!) as { rows: number }).rows };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `blastmap import` into a new case, as an analyst runs it: the CLI process from start to exit. */
export function blastmapImport(csv: string): ProcessRun {
  const dir = scratch();
  try {
    const cli = path.resolve(import.meta.dirname, '..', '..', 'bin', 'blastmap.js');
    const { run, stdout } = timed(process.execPath, [cli, 'import', path.join(dir, 'bench.blastmap'), csv, '--json']);
    const result = JSON.parse(stdout) as { sources: { loaded: number }[] };
    return { ...run, rows: result.sources.reduce((n, s) => n + s.loaded, 0) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
