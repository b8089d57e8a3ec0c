// One login, su or sudo is often written twice: once by the daemon ("Accepted password for alice…", "(to root) alice
// on pts/0", "alice : TTY=… COMMAND=…", "FAILED SU …", "Failed password …") and once by pam_unix ("session opened for
// user alice…", "authentication failure; … user=root"), sometimes a third time by su's sulog ("+ pts/0 alice:root").
// An analyst counts attempts, not lines, so this decides which lines are the records:
// - the daemon's own line (primary) always is: it says the most (source port, key, command);
// - a pam_unix or sulog line (secondary) is a record only when no primary of the same attempt is found within a
//   short window before or after it. That is what happens in a RHEL `/var/log/messages`, which holds the pam_unix
//   lines but not sshd's own, and for sudo's mistyped passwords that end in a success (only pam_unix says so).
// "Same attempt": same host and family, and for sshd the same process id or the same peer address (with
// keyboard-interactive OpenSSH runs PAM in a forked child, so pam_unix's failure has another pid than "Failed …"),
// for su the same caller and target, for sudo the same caller. Same outcome too: pam's "authentication failure"
// pairs with a failure line, "session opened" with a success; and never two different peer addresses.
// One primary takes at most one secondary of each kind ('pam', 'sulog'): one sudo command, one session line. Two
// connections from one address may swap twins; each line still pairs at most once, so the counts stay right.
// Pure bookkeeping: records are handed back through `deliver`, in no particular order (events carry their own time).
import { normaliseIp } from '../normalise.ts';
import { pamActor, pamTarget, type AuthLine } from './auth-lines.ts';

export type Role = 'primary' | 'pam' | 'sulog';

export interface Attempt {
  /** Where the other line of the same attempt is looked for (any one key in common is enough). */
  keys: string[];
  role: Role;
  outcome: 0 | 1;
  /** Normalised peer address when the line gives one (sshd), to keep a reused pid from pairing two connections. */
  peer: string | null;
  /** How far apart (ms of log time) the two lines of one attempt can be. */
  windowMs: number;
}

interface Entry {
  keys: string[];
  role: Role;
  outcome: 0 | 1;
  peer: string | null;
  ts: number;
  expires: number;
  done: boolean;
  /** Primary: the secondary kinds it has already taken. */
  took: Set<Role> | null;
  /** Secondary: loads the record if it turns out to be one. */
  deliver: (() => void) | null;
}

/** Entries kept at most; past this the oldest are settled early (a secondary then counts), bounding memory. */
const MAX_ENTRIES = 200_000;
const MAX_PER_KEY = 64;

export class LinePairing {
  private readonly primaries = new Map<string, Entry[]>();
  private readonly pending = new Map<string, Entry[]>();
  /** Arrival order, for expiry. Log time is nearly monotonic; an entry behind a later-expiring one waits, it is not lost. */
  private readonly queue: Entry[] = [];
  private head = 0;

  /** Secondaries absorbed so far (lines that were not records because their primary was). */
  absorbed = 0;

  /** A daemon's own line at `ts`: takes the nearest waiting secondary of each kind for the same attempt. */
  primary(a: Attempt, ts: number): void {
    const took = new Set<Role>();
    for (const key of a.keys) {
      const waiting = this.pending.get(key);
      if (!waiting) continue;
      // Newest first: of two mistyped sudo passwords, the one just before "3 incorrect password attempts" belongs to it.
      for (let i = waiting.length - 1; i >= 0; i--) {
        const s = waiting[i];
        if (took.has(s.role) || !matches(s, a, ts)) continue;
        took.add(s.role);
        this.absorbed++;
        this.remove(s);
      }
    }
    this.add(this.primaries, {
      keys: a.keys,
      role: 'primary',
      outcome: a.outcome,
      peer: a.peer,
      ts,
      expires: ts + a.windowMs,
      done: false,
      took,
      deliver: null,
    });
  }

  /** A pam_unix or sulog line at `ts`: dropped if a primary of the same attempt has been seen, else held until one shows up or the window passes. */
  secondary(a: Attempt, ts: number, deliver: () => void): void {
    for (const key of a.keys) {
      const seen = this.primaries.get(key);
      if (!seen) continue;
      for (let i = seen.length - 1; i >= 0; i--) {
        const p = seen[i];
        if (p.took!.has(a.role) || !matches(p, a, ts)) continue;
        p.took!.add(a.role);
        this.absorbed++;
        return;
      }
    }
    this.add(this.pending, {
      keys: a.keys,
      role: a.role,
      outcome: a.outcome,
      peer: a.peer,
      ts,
      expires: ts + a.windowMs,
      done: false,
      took: null,
      deliver,
    });
  }

  /** Log time has reached `now`: secondaries whose window has passed unpaired become records. */
  advance(now: number): void {
    while (this.head < this.queue.length) {
      const e = this.queue[this.head];
      if (!e.done && e.expires >= now && this.queue.length - this.head <= MAX_ENTRIES) break;
      this.head++;
      this.settle(e);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  /** End of file: every secondary still waiting is a record. */
  finish(): void {
    while (this.head < this.queue.length) this.settle(this.queue[this.head++]);
    this.queue.length = 0;
    this.head = 0;
  }

  /** Expired or pushed out: a secondary becomes a record, a primary is forgotten. */
  private settle(e: Entry): void {
    if (e.done) return;
    this.remove(e);
    e.deliver?.();
  }

  private remove(e: Entry): void {
    e.done = true;
    const map = e.role === 'primary' ? this.primaries : this.pending;
    for (const key of e.keys) {
      const list = map.get(key);
      if (!list) continue;
      const i = list.indexOf(e);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) map.delete(key);
    }
  }

  private add(map: Map<string, Entry[]>, e: Entry): void {
    this.queue.push(e);
    for (const key of e.keys) {
      const list = map.get(key);
      if (!list) {
        map.set(key, [e]);
        continue;
      }
      list.push(e);
      // A busy key (one user's sudo loop, a brute-forcing address) keeps its newest entries only: pairing looks
      // newest first, and a short list keeps every lookup cheap whatever the file holds.
      if (list.length > MAX_PER_KEY) this.settle(list[0]);
    }
  }
}

function matches(e: Entry, a: Attempt, ts: number): boolean {
  return e.outcome === a.outcome && Math.abs(e.ts - ts) <= a.windowMs && (e.peer === null || a.peer === null || e.peer === a.peer);
}

const MINUTE = 60_000;
// sshd: pam_unix's failure comes seconds before "Failed password" and "Accepted" just before the session line; the
// whole exchange fits in LoginGraceTime (120 s by default). su: the same, seconds apart. sudo: three password
// prompts of up to five minutes each can separate pam_unix's failure from "3 incorrect password attempts".
const WINDOW = { sshd: 2 * MINUTE, su: 2 * MINUTE, sudo: 15 * MINUTE } as const;

/** Which attempt a parsed line belongs to, and its role; null for lines that are never paired (inventory, notes). */
export function attemptOf(line: AuthLine, host: string, pid: string | null): Attempt | null {
  switch (line.type) {
    case 'ssh':
      if (line.result === 'no_identification') return null;
      {
        const peer = normaliseIp(line.ip);
        return {
          keys: sshdKeys(host, pid, line.user, peer),
          role: 'primary',
          outcome: line.result === 'accepted' ? 1 : 0,
          peer,
          windowMs: WINDOW.sshd,
        };
      }
    case 'su':
      return {
        keys: [suKey(host, line.user, line.runAs)],
        role: line.style === 'sulog' ? 'sulog' : 'primary',
        outcome: line.ok ? 1 : 0,
        peer: null,
        windowMs: WINDOW.su,
      };
    case 'sudo':
      return { keys: [sudoKey(host, line.user)], role: 'primary', outcome: line.denied ? 0 : 1, peer: null, windowMs: WINDOW.sudo };
    case 'pam_auth_failure':
    case 'pam_session_opened': {
      const outcome = line.type === 'pam_session_opened' ? 1 : 0;
      const actor = pamActor(line);
      if (line.family === 'sshd') {
        const peer = line.type === 'pam_auth_failure' ? normaliseIp(line.rhost) : null;
        return { keys: sshdKeys(host, pid, actor, peer), role: 'pam', outcome, peer, windowMs: WINDOW.sshd };
      }
      const key = line.family === 'su' ? suKey(host, actor, pamTarget(line)) : sudoKey(host, actor);
      return { keys: [key], role: 'pam', outcome, peer: null, windowMs: WINDOW[line.family] };
    }
    default:
      return null;
  }
}

// sshd always logs its pid, and pam_unix writes from the same process except under keyboard-interactive: the peer
// address covers that case when pam_unix's rhost is an address (not a DNS name). su and sudo are keyed by who acts
// (and for su on whom), not by pid: their own lines and pam_unix's do not always both carry one.
function sshdKeys(host: string, pid: string | null, user: string | null, peer: string | null): string[] {
  const own = `${host}\u0000sshd\u0000${pid !== null ? `pid:${pid}` : `user:${user ?? ''}`}`;
  return peer === null ? [own] : [own, `${host}\u0000sshd\u0000peer:${peer}`];
}
function suKey(host: string, actor: string | null, target: string | null): string {
  return `${host}\u0000su\u0000${actor ?? ''}\u0000${target ?? ''}`;
}
function sudoKey(host: string, actor: string | null): string {
  return `${host}\u0000sudo\u0000${actor ?? ''}`;
}
