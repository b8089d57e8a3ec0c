// Windows Security logon events (4624, 4625, 4648, 4672) as JSON or NDJSON from Winlogbeat / Elastic, Log Analytics
// SecurityEvent exports, NXLog/HELK flat records (OTRF "Mordor" datasets, every channel mixed) and EVTX-to-JSON
// dumps. Identities are `windows:<domain>\<user>` (lower case; the SID and every other spelling of the domain are
// aliases; computer-local accounts such as SYSTEM are `windows:<domain>\<user>@<computer>`), hosts
// `windows:host:<computer>`. Other event ids and other channels in the same export are not rows of this format.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { normaliseIp } from '../normalise.ts';
import { field, forEachJsonRecord, locatorNumber, rec, sampleRecords, SeenOnce, str, type Rec } from '../entra/json-log.ts';
import type { CaseWriter } from '../writer.ts';
import { AccountResolver } from './accounts.ts';
import { channelOf, EVENT_IDS, eventId, isSecurityLogon, providerOf, readSecurityEvent } from './security-event.ts';

export const windowsSecurityImporter: Importer = {
  name: 'windows-security',
  description: 'Windows Security logon events 4624/4625/4648/4672 (Winlogbeat, Log Analytics SecurityEvent, NXLog/HELK, EVTX JSON)',
  detect,
  run,
};

const WINDOWS_KEYS = /"(winlog|computer|channel|log_name|system|targetusername|subjectusername)"\s*:|SecurityEvent/i;

/** Records of the sample looked at: a 64 KiB sample holds a few dozen to a few hundred event records. */
const SAMPLED = 1000;
/** Event log channel names: the classic logs and `Provider/Operational`-style ones (Sysmon, PowerShell, TaskScheduler…). */
const CHANNEL =
  /^(Security|System|Application|Setup|ForwardedEvents|Windows PowerShell|HardwareEvents)$|^Microsoft-Windows-[^/]{1,120}\/[^/]{1,60}$/i;

/**
 * Any record of the sample can make the case: mixed exports put Sysmon, PowerShell and Security events in one
 * file, in time order. A Security event decides at once; failing one, a file of flat NXLog/HELK (or Winlogbeat,
 * EVTX) event log records is still this format, less surely: its 64 KiB sample may hold only Sysmon events.
 */
function detect(sample: Sample): Detection | null {
  // Every shape below names one of these keys (or the SecurityEvent type); a sample with none of them is not a
  // Windows log, and saying so at once spares cutting and parsing its records (a folder of thousands of other logs).
  if (!WINDOWS_KEYS.test(sample.head)) return null;
  let weak: Detection | null = null;
  for (const r of sampleRecords(sample.head, SAMPLED)) {
    const strong = securityRecord(r);
    if (strong) return strong;
    weak ??= eventLogRecord(r);
  }
  return weak;
}

function securityRecord(r: Rec): Detection | null {
  const winlog = rec(r.winlog);
  if (winlog && (str(winlog.channel) === 'Security' || /Security-Auditing/.test(str(winlog.provider_name) ?? ''))) {
    return { confidence: 0.95, reason: 'Winlogbeat Windows Security events (winlog.channel Security)' };
  }
  if (
    field(r, 'EventID') !== undefined &&
    (str(field(r, 'Type')) === 'SecurityEvent' || (field(r, 'Computer') !== undefined && field(r, 'Activity') !== undefined))
  ) {
    return { confidence: 0.95, reason: 'Log Analytics SecurityEvent rows (EventID, Computer, Activity)' };
  }
  const system = rec(rec(r.Event)?.System);
  if (system && /Security-Auditing/.test(JSON.stringify(system.Provider ?? ''))) {
    return { confidence: 0.9, reason: 'EVTX JSON Security-Auditing events (Event.System)' };
  }
  const id = eventId(r);
  if (id === null || winlog || system) return null;
  const channel = channelOf(r)?.toLowerCase() ?? null;
  const auditing = /Security-Auditing/i.test(providerOf(r) ?? '');
  if ((channel === 'security' && (auditing || EVENT_IDS.has(id))) || (channel === 'forwardedevents' && auditing)) {
    return { confidence: 0.95, reason: 'NXLog/HELK flat Windows Security events (EventID, Channel Security)' };
  }
  // Flat records with no channel named: a logon event id with the Security log's own account fields.
  if (
    channel === null &&
    EVENT_IDS.has(id) &&
    field(r, 'TargetUserName', 'SubjectUserName') !== undefined &&
    field(r, 'TargetUserSid', 'SubjectUserSid', 'TargetLogonId', 'SubjectLogonId') !== undefined
  ) {
    return { confidence: 0.9, reason: `flat Windows Security event ${id} (account name, SID and logon id fields)` };
  }
  return null;
}

/** A Windows event log record of another channel, in a shape this importer reads. */
function eventLogRecord(r: Rec): Detection | null {
  if (eventId(r) === null) return null;
  const channel = channelOf(r);
  if (!channel || !CHANNEL.test(channel)) return null;
  const computer =
    field(r, 'Hostname', 'Computer', 'host_name', 'computer_name') ?? rec(r.winlog)?.computer_name ?? rec(rec(r.Event)?.System)?.Computer;
  if (typeof computer !== 'string') return null;
  return {
    confidence: 0.75,
    reason: `Windows event log export (EventID, Channel ${JSON.stringify(channel.slice(0, 60))}, computer); no Security logon event in the sample`,
  };
}

const ACTIONS: Record<number, string> = {
  4624: 'windows:logon',
  4625: 'windows:logon failed',
  4648: 'windows:explicit credentials',
  4672: 'windows:special privileges',
};

async function run(ctx: ImportContext): Promise<void> {
  const once = new SeenOnce();
  const w = ctx.writer;
  const accounts = new AccountResolver(w);
  await forEachJsonRecord(
    ctx,
    (r, locator, index) => {
      const e = readSecurityEvent(r);
      // The computer that logged the event is the host logged on to: the event's target (4648: where it came from).
      const hostName = (e.computer ?? 'unknown').toLowerCase();
      const hostKey = `windows:host:${hostName}`;
      const host = once.first(hostKey) ? hostNode(w, e.computer, hostName, locator) : w.ref(hostKey, 'system', 'host', locator);
      const actor = e.id === 4624 || e.id === 4625 ? e.target! : e.subject!;
      const identity = accounts.node(actor, e.computer, e.ts, locator);
      let target = host;
      let targetText = hostKey;
      if (e.id === 4648 && e.target) {
        // Explicit credentials: the subject holds the target account's password, so can become it (unless it is
        // the same account, e.g. a tool passing the user's own credentials to a remote session).
        const other = accounts.node(e.target, e.computer, e.ts, locator);
        if (other !== identity)
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
        ts: e.ts,
        identity,
        credential: null,
        ip: normaliseIp(e.ip),
        userAgent: null,
        action: ACTIONS[e.id],
        target,
        targetText,
        outcome: e.id === 4625 ? 0 : 1,
        locator: locatorNumber(locator, index),
        props: {
          ...e.props,
          interactive: e.interactive ?? undefined,
          account: `${actor.domain ?? ''}\\${actor.user}`,
          targetAccount: e.id === 4648 && e.target ? `${e.target.domain ?? ''}\\${e.target.user}` : undefined,
          targetServer: e.targetServer ?? undefined,
        },
      });
    },
    { accept: isSecurityLogon },
  );
}

/**
 * NetBIOS computer names are at most 15 characters and not all digits: a longer or numeric first label (an IP
 * address written as the computer) is not a name another event could use.
 */
const NETBIOS = /^(?=.*[a-z])[a-z0-9!@#$%^&()\-_'{}~]{1,15}$/;

/**
 * The host node, with its NetBIOS name (the first label of its DNS name) as an alias: a 4648 names the server it
 * logs on to as WORKSTATION6 where that server's own events say WORKSTATION6.theshire.local. First claim wins.
 */
function hostNode(w: CaseWriter, computer: string | null, hostName: string, locator: string): number {
  const id = w.upsertNode({ key: `windows:host:${hostName}`, kind: 'system', subkind: 'host', name: computer, provider: 'windows' }, locator);
  const dot = hostName.indexOf('.');
  const short = dot > 0 ? hostName.slice(0, dot) : '';
  if (NETBIOS.test(short)) w.alias(`windows:host:${short}`, id);
  return id;
}
