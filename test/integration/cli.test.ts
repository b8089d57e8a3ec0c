import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase } from '../../main/store/case-file.ts';
import { FIXTURES, ROOT, runCli, tmpDir, writeFile } from '../helpers.ts';

const CSV = path.join(FIXTURES, 'csv');
const SIX = ['identities', 'systems', 'credentials', 'entitlements', 'auth_events', 'networks'].map((f) => path.join(CSV, `${f}.csv`));

describe('blastmap CLI', () => {
  it('imports the six CSVs with --json in the contract shape, then reports them in info', () => {
    const kase = path.join(tmpDir(), 'x.blastmap');
    const r = runCli(['import', kase, ...SIX, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['sources']);
    expect(out.sources).toHaveLength(6);
    for (const s of out.sources) expect(Object.keys(s).sort()).toEqual(['file', 'format', 'loaded', 'rejected', 'rows', 'skipped']);
    expect(out.sources.map((s: { loaded: number }) => s.loaded)).toEqual([7, 3, 2, 6, 3, 2]);

    const info = runCli(['info', kase, '--json']);
    expect(info.status).toBe(0);
    const parsed = JSON.parse(info.stdout);
    expect(parsed.nodes.system).toBe(3);
    expect(parsed.edges.access).toBe(3);
    expect(parsed.authEvents).toBe(3);
    expect(parsed.sources).toBe(6);
    expect(parsed.asOf).toBe('2024-05-31T23:00:00.000Z');

    const human = runCli(['info', kase]);
    expect(human.stdout).toMatch(/auth events\s+3/);
    expect(human.stdout).toMatch(/as of\s+2024-05-31T23:00:00.000Z/);

    const ids = JSON.parse(runCli(['identities', kase, '--json']).stdout);
    expect(ids.find((i: { id: string }) => i.id === 'svc-deploy')).toEqual({
      id: 'svc-deploy',
      name: 'Deploy bot',
      kind: 'service_account',
      owner: 'alice',
      environment: 'prod',
      status: 'active',
      kindSource: 'inventory',
      kindBecause: 'declared in the identities inventory (identities.csv kind)',
      kindSignals: [],
      sourceKind: null,
    });

    // The analyst's kind: set, shown, kept by the case, cleared.
    const set = runCli(['kind', kase, 'svc-deploy', '--as', 'human', '--reason', 'a shared login', '--json']);
    expect(set.status).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ id: 'svc-deploy', kind: 'human', kindSource: 'analyst' });
    expect(runCli(['kind', kase, 'svc-deploy']).stdout).toMatch(/^svc-deploy is human \(analyst\): set by .+: a shared login/);
    expect(runCli(['kind', kase, 'svc-deploy', '--as', 'robot']).status).toBe(1);
    expect(JSON.parse(runCli(['kind', kase, 'svc-deploy', '--clear', '--json']).stdout)).toMatchObject({
      kind: 'service_account',
      kindSource: 'inventory',
    });
    expect(JSON.parse(runCli(['kind-patterns', kase, '--json']).stdout)).toMatchObject({ custom: false, changed: 0 });
    expect(runCli(['kind-patterns', kase, '--set', 'svc-*=robot']).status).toBe(1);
    expect(JSON.parse(runCli(['kind-patterns', kase, '--set', 'svc-*, ops-*=ai_agent', '--json']).stdout).patterns).toEqual([
      { glob: 'svc-*', kind: 'service_account' },
      { glob: 'ops-*', kind: 'ai_agent' },
    ]);

    const again = JSON.parse(runCli(['import', kase, SIX[0], '--json']).stdout);
    expect(again.sources[0].skipped).toBe(true);
  }, 120_000);

  it('has --help on every command and uses exit codes 0 / 1 / 2', () => {
    for (const cmd of ['import', 'info', 'identities', 'sources', 'rejects', 'formats', 'audit']) {
      const r = runCli([cmd, '--help']);
      expect(r.status, cmd).toBe(0);
      expect(r.stdout).toMatch(/Usage: blastmap/);
    }
    expect(runCli(['--help']).status).toBe(0);
    expect(runCli(['frobnicate']).status).toBe(1);
    expect(runCli(['info']).status).toBe(1);
    const dir = tmpDir();
    const notCase = writeFile(dir, 'notes.txt', 'hello');
    const bad = runCli(['info', notCase]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not a Blastmap case file/);
    expect(runCli(['info', path.join(dir, 'missing.blastmap')]).status).toBe(2);
    const unknownFormat = runCli(['import', path.join(dir, 'c.blastmap'), SIX[0], '--format', 'nope']);
    expect(unknownFormat.status).toBe(1);
    expect(unknownFormat.stderr).toMatch(/unknown format "nope"; known formats: .*identities-csv/);
  }, 180_000);

  it('leaves the case unchanged and openable when an import is killed midway (SIGKILL)', async () => {
    const dir = tmpDir();
    const kase = path.join(dir, 'k.blastmap');
    expect(runCli(['import', kase, SIX[0]]).status).toBe(0);
    const before = snapshot(kase);
    const big = path.join(dir, 'big_events.csv');
    const lines = ['timestamp,identity,credential,source_ip,user_agent,action,target,outcome'];
    for (let i = 0; i < 400_000; i++)
      lines.push(
        `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,svc-${i % 5000},,10.0.${i % 250}.${i % 200},ua/${i % 7},Read,db-${i % 40},success`,
      );
    fs.writeFileSync(big, lines.join('\n'));

    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'blastmap.js'), 'import', kase, big], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    // Kill once the transaction has started writing (the WAL grows) but long before it can finish.
    await waitFor(() => fs.existsSync(`${kase}-wal`) && fs.statSync(`${kase}-wal`).size > 2_000_000, 20_000);
    child.kill('SIGKILL');
    await exited;

    const after = openCase(kase);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
    expect(snapshot(kase)).toEqual(before);
    // And the same file imports cleanly afterwards: nothing half-applied blocks it.
    const retry = JSON.parse(runCli(['import', kase, big, '--json']).stdout);
    expect(retry.sources[0]).toMatchObject({ loaded: 400_000, skipped: false });
  }, 120_000);
});

function snapshot(file: string) {
  const kase = openCase(file, { readOnly: true });
  const q = (sql: string) => kase.db.prepare(sql).pluck().get();
  const s = {
    nodes: q('SELECT count(*) FROM node'),
    edges: q('SELECT count(*) FROM edge'),
    events: q('SELECT count(*) FROM auth_event'),
    sources: q('SELECT count(*) FROM source'),
    terms: q('SELECT count(*) FROM term'),
    audit: q('SELECT count(*) FROM audit'),
  };
  kase.close();
  return s;
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 5));
  }
}
