// Linux auth.log / secure: what each line becomes, syslog year and zone handling, rejects.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, TestCase, tmpDir } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'linux');

function events(t: TestCase) {
  return t.db.prepare(`SELECT e.ts, a.value AS action, i.key AS identity, c.key AS credential, ip.value AS ip, e.outcome, e.props
    FROM auth_event e LEFT JOIN term a ON a.id = e.action LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential
    LEFT JOIN term ip ON ip.id = e.ip ORDER BY e.locator`).all() as Record<string, any>[];
}
function edge(t: TestCase, src: string, dst: string, kind: string) {
  return t.db.prepare(`SELECT e.privilege, e.props FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE s.key = ? AND d.key = ? AND e.kind = ?`).get(src, dst, kind) as { privilege: number; props: string } | undefined;
}

describe('linux-auth-log', () => {
  it('reads sshd, sudo and su lines with the analyst-given year and time zone', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'auth.log')], year: 2023, timeZone: 'Europe/Berlin' });
    const s = sources[0];
    expect(s.format).toBe('linux-auth-log');
    // 11 lines: CRON and systemd-logind are not records of this format; the 999.1.1.1 line is rejected.
    expect(s).toMatchObject({ rows: 9, loaded: 8, rejected: 1 });
    const rej = t.db.prepare('SELECT locator, reason FROM reject').all();
    expect(rej).toEqual([{ locator: 'line 9', reason: 'not an IP address: "999.1.1.1"' }]);
    const ev = events(t);
    const accepted = ev.find((e) => e.action === 'sshd:accepted' && e.identity === 'linux:bastion-1:alice')!;
    // 09:15:07 in Berlin in March (CET, UTC+1) is 08:15:07 UTC.
    expect(new Date(accepted.ts).toISOString()).toBe('2023-03-03T08:15:07.000Z');
    expect(accepted.credential).toBe('linux:sshkey:SHA256:Q2hhbmdlTWVQbGVhc2UxMjM0NTY3ODkwYWJjZGVm');
    expect(JSON.parse(accepted.props)).toMatchObject({ method: 'publickey', yearSource: 'option', timeZone: 'Europe/Berlin', interactive: true });
    const invalid = ev.filter((e) => e.ip === '198.51.100.7');
    expect(invalid.map((e) => [e.action, e.identity, e.outcome])).toEqual([['sshd:failed', null, 0], ['sshd:invalid_user', null, 0]]);
    expect(ev.find((e) => e.ip === '2001:db8::5')).toMatchObject({ action: 'sshd:failed', identity: 'linux:bastion-1:root', outcome: 0 });
    expect(ev.filter((e) => e.action === 'sudo').map((e) => [e.identity, e.outcome])).toEqual([['linux:bastion-1:alice', 1], ['linux:bastion-1:bob', 0]]);
    expect(edge(t, 'linux:bastion-1:alice', 'linux:bastion-1:root', 'can_assume')).toBeDefined();
    expect(edge(t, 'linux:bastion-1:bob', 'linux:bastion-1:root', 'can_assume')).toBeUndefined();
    expect(edge(t, 'linux:bastion-1:alice', 'linux:bastion-1:postgres', 'can_assume')).toBeDefined();
    expect(edge(t, 'linux:bastion-1:alice', 'linux:host:bastion-1', 'access')?.privilege).toBe(1);
    t.close();
  });

  it('defaults to the file mtime year and UTC, and says so', async () => {
    const t = await TestCase.create();
    const file = path.join(t.dir, 'auth.log');
    fs.copyFileSync(path.join(DIR, 'auth.log'), file);
    fs.utimesSync(file, new Date('2022-06-01T00:00:00Z'), new Date('2022-06-01T00:00:00Z'));
    await t.call('import.files', { paths: [file] });
    const first = events(t)[0];
    expect(new Date(first.ts).toISOString()).toBe('2022-03-03T09:15:07.000Z');
    expect(JSON.parse(first.props)).toMatchObject({ year: '2022', yearSource: 'file mtime', timeZone: 'UTC', timeZoneSource: 'default (UTC)' });
    t.close();
  });

  it('puts lines after the mtime month in the year before (a log spanning New Year)', async () => {
    const t = await TestCase.create();
    const file = path.join(t.dir, 'auth.log');
    fs.writeFileSync(file, 'Dec 31 23:59:58 h sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2\nJan  1 00:00:03 h sshd[2]: Accepted password for a from 192.0.2.1 port 2 ssh2\n');
    fs.utimesSync(file, new Date('2024-01-02T00:00:00Z'), new Date('2024-01-02T00:00:00Z'));
    await t.call('import.files', { paths: [file] });
    expect(events(t).map((e) => new Date(e.ts).toISOString())).toEqual(['2023-12-31T23:59:58.000Z', '2024-01-01T00:00:03.000Z']);
    t.close();
  });

  it('reads rsyslog ISO timestamps and useradd as inventory', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'secure')] });
    expect(sources[0]).toMatchObject({ format: 'linux-auth-log', rows: 3, loaded: 3, rejected: 0 });
    expect(new Date(events(t)[0].ts).toISOString()).toBe('2024-11-05T21:01:13.123Z');
    const backup = t.db.prepare(`SELECT subkind, unresolved FROM node WHERE key = 'linux:db-2:backup'`).get();
    expect(backup).toEqual({ subkind: 'human', unresolved: 0 });
    t.close();
  });

  it('refuses an unknown time zone instead of guessing', async () => {
    const t = await TestCase.create();
    await expect(t.call('import.files', { paths: [path.join(DIR, 'auth.log')], timeZone: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone/);
    t.close();
  });

  it('takes --year and --time-zone on the command line', () => {
    const kase = path.join(tmpDir(), 'cli.blastmap');
    const r = runCli(['import', kase, path.join(DIR, 'auth.log'), '--year', '2021', '--time-zone', 'America/New_York', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).sources[0]).toMatchObject({ format: 'linux-auth-log', rows: 9, loaded: 8, rejected: 1 });
    const t = new TestCase(path.dirname(kase));
    return t.call('case.open', { path: kase }).then(() => {
      // 09:15:07 EST (UTC-5 in March before the DST change on the 14th) is 14:15:07 UTC.
      expect(new Date(events(t)[0].ts).toISOString()).toBe('2021-03-03T14:15:07.000Z');
      t.close();
    });
  });
});
