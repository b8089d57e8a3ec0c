// Windows Security events from the OTRF Security-Datasets ("Mordor"): NXLog/HELK flat NDJSON with every channel
// mixed, and Log Analytics SecurityEvent rows; one identity per account however the domain is spelled; the computer
// that logged the event is its target host. The real samples are read from ../shared/fixtures (never copied here);
// the checks that need them are skipped, with a notice, when they are absent. The synthetic checks always run.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../main/ingest/detect.ts';
import { readSample } from '../../main/ingest/file-source.ts';
import { SHARED_FIXTURES, TestCase, tmpDir, writeFile } from '../helpers.ts';

const MORDOR = path.join(SHARED_FIXTURES, 'windows', 'otrf-covenant-psremoting-command.json.gz');
const GOLDEN_SAML = path.join(SHARED_FIXTURES, 'windows', 'otrf-goldensaml-windows-events.json');
const haveMordor = fs.existsSync(MORDOR);
const haveGoldenSaml = fs.existsSync(GOLDEN_SAML);
if (!haveMordor || !haveGoldenSaml)
  console.warn(`[windows-mordor] ${path.join(SHARED_FIXTURES, 'windows')} lacks the OTRF samples: skipping the checks on them`);

function events(t: TestCase) {
  return t.db
    .prepare(
      `SELECT a.value AS action, i.key AS identity, tg.key AS target, e.outcome
    FROM auth_event e LEFT JOIN term a ON a.id = e.action LEFT JOIN node i ON i.id = e.identity LEFT JOIN node tg ON tg.id = e.target
    ORDER BY e.ts, e.locator`,
    )
    .all() as { action: string; identity: string; target: string; outcome: number }[];
}
function keys(t: TestCase, kind: string): string[] {
  return t.db.prepare('SELECT key FROM node WHERE kind = ? ORDER BY key').pluck().all(kind) as string[];
}
function resolve(t: TestCase, name: string): string | undefined {
  return t.db
    .prepare(
      `SELECT coalesce((SELECT key FROM node WHERE key = ?),
    (SELECT n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = ?))`,
    )
    .pluck()
    .get(name, name) as string | undefined;
}
function countBy<T>(xs: T[], f: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[f(x)] = (out[f(x)] ?? 0) + 1;
  return out;
}

describe.skipIf(!haveMordor)('windows-security: NXLog/HELK Mordor dataset (covenant PSRemoting)', () => {
  // Counted from the raw file (4,284 records): Channel "Security" with EventID 4624: 16, 4672: 13, 4648: 5; no 4625.
  // Everything else (Sysmon, PowerShell, other Security ids) is not a row of this format.
  it('detects the mixed-channel file by its Security records and imports the 34 logon events', async () => {
    const sample = await readSample(MORDOR, path.basename(MORDOR));
    const { importer, reason, candidates } = detectFormat(sample);
    expect(importer.name).toBe('windows-security');
    expect(reason).toMatch(/NXLog\/HELK flat Windows Security/);
    expect(candidates[0].confidence).toBe(0.95);

    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [MORDOR] });
    expect(sources[0]).toMatchObject({ format: 'windows-security', rows: 34, loaded: 34, rejected: 0 });
    const ev = events(t);
    expect(ev.length).toBe(34);
    expect(countBy(ev, (e) => e.action)).toEqual({ 'windows:logon': 16, 'windows:special privileges': 13, 'windows:explicit credentials': 5 });

    // THESHIRE\pgustavo (4672, 4648 subject) and THESHIRE.LOCAL\pgustavo (4624, 4648 target) are one SID, one node;
    // so is MORDORDC$ (4672 THESHIRE, 4624 THESHIRE.LOCAL, same logon session). SYSTEM is WORKSTATION6's own.
    expect(keys(t, 'identity')).toEqual([
      'windows:nt authority\\system@workstation6.theshire.local',
      'windows:theshire.local\\wec$',
      'windows:theshire.local\\workstation5$',
      'windows:theshire.local\\workstation6$',
      'windows:theshire\\mordordc$',
      'windows:theshire\\pgustavo',
    ]);
    expect(resolve(t, 'windows:theshire.local\\pgustavo')).toBe('windows:theshire\\pgustavo');
    expect(resolve(t, 'windows:sid:S-1-5-21-1363495622-3806888128-621328882-1104')).toBe('windows:theshire\\pgustavo');
    expect(resolve(t, 'windows:theshire.local\\mordordc$')).toBe('windows:theshire\\mordordc$');
    // S-1-5-18 is every computer's SYSTEM: never an alias of one account.
    expect(resolve(t, 'windows:sid:S-1-5-18')).toBeNull();
    expect(countBy(ev, (e) => e.identity)).toEqual({
      'windows:theshire\\pgustavo': 15,
      'windows:theshire\\mordordc$': 14,
      'windows:nt authority\\system@workstation6.theshire.local': 2,
      'windows:theshire.local\\wec$': 1,
      'windows:theshire.local\\workstation5$': 1,
      'windows:theshire.local\\workstation6$': 1,
    });

    // Hostname (not `host`, the collector that forwarded the events) is the host logged on to; the 4648s name
    // their server WORKSTATION6, the same host.
    expect(keys(t, 'system')).toEqual([
      'windows:host:mordordc.theshire.local',
      'windows:host:workstation5.theshire.local',
      'windows:host:workstation6.theshire.local',
    ]);
    expect(countBy(ev, (e) => e.target)).toEqual({ 'windows:host:mordordc.theshire.local': 17, 'windows:host:workstation6.theshire.local': 17 });
    expect(ev.filter((e) => e.action === 'windows:explicit credentials').map((e) => e.target)).toEqual(
      Array(5).fill('windows:host:workstation6.theshire.local'),
    );
    // pgustavo passing his own credentials is no can_assume edge to himself.
    expect(t.db.prepare(`SELECT count(*) FROM edge WHERE kind = 'can_assume'`).pluck().get()).toBe(0);
    expect(
      t.db
        .prepare(
          `SELECT s.key || ' ' || e.privilege FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      WHERE e.kind = 'access' AND d.key = 'windows:host:workstation6.theshire.local' ORDER BY 1`,
        )
        .pluck()
        .all(),
    ).toEqual(['windows:nt authority\\system@workstation6.theshire.local 3', 'windows:theshire\\pgustavo 3']);
    t.close();
  });

  it('still detects it when the first 64 KiB hold only Sysmon records', async () => {
    const lines = zlib
      .gunzipSync(fs.readFileSync(MORDOR))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim());
    const isSecurity = (l: string) => JSON.parse(l).Channel === 'Security';
    const sysmon = lines.filter((l) => JSON.parse(l).Channel === 'Microsoft-Windows-Sysmon/Operational');
    const first = new Set(sysmon);
    const file = writeFile(tmpDir(), 'sysmon-first.json', [...sysmon, ...lines.filter((l) => !first.has(l))].join('\n') + '\n');
    const sample = await readSample(file, 'sysmon-first.json');
    expect(sample.head.length).toBe(64 * 1024);
    expect(
      sample.head
        .split('\n')
        .slice(0, -1)
        .every((l) => !isSecurity(l)),
    ).toBe(true);
    const { importer, candidates } = detectFormat(sample);
    expect(importer.name).toBe('windows-security');
    expect(candidates.map((c) => [c.format, c.confidence])).toEqual([['windows-security', 0.75]]);

    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [file] });
    expect(sources[0]).toMatchObject({ format: 'windows-security', rows: 34, loaded: 34, rejected: 0 });
    t.close();
  });
});

describe.skipIf(!haveGoldenSaml)('windows-security: Log Analytics SecurityEvent (golden SAML)', () => {
  // Counted from the raw file (38 rows): 28 are EventID 4624 (Channel Security); 4662, AD FS 412/501 and rows of
  // other tables are not rows of this format. cjones logs on 14 times: 13 as SIMULANDLABS.COM\cjones, once as
  // SIMULANDLABS\cjones, always S-1-5-21-2490359158-13971675-3780420524-1106.
  it('imports the 28 logons with one node for cjones and the computer as target', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [GOLDEN_SAML] });
    expect(sources[0]).toMatchObject({ format: 'windows-security', rows: 28, loaded: 28, rejected: 0 });
    const ev = events(t);
    expect(ev.length).toBe(28);
    expect(keys(t, 'identity')).toEqual([
      'windows:simulandlabs.com\\adfsadmin',
      'windows:simulandlabs.com\\cjones',
      'windows:simulandlabs.com\\msol_2826475d0356',
      'windows:simulandlabs.com\\wardog',
      'windows:simulandlabs\\pgustavo',
    ]);
    expect(resolve(t, 'windows:simulandlabs\\cjones')).toBe('windows:simulandlabs.com\\cjones');
    expect(resolve(t, 'windows:sid:S-1-5-21-2490359158-13971675-3780420524-1106')).toBe('windows:simulandlabs.com\\cjones');
    expect(countBy(ev, (e) => e.identity)).toEqual({
      'windows:simulandlabs.com\\cjones': 14,
      'windows:simulandlabs.com\\wardog': 7,
      'windows:simulandlabs.com\\adfsadmin': 3,
      'windows:simulandlabs\\pgustavo': 2,
      'windows:simulandlabs.com\\msol_2826475d0356': 2,
    });
    expect(countBy(ev, (e) => e.target)).toEqual({ 'windows:host:dc01.simulandlabs.com': 24, 'windows:host:adfs01.simulandlabs.com': 4 });

    // A later file where the account has been renamed lands on the same node: its SID is an alias in the case.
    await t.importText(
      'later.ndjson',
      JSON.stringify({
        EventID: 4624,
        Channel: 'Security',
        Hostname: 'WS-9.simulandlabs.com',
        '@timestamp': '2021-08-03T10:00:00Z',
        TargetUserName: 'carol.jones',
        TargetDomainName: 'SIMULANDLABS',
        TargetUserSid: 'S-1-5-21-2490359158-13971675-3780420524-1106',
        LogonType: 3,
      }) + '\n',
    );
    expect(t.db.prepare(`SELECT count(*) FROM node WHERE kind = 'identity'`).pluck().get()).toBe(5);
    expect(events(t).at(-1)).toMatchObject({ identity: 'windows:simulandlabs.com\\cjones', target: 'windows:host:ws-9.simulandlabs.com' });
    expect(resolve(t, 'windows:simulandlabs\\carol.jones')).toBe('windows:simulandlabs.com\\cjones');
    t.close();
  });
});

describe('windows-security: well-known SIDs and domain spellings (synthetic NXLog records)', () => {
  const rec = (o: Record<string, unknown>) =>
    JSON.stringify({
      Channel: 'Security',
      SourceName: 'Microsoft-Windows-Security-Auditing',
      '@timestamp': '2024-01-01T00:00:00Z',
      host: 'collector.example',
      ...o,
    });
  const DOMAIN_SID = 'S-1-5-21-111-222-333';

  it('keeps SYSTEM, ANONYMOUS LOGON and computer accounts apart across hosts, merges domain accounts by SID', async () => {
    const t = await TestCase.create();
    const text = [
      rec({
        EventID: 4672,
        Hostname: 'A.corp.example',
        SubjectUserName: 'SYSTEM',
        SubjectDomainName: 'NT AUTHORITY',
        SubjectUserSid: 'S-1-5-18',
        SubjectLogonId: '0x3e7',
      }),
      rec({
        EventID: 4672,
        Hostname: 'B.corp.example',
        SubjectUserName: 'SYSTEM',
        SubjectDomainName: 'NT AUTHORITY',
        SubjectUserSid: 'S-1-5-18',
        SubjectLogonId: '0x3e7',
      }),
      rec({
        EventID: 4624,
        Hostname: 'A.corp.example',
        TargetUserName: 'A$',
        TargetDomainName: 'CORP',
        TargetUserSid: 'S-1-5-18',
        TargetLogonId: '0x3e7',
        LogonType: 3,
      }),
      rec({
        EventID: 4624,
        Hostname: 'B.corp.example',
        TargetUserName: 'B$',
        TargetDomainName: 'CORP',
        TargetUserSid: 'S-1-5-18',
        TargetLogonId: '0x3e7',
        LogonType: 3,
      }),
      rec({
        EventID: 4624,
        Hostname: 'A.corp.example',
        TargetUserName: 'ANONYMOUS LOGON',
        TargetDomainName: 'NT AUTHORITY',
        TargetUserSid: 'S-1-5-7',
        LogonType: 3,
      }),
      rec({
        EventID: 4624,
        Hostname: 'B.corp.example',
        TargetUserName: 'ANONYMOUS LOGON',
        TargetDomainName: 'NT AUTHORITY',
        TargetUserSid: 'S-1-5-7',
        LogonType: 3,
      }),
      // Localised Windows: the domain is not "NT AUTHORITY", the SID still says SYSTEM.
      rec({ EventID: 4672, Hostname: 'C.corp.example', SubjectUserName: 'SYSTEM', SubjectDomainName: 'AUTORITE NT', SubjectUserSid: 's-1-5-18' }),
      // Two spellings of one account (SID), then a 4648 naming it without a SID under the NetBIOS name.
      rec({
        EventID: 4624,
        Hostname: 'A.corp.example',
        TargetUserName: 'alice',
        TargetDomainName: 'CORP.EXAMPLE',
        TargetUserSid: `${DOMAIN_SID}-1104`,
        LogonType: 3,
      }),
      rec({
        EventID: 4624,
        Hostname: 'B.corp.example',
        TargetUserName: 'Alice',
        TargetDomainName: 'CORP',
        TargetUserSid: `${DOMAIN_SID}-1104`,
        LogonType: 3,
      }),
      rec({
        EventID: 4648,
        Hostname: 'B.corp.example',
        SubjectUserName: 'bob',
        SubjectDomainName: 'CORP',
        SubjectUserSid: `${DOMAIN_SID}-1105`,
        TargetUserName: 'alice',
        TargetDomainName: 'CORP',
        TargetServerName: 'A',
      }),
      // Windows Event Forwarding: a Security-Auditing event read from the collector's ForwardedEvents log counts.
      rec({
        EventID: 4624,
        Channel: 'ForwardedEvents',
        Hostname: 'B.corp.example',
        TargetUserName: 'bob',
        TargetDomainName: 'CORP',
        TargetUserSid: `${DOMAIN_SID}-1105`,
        LogonType: 3,
      }),
      // Another log's or provider's event id 4624 is not a Security logon: left out, not counted.
      JSON.stringify({
        EventID: 4624,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Hostname: 'A.corp.example',
        '@timestamp': '2024-01-01T00:00:00Z',
      }),
      JSON.stringify({
        EventID: 4624,
        Channel: 'ForwardedEvents',
        SourceName: 'Some-Application',
        Hostname: 'A.corp.example',
        '@timestamp': '2024-01-01T00:00:00Z',
      }),
    ].join('\n');
    const s = await t.importText('mixed.ndjson', text + '\n');
    expect(s).toMatchObject({ format: 'windows-security', rows: 11, loaded: 11, rejected: 0 });
    expect(keys(t, 'identity')).toEqual([
      'windows:autorite nt\\system@c.corp.example',
      'windows:corp.example\\alice',
      'windows:corp\\a$',
      'windows:corp\\b$',
      'windows:corp\\bob',
      'windows:nt authority\\anonymous logon@a.corp.example',
      'windows:nt authority\\anonymous logon@b.corp.example',
      'windows:nt authority\\system@a.corp.example',
      'windows:nt authority\\system@b.corp.example',
    ]);
    expect(t.db.prepare(`SELECT count(*) FROM alias WHERE alias LIKE 'windows:sid:S-1-5-18' OR alias LIKE 'windows:sid:S-1-5-7'`).pluck().get()).toBe(
      0,
    );
    expect(resolve(t, 'windows:corp\\alice')).toBe('windows:corp.example\\alice');
    expect(
      t.db
        .prepare(
          `SELECT s.key || ' -> ' || d.key FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      WHERE e.kind = 'can_assume'`,
        )
        .pluck()
        .all(),
    ).toEqual(['windows:corp\\bob -> windows:corp.example\\alice']);
    // The collector named in `host` is no host of the case; the NetBIOS server name of the 4648 is host A.
    expect(keys(t, 'system')).toEqual(['windows:host:a.corp.example', 'windows:host:b.corp.example', 'windows:host:c.corp.example']);
    expect(
      events(t)
        .filter((e) => e.action === 'windows:explicit credentials')
        .map((e) => e.target),
    ).toEqual(['windows:host:a.corp.example']);
    t.close();
  });
});
