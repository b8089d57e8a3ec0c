// Linux auth.log / secure / messages (classic syslog or rsyslog ISO timestamps): sshd logins, sudo and su as auth
// events on `linux:<host>:<user>` targeting the host system `linux:host:<host>`; useradd/groupadd as inventory.
// Syslog lines carry no year and no zone: ctx.options.year / timeZone, else the file's mtime and UTC (the year rules
// are in syslog-time.ts), recorded in every event's props. Lines of other programs (kernel, CRON, systemd-logind…)
// are not records of this format: left out, not rejected. pam_unix lines count only when the daemon's own line for
// the same attempt is missing (pairing.ts); rsyslog's and sysklogd's "message repeated N times" count N times.
import fs from 'node:fs';
import { ApiError } from '../../../shared/api/contract.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { INVALID, normaliseIp, parseIsoMillis, type Parsed } from '../normalise.ts';
import { openText } from '../file-source.ts';
import { isAuthProgram, lastMessageRepeated, parseAuthMessage, repeatedMessage, splitSyslog, type AuthLine, type SyslogLine } from './auth-lines.ts';
import { checkTimeZone, SyslogYears } from './syslog-time.ts';
import { LinuxLoader, type ClockNote, type LineContext } from './linux-loader.ts';
import { numberedLines } from './numbered-lines.ts';
import { attemptOf, LinePairing } from './pairing.ts';

export const linuxAuthLogImporter: Importer = {
  name: 'linux-auth-log',
  description:
    'Linux auth.log / secure / messages (sshd, sudo, su incl. pam_unix, useradd, groupadd); --year and --time-zone set the syslog reference',
  detect,
  run,
};

// A line's syslog header: the time and a host. Every line of a syslog file has one, whatever program wrote it.
const SYSLOG_HEAD = /^(?:[A-Z][a-z]{2}\s+\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S{0,24}) \S/;

function detect(sample: Sample): Detection | null {
  // Every line of the sample (64 KiB, some 500 syslog lines), not the first few: in a RHEL /var/log/messages the
  // sshd/su/sudo lines can be a handful among kernel, cron and daemon lines, and a boot fills the top of the file.
  const lines = sample.head.split(/\r?\n/, 20_000).filter((l) => l.trim());
  if (!lines.length || /^\s*[[{]/.test(lines[0])) return null;
  let syslog = 0;
  let auth = 0;
  for (const raw of lines) {
    const line = raw.length > 8192 ? raw.slice(0, 8192) : raw;
    if (!SYSLOG_HEAD.test(line)) continue;
    syslog++;
    const s = splitSyslog(line);
    if (s && (isAuthProgram(s.program) || /^pam_/.test(s.message))) auth++;
  }
  if (syslog / lines.length < 0.8 || auth === 0) return null;
  return {
    confidence: Math.min(0.9, 0.6 + 0.3 * (auth / lines.length) + 0.1),
    reason: `${syslog} of ${lines.length} sampled lines are syslog lines; ${auth} from sshd/sudo/su/pam`,
  };
}

/** More repeats than this on one line is not a real rsyslog reduction: the line is rejected, not loaded a billion times. */
const MAX_REPEAT = 100_000;

async function run(ctx: ImportContext): Promise<void> {
  const { years, note } = clockFor(ctx);
  const loader = new LinuxLoader(ctx.writer, note);
  const pairing = new LinePairing();
  // sshd "check pass; user unknown" by host and pid: the next pam failure of that process is for a non-existent account.
  const unknownUser = new Map<string, number>();
  // The line before, for sysklogd's "last message repeated N times" (which repeats it without saying what it was).
  let prev: SyslogLine | null = null;
  // Blank lines are left out before this loop (numbered-lines.ts): a gap in the numbers is one or more of them.
  let n = 0;
  for await (const batch of numberedLines(openText(ctx.path, ctx.progress)))
    for (const { text: raw, number } of batch) {
      // A blank line between two lines breaks "last message repeated" off the line before, as any unrecognised line does.
      if (number > n + 1) prev = null;
      n = number;
      if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
      const line = raw.length > 8192 ? raw.slice(0, 8192) : raw;
      let s = splitSyslog(line);
      let times = 1;
      if (s) {
        prev = s;
        const repeated = repeatedMessage(s.message);
        if (repeated) {
          times = repeated.times;
          s = { ...s, message: repeated.message };
        }
      } else {
        const last = lastMessageRepeated(line);
        // Only right after the line it repeats, from the same host; anything else is not ours to guess.
        if (!last || !prev || prev.host !== last.host) {
          if (!last) prev = null;
          continue;
        }
        times = last.times;
        s = { ...prev, mon: last.mon, day: last.day, time: last.time, iso: last.iso };
      }
      if (!isAuthProgram(s.program)) {
        if (s.mon) years.observe(s.mon, s.day!, s.time!);
        continue;
      }
      const parsed: AuthLine | string | null = parseAuthMessage(s.program, s.message);
      if (parsed === null) continue;
      const locator = `line ${n}`;
      if (typeof parsed === 'string') {
        ctx.countRow();
        ctx.writer.reject(locator, parsed, line);
        continue;
      }
      if (times > MAX_REPEAT || times < 1) {
        ctx.countRow();
        ctx.writer.reject(locator, `message repeated ${times} times: outside 1–${MAX_REPEAT}`, line);
        continue;
      }
      let ts: Parsed<number>;
      let year: number | null = null;
      if (s.iso) {
        ts = parseIsoMillis(s.iso);
      } else {
        const t = years.millis(s.mon!, s.day!, s.time!);
        ts = t?.ts ?? null;
        year = t?.year ?? null;
      }
      if (ts === null || ts === INVALID) {
        ctx.countRow();
        ctx.writer.reject(locator, `unparseable syslog timestamp in ${JSON.stringify(line.slice(0, 32))}`, line);
        continue;
      }
      const at: LineContext = { ts, host: s.host.toLowerCase(), program: s.program, pid: s.pid, locator, lineNumber: n, year };
      pairing.advance(ts);
      for (let i = 0; i < times; i++) record(parsed, at, line);
    }
  pairing.finish();

  function record(line0: AuthLine, at: LineContext, line: string): void {
    const pidKey = `${at.host}\u0000${at.pid ?? ''}`;
    if (line0.type === 'pam_user_unknown') {
      if (unknownUser.size > 10_000) unknownUser.clear(); // bounded: the note is read by the very next line of that pid
      unknownUser.set(pidKey, at.ts);
      return; // a note, not a record
    }
    const parsed =
      line0.type === 'pam_auth_failure' && line0.family === 'sshd' && unknownUser.delete(pidKey) ? { ...line0, userUnknown: true } : line0;
    const attempt = attemptOf(parsed, at.host, at.pid);
    const load = (): void => {
      ctx.countRow();
      loader.load(parsed, at);
    };
    if (attempt && attempt.role !== 'primary') {
      pairing.secondary(attempt, at.ts, load);
      return;
    }
    // A primary is one even when rejected: its pam_unix twin describes the same attempt and must not count instead.
    if (attempt) pairing.primary(attempt, at.ts);
    if (parsed.type === 'ssh' && parsed.ip && !normaliseIp(parsed.ip) && parsed.ip !== 'UNKNOWN') {
      ctx.countRow();
      ctx.writer.reject(at.locator, `not an IP address: ${JSON.stringify(parsed.ip.slice(0, 60))}`, line);
      return;
    }
    load();
  }
}

function clockFor(ctx: ImportContext): { years: SyslogYears; note: ClockNote } {
  const timeZone = checkTimeZone(ctx.options.timeZone ?? 'UTC');
  const zoneNote = { timeZone, timeZoneSource: ctx.options.timeZone ? 'option' : 'default (UTC)' };
  if (ctx.options.year !== undefined) {
    if (!Number.isInteger(ctx.options.year) || ctx.options.year < 1990 || ctx.options.year > 2099) {
      throw new ApiError('bad-input', `year ${ctx.options.year} is outside 1990–2099`);
    }
    return {
      years: new SyslogYears({ kind: 'option', year: ctx.options.year, timeZone }),
      note: { year: String(ctx.options.year), yearSource: 'option', ...zoneNote },
    };
  }
  const mtimeMs = fs.statSync(ctx.path).mtimeMs;
  return {
    years: new SyslogYears({ kind: 'mtime', mtimeMs, timeZone }),
    note: { year: String(new Date(mtimeMs).getUTCFullYear()), yearSource: 'file mtime', ...zoneNote },
  };
}
