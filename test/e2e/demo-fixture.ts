// The demo case for e2e tests that investigate it: built once through the real generator, importers and detectors
// (buildDemoCase, as `npm start` does) into test-results/cache/, keyed by a hash of the code that shapes it, and
// copied for each test file so one file's triage and marks never leak into another's.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildDemoCase, type GroundTruth } from '../../main/demo/index.ts';
import { ROOT, tmpDir } from '../helpers.ts';
import { registerAddressFunctions } from '../../main/store/address-column.ts';

const SHAPING = ['main/demo', 'main/ingest', 'main/findings', 'main/store', 'main/graph', 'main/intel', 'shared/catalogs'];

export async function demoCaseCopy(): Promise<string> {
  const cached = path.join(ROOT, 'test-results', 'cache', `demo-${codeHash()}.blastmap`);
  if (!fs.existsSync(cached)) {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    const building = `${cached}.building-${process.pid}`;
    const { truth } = await buildDemoCase(building);
    fs.writeFileSync(`${cached}.truth.json`, JSON.stringify(truth));
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${building}${suffix}`, { force: true });
    fs.renameSync(building, cached);
  }
  const copy = path.join(tmpDir('blastmap-e2e-demo-'), 'demo.blastmap');
  fs.copyFileSync(cached, copy);
  return copy;
}

function codeHash(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts')) hash.update(p).update(fs.readFileSync(p));
    }
  };
  for (const dir of SHAPING) walk(path.join(ROOT, dir));
  return hash.digest('hex').slice(0, 16);
}

/** The planted stories of the cached demo case (files, lines, identities), as the generator recorded them. */
export async function demoTruth(): Promise<GroundTruth> {
  const cached = path.join(ROOT, 'test-results', 'cache', `demo-${codeHash()}.blastmap`);
  if (!fs.existsSync(`${cached}.truth.json`)) {
    fs.rmSync(cached, { force: true });
    await demoCaseCopy();
  }
  return JSON.parse(fs.readFileSync(`${cached}.truth.json`, 'utf8')) as GroundTruth;
}

/** One value read from a case the server has open, read-only (WAL: committed rows are visible): the expected numbers. */
export function readCase<T>(casePath: string, sql: string, ...params: unknown[]): T {
  const db = new Database(casePath, { readonly: true, fileMustExist: true });
  registerAddressFunctions(db);
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  } finally {
    db.close();
  }
}
