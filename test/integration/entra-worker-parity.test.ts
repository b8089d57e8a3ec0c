// A big Entra sign-in NDJSON is read in a worker (parse + normalise there, writes here); a small one (or any
// other JSON shape) on this thread. The same hostile content must land identically: the big file goes through
// the worker and its gzip (small on disk) through this thread, and events, rejects and nodes are compared.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seeded, TestCase } from '../helpers.ts';

/** Diagnostic-settings sign-ins of users and service principals, with the odd shapes real exports and attackers bring. */
function line(i: number, random: () => number): string {
  const time = `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:0${i % 10}.${String(i).padStart(7, '0')}Z`;
  const user = i % 300;
  const props: Record<string, unknown> = {
    id: `sid-${i}`,
    createdDateTime: time,
    userDisplayName: `User ${user}`,
    userPrincipalName: `user${user}@contoso.example`,
    userId: `00000000-0000-4000-8000-${String(user).padStart(12, '0')}`,
    appId: `app-${i % 7}`,
    appDisplayName: `App ${i % 7}`,
    ipAddress: `198.51.100.${i % 250}`,
    status: { errorCode: i % 9 ? 0 : 50126, failureReason: i % 9 ? null : 'Invalid password' },
    userAgent: `Agent/${i % 13}`,
    location: { countryOrRegion: i % 5 ? 'DE' : 'fr' },
    resourceId: `res-${i % 11}`,
    resourceDisplayName: `Resource ${i % 11}`,
    isInteractive: i % 2 === 0,
  };
  const record: Record<string, unknown> = { time, category: 'SignInLogs', operationName: 'Sign-in activity', properties: props };
  // Line 1 is always a plain record: the file's shape (NDJSON, which the worker takes) is judged from it.
  switch (i === 0 ? -1 : Math.floor(random() * 30)) {
    case 0:
      return `{"time":"${time}","category":"SignInLogs","properties":`; // truncated: invalid JSON
    case 1:
      return '[1,2,3]'; // JSON, not an object
    case 2:
      return '';
    case 3:
      return '   ';
    case 4:
      delete props.userId;
      delete props.userPrincipalName;
      break; // names no user: a reject
    case 5:
      props.createdDateTime = 'yesterday';
      delete record.time;
      break; // unparseable time: a reject
    case 6: // a service principal sign-in with a credential
      record.category = 'ServicePrincipalSignInLogs';
      for (const k of ['userId', 'userPrincipalName', 'userDisplayName']) delete props[k];
      Object.assign(props, {
        servicePrincipalId: `sp-${i % 5}`,
        servicePrincipalName: `SP ${i % 5}`,
        servicePrincipalCredentialKeyId: `cred-${i % 3}`,
      });
      break;
    case 7:
      return JSON.stringify({
        TimeGenerated: time,
        Category: 'SignInLogs',
        UserId: props.userId,
        UserPrincipalName: props.userPrincipalName,
        IPAddress: '203.0.113.9',
        AppId: 'app-x',
        Status: '{"errorCode":0}',
        LocationDetails: '{"countryOrRegion":"NL"}',
      });
    case 8:
      return `{"__proto__":{"polluted":true},"time":"${time}","category":"SignInLogs","properties":${JSON.stringify(props)}}`;
    case 9:
      props.userDisplayName = 'Ünïcødé 用户 \u2028';
      break;
  }
  return JSON.stringify(record);
}

function snapshot(t: TestCase) {
  return {
    events: t.db
      .prepare(
        `SELECT e.ts, i.key AS identity, c.key AS credential, COALESCE(address_text(e.ip), ip.value) AS ip, ua.value AS ua, a.value AS action,
        tt.value AS target, e.outcome, e.country, e.locator, e.props
      FROM auth_event e LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential
      LEFT JOIN term ip ON ip.id = e.ip LEFT JOIN term ua ON ua.id = e.user_agent LEFT JOIN term a ON a.id = e.action
      LEFT JOIN term tt ON tt.id = e.target_term ORDER BY e.id`,
      )
      .all(),
    rejects: t.db.prepare('SELECT locator, reason, excerpt FROM reject ORDER BY id').all(),
    nodes: t.db.prepare('SELECT key, kind, subkind, name, props FROM node ORDER BY key').all(),
    aliases: t.db.prepare('SELECT a.alias, n.key FROM alias a JOIN node n ON n.id = a.node_id ORDER BY a.alias').all(),
    edges: t.db
      .prepare(
        `SELECT s.key AS src, d.key AS dst, e.kind FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      ORDER BY 1, 2, 3`,
      )
      .all(),
  };
}

describe('Entra sign-ins read in a worker and on this thread', () => {
  it('load the same hostile NDJSON identically, rejects and locators included', async () => {
    const random = seeded(5);
    const lines: string[] = [];
    for (let i = 0; i < 19_000; i++) lines.push(line(i, random));
    const text = Buffer.from(`\uFEFF${lines.join('\r\n')}\n`);
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const gzip = zlib.gzipSync(text);
    expect(gzip.length).toBeLessThan(8 * 1024 * 1024);

    const worker = await TestCase.create(),
      here = await TestCase.create();
    const viaWorker = await worker.importText('signins.ndjson', text);
    const viaHere = await here.importText('signins.ndjson.gz', gzip);
    expect(viaWorker.format).toBe('entra-signin');
    expect({ ...viaWorker, file: '' }).toEqual({ ...viaHere, file: '' });
    expect(viaWorker.rejected).toBeGreaterThan(500);
    expect(viaWorker.loaded).toBeGreaterThan(10_000);
    const a = snapshot(worker),
      b = snapshot(here);
    expect(a.events.length).toBe(viaWorker.loaded);
    for (const k of ['rejects', 'nodes', 'aliases', 'edges'] as const) expect(a[k]).toEqual(b[k]);
    for (let i = 0; i < a.events.length; i++)
      if (JSON.stringify(a.events[i]) !== JSON.stringify(b.events[i])) expect(a.events[i]).toEqual(b.events[i]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    worker.close();
    here.close();
  }, 120_000);
});
