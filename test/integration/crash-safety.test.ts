// Hard stops and full disks: the case must open afterwards, pass integrity_check, and hold either
// all of a change or none of it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCase } from '../../main/store/case-file.ts';
import { SCHEMA_VERSION } from '../../main/store/migrations/index.ts';
import { FIXTURES, ROOT, TestCase, runCli, tmpDir } from '../helpers.ts';

describe('crash safety', () => {
  it('a migration killed midway leaves the previous schema, intact and openable', async () => {
    const file = path.join(tmpDir(), 'm.blastmap');
    openCase(file, { create: true }).close();
    const child = spawn(process.execPath, [path.join(ROOT, 'test/integration/support/slow-migration.ts'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 400));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'crash_probe'`).pluck().get()).toBe(0);
    raw.close();
    const kase = openCase(file);
    expect(kase.db.prepare(`SELECT action FROM audit ORDER BY id`).pluck().all()).toEqual(['case.create']);
    kase.close();
  }, 60_000);

  it('a multi-file and folder import killed midway (SIGKILL) keeps none of its files, not even those loaded before the kill', async () => {
    const dir = tmpDir();
    const kase = path.join(dir, 'f.blastmap');
    expect(runCli(['import', kase, path.join(FIXTURES, 'csv', 'networks.csv')]).status).toBe(0);
    const before = counts(kase);
    const folder = path.join(dir, 'export');
    fs.mkdirSync(folder);
    // The two inventories (named on their own) load first, then the folder's files, during whose big log the import is killed.
    const inventories = ['identities', 'systems'].map((f) => path.join(FIXTURES, 'csv', `${f}.csv`));
    fs.copyFileSync(path.join(FIXTURES, 'csv', 'credentials.csv'), path.join(folder, 'b-credentials.csv'));
    const lines = ['timestamp,identity,credential,source_ip,user_agent,action,target,outcome'];
    for (let i = 0; i < 300_000; i++)
      lines.push(
        `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,svc-${i % 5000},,10.0.${i % 250}.${i % 200},ua/${i % 7},Read,db-${i % 40},success`,
      );
    fs.writeFileSync(path.join(folder, 'c-events.csv'), lines.join('\n'));

    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'blastmap.js'), 'import', kase, ...inventories, folder], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    await waitUntil(() => fs.existsSync(`${kase}-wal`) && fs.statSync(`${kase}-wal`).size > 2_000_000, 20_000);
    child.kill('SIGKILL');
    await exited;

    const after = openCase(kase);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
    expect(counts(kase)).toEqual(before);
    const retry = JSON.parse(runCli(['import', kase, ...inventories, folder, '--json']).stdout) as { sources: { loaded: number }[] };
    expect(retry.sources.map((s) => s.loaded)).toEqual([7, 3, 2, 300_000]);
  }, 120_000);

  it('marks and triage written while being killed at random moments are all-or-nothing with their audit entry', async () => {
    const dir = tmpDir();
    const kase = path.join(dir, 'k.blastmap');
    expect(runCli(['import', kase, path.join(FIXTURES, 'csv')]).status).toBe(0);
    for (let round = 0; round < 6; round++) {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'bin/blastmap.js'), 'mark', kase, 'svc-deploy', '--as', 'compromised', '--reason', `round ${round}`],
        { stdio: 'ignore' },
      );
      const exited = new Promise((r) => child.once('exit', r)); // listen first: a fast command may finish before the kill
      await new Promise((r) => setTimeout(r, 150 + round * 60));
      child.kill('SIGKILL');
      await exited;
      const db = new Database(kase, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const marks = db.prepare(`SELECT count(*) FROM mark WHERE node_key = 'svc-deploy'`).pluck().get() as number;
      const audits = db.prepare(`SELECT count(*) FROM audit WHERE action = 'graph.mark'`).pluck().get() as number;
      // Every completed mark command wrote both the (upserted) mark and one audit entry; a killed one wrote neither.
      expect(marks).toBe(audits > 0 ? 1 : 0);
      db.close();
    }
    // Triage decisions: the same all-or-nothing rule with their audit entries.
    const findings = JSON.parse(runCli(['findings', kase, '--json']).stdout) as { id: string }[];
    expect(findings.length).toBeGreaterThan(0);
    for (let round = 0; round < 4; round++) {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'bin/blastmap.js'), 'triage', kase, findings[0].id, '--status', 'accepted-risk', '--note', `round ${round}`],
        { stdio: 'ignore' },
      );
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, 150 + round * 80));
      child.kill('SIGKILL');
      await exited;
      const db = new Database(kase, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const triaged = db.prepare('SELECT count(*) FROM triage WHERE finding_id = ?').pluck().get(findings[0].id) as number;
      const audits = db.prepare(`SELECT count(*) FROM audit WHERE action = 'finding.triage'`).pluck().get() as number;
      expect(triaged).toBe(audits > 0 ? 1 : 0);
      db.close();
    }
    const done = runCli(['mark', kase, 'svc-deploy', '--as', 'compromised', '--reason', 'final']);
    expect(done.status).toBe(0);
    const db = new Database(kase, { readonly: true });
    expect(db.prepare(`SELECT reason FROM mark WHERE node_key = 'svc-deploy'`).pluck().get()).toBe('final');
    db.close();
  }, 180_000);

  it('a full disk fails the import with a clear error and leaves the case as it was', async () => {
    const t = await TestCase.create();
    await t.call('import.files', { paths: [path.join(FIXTURES, 'csv', 'identities.csv')] });
    const pages = t.db.pragma('page_count', { simple: true }) as number;
    const before = t.db.prepare('SELECT count(*) FROM node').pluck().get();
    t.db.pragma(`max_page_count = ${pages + 20}`);
    const big = path.join(t.dir, 'events.csv');
    const lines = ['timestamp,identity,source_ip,outcome'];
    for (let i = 0; i < 50_000; i++) lines.push(`2024-01-01T00:00:00Z,svc-${i},10.0.${i % 250}.${i % 200},success`);
    fs.writeFileSync(big, lines.join('\n'));
    await expect(t.call('import.files', { paths: [big] })).rejects.toThrow(/disk full.*unchanged|unchanged.*disk full/);
    expect(t.db.inTransaction).toBe(false);
    expect(t.db.prepare('SELECT count(*) FROM node').pluck().get()).toBe(before);
    expect(t.db.prepare('SELECT count(*) FROM source').pluck().get()).toBe(1);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    t.close();
  }, 60_000);

  it('refuses writes through the API when the case is opened read-only', async () => {
    const t = await TestCase.create();
    t.close();
    const r = new TestCase(t.dir);
    await r.call('case.open', { path: t.path, readOnly: true });
    await expect(r.call('import.files', { paths: [path.join(FIXTURES, 'csv', 'systems.csv')] })).rejects.toThrow(/read-only/);
    r.close();
  });
});

function counts(file: string): Record<string, unknown> {
  const kase = openCase(file, { readOnly: true });
  const q = (sql: string) => kase.db.prepare(sql).pluck().get();
  const c = {
    nodes: q('SELECT count(*) FROM node'),
    edges: q('SELECT count(*) FROM edge'),
    events: q('SELECT count(*) FROM auth_event'),
    sources: q('SELECT count(*) FROM source'),
    audit: q('SELECT count(*) FROM audit'),
  };
  kase.close();
  return c;
}

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
