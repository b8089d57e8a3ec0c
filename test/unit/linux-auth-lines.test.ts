// Linux auth lines beyond Debian's auth.log: RHEL-style pam_unix lines (old and modern), older su, rsyslog/sysklogd
// repeats, which of two lines describing one attempt counts (pairing), syslog year rules, and detection of a
// /var/log/messages whose auth lines are a few among kernel lines.
import { describe, expect, it } from 'vitest';
import { detectFormat, rankFormats } from '../../main/ingest/detect.ts';
import {
  isAuthProgram,
  lastMessageRepeated,
  pamActor,
  pamTarget,
  parseAuthMessage,
  repeatedMessage,
  splitSyslog,
  type AuthLine,
} from '../../main/ingest/linux/auth-lines.ts';
import { attemptOf, LinePairing } from '../../main/ingest/linux/pairing.ts';
import { SyslogYears } from '../../main/ingest/linux/syslog-time.ts';

function parseLine(line: string): AuthLine | string | null {
  const s = splitSyslog(line);
  if (!s) throw new Error(`not a syslog line: ${line}`);
  return isAuthProgram(s.program) ? parseAuthMessage(s.program, s.message) : null;
}

describe('pam_unix lines for sshd, su and sudo', () => {
  it('reads the RHEL 4 `service(pam_unix)[pid]` form', () => {
    expect(
      parseLine('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 '),
    ).toEqual({
      type: 'pam_auth_failure',
      family: 'sshd',
      service: 'sshd',
      user: null,
      ruser: null,
      logname: null,
      uid: '0',
      rhost: '218.188.2.4',
      tty: 'NODEVssh',
      userUnknown: false,
    });
    expect(
      parseLine(
        'Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=220-135-151-1.hinet-ip.hinet.net  user=root',
      ),
    ).toMatchObject({ type: 'pam_auth_failure', user: 'root', rhost: '220-135-151-1.hinet-ip.hinet.net' });
    expect(parseLine('Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown')).toEqual({ type: 'pam_user_unknown', family: 'sshd' });
    expect(parseLine('Jun 30 22:16:32 combo sshd(pam_unix)[19432]: session opened for user test by (uid=509)')).toEqual({
      type: 'pam_session_opened',
      family: 'sshd',
      service: 'sshd',
      user: 'test',
      byUser: null,
      byUid: '509',
    });
    expect(parseLine('Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)')).toMatchObject({
      type: 'pam_session_opened',
      family: 'su',
      user: 'cyrus',
      byUser: null,
      byUid: '0',
    });
    expect(parseLine('Jun 15 04:06:19 combo su(pam_unix)[21416]: session closed for user cyrus')).toBeNull();
    // Other services' pam lines are not records of this format.
    expect(parseLine('Jun 15 04:10:01 combo crond(pam_unix)[2141]: session opened for user root by (uid=0)')).toBeNull();
    expect(isAuthProgram('crond(pam_unix)')).toBe(false);
    expect(isAuthProgram('sshd(pam_unix)')).toBe(true);
  });

  it('reads the modern `pam_unix(service:facility)` form, with or without (uid=N) after the user', () => {
    expect(
      parseLine(
        'Mar  4 10:00:00 web1 sshd[1001]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root',
      ),
    ).toMatchObject({ type: 'pam_auth_failure', family: 'sshd', service: 'sshd', user: 'root', rhost: '203.0.113.5', tty: 'ssh' });
    const su = parseLine('Mar  4 10:04:00 web1 su: pam_unix(su-l:session): session opened for user root(uid=0) by alice(uid=1000)');
    expect(su).toEqual({ type: 'pam_session_opened', family: 'su', service: 'su-l', user: 'root', byUser: 'alice', byUid: '1000' });
    const sudoFail = parseLine(
      'Mar  4 10:11:00 web1 sudo: pam_unix(sudo:auth): authentication failure; logname=bob uid=1001 euid=0 tty=/dev/pts/1 ruser=bob rhost=  user=bob',
    );
    expect(sudoFail).toMatchObject({ type: 'pam_auth_failure', family: 'sudo', user: 'bob', ruser: 'bob', logname: 'bob', rhost: null });
    const suFail = parseLine(
      'Mar  4 10:03:00 web1 su[1100]: pam_unix(su:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=root',
    );
    // Who acts and on whom: su's caller is ruser, its target user=; sudo's password check is the caller's own, target unknown.
    expect([pamActor(suFail as never), pamTarget(suFail as never)]).toEqual(['alice', 'root']);
    expect([pamActor(sudoFail as never), pamTarget(sudoFail as never)]).toEqual(['bob', null]);
    expect([pamActor(su as never), pamTarget(su as never)]).toEqual(['alice', 'root']);
    const legacy = parseLine('Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user news by (uid=0)');
    expect([pamActor(legacy as never), pamTarget(legacy as never)]).toEqual(['root', 'news']);
    const nameless = parseLine('Mar  4 10:04:00 web1 su: pam_unix(su:session): session opened for user root by (uid=1000)');
    expect(pamActor(nameless as never)).toBeNull();
    // Summaries and bookkeeping are not records.
    expect(
      parseLine(
        'Mar  4 10:01:06 web1 sshd[1002]: PAM 3 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root',
      ),
    ).toBeNull();
    expect(parseLine('Mar  4 10:09:00 web1 su[1101]: pam_unix(su:session): session closed for user root')).toBeNull();
    expect(parseLine('Mar  4 10:23:01 web1 CRON[1300]: pam_unix(cron:session): session opened for user root by (uid=0)')).toBeNull();
  });

  it('reads every su form: (to X) Y, FAILED SU, Successful/FAILED su for X by Y, and the sulog +/- line', () => {
    expect(parseLine('Mar  3 09:18:11 h su: (to postgres) alice on pts/0')).toEqual({
      type: 'su',
      runAs: 'postgres',
      user: 'alice',
      tty: 'pts/0',
      ok: true,
      style: 'to',
    });
    expect(parseLine('Mar  3 09:18:11 h su[5]: FAILED SU (to root) bob on pts/1')).toEqual({
      type: 'su',
      runAs: 'root',
      user: 'bob',
      tty: 'pts/1',
      ok: false,
      style: 'to',
    });
    expect(parseLine('Mar  4 10:20:00 web1 su[1200]: Successful su for root by carol')).toEqual({
      type: 'su',
      runAs: 'root',
      user: 'carol',
      tty: null,
      ok: true,
      style: 'for',
    });
    expect(parseLine('Mar  4 10:21:00 web1 su[1201]: FAILED su for root by dave')).toMatchObject({
      runAs: 'root',
      user: 'dave',
      ok: false,
      style: 'for',
    });
    expect(parseLine('Mar  4 10:20:00 web1 su[1200]: + /dev/pts/2 carol:root')).toEqual({
      type: 'su',
      runAs: 'root',
      user: 'carol',
      tty: '/dev/pts/2',
      ok: true,
      style: 'sulog',
    });
    expect(parseLine('Mar  4 10:21:00 web1 su[1201]: - /dev/pts/3 dave:root')).toMatchObject({ ok: false, style: 'sulog' });
    expect(parseLine('Mar  4 10:03:02 web1 su[1100]: pam_authenticate: Authentication failure')).toBeNull();
  });

  it('reads useradd: the user, its own group, and supplementary groups', () => {
    expect(
      parseLine('Mar  4 10:30:00 web1 useradd[1400]: new user: name=deploy, UID=1003, GID=1003, home=/home/deploy, shell=/bin/bash, from=/dev/pts/0'),
    ).toEqual({ type: 'useradd', user: 'deploy', uid: '1003', home: '/home/deploy', shell: '/bin/bash' });
    expect(parseLine('Mar  4 10:30:00 web1 useradd[1400]: new group: name=deploy, GID=1003')).toEqual({
      type: 'groupadd',
      group: 'deploy',
      gid: '1003',
    });
    expect(parseLine("Mar  4 10:30:00 web1 useradd[1400]: add 'deploy' to group 'wheel'")).toEqual({
      type: 'group_member',
      user: 'deploy',
      group: 'wheel',
    });
    expect(parseLine("Mar  4 10:30:00 web1 useradd[1400]: add 'deploy' to shadow group 'wheel'")).toBeNull();
  });

  it('reads rsyslog and sysklogd repeats', () => {
    expect(repeatedMessage('message repeated 3 times: [ Failed password for root from 203.0.113.5 port 50010 ssh2]')).toEqual({
      times: 3,
      message: 'Failed password for root from 203.0.113.5 port 50010 ssh2',
    });
    expect(repeatedMessage('Failed password for root')).toBeNull();
    expect(lastMessageRepeated('Jun 15 02:05:01 combo last message repeated 2 times')).toEqual({
      mon: 'Jun',
      day: '15',
      time: '02:05:01',
      iso: null,
      host: 'combo',
      times: 2,
    });
    expect(lastMessageRepeated('2024-01-02T03:04:05+01:00 db-2 last message repeated 1 time')).toMatchObject({
      iso: '2024-01-02T03:04:05+01:00',
      host: 'db-2',
      times: 1,
    });
    expect(lastMessageRepeated('Jun 15 02:05:01 combo sshd[1]: last message repeated 2 times')).toBeNull();
  });

  it('stays linear on hostile lines', () => {
    const lines = [
      `Jan  1 00:00:00 h sshd[1]: message repeated 2 times: [ ${']'.repeat(8000)}`,
      `Jan  1 00:00:00 h su: (to ${')'.repeat(8000)}`,
      `Jan  1 00:00:00 h su: + ${'a:'.repeat(4000)}`,
      `Jan  1 00:00:00 h su: Successful su for ${'x by '.repeat(1600)}`,
      `Jan  1 00:00:00 h sshd[1]: pam_unix(sshd:session): session opened for user ${'a(uid=1) by '.repeat(700)}`,
      `Jan  1 00:00:00 h sshd(pam_unix)[1]: authentication failure; ${'user= '.repeat(1300)}`,
      `Jan  1 00:00:00 h useradd[1]: add '${"' to group '".repeat(700)}`,
      `Jan  1 00:00:00 ${'h '.repeat(4000)}last message repeated 1 times x`,
    ];
    const t = performance.now();
    for (const line of lines) {
      for (let i = 0; i < 20; i++) {
        lastMessageRepeated(line);
        const s = splitSyslog(line);
        if (s) parseAuthMessage(s.program, repeatedMessage(s.message)?.message ?? s.message);
      }
    }
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('pairing: one attempt, one record', () => {
  const at = (line: string) => {
    const s = splitSyslog(line)!;
    const parsed = parseAuthMessage(s.program, s.message) as AuthLine;
    return attemptOf(parsed, s.host, s.pid)!;
  };
  const accepted = 'Mar  4 10:02:00 web1 sshd[1003]: Accepted password for alice from 198.51.100.20 port 40000 ssh2';
  const session = 'Mar  4 10:02:00 web1 sshd[1003]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)';
  const pamFail =
    'Mar  4 10:01:00 web1 sshd[1003]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.20  user=alice';

  it('drops a pam_unix line when the daemon wrote its own, before or after it', () => {
    const p = new LinePairing();
    const delivered: string[] = [];
    p.primary(at(accepted), 0);
    p.secondary(at(session), 1000, () => delivered.push('session'));
    p.secondary(at(pamFail), 2000, () => delivered.push('pam failure'));
    p.primary(at('Mar  4 10:01:02 web1 sshd[1003]: Failed password for alice from 198.51.100.20 port 40000 ssh2'), 3000);
    p.finish();
    expect(delivered).toEqual([]);
    expect(p.absorbed).toBe(2);
  });

  it('keeps a pam_unix line with no twin: at the end, or once its window has passed', () => {
    const p = new LinePairing();
    const delivered: string[] = [];
    p.secondary(at(session), 0, () => delivered.push('session'));
    p.advance(60_000);
    expect(delivered).toEqual([]); // still within two minutes: "Accepted" could follow
    p.advance(121_000);
    expect(delivered).toEqual(['session']);
    p.secondary(at(pamFail), 200_000, () => delivered.push('pam failure'));
    p.finish();
    expect(delivered).toEqual(['session', 'pam failure']);
  });

  it('pairs only the same outcome, the same peer, and one secondary of each kind per primary', () => {
    const p = new LinePairing();
    const delivered: string[] = [];
    p.primary(at(accepted), 0);
    p.secondary(at(pamFail), 1000, () => delivered.push('failure is not the success'));
    p.secondary(at(session), 1000, () => delivered.push('first session'));
    p.secondary(at(session), 1000, () => delivered.push('second session'));
    // A reused pid talking to another peer is another connection.
    p.primary(at('Mar  4 10:03:00 web1 sshd[1003]: Failed password for alice from 192.0.2.99 port 1 ssh2'), 2000);
    p.finish();
    expect(delivered.sort()).toEqual(['failure is not the success', 'second session']);
  });

  it('pairs sshd by peer address when pam_unix ran in another process (keyboard-interactive)', () => {
    const p = new LinePairing();
    const delivered: string[] = [];
    p.secondary(
      at(
        'Mar  4 11:00:00 web1 sshd[2001]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.50  user=root',
      ),
      0,
      () => delivered.push('child pid, address'),
    );
    p.secondary(
      at(
        'Mar  4 11:00:00 web1 sshd[2003]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=client.example  user=root',
      ),
      0,
      () => delivered.push('child pid, DNS name'),
    );
    p.primary(at('Mar  4 11:00:02 web1 sshd[2000]: Failed keyboard-interactive/pam for root from 192.0.2.50 port 1 ssh2'), 2000);
    p.primary(at('Mar  4 11:00:02 web1 sshd[2002]: Failed keyboard-interactive/pam for root from 192.0.2.51 port 1 ssh2'), 2000);
    p.finish();
    // The DNS name cannot be matched to an address: that one counts on its own (documented limit).
    expect(delivered).toEqual(['child pid, DNS name']);
  });

  it('keys su by caller and target, sudo by caller, so lines without a pid pair too', () => {
    const su = at('Mar  4 10:04:00 web1 su: (to root) alice on pts/0');
    expect(at('Mar  4 10:04:00 web1 su: pam_unix(su:session): session opened for user root by alice(uid=1000)').keys).toEqual(su.keys);
    expect(at('Mar  4 10:04:00 web1 su[9]: + pts/0 alice:root')).toMatchObject({ keys: su.keys, role: 'sulog' });
    expect(at('Mar  4 10:04:00 web1 su: pam_unix(su:session): session opened for user postgres by alice(uid=1000)').keys).not.toEqual(su.keys);
    const sudo = at(
      'Mar  4 10:11:20 web1 sudo:      bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/bash',
    );
    expect(sudo).toMatchObject({ role: 'primary', outcome: 0 });
    expect(
      at(
        'Mar  4 10:11:00 web1 sudo: pam_unix(sudo:auth): authentication failure; logname=bob uid=1001 euid=0 tty=/dev/pts/1 ruser=bob rhost=  user=bob',
      ),
    ).toMatchObject({ keys: sudo.keys, role: 'pam', outcome: 0 });
  });
});

describe('syslog years', () => {
  const utc = 'UTC';
  const iso = (r: { ts: number } | null) => (r ? new Date(r.ts).toISOString() : null);

  it('without --year: a line after the file mtime (plus a day for the zone) is from the year before', () => {
    const y = new SyslogYears({ kind: 'mtime', mtimeMs: Date.UTC(2024, 0, 3), timeZone: utc });
    expect(y.millis('Dec', '30', '23:00:00')).toEqual({ ts: Date.UTC(2023, 11, 30, 23), year: 2023 });
    expect(iso(y.millis('Jan', '1', '00:00:05'))).toBe('2024-01-01T00:00:05.000Z');
    // Same month as the mtime but two days after it: the previous January (the old month-only rule said 2024).
    expect(iso(y.millis('Jan', '5', '08:00:00'))).toBe('2023-01-05T08:00:00.000Z');
    // Twelve hours after the mtime: within the day a zone can shift a line, so still this year.
    expect(iso(y.millis('Jan', '3', '12:00:00'))).toBe('2024-01-03T12:00:00.000Z');
    // Feb 29 goes back to the last leap year.
    const march25 = new SyslogYears({ kind: 'mtime', mtimeMs: Date.UTC(2025, 2, 10), timeZone: utc });
    expect(iso(march25.millis('Feb', '29', '10:00:00'))).toBe('2024-02-29T10:00:00.000Z');
    expect(march25.millis('Feb', '30', '10:00:00')).toBeNull();
  });

  it('with --year: the first line is in that year, Dec → Jan starts the next, a late Dec line stays in the old one', () => {
    const y = new SyslogYears({ kind: 'option', year: 2023, timeZone: utc });
    expect(iso(y.millis('Dec', '31', '23:59:58'))).toBe('2023-12-31T23:59:58.000Z');
    expect(iso(y.millis('Dec', '31', '23:59:40'))).toBe('2023-12-31T23:59:40.000Z'); // out of order by seconds
    expect(y.millis('Jan', '1', '00:00:03')).toEqual({ ts: Date.UTC(2024, 0, 1, 0, 0, 3), year: 2024 });
    expect(iso(y.millis('Dec', '31', '23:59:59'))).toBe('2023-12-31T23:59:59.000Z'); // a late line
    expect(iso(y.millis('Jan', '1', '00:01:00'))).toBe('2024-01-01T00:01:00.000Z');
    expect(iso(y.millis('Mar', '2', '08:00:00'))).toBe('2024-03-02T08:00:00.000Z');
  });

  it('with --year: lines that are not records still move the year along', () => {
    const y = new SyslogYears({ kind: 'option', year: 2023, timeZone: utc });
    expect(iso(y.millis('Jul', '20', '10:00:00'))).toBe('2023-07-20T10:00:00.000Z');
    y.observe('Dec', '1', '00:00:00');
    y.observe('Jan', '2', '00:00:00');
    // Five months before July would not be a new year on its own; after December and January it is.
    expect(iso(y.millis('Feb', '10', '09:00:00'))).toBe('2024-02-10T09:00:00.000Z');
    const z = new SyslogYears({ kind: 'option', year: 2023, timeZone: 'Europe/Paris' });
    expect(iso(z.millis('Jan', '15', '12:00:00'))).toBe('2023-01-15T11:00:00.000Z');
  });
});

describe('detecting a /var/log/messages', () => {
  const kernel = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `Jun 14 04:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} combo kernel: usb 1-1: new full speed USB device using uhci_hcd and address ${i}`,
    );
  const sample = (lines: string[]) => ({ fileName: 'messages', head: lines.join('\n') + '\n', gzip: false });

  it('claims it when a few sshd/su lines come after hundreds of kernel lines', () => {
    const lines = [
      ...kernel(400),
      'Jun 14 15:16:01 combo syslogd 1.4.1: restart.',
      'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ',
      'Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)',
      ...kernel(100),
    ];
    const { importer, candidates } = detectFormat(sample(lines));
    expect(importer.name).toBe('linux-auth-log');
    expect(candidates[0].reason).toMatch(/^503 of 503 sampled lines are syslog lines; 2 from/);
  });

  it('leaves a syslog file without any auth line, and a text file that is not syslog, alone', () => {
    expect(rankFormats(sample(kernel(300))).map((c) => c.format)).not.toContain('linux-auth-log');
    const prose = Array.from({ length: 50 }, (_, i) => `line ${i}: Accepted password for nobody`);
    prose.push('Jun 14 15:16:02 combo sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2');
    expect(rankFormats(sample(prose)).map((c) => c.format)).not.toContain('linux-auth-log');
  });
});
