// Linux auth.log / secure (classic syslog or rsyslog ISO timestamps): sshd logins, sudo and su as auth events
// on `linux:<host>:<user>` targeting the host system `linux:host:<host>`; useradd/groupadd as inventory.
// Syslog lines carry no year and no zone: ctx.options.year / timeZone, else the file's mtime year and UTC,
// recorded in every event's props. Lines of other programs (CRON, systemd-logind…) are not records of this format.
import fs from 'node:fs';
import readline from 'node:readline';
import { ApiError } from '../../../shared/api/contract.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { INVALID, normaliseIp, parseIsoMillis } from '../normalise.ts';
import { openText } from '../file-source.ts';
import { AUTH_PROGRAMS, parseAuthMessage, splitSyslog, type AuthLine } from './auth-lines.ts';
import { checkTimeZone, syslogMillis, type SyslogClock } from './syslog-time.ts';
import { LinuxLoader } from './linux-loader.ts';

export const linuxAuthLogImporter: Importer = {
  name: 'linux-auth-log',
  description: 'Linux auth.log / secure (sshd, sudo, su, useradd, groupadd); --year and --time-zone set the syslog reference',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const lines = sample.head.split(/\r?\n/).filter((l) => l.trim()).slice(0, 200);
  if (!lines.length || /^\s*[[{]/.test(lines[0])) return null;
  let syslog = 0;
  let auth = 0;
  for (const line of lines) {
    const s = splitSyslog(line);
    if (!s) continue;
    syslog++;
    if (AUTH_PROGRAMS.has(s.program) || /^pam_unix|^pam_/.test(s.message)) auth++;
  }
  if (syslog / lines.length < 0.8 || auth === 0) return null;
  return {
    confidence: Math.min(0.9, 0.6 + 0.3 * (auth / lines.length) + 0.1),
    reason: `${syslog} of ${lines.length} sampled lines are syslog lines; ${auth} from sshd/sudo/su/pam`,
  };
}

async function run(ctx: ImportContext): Promise<void> {
  const clock = clockFor(ctx);
  const loader = new LinuxLoader(ctx.writer, {
    year: String(clock.year), yearSource: ctx.options.year ? 'option' : 'file mtime', timeZone: clock.timeZone,
    timeZoneSource: ctx.options.timeZone ? 'option' : 'default (UTC)',
  });
  const lines = readline.createInterface({ input: openText(ctx.path, ctx.progress), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (ctx.signal.aborted) throw new ApiError('cancelled', 'import cancelled');
    const line = raw.length > 8192 ? raw.slice(0, 8192) : raw;
    const s = splitSyslog(line);
    if (!s || !AUTH_PROGRAMS.has(s.program)) continue;
    const parsed: AuthLine | string | null = parseAuthMessage(s.program, s.message);
    if (parsed === null) continue;
    const locator = `line ${n}`;
    ctx.countRow();
    if (typeof parsed === 'string') {
      ctx.writer.reject(locator, parsed, line);
      continue;
    }
    const ts = s.iso ? parseIsoMillis(s.iso) : syslogMillis(clock, s.mon!, s.day!, s.time!);
    if (ts === null || ts === INVALID) {
      ctx.writer.reject(locator, `unparseable syslog timestamp in ${JSON.stringify(line.slice(0, 32))}`, line);
      continue;
    }
    const host = s.host.toLowerCase();
    if (parsed.type === 'ssh' && parsed.ip && !normaliseIp(parsed.ip) && parsed.ip !== 'UNKNOWN') {
      ctx.writer.reject(locator, `not an IP address: ${JSON.stringify(parsed.ip.slice(0, 60))}`, line);
      continue;
    }
    loader.load(parsed, { ts, host, program: s.program, pid: s.pid, locator, lineNumber: n });
  }
}

function clockFor(ctx: ImportContext): SyslogClock {
  const timeZone = checkTimeZone(ctx.options.timeZone ?? 'UTC');
  if (ctx.options.year !== undefined) {
    if (!Number.isInteger(ctx.options.year) || ctx.options.year < 1990 || ctx.options.year > 2099) {
      throw new ApiError('bad-input', `year ${ctx.options.year} is outside 1990–2099`);
    }
    return { year: ctx.options.year, timeZone, rollbackAfterMonth: null };
  }
  const mtime = fs.statSync(ctx.path).mtime;
  return { year: mtime.getUTCFullYear(), timeZone, rollbackAfterMonth: mtime.getUTCMonth() };
}
