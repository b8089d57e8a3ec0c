// `blastmap pushdown` through the real CLI: files, README.txt, --json shape, the anonymity list and exit codes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir, writeFile } from '../helpers.ts';

describe('blastmap pushdown', () => {
  it('writes the three queries and README.txt, and --json lists them', () => {
    const dir = tmpDir();
    const out = path.join(dir, 'pack');
    const list = writeFile(dir, 'anon.txt', "# exits\n198.51.100.7\n1.2.3.4'); DROP TABLE x;--\n203.0.113.0/24\n");
    const r = runCli([
      'pushdown',
      '--engine',
      'athena',
      '--source',
      'cloudtrail',
      '--since',
      '2024-05-01',
      '--until',
      '2024-06-01',
      '--anonymous-list',
      list,
      '--out',
      out,
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/1 CIDR range/);
    const parsed = JSON.parse(r.stdout);
    expect(Object.keys(parsed)).toEqual(['files']);
    expect(parsed.files.map((f: { kind: string }) => f.kind)).toEqual(['auth-rollup', 'rare-events', 'usage']);
    for (const f of parsed.files) {
      expect(Object.keys(f)).toEqual(['path', 'engine', 'source', 'kind']);
      expect(f.engine).toBe('athena');
      expect(f.source).toBe('cloudtrail');
      expect(path.dirname(f.path)).toBe(path.resolve(out));
      expect(fs.readFileSync(f.path, 'utf8')).toMatch(/^-- Blastmap pushdown query pack: cloudtrail, athena dialect/);
    }
    const rare = fs.readFileSync(parsed.files[1].path, 'utf8');
    expect(rare).toContain("'198.51.100.7'");
    expect(rare).toContain("'1.2.3.4'')'");
    expect(rare).toContain("'2024-05-01T00:00:00'");
    expect(fs.readFileSync(path.join(out, 'README.txt'), 'utf8')).toMatch(/Engine: athena\s+Source: cloudtrail[\s\S]*not yet/i);
  }, 60_000);

  it('KQL files end in .kql; plain output names the files', () => {
    const out = path.join(tmpDir(), 'kql');
    const r = runCli(['pushdown', '--engine', 'kql', '--source', 'entra-signin', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wrote .*entra-signin\.auth-rollup\.kql \(auth-rollup\)/);
    expect(fs.readdirSync(out).sort()).toEqual([
      'README.txt',
      'entra-signin.auth-rollup.kql',
      'entra-signin.rare-events.kql',
      'entra-signin.usage.kql',
    ]);
  }, 60_000);

  it('usage errors exit 1, an unreadable list exits 2', () => {
    const out = path.join(tmpDir(), 'x');
    expect(runCli(['pushdown', '--engine', 'oracle', '--source', 'cloudtrail', '--out', out]).status).toBe(1);
    const bad = runCli(['pushdown', '--engine', 'trino', '--source', 'cloudtrail', '--since', "2024-01-01'--", '--out', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--since must be a UTC date/);
    expect(runCli(['pushdown', '--engine', 'kql', '--source', 'syslog', '--out', out]).status).toBe(1);
    expect(
      runCli(['pushdown', '--engine', 'trino', '--source', 'cloudtrail', '--out', out, '--anonymous-list', path.join(out, 'missing.txt')]).status,
    ).toBe(2);
    expect(runCli(['pushdown', '--engine', 'trino', '--source', 'cloudtrail', '--out', out, '--failure-threshold', 'many']).status).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect(runCli(['pushdown', '--help']).stdout).toMatch(/--engine <engine>/);
  }, 60_000);
});
