// End to end through the real `blastmap` CLI on test/fixtures/findings/acme (a small case with planted
// risks, see its README): findings with the contract JSON shape, rule filter, triage kept across runs,
// metrics, intel import, --help and exit codes.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../main/store/case-file.ts';
import { FIXTURES, runCli, tmpDir } from '../helpers.ts';

const ACME = path.join(FIXTURES, 'findings', 'acme');

interface CliFinding {
  id: string;
  rule: string;
  severity: string;
  subject: string;
  title: string;
  frameworks: string[];
  evidence: unknown[];
  kind?: string;
}

// CLI runs spawn Node and load the ASN data each time: slow on a busy 2-core machine.
describe('blastmap findings / metrics / triage / intel (CLI)', { timeout: 240_000 }, () => {
  let kase: string;
  let findings: CliFinding[];
  beforeAll(() => {
    kase = path.join(tmpDir(), 'acme.blastmap');
    const csvs = fs
      .readdirSync(ACME)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => path.join(ACME, f));
    const imported = runCli(['import', kase, ...csvs, '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    const r = runCli(['findings', kase, '--json']);
    expect(r.status, r.stderr).toBe(0);
    findings = JSON.parse(r.stdout);
  }, 120_000);

  const has = (rule: string, subject: string) => findings.find((f) => f.rule === rule && f.subject === subject);

  it('prints findings in the contract shape', () => {
    // The contract's fields first, in order; fields added later follow them (never renamed or dropped).
    for (const f of findings) expect(Object.keys(f).slice(0, 7)).toEqual(['id', 'rule', 'severity', 'subject', 'title', 'frameworks', 'evidence']);
    for (const f of findings) expect(['incident', 'posture']).toContain(f.kind);
    expect(has('anonymous-network', 'svc-etl')?.kind).toBe('incident');
    expect(has('long-lived-secret', 'AKIA-ETL')?.kind).toBe('posture');
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    expect(has('long-lived-secret', 'AKIA-ETL')?.frameworks).toEqual(['NHI7:2025', 'PR.AA-01']);
  });

  it('finds every planted risk with the expected severity', () => {
    const expected: [string, string, string][] = [
      // svc-etl reaches admin through its grants: its Tor use is a critical incident. svc-login's successful guess is
      // an incident too, but svc-login reaches no crown jewel and no admin: high, not critical.
      ['anonymous-network', 'svc-etl', 'critical'],
      ['new-network', 'svc-etl', 'high'],
      ['long-lived-secret', 'AKIA-ETL', 'high'],
      ['excessive-privilege', 'svc-etl', 'high'],
      ['unused-entitlement', 'svc-etl', 'high'],
      ['orphaned-identity', 'svc-legacy', 'high'],
      ['dormant-identity', 'svc-legacy', 'medium'],
      ['environment-crossing', 'ci-deploy', 'high'],
      ['crown-jewel-reach', 'ci-deploy', 'medium'],
      ['third-party-broad-access', 'app-crm', 'high'],
      ['human-use-of-nhi', 'svc-console', 'high'],
      ['credential-reuse', 'AKIA-SHARED', 'high'],
      ['credential-attack', 'svc-login', 'high'],
      ['excessive-privilege', 'svc-admin', 'medium'],
    ];
    for (const [rule, subject, severity] of expected) expect(has(rule, subject)?.severity, `${rule} ${subject}`).toBe(severity);
    const tor = has('anonymous-network', 'svc-etl')!;
    expect(tor.evidence).toContainEqual(expect.objectContaining({ type: 'event', ip: '185.220.101.1', networkClass: 'tor', credential: 'AKIA-ETL' }));
  });

  it('stays quiet on the near misses: a pod pool rotating IPs and a fresh short-lived token', () => {
    expect(
      findings.filter(
        (f) => ['credential-reuse', 'new-network', 'anonymous-network'].includes(f.rule) && ['svc-pods', 'AKIA-PODS'].includes(f.subject),
      ),
    ).toEqual([]);
    expect(has('long-lived-secret', 'T-PODS')).toBeUndefined();
    expect(has('long-lived-secret', 'AKIA-PODS')).toBeUndefined();
    expect(findings.filter((f) => f.subject === 'alice' && f.rule !== 'crown-jewel-reach')).toEqual([]);
  });

  it('filters by rule, and keeps triage decisions when findings are re-run', () => {
    const relaxed = JSON.parse(
      runCli(['findings', kase, '--rule', 'long-lived-secret', '--threshold', 'long-lived-secret.maxAgeDays=400', '--no-save', '--json']).stdout,
    ) as CliFinding[];
    // AKIA-LEGACY was rotated 366 days before as-of: within a 400-day policy, and no expiry alone is not a finding.
    expect(relaxed.map((f) => f.subject).sort()).toEqual(['AKIA-ETL', 'S-CRM']);
    const one = JSON.parse(runCli(['findings', kase, '--rule', 'orphaned-identity', '--json']).stdout) as CliFinding[];
    expect(one.map((f) => f.subject)).toEqual(['svc-legacy']);
    const t = runCli(['triage', kase, one[0].id, '--status', 'accepted-risk', '--note', 'export retires in Q3', '--json']);
    expect(t.status, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout)).toMatchObject({ id: one[0].id, status: 'accepted-risk', note: 'export retires in Q3' });
    expect(runCli(['findings', kase]).status).toBe(0);
    const text = runCli(['findings', kase, '--rule', 'orphaned-identity']).stdout;
    expect(text).toMatch(/svc-legacy.*accepted-risk/);
    // The detection window is the whole case up to as-of: it starts at the first event (2024-04-01 02:00).
    expect(text).toMatch(/detection window 2024-04-01T02:00:00.000Z … 2024-05-31T09:00:00.000Z/);
    const c = openCase(kase, { readOnly: true });
    try {
      expect(c.db.prepare('SELECT status FROM triage WHERE finding_id = ?').pluck().get(one[0].id)).toBe('accepted-risk');
      expect(c.db.prepare(`SELECT count(*) FROM audit WHERE action = 'finding.triage'`).pluck().get()).toBe(1);
    } finally {
      c.close();
    }
  });

  it('reports lifecycle metrics including time-to-revoke', () => {
    const r = runCli(['metrics', kase, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.orphaned).toBe(1);
    expect(m.timeToRevoke).toEqual([
      expect.objectContaining({ credential: 'AKIA-ETL', identity: 'svc-etl', hours: 29.8, action: 'DeleteAccessKey' }),
    ]);
    expect(runCli(['metrics', kase]).stdout).toMatch(/ownership coverage\s+88\.9%/);
  });

  it('imports an intel list and looks addresses up', () => {
    const r = runCli(['intel', 'import', kase, path.join(FIXTURES, 'intel', 'exit-addresses.txt'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'tor-exit-addresses', class: 'tor', entries: 4 });
    const look = JSON.parse(runCli(['intel', 'lookup', kase, '10.1.1.1', '--json']).stdout);
    expect(look[0]).toMatchObject({ class: 'corporate', classSource: 'analyst' });
    expect(runCli(['intel', 'lists', kase]).stdout).toMatch(/exit-addresses\.txt/);
  });

  it('has --help everywhere and uses exit codes 0 / 1 / 2', () => {
    for (const cmd of [['findings'], ['metrics'], ['triage'], ['intel', 'import'], ['intel', 'lists'], ['intel', 'lookup']]) {
      const r = runCli([...cmd, '--help']);
      expect(r.status, cmd.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: blastmap/);
    }
    expect(runCli(['findings', kase, '--rule', 'no-such-rule']).status).toBe(1);
    expect(runCli(['findings', kase, '--threshold', 'long-lived-secret.maxAgeDays']).status).toBe(1);
    expect(runCli(['triage', kase, 'abc', '--status', 'ignored']).status).toBe(1);
    expect(runCli(['triage', kase, 'ffffffffffffffff', '--status', 'fixed']).status).toBe(2);
    expect(runCli(['findings', path.join(tmpDir(), 'missing.blastmap')]).status).toBe(2);
    expect(runCli(['intel', 'import', kase, path.join(FIXTURES, 'intel', 'nope.txt')]).status).toBe(2);
  });
});
