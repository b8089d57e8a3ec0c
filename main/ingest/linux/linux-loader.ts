// Loads parsed auth.log lines into the case: identities `linux:<host>:<user>`, the host system
// `linux:host:<host>`, ssh keys seen in "Accepted publickey" as credentials, sudo/su as observed can_assume,
// useradd as inventory (with the account's creation time). Only lines pairing.ts kept as records arrive here.
import type { CaseWriter } from '../writer.ts';
import { normaliseIp } from '../normalise.ts';
import { SeenOnce } from '../entra/json-log.ts';
import { pamActor, pamTarget, type AuthLine } from './auth-lines.ts';

export interface LineContext {
  ts: number;
  host: string;
  program: string;
  pid: string | null;
  locator: string;
  lineNumber: number;
  /** The year chosen for a classic syslog timestamp (null for ISO ones, which carry theirs). */
  year: number | null;
}

/** What every event says about how its time was reconstructed. */
export interface ClockNote {
  year: string;
  yearSource: string;
  timeZone: string;
  timeZoneSource: string;
}

const ROOT = 'root';

export class LinuxLoader {
  private readonly writer: CaseWriter;
  private readonly clock: ClockNote;
  private readonly once = new SeenOnce();

  constructor(writer: CaseWriter, clock: ClockNote) {
    this.writer = writer;
    this.clock = clock;
  }

  load(line: AuthLine, at: LineContext): void {
    switch (line.type) {
      case 'ssh':
        return this.ssh(line, at);
      case 'sudo':
        return this.becomes(at, line.user, line.runAs, !line.denied, 'sudo', {
          command: line.command,
          tty: line.tty,
          pwd: line.pwd,
          denied: line.denied,
        });
      case 'su':
        return this.becomes(at, line.user, line.runAs, line.ok, 'su', { tty: line.tty, form: line.style === 'to' ? undefined : line.style });
      case 'pam_auth_failure':
        if (line.family === 'sshd') return this.sshPam(line, at);
        return this.becomes(at, pamActor(line), pamTarget(line), false, line.family, {
          via: 'pam_unix',
          service: line.service,
          tty: line.tty,
          ruser: line.ruser,
          logname: line.logname,
        });
      case 'pam_session_opened':
        if (line.family === 'sshd') return this.sshSession(line, at);
        return this.becomes(at, pamActor(line), pamTarget(line), true, line.family, { via: 'pam_unix', service: line.service, byUid: line.byUid });
      case 'pam_user_unknown':
        return; // a note for the next failure line (auth-log.ts), never a record
      case 'useradd': {
        const nologin = !!line.shell && /nologin|\/false$/.test(line.shell);
        // The useradd line is when the account was made: the same created_at an inventory would give.
        const id = this.writer.upsertNode(
          {
            key: userKey(at.host, line.user),
            kind: 'identity',
            subkind: nologin ? 'service_account' : 'human',
            name: line.user,
            provider: 'linux',
            createdAt: new Date(at.ts).toISOString(),
            props: { host: at.host, uid: line.uid, home: line.home, shell: line.shell },
          },
          at.locator,
        );
        this.writer.edge(
          { src: id, dst: this.host(at), kind: 'access', privilege: line.uid === '0' ? 3 : 1, props: { via: 'local account' } },
          at.locator,
        );
        return;
      }
      case 'groupadd':
        this.writer.upsertNode(
          {
            key: groupKey(at.host, line.group),
            kind: 'group',
            name: line.group,
            provider: 'linux',
            createdAt: new Date(at.ts).toISOString(),
            props: { host: at.host, gid: line.gid },
          },
          at.locator,
        );
        return;
      case 'group_member': {
        const group = this.writer.ref(groupKey(at.host, line.group), 'group', null, at.locator);
        this.writer.edge(
          { src: this.user(at, line.user), dst: group, kind: 'member_of', grantedAt: new Date(at.ts).toISOString(), props: { via: 'useradd' } },
          at.locator,
        );
        return;
      }
    }
  }

  /** pam_unix's "authentication failure" for sshd, kept when sshd's own "Failed …" line is absent (RHEL messages). */
  private sshPam(line: Extract<AuthLine, { type: 'pam_auth_failure' }>, at: LineContext): void {
    const ip = normaliseIp(line.rhost);
    // pam names the account only when it exists; "check pass; user unknown" before it says the name tried did not.
    const identity = line.user && !line.userUnknown ? this.user(at, line.user) : null;
    this.writer.event({
      ts: at.ts,
      identity,
      credential: null,
      ip,
      userAgent: null,
      action: 'sshd:failed',
      target: this.host(at),
      targetText: `linux:host:${at.host}`,
      outcome: 0,
      locator: at.lineNumber,
      props: {
        program: at.program,
        pid: at.pid,
        via: 'pam_unix',
        service: line.service,
        user: line.user,
        invalidUser: line.userUnknown || undefined,
        // A DNS name (UseDNS) or anything else that is not an address is kept as written, never as the event's IP.
        rhost: ip ? undefined : line.rhost,
        ruser: line.ruser,
        tty: line.tty,
        interactive: true,
        ...this.clockOf(at),
      },
    });
  }

  /** pam_unix's "session opened" for sshd, kept when no "Accepted …" line precedes it: a login whose method and source are unknown. */
  private sshSession(line: Extract<AuthLine, { type: 'pam_session_opened' }>, at: LineContext): void {
    const host = this.host(at);
    const identity = this.user(at, line.user);
    this.writer.edge(
      { src: identity, dst: host, kind: 'access', privilege: line.user === ROOT ? 3 : 1, props: { observed: 'sshd session' } },
      at.locator,
    );
    this.writer.event({
      ts: at.ts,
      identity,
      credential: null,
      ip: null,
      userAgent: null,
      action: 'sshd:session_opened',
      target: host,
      targetText: `linux:host:${at.host}`,
      outcome: 1,
      locator: at.lineNumber,
      props: {
        program: at.program,
        pid: at.pid,
        via: 'pam_unix',
        service: line.service,
        user: line.user,
        byUid: line.byUid,
        interactive: true,
        ...this.clockOf(at),
      },
    });
  }

  private clockOf(at: LineContext): ClockNote {
    return at.year === null ? this.clock : { ...this.clock, year: String(at.year) };
  }

  private ssh(line: Extract<AuthLine, { type: 'ssh' }>, at: LineContext): void {
    const host = this.host(at);
    // An invalid user does not exist on the host: the event keeps the name tried, not an identity.
    const identity = line.user && !line.invalidUser ? this.user(at, line.user) : null;
    let credential: number | null = null;
    if (identity !== null && line.result === 'accepted' && line.fingerprint) {
      credential = this.sshKey(identity, line.keyType, line.fingerprint, at);
    }
    if (identity !== null && line.result === 'accepted') {
      // Logging in is observed access; root on a host is admin of it.
      this.writer.edge(
        { src: identity, dst: host, kind: 'access', privilege: line.user === ROOT ? 3 : 1, props: { observed: 'sshd login' } },
        at.locator,
      );
    }
    this.writer.event({
      ts: at.ts,
      identity,
      credential,
      ip: normaliseIp(line.ip),
      userAgent: null,
      action: `sshd:${line.result}`,
      target: host,
      targetText: `linux:host:${at.host}`,
      outcome: line.result === 'accepted' ? 1 : 0,
      locator: at.lineNumber,
      props: {
        program: at.program,
        pid: at.pid,
        method: line.method,
        port: line.port,
        user: line.user,
        invalidUser: line.invalidUser || undefined,
        keyType: line.keyType,
        interactive: true,
        ...this.clockOf(at),
      },
    });
  }

  /**
   * sudo and su: the user acts as another local account; success is observed can_assume. A pam_unix line may not
   * name one side (sudo's password failure does not say for which account; "by (uid=1000)" has no name): that side
   * stays empty rather than guessed, and no edge is drawn.
   */
  private becomes(at: LineContext, user: string | null, runAs: string | null, ok: boolean, action: string, extra: Record<string, unknown>): void {
    const src = user === null ? null : this.user(at, user);
    const dst = runAs === null ? null : this.user(at, runAs);
    if (ok && src !== null && dst !== null) this.writer.edge({ src, dst, kind: 'can_assume', props: { observed: action } }, at.locator);
    this.writer.event({
      ts: at.ts,
      identity: src,
      credential: null,
      ip: null,
      userAgent: null,
      action,
      target: dst,
      targetText: runAs === null ? null : userKey(at.host, runAs),
      outcome: ok ? 1 : 0,
      locator: at.lineNumber,
      props: { program: at.program, runAs, ...extra, ...this.clockOf(at) },
    });
  }

  private user(at: LineContext, user: string): number {
    const key = userKey(at.host, user);
    const id = this.writer.ref(key, 'identity', user === ROOT ? 'service_account' : 'human', at.locator);
    if (this.once.first(key)) this.writer.alias(`${user}@${at.host}`, id);
    return id;
  }

  private host(at: LineContext): number {
    const key = `linux:host:${at.host}`;
    if (this.once.first(key)) return this.writer.upsertNode({ key, kind: 'system', subkind: 'host', name: at.host, provider: 'linux' }, at.locator);
    return this.writer.ref(key, 'system', 'host', at.locator);
  }

  private sshKey(identity: number, keyType: string | null, fingerprint: string, at: LineContext): number {
    const key = `linux:sshkey:${fingerprint}`;
    const id = this.writer.ref(key, 'credential', 'ssh_key', at.locator);
    if (this.once.first(key)) {
      this.writer.upsertNode(
        { key, kind: 'credential', subkind: 'ssh_key', name: `${keyType ?? 'ssh'} ${fingerprint}`, provider: 'linux' },
        at.locator,
      );
      this.writer.edge({ src: identity, dst: id, kind: 'has_credential' }, at.locator);
      this.writer.edge({ src: id, dst: identity, kind: 'authenticates' }, at.locator);
    }
    return id;
  }
}

function userKey(host: string, user: string): string {
  return `linux:${host}:${user}`;
}

function groupKey(host: string, group: string): string {
  return `linux:${host}:group:${group}`;
}
