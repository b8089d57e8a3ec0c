// Windows Security events: logon types, failures with their status, explicit credentials, special privileges.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'windows');

function events(t: TestCase) {
  return t.db
    .prepare(
      `SELECT a.value AS action, i.key AS identity, tg.key AS target, COALESCE(address_text(e.ip), ip.value) AS ip, e.outcome, e.props
    FROM auth_event e LEFT JOIN term a ON a.id = e.action LEFT JOIN node i ON i.id = e.identity LEFT JOIN node tg ON tg.id = e.target
    LEFT JOIN term ip ON ip.id = e.ip ORDER BY e.ts`,
    )
    .all() as Record<string, any>[];
}
function edges(t: TestCase, kind: string) {
  return t.db
    .prepare(
      `SELECT s.key AS src, d.key AS dst, e.privilege FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE e.kind = ? ORDER BY s.key, d.key`,
    )
    .all(kind);
}

describe('windows-security', () => {
  it('reads Winlogbeat events, flags interactive logons and leaves other event ids out', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'winlogbeat-security.ndjson')] });
    // 6 lines: the 4688 is not a row of this format; the 4624 without an account is rejected.
    expect(sources[0]).toMatchObject({ format: 'windows-security', rows: 5, loaded: 4, rejected: 1 });
    expect(t.db.prepare('SELECT locator, reason FROM reject').get()).toEqual({ locator: 'line 6', reason: 'event 4624 without a target account' });
    const ev = events(t);
    expect(ev.map((e) => [e.action, e.identity, e.outcome])).toEqual([
      ['windows:logon', 'windows:corp\\alice', 1],
      ['windows:special privileges', 'windows:corp\\alice', 1],
      ['windows:logon failed', 'windows:ws-042\\administrator', 0],
      ['windows:explicit credentials', 'windows:corp\\alice', 1],
    ]);
    expect(JSON.parse(ev[0].props)).toMatchObject({
      logonType: 10,
      logonTypeName: 'RemoteInteractive',
      interactive: true,
      authenticationPackage: 'Negotiate',
    });
    expect(ev[0]).toMatchObject({ ip: '10.20.30.40', target: 'windows:host:ws-042.corp.example' });
    expect(JSON.parse(ev[2].props)).toMatchObject({ logonType: 3, interactive: false, status: '0xc000006a', statusMeaning: 'wrong password' });
    expect(ev[3]).toMatchObject({ target: 'windows:host:db-01.corp.example', ip: null });
    expect(edges(t, 'can_assume')).toEqual([{ src: 'windows:corp\\alice', dst: 'windows:corp\\svc-sql', privilege: 0 }]);
    expect(edges(t, 'access')).toEqual([{ src: 'windows:corp\\alice', dst: 'windows:host:ws-042.corp.example', privilege: 3 }]);
    expect(
      t.db
        .prepare(`SELECT n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE a.alias = ?`)
        .pluck()
        .get('windows:sid:S-1-5-21-1004336348-1177238915-682003330-1107'),
    ).toBe('windows:corp\\alice');
    t.close();
  });

  it('reads Log Analytics SecurityEvent rows', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'securityevent-export.json')] });
    expect(sources[0]).toMatchObject({ format: 'windows-security', rows: 2, loaded: 2, rejected: 0 });
    const ev = events(t);
    expect(ev.map((e) => [e.identity, e.outcome, JSON.parse(e.props).interactive])).toEqual([
      ['windows:corp\\bob', 1, false],
      ['windows:corp\\bob', 0, true],
    ]);
    expect(JSON.parse(ev[1].props)).toMatchObject({ status: '0xc0000234', statusMeaning: 'account locked out' });
    t.close();
  });

  it('reads EVTX-to-JSON dumps (Event.System / Event.EventData)', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'evtx-dump.json')] });
    expect(sources[0]).toMatchObject({ format: 'windows-security', rows: 1, loaded: 1, rejected: 0 });
    const [e] = events(t);
    expect(e).toMatchObject({
      action: 'windows:logon',
      identity: 'windows:corp\\administrator',
      target: 'windows:host:dc-01.corp.example',
      ip: '127.0.0.1',
      outcome: 1,
    });
    expect(JSON.parse(e.props)).toMatchObject({ logonType: 2, interactive: true });
    t.close();
  });
});
