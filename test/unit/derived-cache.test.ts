// Answers derived from a case's facts are kept in the case file (main/store/derived-cache.ts), so a new session
// shows the Overview without aggregating every event again, and an import makes them be derived again.
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../main/api/session.ts';
import { dispatch } from '../../main/api/dispatch.ts';
import { derivedAnswer } from '../../main/store/derived-cache.ts';
import { OVERVIEW_VERSION } from '../../main/api/handlers/inventory.ts';
import { TestCase, writeFile } from '../helpers.ts';

let t: TestCase | undefined;
afterEach(() => t?.close());

const EVENTS =
  'timestamp,identity,credential,source_ip,user_agent,action,target,outcome,asn,country\n' +
  '2024-05-01T00:00:00Z,svc-a,,10.0.0.1,aws-cli/2,GetObject,,success,,\n2024-05-02T00:00:00Z,svc-a,,10.0.0.2,aws-cli/2,GetObject,,failure,,\n';

describe('derived answers kept in the case', () => {
  it('the Overview is derived at import and read back by a new session; a further import derives it again', async () => {
    t = await TestCase.create();
    await t.importText('events.csv', EVENTS);
    const stored = t.db.prepare(`SELECT value FROM meta WHERE key = 'derived:overview'`).pluck().get() as string;
    expect(JSON.parse(stored).value.auth.total).toBe(2);

    // A new session reads the stored answer: it does not derive (the stored value is what it returns).
    t.session.close();
    const fresh = new Session();
    await dispatch(fresh, 'case.open', { path: t.path });
    const kase = fresh.requireCase();
    let derived = 0;
    const again = derivedAnswer<{ auth: { total: number } } | null>(kase, 'overview', OVERVIEW_VERSION, () => {
      derived++;
      return null;
    });
    expect(derived).toBe(0);
    expect(again?.auth.total).toBe(2);
    expect((await dispatch<'inventory.overview'>(fresh, 'inventory.overview', {})).auth.total).toBe(2);

    // New facts: the stamp changes and the Overview counts the new events.
    const more = EVENTS.replace(/2024-05-0/g, '2024-05-1');
    await dispatch(fresh, 'import.files', { paths: [writeFile(t.dir, 'more.csv', more)] });
    expect((await dispatch<'inventory.overview'>(fresh, 'inventory.overview', {})).auth.total).toBe(4);
    derivedAnswer(kase, 'overview', OVERVIEW_VERSION, () => {
      derived++;
      return null;
    });
    expect(derived).toBe(0);
    // Another version of the code derives again.
    derivedAnswer(kase, 'overview', OVERVIEW_VERSION + 1, () => {
      derived++;
      return null;
    });
    expect(derived).toBe(1);
    fresh.close();
  });
});

describe('top blast radii kept in the case', () => {
  it('follow the marks: a new crown jewel changes the stored answer', async () => {
    t = await TestCase.create();
    await t.importText(
      'identities.csv',
      'id,name,kind,owner,environment,status,created_at,last_used_at,provider,tags\nsvc-a,A,service_account,,prod,active,2022-01-01,,aws,\n',
    );
    await t.importText('systems.csv', 'id,name,kind,environment,criticality,data_classification,exposure\ndb,DB,database,prod,high,pii,internal\n');
    await t.importText('entitlements.csv', 'principal,relation,target,privilege,granted_at,last_used_at\nsvc-a,access,db,read,,\n');
    const before = await t.call('inventory.topBlast', {});
    expect(before.find((r) => r.id === 'svc-a')?.crownJewels).toBe(0);
    await t.call('graph.mark', { id: 'db', mark: 'crown-jewel' });
    const after = await t.call('inventory.topBlast', {});
    expect(after.find((r) => r.id === 'svc-a')?.crownJewels).toBe(1);
  });
});

describe('the Overview follows the analyst', () => {
  it('counts an identity the analyst re-kinds as the new kind', async () => {
    t = await TestCase.create();
    await t.importText(
      'identities.csv',
      'id,name,kind,owner,environment,status,created_at,last_used_at,provider,tags\nsvc-a,A,human,,prod,active,2022-01-01,,aws,\n',
    );
    expect((await t.call('inventory.overview', {})).identities.byKind.human).toBe(1);
    await t.call('case.setIdentityKind', { id: 'svc-a', kind: 'service_account', reason: 'runs the nightly job' });
    // A new session: only the stored answer could be stale.
    t.session.close();
    const fresh = new Session();
    await dispatch(fresh, 'case.open', { path: t.path });
    const byKind = (await dispatch<'inventory.overview'>(fresh, 'inventory.overview', {})).identities.byKind;
    expect(byKind.service_account).toBe(1);
    expect(byKind.human ?? 0).toBe(0);
    fresh.close();
  });
});

describe('lifecycle metrics kept in the case', () => {
  it('are stored on first ask and follow a new import', async () => {
    t = await TestCase.create();
    await t.importText(
      'credentials.csv',
      'id,identity,type,created_at,last_rotated_at,expires_at,last_used_at,status,stored_in\nK-1,svc-a,access_key,2022-01-01,,,2024-05-30,active,\n',
    );
    expect((await t.call('metrics.get', {})).credentials.total).toBe(1);
    expect(t.db.prepare(`SELECT count(*) FROM meta WHERE key = 'derived:metrics'`).pluck().get()).toBe(1);
    await t.importText(
      'more-credentials.csv',
      'id,identity,type,created_at,last_rotated_at,expires_at,last_used_at,status,stored_in\nK-2,svc-a,access_key,2023-01-01,,,2024-05-30,active,\n',
    );
    expect((await t.call('metrics.get', {})).credentials.total).toBe(2);
    // An explicit as-of is worked out for that time, never read from the stored answer.
    expect((await t.call('metrics.get', { asOf: '2022-06-01T00:00:00Z' })).credentials.active).toBe(1);
  });
});

describe('the incident queue kept in the case', () => {
  it('a new session reads it from the case file; a findings run derives it again', async () => {
    t = await TestCase.create();
    await t.importText('events.csv', EVENTS);
    await t.call('findings.run', {});
    const queue = await t.call('findings.queue', { limit: 5 });
    const key = 'derived:findingsQueue:5';
    const stored = JSON.parse(t.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string) as { stamp: string; value: unknown };
    expect(stored.value).toEqual(queue);

    // A new session answers from the case file (a marker planted under the same stamp is what comes back).
    t.session.close();
    const fresh = new Session();
    await dispatch(fresh, 'case.open', { path: t.path });
    const marker = [{ identity: 'read-from-the-case-file' }];
    fresh
      .requireCase()
      .db.prepare(`UPDATE meta SET value = ? WHERE key = ?`)
      .run(JSON.stringify({ stamp: stored.stamp, value: marker }), key);
    expect(await dispatch(fresh, 'findings.queue', { limit: 5 })).toEqual(marker);

    // A findings run is audited: the stored answer no longer matches and the queue is ranked again.
    await dispatch(fresh, 'findings.run', {});
    expect(await dispatch(fresh, 'findings.queue', { limit: 5 })).toEqual(queue);
    fresh.close();
  });
});
