// Which identity node a Windows account in a logon event is: one account, one node, however the event spells it.
// The same domain account shows up as NETBIOS\user and dns.domain\user (a 4624 writes the DNS name where the 4672
// of the same logon writes the NetBIOS one); its SID is the same. So, before a node is made, the account is looked
// up by SID alias, by its logon session, and by name under every domain name known to be the same domain.
// Only SIDs that name one account are keys: S-1-5-18 (SYSTEM) and the other well-known SIDs are the same on every
// computer, so the accounts that carry them are per host. It writes nodes and aliases through the CaseWriter only.
import type { CaseWriter } from '../writer.ts';
import type { Account } from './security-event.ts';
import { nodeKeyAndUnresolved } from '../../store/ingest-nodes.ts';

/**
 * Account SIDs that identify one account: domain and local SAM accounts (S-1-5-21-<3 sub-authorities>-<RID>) and
 * Entra ID accounts (S-1-12-1-…, derived from the object id). Everything else (S-1-5-18, S-1-5-7, S-1-5-90-…,
 * service and virtual-account SIDs) is shared by many accounts across computers.
 */
const DOMAIN_ACCOUNT_SID = /^S-1-5-21-(\d{1,10}-\d{1,10}-\d{1,10})-\d{1,10}$/;
const ENTRA_ACCOUNT_SID = /^S-1-12-1-\d{1,10}-\d{1,10}-\d{1,10}-\d{1,10}$/;
/**
 * Computer-local well-known SIDs: NULL, ANONYMOUS LOGON, SYSTEM, LOCAL SERVICE, NETWORK SERVICE, IUSR, BUILTIN,
 * service (NT SERVICE), IIS app pool, virtual machine, Window Manager (DWM-n) and Font Driver Host (UMFD-n).
 */
const LOCAL_SID = /^S-1-(0-0|5-(7|17|18|19|20)|5-(32|80|82|83|90|96)-[\d-]+)$/;
/** Domains that are names for the computer itself (English names; localised Windows is caught by the SID). */
const LOCAL_DOMAINS = new Set(['NT AUTHORITY', 'NT SERVICE', 'WINDOW MANAGER', 'FONT DRIVER HOST', 'BUILTIN', 'IIS APPPOOL', 'NT VIRTUAL MACHINE']);
/**
 * Logon ids every computer reuses for its own service sessions (SYSTEM 0x3e7, NETWORK SERVICE 0x3e4, LOCAL SERVICE
 * 0x3e5) or that mean "none": they link nothing.
 */
const SHARED_SESSIONS = new Set(['0x0', '0x3e7', '0x3e4', '0x3e5']);
/** A 4672 and the 4624 of the same logon are logged within milliseconds; logon ids recur after a reboot. */
const SESSION_MS = 60_000;
/** Per-import memory bounds: hostile logs invent endless accounts, sessions and domains; the case file stays the truth. */
const MAX_ENTRIES = 200_000;

interface Session {
  node: number;
  user: string;
  domain: string;
  ts: number;
}

export class AccountResolver {
  /** `domain\user\0sid` → node, for accounts already resolved in this import. */
  private readonly resolved = new Map<string, number>();
  /** `host\0logonId` → the account that holds the session. */
  private readonly sessions = new Map<string, Session>();
  /** Domain names (lower case) known to be one domain, as a union-find: name → parent name. */
  private readonly domainParent = new Map<string, string>();
  /** Union-find root → every name of that domain. */
  private readonly domainNames = new Map<string, Set<string>>();
  /** Domain SID → the first domain name seen with it. */
  private readonly domainBySid = new Map<string, string>();

  private readonly w: CaseWriter;

  constructor(w: CaseWriter) {
    this.w = w;
  }

  /** The node of `a`, as seen in an event logged by `computer` at `ts`; created when new. */
  node(a: Account, computer: string | null, ts: number, locator: string): number {
    const host = (computer ?? 'unknown').toLowerCase();
    const user = a.user.toLowerCase();
    const domain = (a.domain ?? '').toLowerCase();
    const local = isLocalAccount(a);
    const sid = a.sid && (DOMAIN_ACCOUNT_SID.test(a.sid) || ENTRA_ACCOUNT_SID.test(a.sid)) ? a.sid : null;
    const cacheKey = local ? `L${domain}\\${user}@${host}` : `D${domain}\\${user}\0${sid ?? ''}`;
    let id = this.resolved.get(cacheKey);
    if (id === undefined) {
      // Learnt before the lookup, so this very event can find the account under the domain's other name.
      if (sid) this.learnDomain(domain, sid);
      id = local ? this.localNode(a, host, computer ?? 'unknown', locator) : this.domainNode(a, domain, user, sid, host, ts, locator);
      if (this.resolved.size > MAX_ENTRIES) this.resolved.clear();
      this.resolved.set(cacheKey, id);
    }
    if (!local && a.logonId && !SHARED_SESSIONS.has(a.logonId)) {
      if (this.sessions.size > MAX_ENTRIES) this.sessions.clear();
      this.sessions.set(`${host}\0${a.logonId}`, { node: id, user, domain, ts });
    }
    return id;
  }

  /** SYSTEM, LOCAL SERVICE, DWM-1, ANONYMOUS LOGON…: one account per computer, never merged across computers. */
  private localNode(a: Account, host: string, computer: string, locator: string): number {
    const key = `windows:${(a.domain ?? '').toLowerCase()}\\${a.user.toLowerCase()}@${host}`;
    const found = this.w.find(key);
    if (found !== undefined) return found;
    return this.w.upsertNode(
      {
        key,
        kind: 'identity',
        subkind: subkindOf(a, true),
        name: `${a.domain ? `${a.domain}\\` : ''}${a.user}@${computer}`,
        provider: 'windows',
        props: a.sid ? { sid: a.sid, host: computer } : { host: computer },
      },
      locator,
    );
  }

  private domainNode(a: Account, domain: string, user: string, sid: string | null, host: string, ts: number, locator: string): number {
    const w = this.w;
    const nameKey = `windows:${domain}\\${user}`;
    // The SID is the account: it wins over a name (renamed accounts keep their SID).
    let id = sid ? w.find(`windows:sid:${sid}`) : undefined;
    id ??= this.sameSession(a, host, user, domain, ts);
    id ??= w.find(nameKey);
    if (id === undefined) {
      for (const other of this.domainsLike(domain)) {
        if (other !== domain && (id = w.find(`windows:${other}\\${user}`)) !== undefined) break;
      }
    }
    if (id === undefined) {
      id = w.upsertNode(
        {
          key: nameKey,
          kind: 'identity',
          subkind: subkindOf(a, false),
          name: a.domain ? `${a.domain}\\${a.user}` : a.user,
          // A shared SID (a computer account logged as S-1-5-18) says nothing about this account: not kept.
          provider: 'windows',
          props: sid ? { sid } : null,
        },
        locator,
      );
    } else {
      this.completePlaceholder(id, a, locator);
      // This spelling of the name now finds the same node (first claim wins if it already names another).
      w.alias(nameKey, id);
    }
    if (sid) w.alias(`windows:sid:${sid}`, id);
    return id;
  }

  /**
   * The account that holds this logon session on this computer, when it is the same user name seen moments ago
   * (a 4672 and its 4624): the two events spell the domain differently, so the two names are one domain.
   */
  private sameSession(a: Account, host: string, user: string, domain: string, ts: number): number | undefined {
    if (!a.logonId || SHARED_SESSIONS.has(a.logonId)) return undefined;
    const s = this.sessions.get(`${host}\0${a.logonId}`);
    if (!s || s.user !== user || Math.abs(s.ts - ts) > SESSION_MS) return undefined;
    if (s.domain !== domain && domain && s.domain) this.sameDomain(s.domain, domain);
    return s.node;
  }

  /** A domain account SID ties the domain name it was written with to the domain (its SID minus the RID). */
  private learnDomain(domain: string, sid: string): void {
    const m = DOMAIN_ACCOUNT_SID.exec(sid);
    if (!m || !domain) return;
    const first = this.domainBySid.get(m[1]);
    if (first === undefined) {
      if (this.domainBySid.size > MAX_ENTRIES) this.domainBySid.clear();
      this.domainBySid.set(m[1], domain);
    } else if (first !== domain) this.sameDomain(first, domain);
  }

  private root(d: string): string {
    let r = d;
    for (let p = this.domainParent.get(r); p !== undefined && p !== r; p = this.domainParent.get(r)) r = p;
    return r;
  }

  private sameDomain(a: string, b: string): void {
    const ra = this.root(a);
    const rb = this.root(b);
    if (ra === rb) return;
    if (this.domainParent.size > MAX_ENTRIES) {
      this.domainParent.clear();
      this.domainNames.clear();
    }
    const names = this.domainNames.get(ra) ?? new Set([ra]);
    for (const n of this.domainNames.get(rb) ?? [rb]) names.add(n);
    this.domainParent.set(rb, ra);
    this.domainParent.set(ra, ra);
    this.domainNames.set(ra, names);
    this.domainNames.delete(rb);
  }

  /** Every name of the domain `d` is known by in this import (at least `d`). */
  private domainsLike(d: string): Iterable<string> {
    return this.domainNames.get(this.root(d)) ?? [d];
  }

  /**
   * A node another source only referred to (a placeholder) gets this account's name and kind. A node of another
   * provider that an alias led to keeps what its own importer said.
   */
  private completePlaceholder(id: number, a: Account, locator: string): void {
    const row = nodeKeyAndUnresolved(this.w.db, id);
    if (!row?.unresolved || !row.key.startsWith('windows:')) return;
    this.w.upsertNode(
      {
        key: row.key,
        kind: 'identity',
        subkind: subkindOf(a, false),
        name: a.domain ? `${a.domain}\\${a.user}` : a.user,
        provider: 'windows',
        props: a.sid && !LOCAL_SID.test(a.sid) ? { sid: a.sid } : null,
      },
      locator,
    );
  }
}

/**
 * An account that exists on each computer separately. Computer accounts (`NAME$`) are logged with S-1-5-18 when
 * SYSTEM acts as the computer, but they are domain accounts with unique names, so they are never local.
 */
export function isLocalAccount(a: Account): boolean {
  if (LOCAL_DOMAINS.has((a.domain ?? '').toUpperCase())) return true;
  return a.sid !== null && LOCAL_SID.test(a.sid) && !a.user.endsWith('$');
}

function subkindOf(a: Account, local: boolean): string | null {
  if (a.user.toUpperCase() === 'ANONYMOUS LOGON' || a.sid === 'S-1-5-7') return null;
  if (a.user.endsWith('$')) return 'workload';
  return local ? 'service_account' : 'human';
}
