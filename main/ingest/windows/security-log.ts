// Windows Security logon events (4624, 4625, 4648, 4672) as JSON or NDJSON from Winlogbeat / Elastic, Log Analytics
// SecurityEvent exports and EVTX-to-JSON dumps. Identities are `windows:<domain>\<user>` (lower case; the SID is an
// alias), hosts `windows:host:<computer>`. Other event ids in the same export are not rows of this format.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { normaliseIp } from '../normalise.ts';
import { field, firstRecord, forEachJsonRecord, locatorNumber, rec, SeenOnce, str } from '../entra/json-log.ts';
import type { CaseWriter } from '../writer.ts';
import { EVENT_IDS, eventId, readSecurityEvent, type Account } from './security-event.ts';

export const windowsSecurityImporter: Importer = {
  name: 'windows-security',
  description: 'Windows Security logon events 4624/4625/4648/4672 (Winlogbeat, Log Analytics SecurityEvent, EVTX JSON)',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const r = firstRecord(sample.head);
  if (!r) return null;
  const winlog = rec(r.winlog);
  if (winlog && (str(winlog.channel) === 'Security' || /Security-Auditing/.test(str(winlog.provider_name) ?? ''))) {
    return { confidence: 0.95, reason: 'Winlogbeat Windows Security events (winlog.channel Security)' };
  }
  if (field(r, 'EventID') !== undefined && (str(field(r, 'Type')) === 'SecurityEvent' || (field(r, 'Computer') !== undefined && field(r, 'Activity') !== undefined))) {
    return { confidence: 0.95, reason: 'Log Analytics SecurityEvent rows (EventID, Computer, Activity)' };
  }
  const system = rec(rec(r.Event)?.System);
  if (system && /Security-Auditing/.test(JSON.stringify(system.Provider ?? ''))) {
    return { confidence: 0.9, reason: 'EVTX JSON Security-Auditing events (Event.System)' };
  }
  return null;
}

const ACTIONS: Record<number, string> = { 4624: 'windows:logon', 4625: 'windows:logon failed', 4648: 'windows:explicit credentials', 4672: 'windows:special privileges' };

async function run(ctx: ImportContext): Promise<void> {
  const once = new SeenOnce();
  const w = ctx.writer;
  await forEachJsonRecord(ctx, (r, locator, index) => {
    const e = readSecurityEvent(r);
    const hostName = (e.computer ?? 'unknown').toLowerCase();
    const hostKey = `windows:host:${hostName}`;
    const host = once.first(hostKey) ? w.upsertNode({ key: hostKey, kind: 'system', subkind: 'host', name: e.computer, provider: 'windows' }, locator) : w.ref(hostKey, 'system', 'host', locator);
    const actor = e.id === 4624 || e.id === 4625 ? e.target! : e.subject!;
    const identity = accountNode(w, once, actor, locator);
    let target = host;
    let targetText = hostKey;
    if (e.id === 4648 && e.target) {
      // Explicit credentials: the subject holds the target account's password, so can become it.
      const other = accountNode(w, once, e.target, locator);
      w.edge({ src: identity, dst: other, kind: 'can_assume', props: { observed: 'explicit credentials (4648)' } }, locator);
      const server = e.targetServer?.toLowerCase();
      if (server && server !== 'localhost' && server !== hostName) {
        targetText = `windows:host:${server}`;
        target = w.ref(targetText, 'system', 'host', locator);
      }
    }
    if (e.id === 4624 && once.first(`access:${identity}:${host}`)) {
      w.edge({ src: identity, dst: host, kind: 'access', privilege: 1, props: { observed: 'logon (4624)' } }, locator);
    }
    if (e.id === 4672) {
      // Privileges such as SeDebugPrivilege or SeTcbPrivilege at logon make the account an administrator of the host.
      w.edge({ src: identity, dst: host, kind: 'access', privilege: 3, props: { observed: 'special privileges at logon (4672)' } }, locator);
    }
    w.event({
      ts: e.ts, identity, credential: null, ip: normaliseIp(e.ip), userAgent: null, action: ACTIONS[e.id], target, targetText,
      outcome: e.id === 4625 ? 0 : 1, locator: locatorNumber(locator, index),
      props: { ...e.props, interactive: e.interactive ?? undefined, account: `${actor.domain ?? ''}\\${actor.user}`,
        targetAccount: e.id === 4648 && e.target ? `${e.target.domain ?? ''}\\${e.target.user}` : undefined, targetServer: e.targetServer ?? undefined },
    });
  }, { accept: (r) => EVENT_IDS.has(eventId(r) ?? 0) });
}

function accountNode(w: CaseWriter, once: SeenOnce, a: Account, locator: string): number {
  const key = `windows:${(a.domain ?? '').toLowerCase()}\\${a.user.toLowerCase()}`;
  if (!once.first(key)) return w.ref(key, 'identity', null, locator);
  const domain = (a.domain ?? '').toUpperCase();
  const subkind = a.user.endsWith('$') ? 'workload'
    : domain === 'NT AUTHORITY' || domain === 'WINDOW MANAGER' || domain === 'FONT DRIVER HOST' ? 'service_account'
      : a.user.toUpperCase() === 'ANONYMOUS LOGON' ? null : 'human';
  const id = w.upsertNode({ key, kind: 'identity', subkind, name: a.domain ? `${a.domain}\\${a.user}` : a.user, provider: 'windows', props: a.sid ? { sid: a.sid } : null }, locator);
  if (a.sid) w.alias(`windows:sid:${a.sid}`, id);
  return id;
}
