// Test helpers: temporary folders, case sessions through the real API, and running the real CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Method, Result } from '../shared/api/contract.ts';
import { dispatch } from '../main/api/dispatch.ts';
import { Session } from '../main/api/session.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const SHARED_FIXTURES = path.resolve(ROOT, '..', 'shared', 'fixtures');
export const SHARED_INTEL = path.resolve(ROOT, '..', 'shared', 'intel');

/** A seeded pseudo-random source in [0, 1): random test data that is the same on every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const made = new Set<string>();

/** A new temporary folder, removed when the test file is done (test/setup/remove-temp-folders.ts). */
export function tmpDir(prefix = 'blastmap-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function removeTempFolders(): void {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  made.clear();
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

/** A session on a fresh case in a temp folder, talking to the real handlers. */
export class TestCase {
  readonly dir: string;
  readonly path: string;
  readonly session = new Session();

  constructor(dir = tmpDir()) {
    this.dir = dir;
    this.path = path.join(dir, 'case.blastmap');
  }

  static async create(): Promise<TestCase> {
    const t = new TestCase();
    await t.call('case.open', { path: t.path, create: true });
    return t;
  }

  call<M extends Method>(method: M, params: unknown = {}): Promise<Result<M>> {
    return dispatch<M>(this.session, method, params);
  }

  async importText(name: string, content: string | Buffer, format?: string) {
    const file = writeFile(this.dir, name, content);
    const { sources } = await this.call('import.files', { paths: [file], format });
    return sources[0];
  }

  get db() {
    return this.session.requireCase().db;
  }

  close(): void {
    this.session.close();
  }
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `blastmap` launcher in a child process. */
export function runCli(args: string[], options: { cwd?: string; timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'blastmap.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A JSON value without its null values, at every depth (a table has a column for every key; a vendor record leaves missing keys out). */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [k, withoutNulls(x)]),
    );
  return v;
}
