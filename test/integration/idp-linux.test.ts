// Linux auth.log / secure: what each line becomes, syslog year and zone handling, rejects.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, TestCase, tmpDir } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'linux');

function events(t: TestCase) {
  return t.db
    .prepare(
      `SELECT e.ts, e.locator, a.value AS action, i.key AS identity, c.key AS credential, COALESCE(address_text(e.ip), ip.value) AS ip, tt.value AS target, e.outcome, e.props
    FROM auth_event e LEFT JOIN term a ON a.id = e.action LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential
    LEFT JOIN term ip ON ip.id = e.ip LEFT JOIN term tt ON tt.id = e.target_term ORDER BY e.locator, e.ts`,
    )
    .all() as Record<string, any>[];
}
function node(t: TestCase, key: string) {
  return t.db.prepare('SELECT kind, subkind, created_at AS createdAt, unresolved FROM node WHERE key = ?').get(key) as
    Record<string, unknown> | undefined;
}
function edge(t: TestCase, src: string, dst: string, kind: string) {
  return t.db
    .prepare(
      `SELECT e.privilege, e.props FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE s.key = ? AND d.key = ? AND e.kind = ?`,
    )
    .get(src, dst, kind) as { privilege: number; props: string } | undefined;
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
    expect(invalid.map((e) => [e.action, e.identity, e.outcome])).toEqual([
      ['sshd:failed', null, 0],
      ['sshd:invalid_user', null, 0],
    ]);
    expect(ev.find((e) => e.ip === '2001:db8::5')).toMatchObject({ action: 'sshd:failed', identity: 'linux:bastion-1:root', outcome: 0 });
    expect(ev.filter((e) => e.action === 'sudo').map((e) => [e.identity, e.outcome])).toEqual([
      ['linux:bastion-1:alice', 1],
      ['linux:bastion-1:bob', 0],
    ]);
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
    fs.writeFileSync(
      file,
      'Dec 31 23:59:58 h sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2\nJan  1 00:00:03 h sshd[2]: Accepted password for a from 192.0.2.1 port 2 ssh2\n',
    );
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

  it('reads a RHEL /var/log/messages: old-style pam_unix lines among kernel lines, sysklogd repeats, useradd', async () => {
    const t = await TestCase.create();
    const file = path.join(t.dir, 'messages');
    // 300 kernel lines first: detection must look past them (the sample is the first 64 KiB, not the first lines).
    const kernel = Array.from(
      { length: 300 },
      (_, i) => `Jun 14 04:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} combo kernel: usb 1-1: address ${i}`,
    );
    fs.writeFileSync(
      file,
      [
        ...kernel,
        'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ', // 301
        'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown', // 302: a note on 303
        'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ', // 303
        'Jun 14 15:20:00 combo syslogd 1.4.1: restart.',
        'Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=220-135-151-1.hinet-ip.hinet.net  user=root', // 305
        'Jun 15 02:05:01 combo last message repeated 2 times', // 306: line 305 twice more
        'Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)', // 307: root su to cyrus (a cron job)
        'Jun 15 04:06:19 combo su(pam_unix)[21416]: session closed for user cyrus',
        'Jun 15 04:06:20 combo logrotate: ALERT exited abnormally with [1]',
        'Jun 17 19:43:13 combo sshd(pam_unix)[30565]: session opened for user test by (uid=509)', // 310: a login, source unknown
        'Jun 17 19:55:00 combo sshd(pam_unix)[30565]: session closed for user test',
        'Jun 18 02:00:00 combo useradd[3011]: new group: name=backup, GID=510', // 312
        'Jun 18 02:00:00 combo useradd[3011]: new user: name=backup, UID=510, GID=510, home=/home/backup, shell=/sbin/nologin', // 313
        "Jun 18 02:00:01 combo useradd[3011]: add 'backup' to group 'wheel'", // 314
        "Jun 18 02:00:01 combo useradd[3011]: add 'backup' to shadow group 'wheel'",
      ].join('\n') + '\n',
    );
    fs.utimesSync(file, new Date('2005-07-01T00:00:00Z'), new Date('2005-07-01T00:00:00Z'));
    const { sources } = await t.call('import.files', { paths: [file] });
    // 7 events (301, 303, 305 ×3, 307, 310) and 3 inventory rows (312, 313, 314); kernel and bookkeeping lines are not rows.
    expect(sources[0]).toMatchObject({ format: 'linux-auth-log', rows: 10, loaded: 10, rejected: 0 });
    const ev = events(t);
    expect(ev.map((e) => [new Date(e.ts).toISOString().slice(0, 19), e.action, e.identity, e.ip, e.outcome])).toEqual([
      ['2005-06-14T15:16:01', 'sshd:failed', null, '218.188.2.4', 0],
      ['2005-06-14T15:16:02', 'sshd:failed', null, '218.188.2.4', 0],
      ['2005-06-15T02:04:59', 'sshd:failed', 'linux:combo:root', null, 0],
      ['2005-06-15T02:05:01', 'sshd:failed', 'linux:combo:root', null, 0],
      ['2005-06-15T02:05:01', 'sshd:failed', 'linux:combo:root', null, 0],
      ['2005-06-15T04:06:18', 'su', 'linux:combo:root', null, 1],
      ['2005-06-17T19:43:13', 'sshd:session_opened', 'linux:combo:test', null, 1],
    ]);
    expect(JSON.parse(ev[0].props).invalidUser).toBeUndefined();
    expect(JSON.parse(ev[1].props)).toMatchObject({ invalidUser: true, via: 'pam_unix', tty: 'NODEVssh' });
    // A DNS name in rhost is kept as written, never as the event's address.
    expect(JSON.parse(ev[2].props)).toMatchObject({
      rhost: '220-135-151-1.hinet-ip.hinet.net',
      user: 'root',
      year: '2005',
      yearSource: 'file mtime',
    });
    expect(edge(t, 'linux:combo:root', 'linux:combo:cyrus', 'can_assume')?.props).toBe('{"observed":"su"}');
    expect(edge(t, 'linux:combo:test', 'linux:host:combo', 'access')?.privilege).toBe(1);
    expect(node(t, 'linux:combo:backup')).toEqual({
      kind: 'identity',
      subkind: 'service_account',
      createdAt: '2005-06-18T02:00:00.000Z',
      unresolved: 0,
    });
    expect(node(t, 'linux:combo:group:backup')).toMatchObject({ kind: 'group', createdAt: '2005-06-18T02:00:00.000Z' });
    expect(edge(t, 'linux:combo:backup', 'linux:combo:group:wheel', 'member_of')).toMatchObject({ privilege: 0 });
    t.close();
  });

  it('counts attempts, not lines, when the daemon and pam_unix both write (secure / auth.log)', async () => {
    const t = await TestCase.create();
    const file = path.join(t.dir, 'secure');
    fs.writeFileSync(
      file,
      [
        'Mar  4 10:00:00 web1 sshd[1001]: Invalid user admin from 203.0.113.5 port 50000', // 1
        'Mar  4 10:00:00 web1 sshd[1001]: pam_unix(sshd:auth): check pass; user unknown',
        'Mar  4 10:00:00 web1 sshd[1001]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5', // twin of 4
        'Mar  4 10:00:02 web1 sshd[1001]: Failed password for invalid user admin from 203.0.113.5 port 50000 ssh2', // 4
        'Mar  4 10:01:00 web1 sshd[1002]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root', // twin of 6
        'Mar  4 10:01:02 web1 sshd[1002]: Failed password for root from 203.0.113.5 port 50010 ssh2', // 6
        'Mar  4 10:01:05 web1 sshd[1002]: message repeated 3 times: [ Failed password for root from 203.0.113.5 port 50010 ssh2]', // 7: three
        'Mar  4 10:01:06 web1 sshd[1002]: PAM 3 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root',
        'Mar  4 10:02:00 web1 sshd[1003]: Accepted password for alice from 198.51.100.20 port 40000 ssh2', // 9
        'Mar  4 10:02:00 web1 sshd[1003]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)', // twin of 9
        'Mar  4 10:03:00 web1 su[1100]: pam_unix(su:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=root',
        'Mar  4 10:03:02 web1 su[1100]: pam_authenticate: Authentication failure',
        'Mar  4 10:03:02 web1 su[1100]: FAILED SU (to root) alice on pts/0', // 13
        'Mar  4 10:04:00 web1 su[1101]: (to root) alice on pts/0', // 14
        'Mar  4 10:04:00 web1 su[1101]: pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)',
        'Mar  4 10:09:00 web1 su[1101]: pam_unix(su:session): session closed for user root',
        'Mar  4 10:10:00 web1 su: pam_unix(su-l:session): session opened for user postgres by alice(uid=1000)', // 17: util-linux su, no own line
        'Mar  4 10:11:00 web1 sudo: pam_unix(sudo:auth): authentication failure; logname=bob uid=1001 euid=0 tty=/dev/pts/1 ruser=bob rhost=  user=bob',
        'Mar  4 10:11:20 web1 sudo:      bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/bash', // 19
        'Mar  4 10:12:00 web1 sudo: pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice', // 20: a typo, then…
        'Mar  4 10:12:05 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id', // 21: …success
        'Mar  4 10:12:05 web1 sudo: pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)',
        'Mar  4 10:12:05 web1 sudo: pam_unix(sudo:session): session closed for user root',
        'Mar  4 10:20:00 web1 su[1200]: Successful su for root by carol', // 24
        'Mar  4 10:20:00 web1 su[1200]: + /dev/pts/2 carol:root',
        'Mar  4 10:20:00 web1 su[1200]: pam_unix(su:session): session opened for user root by carol(uid=1002)',
        'Mar  4 10:21:00 web1 su[1201]: FAILED su for root by dave', // 27
        'Mar  4 10:21:00 web1 su[1201]: - /dev/pts/3 dave:root',
        'Mar  4 10:22:00 web1 su: + pts/4 erin:root', // 29: busybox su writes only this
        'Mar  4 10:23:01 web1 CRON[1300]: pam_unix(cron:session): session opened for user root by (uid=0)',
        'Mar  4 10:30:00 web1 useradd[1400]: new group: name=deploy, GID=1003', // 31
        'Mar  4 10:30:00 web1 useradd[1400]: new user: name=deploy, UID=1003, GID=1003, home=/home/deploy, shell=/bin/bash, from=/dev/pts/0', // 32
      ].join('\n') + '\n',
    );
    const { sources } = await t.call('import.files', { paths: [file], year: 2024 });
    expect(sources[0]).toMatchObject({ format: 'linux-auth-log', rows: 18, loaded: 18, rejected: 0 });
    const ev = events(t);
    const u = (name: string) => `linux:web1:${name}`;
    expect(ev.map((e) => [e.locator, e.action, e.identity, e.target, e.outcome])).toEqual([
      [1, 'sshd:invalid_user', null, 'linux:host:web1', 0],
      [4, 'sshd:failed', null, 'linux:host:web1', 0],
      [6, 'sshd:failed', u('root'), 'linux:host:web1', 0],
      [7, 'sshd:failed', u('root'), 'linux:host:web1', 0],
      [7, 'sshd:failed', u('root'), 'linux:host:web1', 0],
      [7, 'sshd:failed', u('root'), 'linux:host:web1', 0],
      [9, 'sshd:accepted', u('alice'), 'linux:host:web1', 1],
      [13, 'su', u('alice'), u('root'), 0],
      [14, 'su', u('alice'), u('root'), 1],
      [17, 'su', u('alice'), u('postgres'), 1],
      [19, 'sudo', u('bob'), u('root'), 0],
      [20, 'sudo', u('alice'), null, 0],
      [21, 'sudo', u('alice'), u('root'), 1],
      [24, 'su', u('carol'), u('root'), 1],
      [27, 'su', u('dave'), u('root'), 0],
      [29, 'su', u('erin'), u('root'), 1],
    ]);
    // The repeats carry the time of their line.
    expect(new Set(ev.filter((e) => e.locator === 7).map((e) => new Date(e.ts).toISOString()))).toEqual(new Set(['2024-03-04T10:01:05.000Z']));
    expect(JSON.parse(ev[11].props)).toMatchObject({ via: 'pam_unix', service: 'sudo', runAs: null, ruser: 'alice' });
    expect(JSON.parse(ev[13].props)).toMatchObject({ form: 'for' });
    expect(edge(t, u('alice'), u('postgres'), 'can_assume')).toMatchObject({ props: '{"observed":"su"}' });
    expect(edge(t, u('erin'), u('root'), 'can_assume')).toMatchObject({ props: '{"observed":"su"}' });
    expect(edge(t, u('dave'), u('root'), 'can_assume')).toBeUndefined();
    expect(node(t, u('deploy'))).toEqual({ kind: 'identity', subkind: 'human', createdAt: '2024-03-04T10:30:00.000Z', unresolved: 0 });
    t.close();
  });

  it('refuses absurd repeat counts and repeats only the line just before, from the same host', async () => {
    const t = await TestCase.create();
    const file = path.join(t.dir, 'secure');
    fs.writeFileSync(
      file,
      [
        'Mar  4 10:01:02 web1 sshd[1002]: message repeated 999999999 times: [ Failed password for root from 203.0.113.5 port 50010 ssh2]',
        'Mar  4 10:01:03 web1 sshd[1003]: Failed password for root from 203.0.113.5 port 50011 ssh2',
        'Mar  4 10:01:04 web2 last message repeated 5 times', // another host: not a repeat of line 2
        'Mar  4 10:01:05 web1 kernel: eth0: link up',
        'Mar  4 10:01:06 web1 last message repeated 5 times', // repeats the kernel line: nothing
        'Mar  4 10:01:07 web1 sshd[1004]: Failed password for root from 203.0.113.5 port 50012 ssh2',
        'Mar  4 10:01:09 web1 last message repeated 2 times', // two more of line 6
      ].join('\n') + '\n',
    );
    const { sources } = await t.call('import.files', { paths: [file], year: 2024 });
    expect(sources[0]).toMatchObject({ rows: 5, loaded: 4, rejected: 1 });
    expect(t.db.prepare('SELECT locator, reason FROM reject').all()).toEqual([
      { locator: 'line 1', reason: 'message repeated 999999999 times: outside 1–100000' },
    ]);
    expect(events(t).map((e) => [e.locator, new Date(e.ts).toISOString()])).toEqual([
      [2, '2024-03-04T10:01:03.000Z'],
      [6, '2024-03-04T10:01:07.000Z'],
      [7, '2024-03-04T10:01:09.000Z'],
      [7, '2024-03-04T10:01:09.000Z'],
    ]);
    t.close();
  });

  it('without --year, a line dated after the file mtime is from the year before, and each event says which year it got', async () => {
    const t = await TestCase.create();
    const file = path.join(t.dir, 'secure');
    fs.writeFileSync(
      file,
      [
        'Dec 30 23:00:00 h sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2',
        'Dec 31 23:59:59 h sshd(pam_unix)[2]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=192.0.2.8  user=root',
        'Jan  1 00:00:05 h sshd[3]: Failed password for root from 192.0.2.7 port 2 ssh2',
        'Jan  2 10:00:00 h sudo:    a : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/ls',
      ].join('\n') + '\n',
    );
    fs.utimesSync(file, new Date('2024-01-02T12:00:00Z'), new Date('2024-01-02T12:00:00Z'));
    await t.call('import.files', { paths: [file] });
    const ev = events(t);
    expect(ev.map((e) => [new Date(e.ts).toISOString(), JSON.parse(e.props).year])).toEqual([
      ['2023-12-30T23:00:00.000Z', '2023'],
      ['2023-12-31T23:59:59.000Z', '2023'],
      ['2024-01-01T00:00:05.000Z', '2024'],
      ['2024-01-02T10:00:00.000Z', '2024'],
    ]);
    t.close();
  });

  it('with --year, the year is that of the first line and turns with Dec → Jan (a late Dec line stays behind)', async () => {
    const t = await TestCase.create();
    const file = path.join(t.dir, 'auth.log');
    fs.writeFileSync(
      file,
      [
        'Dec 31 23:59:58 h sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2',
        'Jan  1 00:00:01 h kernel: tick',
        'Jan  1 00:00:03 h sshd[2]: Accepted password for a from 192.0.2.1 port 2 ssh2',
        'Dec 31 23:59:59 h2 sshd[3]: Accepted password for a from 192.0.2.1 port 3 ssh2',
        'Jan  1 00:00:09 h sshd[4]: Accepted password for a from 192.0.2.1 port 4 ssh2',
      ].join('\n') + '\n',
    );
    await t.call('import.files', { paths: [file], year: 2023 });
    expect(events(t).map((e) => new Date(e.ts).toISOString())).toEqual([
      '2023-12-31T23:59:58.000Z',
      '2024-01-01T00:00:03.000Z',
      '2023-12-31T23:59:59.000Z',
      '2024-01-01T00:00:09.000Z',
    ]);
    t.close();
  });
});
