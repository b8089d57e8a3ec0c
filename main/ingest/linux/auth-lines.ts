// Parses one auth.log / secure line into what it says: an sshd login (accepted, failed, invalid user,
// no identification), a sudo or su use, or a new local user or group. Pure: no case writes here.
// Lines from programs or messages we do not model return null; malformed ones of ours return an error string.

export type AuthLine =
  | { type: 'ssh'; result: 'accepted' | 'failed' | 'invalid_user' | 'no_identification'; user: string | null; ip: string | null; port: string | null;
      method: string | null; invalidUser: boolean; keyType: string | null; fingerprint: string | null }
  | { type: 'sudo'; user: string; runAs: string; command: string | null; tty: string | null; pwd: string | null; denied: string | null }
  | { type: 'su'; user: string; runAs: string; ok: boolean; tty: string | null }
  | { type: 'useradd'; user: string; uid: string | null; shell: string | null; home: string | null }
  | { type: 'groupadd'; group: string; gid: string | null };

export interface SyslogLine {
  /** Classic "Feb 21 21:54:44" parts, or an ISO timestamp (rsyslog high-precision format). */
  mon: string | null;
  day: string | null;
  time: string | null;
  iso: string | null;
  host: string;
  program: string;
  pid: string | null;
  message: string;
}

const CLASSIC = /^([A-Z][a-z]{2})\s+(\d{1,2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?) (\S+) ([^\s:[]+)(?:\[(\d+)\])?:\s*(.*)$/;
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})) (\S+) ([^\s:[]+)(?:\[(\d+)\])?:\s*(.*)$/;

export function splitSyslog(line: string): SyslogLine | null {
  let m = CLASSIC.exec(line);
  if (m) return { mon: m[1], day: m[2], time: m[3], iso: null, host: m[4], program: m[5], pid: m[6] ?? null, message: m[7] };
  m = ISO.exec(line);
  if (m) return { mon: null, day: null, time: null, iso: m[1], host: m[2], program: m[3], pid: m[4] ?? null, message: m[5] };
  return null;
}

/** Programs whose lines are records of this format; the rest of a syslog file is not read. */
// OpenSSH 9.8+ logs logins from its per-connection `sshd-session` process instead of `sshd`.
export const AUTH_PROGRAMS = new Set(['sshd', 'sshd-session', 'sudo', 'su', 'useradd', 'groupadd']);

const ACCEPTED = /^Accepted (\S+) for (.+?) from (\S+) port (\d+)(?: [^\s:]+)?(?:: (\S+) (\S+))?/;
const FAILED = /^Failed (\S+) for (invalid user )?(.*?) from (\S+) port (\d+)/;
const INVALID_USER = /^Invalid user (.*?) from (\S+)(?: port (\d+))?\s*$/;
const NO_ID = /^Did not receive identification string from (\S+)(?: port (\d+))?/;
const SUDO = /^\s*(\S+) : (?:(.*?) ; )?TTY=(\S*) ; PWD=(.*?) ; USER=(\S+) ;(?: COMMAND=(.*))?$/;
// su logs both "(to root) alice on pts/0" and a pam_unix session line; only the first is read, so one su is one event.
const SU = /^(?:\((to \S+)\) (\S+) on (\S+)|(FAILED SU) \(to (\S+)\) (\S+) on (\S+))\s*$/;
const USERADD = /^new user: name=([^,]+), UID=(\d+)(?:, GID=\d+)?(?:, home=([^,]+))?(?:, shell=([^,\s]+))?/;
const GROUPADD = /^new group: name=([^,]+), GID=(\d+)/;

/** null: a line this format does not model. string: a line we should understand but cannot (the reason). */
export function parseAuthMessage(program: string, message: string): AuthLine | string | null {
  let m: RegExpExecArray | null;
  switch (program) {
    case 'sshd':
    case 'sshd-session':
      if ((m = ACCEPTED.exec(message))) {
        return { type: 'ssh', result: 'accepted', method: m[1], user: m[2], ip: m[3], port: m[4], invalidUser: false, keyType: m[5] ?? null, fingerprint: m[6] ?? null };
      }
      if ((m = FAILED.exec(message))) {
        return { type: 'ssh', result: 'failed', method: m[1], user: m[3] || null, ip: m[4], port: m[5], invalidUser: !!m[2], keyType: null, fingerprint: null };
      }
      if ((m = INVALID_USER.exec(message))) {
        return { type: 'ssh', result: 'invalid_user', method: null, user: m[1] || null, ip: m[2], port: m[3] ?? null, invalidUser: true, keyType: null, fingerprint: null };
      }
      if ((m = NO_ID.exec(message))) {
        return { type: 'ssh', result: 'no_identification', method: null, user: null, ip: m[1], port: m[2] ?? null, invalidUser: false, keyType: null, fingerprint: null };
      }
      if (/^(Accepted|Failed) /.test(message)) return `unrecognised sshd ${message.split(' ')[0]} line`;
      return null;
    case 'sudo':
      if ((m = SUDO.exec(message))) {
        return { type: 'sudo', user: m[1], denied: m[2]?.trim() || null, tty: m[3] || null, pwd: m[4] || null, runAs: m[5], command: m[6]?.trim() || null };
      }
      return /TTY=|COMMAND=/.test(message) ? 'unrecognised sudo line' : null;
    case 'su':
      if ((m = SU.exec(message))) {
        if (m[1]) return { type: 'su', runAs: m[1].slice(3), user: m[2], tty: m[3], ok: true };
        return { type: 'su', runAs: m[5], user: m[6], tty: m[7], ok: false };
      }
      return null;
    case 'useradd':
      if ((m = USERADD.exec(message))) return { type: 'useradd', user: m[1], uid: m[2], home: m[3] ?? null, shell: m[4] ?? null };
      return null;
    case 'groupadd':
      if ((m = GROUPADD.exec(message))) return { type: 'groupadd', group: m[1], gid: m[2] };
      return null;
    default:
      return null;
  }
}
