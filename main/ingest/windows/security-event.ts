// One Windows Security event (4624 logon, 4625 failed logon, 4648 explicit credentials, 4672 special privileges),
// normalised from Winlogbeat/Elastic (winlog.event_data), Log Analytics SecurityEvent rows (flat PascalCase),
// NXLog/HELK flat records (OTRF "Mordor" datasets: EventID, Channel, Hostname) and EVTX-to-JSON dumps
// (Event.System / Event.EventData). Pure: no case writes.
import { field, jsonValue, rec, RecordError, requireMillis, str, type Rec } from '../entra/json-log.ts';

export const EVENT_IDS = new Set([4624, 4625, 4648, 4672]);

/** Logon types (MS docs, event 4624). 2, 10 and 11 put a person at a keyboard or screen: interactive. */
export const LOGON_TYPES: Record<string, string> = {
  2: 'Interactive',
  3: 'Network',
  4: 'Batch',
  5: 'Service',
  7: 'Unlock',
  8: 'NetworkCleartext',
  9: 'NewCredentials',
  10: 'RemoteInteractive',
  11: 'CachedInteractive',
  12: 'CachedRemoteInteractive',
  13: 'CachedUnlock',
};
const INTERACTIVE = new Set(['2', '10', '11', '12']);

/** Common NTSTATUS codes of failed logons. */
const STATUS: Record<string, string> = {
  '0xc0000064': 'user name does not exist',
  '0xc000006a': 'wrong password',
  '0xc000006d': 'bad user name or password',
  '0xc0000234': 'account locked out',
  '0xc0000072': 'account disabled',
  '0xc000006f': 'outside allowed hours',
  '0xc0000070': 'workstation restriction',
  '0xc0000193': 'account expired',
  '0xc0000071': 'password expired',
  '0xc0000133': 'clock skew',
  '0xc0000224': 'password must change',
  '0xc000015b': 'logon type not granted',
};

export interface Account {
  domain: string | null;
  user: string;
  sid: string | null;
  /** The logon session on the event's computer (SubjectLogonId / TargetLogonId), when the event names one. */
  logonId: string | null;
}

export interface SecurityEvent {
  id: number;
  ts: number;
  computer: string | null;
  subject: Account | null;
  target: Account | null;
  ip: string | null;
  logonType: string | null;
  interactive: boolean | null;
  targetServer: string | null;
  props: Record<string, unknown>;
}

/**
 * The event log channel a record came from (Security, Microsoft-Windows-Sysmon/Operational…), whatever the shape;
 * null when the export does not say (older Log Analytics tables, bare event data).
 */
export function channelOf(r: Rec): string | null {
  return str(rec(r.winlog)?.channel) ?? str(field(r, 'Channel', 'log_name')) ?? str(field(rec(rec(r.Event)?.System), 'Channel'));
}

/** The event's provider (Microsoft-Windows-Security-Auditing…), whatever the shape; null when the export does not say. */
export function providerOf(r: Rec): string | null {
  const provider = rec(rec(rec(r.Event)?.System)?.Provider);
  return (
    str(rec(r.winlog)?.provider_name) ??
    str(field(r, 'SourceName', 'ProviderName', 'EventSourceName', 'source_name')) ??
    str(rec(provider?.['#attributes'])?.Name ?? provider?.Name)
  );
}

/**
 * A record this format models: one of its event ids, from the Security log. Mixed exports (NXLog/HELK, Winlogbeat
 * with several channels) carry other logs whose event ids can collide with ours, so a named channel must be Security,
 * or the collector's ForwardedEvents log (Windows Event Forwarding; Winlogbeat then names the log it read) with an
 * event the Security-Auditing provider wrote.
 */
export function isSecurityLogon(r: Rec): boolean {
  const id = eventId(r);
  if (id === null || !EVENT_IDS.has(id)) return false;
  const channel = channelOf(r)?.toLowerCase() ?? null;
  if (channel === null || channel === 'security') return true;
  return channel === 'forwardedevents' && /Security-Auditing/i.test(providerOf(r) ?? 'Security-Auditing');
}

/** The event id, from whichever shape the record has; null when it has none. */
export function eventId(r: Rec): number | null {
  const winlog = rec(r.winlog);
  const system = rec(rec(r.Event)?.System);
  const raw = winlog?.event_id ?? rec(r.event)?.code ?? field(r, 'EventID', 'EventId', 'event_id') ?? (system ? field(system, 'EventID') : undefined);
  const v = typeof raw === 'object' && raw !== null ? ((raw as Rec)['#text'] ?? (raw as Rec).Value) : raw;
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
}

export function readSecurityEvent(r: Rec): SecurityEvent {
  const id = eventId(r)!;
  const winlog = rec(r.winlog);
  const event = rec(r.Event);
  const system = rec(event?.System);
  const data = rec(winlog?.event_data) ?? rec(jsonValue(event?.EventData)) ?? rec(jsonValue(field(r, 'EventData'))) ?? r;
  const get = (name: string): string | null => {
    const v = str(field(data, name)) ?? str(field(r, name));
    return v === '-' ? null : v;
  };
  const timeCreated = rec(system?.TimeCreated);
  const ts = requireMillis(
    r['@timestamp'] ??
      winlog?.time_created ??
      field(r, 'TimeGenerated', 'TimeCreated') ??
      rec(timeCreated?.['#attributes'])?.SystemTime ??
      timeCreated?.SystemTime,
    '@timestamp / TimeGenerated',
  );
  const subject = account(
    get('SubjectUserName'),
    get('SubjectDomainName'),
    get('SubjectUserSid'),
    id === 4672 ? (get('Account') ?? get('SubjectAccount')) : get('SubjectAccount'),
    get('SubjectLogonId'),
  );
  const target = account(
    get('TargetUserName'),
    get('TargetDomainName'),
    get('TargetUserSid') ?? get('TargetSid'),
    id === 4672 ? null : (get('TargetAccount') ?? get('Account')),
    get('TargetLogonId'),
  );
  const logonType = get('LogonType');
  const status = (get('SubStatus') && get('SubStatus') !== '0x0' ? get('SubStatus') : get('Status'))?.toLowerCase() ?? null;
  if (id !== 4672 && id !== 4648 && !target) throw new RecordError(`event ${id} without a target account`);
  if ((id === 4672 || id === 4648) && !subject) throw new RecordError(`event ${id} without a subject account`);
  return {
    id,
    ts,
    subject,
    target,
    logonType,
    computer: computerOf(r, winlog, system),
    ip: get('IpAddress'),
    interactive: logonType ? INTERACTIVE.has(logonType) : null,
    targetServer: get('TargetServerName'),
    props: compact({
      eventId: id,
      logonType: logonType ? Number(logonType) : undefined,
      logonTypeName: logonType && Object.hasOwn(LOGON_TYPES, logonType) ? LOGON_TYPES[logonType] : undefined,
      authenticationPackage: get('AuthenticationPackageName'),
      logonProcess: get('LogonProcessName'),
      workstation: get('WorkstationName'),
      ipPort: get('IpPort'),
      process: get('ProcessName'),
      elevatedToken: get('ElevatedToken'),
      logonId: get('TargetLogonId') ?? get('SubjectLogonId'),
      status,
      statusMeaning: status && Object.hasOwn(STATUS, status) ? STATUS[status] : undefined,
      failureReason: get('FailureReason'),
      privileges: get('PrivilegeList')?.split(/\s+/).filter(Boolean),
      targetInfo: get('TargetInfo'),
    }),
  };
}

/**
 * The computer that logged the event: the host logged on to (4624/4625/4672) or the one the credentials were used
 * from (4648). NXLog/HELK name it `Hostname` (older HELK pipelines `host_name`/`computer_name`); their `host` is a
 * plain string naming the collector that forwarded the event, never the computer, so only ECS's `host.name` object
 * is read.
 */
function computerOf(r: Rec, winlog: Rec | null, system: Rec | null): string | null {
  return (
    str(winlog?.computer_name) ??
    str(field(r, 'Computer', 'Hostname', 'host_name', 'computer_name')) ??
    str(rec(r.host)?.name) ??
    str(system ? field(system, 'Computer') : null)
  );
}

/** DOMAIN\user from separate fields, or from a combined "DOMAIN\user" column (Log Analytics `Account`). */
function account(user: string | null, domain: string | null, sid: string | null, combined: string | null, logonId: string | null): Account | null {
  if (!user && combined) {
    const slash = combined.lastIndexOf('\\');
    return account(slash >= 0 ? combined.slice(slash + 1) : combined, slash >= 0 ? combined.slice(0, slash) : null, sid, null, logonId);
  }
  if (!user) return null;
  // SIDs are case-insensitive; upper case keeps one alias per SID however an exporter wrote it.
  const s = sid?.toUpperCase();
  return { user, domain, sid: s && s !== 'S-1-0-0' && s !== 'NULL SID' ? s : null, logonId: logonId?.toLowerCase() ?? null };
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
