// Loads parsed auth.log lines into the case: identities `linux:<host>:<user>`, the host system
// `linux:host:<host>`, ssh keys seen in "Accepted publickey" as credentials, sudo/su as observed can_assume.
import type { CaseWriter } from '../writer.ts';
import { normaliseIp } from '../normalise.ts';
import { SeenOnce } from '../entra/json-log.ts';
import type { AuthLine } from './auth-lines.ts';

export interface LineContext {
  ts: number;
  host: string;
  program: string;
  pid: string | null;
  locator: string;
  lineNumber: number;
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
      case 'ssh': return this.ssh(line, at);
      case 'sudo': return this.becomes(at, line.user, line.runAs, !line.denied, 'sudo',
        { command: line.command, tty: line.tty, pwd: line.pwd, denied: line.denied });
      case 'su': return this.becomes(at, line.user, line.runAs, line.ok, 'su', { tty: line.tty });
      case 'useradd': {
        const nologin = !!line.shell && /nologin|\/false$/.test(line.shell);
        const id = this.writer.upsertNode({
          key: userKey(at.host, line.user), kind: 'identity', subkind: nologin ? 'service_account' : 'human', name: line.user,
          provider: 'linux', props: { host: at.host, uid: line.uid, home: line.home, shell: line.shell },
        }, at.locator);
        this.writer.edge({ src: id, dst: this.host(at), kind: 'access', privilege: line.uid === '0' ? 3 : 1, props: { via: 'local account' } }, at.locator);
        return;
      }
      case 'groupadd':
        this.writer.upsertNode({ key: `linux:${at.host}:group:${line.group}`, kind: 'group', name: line.group, provider: 'linux', props: { host: at.host, gid: line.gid } }, at.locator);
        return;
    }
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
      this.writer.edge({ src: identity, dst: host, kind: 'access', privilege: line.user === ROOT ? 3 : 1, props: { observed: 'sshd login' } }, at.locator);
    }
    this.writer.event({
      ts: at.ts, identity, credential, ip: normaliseIp(line.ip), userAgent: null, action: `sshd:${line.result}`,
      target: host, targetText: `linux:host:${at.host}`, outcome: line.result === 'accepted' ? 1 : 0, locator: at.lineNumber,
      props: {
        program: at.program, pid: at.pid, method: line.method, port: line.port, user: line.user, invalidUser: line.invalidUser || undefined,
        keyType: line.keyType, interactive: true, ...this.clock,
      },
    });
  }

  /** sudo and su: the user acts as another local account; success is observed can_assume. */
  private becomes(at: LineContext, user: string, runAs: string, ok: boolean, action: string, extra: Record<string, unknown>): void {
    const src = this.user(at, user);
    const dst = this.user(at, runAs);
    if (ok) this.writer.edge({ src, dst, kind: 'can_assume', props: { observed: action } }, at.locator);
    this.writer.event({
      ts: at.ts, identity: src, credential: null, ip: null, userAgent: null, action, target: dst, targetText: userKey(at.host, runAs),
      outcome: ok ? 1 : 0, locator: at.lineNumber, props: { program: at.program, runAs, ...extra, ...this.clock },
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
      this.writer.upsertNode({ key, kind: 'credential', subkind: 'ssh_key', name: `${keyType ?? 'ssh'} ${fingerprint}`, provider: 'linux' }, at.locator);
      this.writer.edge({ src: identity, dst: id, kind: 'has_credential' }, at.locator);
      this.writer.edge({ src: id, dst: identity, kind: 'authenticates' }, at.locator);
    }
    return id;
  }
}

function userKey(host: string, user: string): string {
  return `linux:${host}:${user}`;
}
