// Parses one auth.log / secure / messages line into what it says: an sshd login (accepted, failed, invalid user,
// no identification), a sudo or su use, what pam_unix wrote about sshd, su and sudo (both the RHEL 4 style
// `sshd(pam_unix)[pid]: …` and the modern `sshd[pid]: pam_unix(sshd:auth): …`), or a new local user or group.
// Pure: no case writes here, and no decision about which of two lines describing one attempt counts (pairing.ts).
// Lines from programs or messages we do not model return null; malformed ones of ours return an error string.
// Every regex is anchored and bounded (no nested quantifiers over the same characters): lines are hostile input.

/** The daemons whose lines are read, by family: `sshd-session` (OpenSSH 9.8+) is sshd. */
export type AuthFamily = 'sshd' | 'su' | 'sudo';

export type AuthLine =
  | {
      type: 'ssh';
      result: 'accepted' | 'failed' | 'invalid_user' | 'no_identification';
      user: string | null;
      ip: string | null;
      port: string | null;
      method: string | null;
      invalidUser: boolean;
      keyType: string | null;
      fingerprint: string | null;
    }
  | { type: 'sudo'; user: string; runAs: string; command: string | null; tty: string | null; pwd: string | null; denied: string | null }
  /** style: `(to X) Y on tty`, `Successful/FAILED su for X by Y` (older su), or the sulog form `+ tty Y:X` (busybox, shadow). */
  | { type: 'su'; user: string; runAs: string; ok: boolean; tty: string | null; style: 'to' | 'for' | 'sulog' }
  | { type: 'useradd'; user: string; uid: string | null; shell: string | null; home: string | null }
  | { type: 'groupadd'; group: string; gid: string | null }
  | { type: 'group_member'; user: string; group: string }
  /** pam_unix "authentication failure; logname= uid= euid= tty= ruser= rhost= user=": one failed password check. */
  | {
      type: 'pam_auth_failure';
      family: AuthFamily;
      service: string;
      user: string | null;
      ruser: string | null;
      logname: string | null;
      uid: string | null;
      rhost: string | null;
      tty: string | null;
      userUnknown: boolean;
    }
  /** pam_unix "session opened for user X[(uid=N)] by Y(uid=M)": the daemon let Y in as X. */
  | { type: 'pam_session_opened'; family: AuthFamily; service: string; user: string; byUser: string | null; byUid: string | null }
  /** pam_unix "check pass; user unknown": the next authentication failure of this process is for a non-existent account. */
  | { type: 'pam_user_unknown'; family: AuthFamily };

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

// Linux-PAM before 0.99 (RHEL 4, the Loghub "Linux" sample) logged as `<service>(pam_unix)[pid]`.
const LEGACY_PAM = /^([a-z][a-z0-9_.-]{0,31})\(pam_unix\)$/;

/** Whether lines of this syslog program (as splitSyslog reads it) are records of this format. */
export function isAuthProgram(program: string): boolean {
  if (AUTH_PROGRAMS.has(program)) return true;
  const m = LEGACY_PAM.exec(program);
  return !!m && familyOf(m[1]) !== null;
}

export function familyOf(program: string): AuthFamily | null {
  return program === 'sshd' || program === 'sshd-session' ? 'sshd' : program === 'su' || program === 'sudo' ? program : null;
}

// rsyslog's reduction of identical messages: the inner text is the message, N times, at this line's time.
const REPEATED = /^message repeated (\d{1,9}) times?: \[ ?(.*)\]\s*$/;
// sysklogd and rsyslog before 5.8 (RHEL 4–6): "<host> last message repeated N times", no program and no text:
// it repeats the line before it in the same file, from the same host.
const LAST_REPEATED =
  /^(?:([A-Z][a-z]{2})\s+(\d{1,2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}))) (\S+) last message repeated (\d{1,9}) times?\s*$/;

/** `message repeated N times: [ text ]` → N and text; null for any other message. */
export function repeatedMessage(message: string): { times: number; message: string } | null {
  const m = REPEATED.exec(message);
  return m ? { times: Number(m[1]), message: m[2] } : null;
}

/** A whole `<time> <host> last message repeated N times` line → its time, host and N; null for any other line. */
export function lastMessageRepeated(line: string): (Pick<SyslogLine, 'mon' | 'day' | 'time' | 'iso' | 'host'> & { times: number }) | null {
  const m = LAST_REPEATED.exec(line);
  return m ? { mon: m[1] ?? null, day: m[2] ?? null, time: m[3] ?? null, iso: m[4] ?? null, host: m[5], times: Number(m[6]) } : null;
}

const ACCEPTED = /^Accepted (\S+) for (.+?) from (\S+) port (\d+)(?: [^\s:]+)?(?:: (\S+) (\S+))?/;
const FAILED = /^Failed (\S+) for (invalid user )?(.*?) from (\S+) port (\d+)/;
const INVALID_USER = /^Invalid user (.*?) from (\S+)(?: port (\d+))?\s*$/;
const NO_ID = /^Did not receive identification string from (\S+)(?: port (\d+))?/;
const SUDO = /^\s*(\S+) : (?:(.*?) ; )?TTY=(\S*) ; PWD=(.*?) ; USER=(\S+) ;(?: COMMAND=(.*))?$/;
// su writes "(to root) alice on pts/0" (shadow, util-linux) or "Successful su for root by alice" (older shadow) and
// pam_unix a session line; which one counts is pairing.ts's decision.
const SU = /^(FAILED SU )?\(to ([^\s)]{1,256})\) (\S{1,256}) on (\S{1,256})\s*$/;
const SU_FOR = /^(Successful|FAILED) su for (\S{1,256}) by (\S{1,256})\s*$/;
const SULOG = /^([+-]) (\S{1,256}) ([^\s:]{1,256}):(\S{1,256})\s*$/;
const USERADD = /^new user: name=([^,]+), UID=(\d+)(?:, GID=\d+)?(?:, home=([^,]+))?(?:, shell=([^,\s]+))?/i;
const GROUPADD = /^new group: name=([^,]+), GID=(\d+)/i;
// useradd -G: "add 'alice' to group 'wheel'" (the "to shadow group" twin says the same again and is not read).
const GROUP_MEMBER = /^add '([^'\s]{1,256})' to group '([^'\s]{1,256})'\s*$/;

const PAM_MODERN = /^pam_unix\(([^\s:()]{1,64}):([a-z]{1,16})\): (.*)$/;
const PAM_SESSION = /^session opened for user ([^\s(]{1,256})(?:\(uid=\d{1,10}\))?(?: by ([^\s(]{0,256})\(uid=(\d{1,10})\))?/;
const PAM_FIELDS = new Set(['logname', 'uid', 'tty', 'ruser', 'rhost', 'user']);

/** null: a line this format does not model. string: a line we should understand but cannot (the reason). */
export function parseAuthMessage(program: string, message: string): AuthLine | string | null {
  let m: RegExpExecArray | null;
  const legacy = LEGACY_PAM.exec(program);
  if (legacy) {
    const family = familyOf(legacy[1]);
    return family ? parsePam(family, legacy[1], message) : null;
  }
  const family = familyOf(program);
  if (family && (m = PAM_MODERN.exec(message))) return parsePam(family, m[1], m[3]);
  switch (program) {
    case 'sshd':
    case 'sshd-session':
      if ((m = ACCEPTED.exec(message))) {
        return {
          type: 'ssh',
          result: 'accepted',
          method: m[1],
          user: m[2],
          ip: m[3],
          port: m[4],
          invalidUser: false,
          keyType: m[5] ?? null,
          fingerprint: m[6] ?? null,
        };
      }
      if ((m = FAILED.exec(message))) {
        return {
          type: 'ssh',
          result: 'failed',
          method: m[1],
          user: m[3] || null,
          ip: m[4],
          port: m[5],
          invalidUser: !!m[2],
          keyType: null,
          fingerprint: null,
        };
      }
      if ((m = INVALID_USER.exec(message))) {
        return {
          type: 'ssh',
          result: 'invalid_user',
          method: null,
          user: m[1] || null,
          ip: m[2],
          port: m[3] ?? null,
          invalidUser: true,
          keyType: null,
          fingerprint: null,
        };
      }
      if ((m = NO_ID.exec(message))) {
        return {
          type: 'ssh',
          result: 'no_identification',
          method: null,
          user: null,
          ip: m[1],
          port: m[2] ?? null,
          invalidUser: false,
          keyType: null,
          fingerprint: null,
        };
      }
      if (/^(Accepted|Failed) /.test(message)) return `unrecognised sshd ${message.split(' ')[0]} line`;
      return null;
    case 'sudo':
      if ((m = SUDO.exec(message))) {
        return {
          type: 'sudo',
          user: m[1],
          denied: m[2]?.trim() || null,
          tty: m[3] || null,
          pwd: m[4] || null,
          runAs: m[5],
          command: m[6]?.trim() || null,
        };
      }
      return /TTY=|COMMAND=/.test(message) ? 'unrecognised sudo line' : null;
    case 'su':
      if ((m = SU.exec(message))) return { type: 'su', runAs: m[2], user: m[3], tty: m[4], ok: !m[1], style: 'to' };
      if ((m = SU_FOR.exec(message))) return { type: 'su', runAs: m[2], user: m[3], tty: null, ok: m[1] === 'Successful', style: 'for' };
      if ((m = SULOG.exec(message))) return { type: 'su', runAs: m[4], user: m[3], tty: m[2], ok: m[1] === '+', style: 'sulog' };
      return null;
    case 'useradd':
      if ((m = USERADD.exec(message))) return { type: 'useradd', user: m[1], uid: m[2], home: m[3] ?? null, shell: m[4] ?? null };
      // useradd creates the user's own group first and logs it like groupadd does.
      if ((m = GROUPADD.exec(message))) return { type: 'groupadd', group: m[1], gid: m[2] };
      if ((m = GROUP_MEMBER.exec(message))) return { type: 'group_member', user: m[1], group: m[2] };
      return null;
    case 'groupadd':
      if ((m = GROUPADD.exec(message))) return { type: 'groupadd', group: m[1], gid: m[2] };
      return null;
    default:
      return null;
  }
}

/** The text pam_unix wrote for sshd, su or sudo (after `pam_unix(service:facility): ` or `service(pam_unix)[pid]: `). */
function parsePam(family: AuthFamily, service: string, text: string): AuthLine | null {
  if (text.startsWith('authentication failure;')) {
    const f = pamFields(text.slice('authentication failure;'.length));
    return {
      type: 'pam_auth_failure',
      family,
      service,
      user: f.user,
      ruser: f.ruser,
      logname: f.logname,
      uid: f.uid,
      rhost: f.rhost,
      tty: f.tty,
      userUnknown: false,
    };
  }
  if (/^check pass; user unknown\s*$/.test(text)) return { type: 'pam_user_unknown', family };
  const m = PAM_SESSION.exec(text);
  if (m) return { type: 'pam_session_opened', family, service, user: m[1], byUser: m[2] || null, byUid: m[3] ?? null };
  // "session closed", "PAM N more authentication failures", "auth could not identify password", "conversation failed":
  // bookkeeping or summaries of lines read elsewhere, not records.
  return null;
}

/** "logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root" → the fields; empty values are absent. */
function pamFields(text: string): Record<'logname' | 'uid' | 'tty' | 'ruser' | 'rhost' | 'user', string | null> {
  const out: Record<string, string | null> = { logname: null, uid: null, tty: null, ruser: null, rhost: null, user: null };
  for (const token of text.split(' ', 64)) {
    const eq = token.indexOf('=');
    if (eq <= 0) continue;
    const key = token.slice(0, eq);
    if (PAM_FIELDS.has(key) && out[key] === null) out[key] = token.slice(eq + 1, eq + 257) || null;
  }
  return out as Record<'logname' | 'uid' | 'tty' | 'ruser' | 'rhost' | 'user', string | null>;
}

type PamLine = Extract<AuthLine, { type: 'pam_auth_failure' | 'pam_session_opened' }>;

/**
 * The account acting in a pam_unix line. sshd: the account logging in. su: the caller (ruser, else the login name,
 * else uid 0 as root). sudo: the account whose password was checked (the caller). Session lines: "by Y(uid=N)".
 * null when the line does not name it (a caller known only by a non-zero uid).
 */
export function pamActor(line: PamLine): string | null {
  if (line.family === 'sshd') return line.user;
  if (line.type === 'pam_session_opened') return nameOrRoot(line.byUser, line.byUid);
  if (line.family === 'sudo') return line.user ?? line.ruser ?? line.logname ?? nameOrRoot(null, line.uid);
  return line.ruser ?? line.logname ?? nameOrRoot(null, line.uid);
}

/** The account su or sudo switches to; sudo's password failure does not say (null). sshd: the account logging in. */
export function pamTarget(line: PamLine): string | null {
  if (line.type === 'pam_session_opened') return line.user;
  return line.family === 'sudo' ? null : line.user;
}

function nameOrRoot(name: string | null, uid: string | null): string | null {
  return name || (uid === '0' ? 'root' : null);
}
