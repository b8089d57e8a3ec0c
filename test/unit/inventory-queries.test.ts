// The inventory API the screens read: paging, sorting, filtering, search, identity dossier and overview,
// against a case built by the real importers from the canonical CSV fixtures.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';

let t: TestCase;

beforeAll(async () => {
  t = await TestCase.create();
  await t.call('import.files', { paths: [path.join(FIXTURES, 'csv')] });
});
afterAll(() => t.close());

describe('inventory.list', () => {
  it('pages identities with a total and stable sort', async () => {
    const all = await t.call('inventory.list', { table: 'identities', limit: 1000 });
    expect(all.total).toBe(all.rows.length);
    const ids = all.rows.map((r) => r.id as string);
    expect(ids).toEqual([...ids].sort());
    const page = await t.call('inventory.list', { table: 'identities', offset: 2, limit: 3 });
    expect(page.rows.map((r) => r.id)).toEqual(ids.slice(2, 5));
    expect(page.total).toBe(all.total);
  });

  it('sorts descending with nulls last and filters per column', async () => {
    const desc = await t.call('inventory.list', { table: 'identities', sort: { column: 'last_used_at', desc: true } });
    const used = desc.rows.map((r) => r.last_used_at);
    const firstNull = used.indexOf(null);
    expect(used.slice(firstNull === -1 ? used.length : firstNull).every((v) => v === null)).toBe(true);
    const dates = used.filter((v): v is string => v !== null);
    expect(dates).toEqual([...dates].sort().reverse());
    const humans = await t.call('inventory.list', { table: 'identities', filters: { kind: 'human' } });
    expect(humans.total).toBeGreaterThan(0);
    expect(humans.rows.every((r) => r.kind === 'human')).toBe(true);
  });

  it('treats % and _ in filters literally and rejects unknown columns', async () => {
    const none = await t.call('inventory.list', { table: 'identities', search: '%' });
    expect(none.total).toBe(0);
    await expect(t.call('inventory.list', { table: 'identities', sort: { column: 'password' } })).rejects.toThrow(/cannot sort/);
    await expect(t.call('inventory.list', { table: 'systems', filters: { 'id; DROP': 'x' } })).rejects.toThrow();
  });

  it('lists credentials with their identity and age, and numeric filters', async () => {
    const creds = await t.call('inventory.list', { table: 'credentials' });
    const key = creds.rows.find((r) => r.id === 'AKIAEXAMPLE1')!;
    expect(key.identity).toBe('svc-deploy');
    expect(key.age_days as number).toBeGreaterThan(400);
    const old = await t.call('inventory.list', { table: 'credentials', filters: { age_days: '>400' } });
    expect(old.rows.every((r) => (r.age_days as number) > 400)).toBe(true);
  });

  it('shows entitlements with evidence of use from the auth logs', async () => {
    const ents = await t.call('inventory.list', { table: 'entitlements', filters: { relation: 'access' } });
    expect(ents.rows.every((r) => r.relation === 'access')).toBe(true);
    const prod = ents.rows.find((r) => r.principal === 'etl-admin' && r.target === 'prod-db')!;
    expect(prod.privilege).toBe('admin');
  });
});

describe('inventory.search', () => {
  it('finds identities, credentials and systems by id or name, exact first', async () => {
    const hits = await t.call('inventory.search', { query: 'prod' });
    expect(hits.map((h) => h.id)).toContain('prod-db');
    const exact = await t.call('inventory.search', { query: 'svc-deploy' });
    expect(exact[0].id).toBe('svc-deploy');
    const byName = await t.call('inventory.search', { query: 'Alice Analyst' });
    expect(byName[0]).toMatchObject({ id: 'alice', matched: 'name' });
    const cred = await t.call('inventory.search', { query: 'AKIA' });
    expect(cred[0]).toMatchObject({ id: 'AKIAEXAMPLE1', kind: 'credential' });
  });
});

describe('inventory.identity', () => {
  it('assembles owner, credentials, entitlements and classified source networks', async () => {
    const d = await t.call('inventory.identity', { id: 'svc-deploy' });
    expect(d.owner?.id).toBe('alice');
    expect(d.credentials.map((c) => c.id)).toEqual(['AKIAEXAMPLE1']);
    expect(d.credentials[0].storedIn).toEqual(['build-host', 'vault']);
    expect(d.entitlements.some((e) => e.relation === 'member_of' && e.target === 'etl-operators')).toBe(true);
    // Inherited through the group, one hop.
    const assume = d.entitlements.find((e) => e.via === 'etl-operators' && e.relation === 'can_assume')!;
    expect(assume).toMatchObject({ target: 'etl-admin', used: true, useCount: 1 });
    // The membership counts as used because a grant held through it was exercised.
    expect(d.entitlements.find((e) => e.relation === 'member_of')).toMatchObject({ target: 'etl-operators', used: true, via: null });
    const tor = d.networks.find((n) => n.ip === '185.220.101.1')!;
    expect(tor).toMatchObject({ networkClass: 'tor', cidr: '185.220.101.0/24', isNew: true });
    const corp = d.networks.find((n) => n.ip === '10.0.0.5')!;
    expect(corp).toMatchObject({ networkClass: 'corporate', isNew: false });
    expect(d.timeline.unit).toBe('hour');
    // Both of its events fall in the same hour: one bucket.
    expect(d.timeline.buckets.map((b) => b.t)).toEqual(['2024-05-31T22:00:00.000Z']);
    const anonymous = d.timeline.buckets.reduce((a, b) => a + b.anonymous, 0);
    expect(anonymous).toBeGreaterThan(0);
    expect(d.events.total).toBe(d.timeline.buckets.reduce((a, b) => a + b.success + b.failure, 0));
  });

  it('answers not-found for unknown ids and for systems', async () => {
    await expect(t.call('inventory.identity', { id: 'nobody' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(t.call('inventory.identity', { id: 'prod-db' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('inventory.overview', () => {
  it('counts lifecycle, histogram and timeline consistently with the case', async () => {
    const o = await t.call('inventory.overview', {});
    const info = await t.call('case.info', {});
    expect(o.asOf).toBe(info.asOf);
    expect(o.identities.total).toBe(info.nodes.identity);
    expect(o.identities.human + o.identities.nonHuman).toBe(o.identities.total);
    expect(o.auth.total).toBe(info.authEvents);
    expect(o.auth.anonymous).toBeGreaterThan(0);
    expect(o.credentialAges.reduce((a, b) => a + b.count, 0)).toBe(o.lifecycle.credentials);
    expect(o.sources.length).toBe(info.sources);
  });

  it('says how its identity and credential counts relate to the Inventory tables', async () => {
    const o = await t.call('inventory.overview', {});
    const table = async (name: 'identities' | 'credentials') => (await t.call('inventory.list', { table: name, offset: 0, limit: 1 })).total;
    // The Inventory's identities table lists groups and roles too; its credentials table the temporary session keys.
    expect(o.identities.total + o.identities.groupsAndRoles).toBe(await table('identities'));
    expect(o.lifecycle.credentials + o.lifecycle.temporaryCredentials).toBe(await table('credentials'));
    expect(o.identities.unresolved).toBeLessThanOrEqual(o.identities.total);
  });
});

describe('graph.blastRadius edges', () => {
  it("names the kind of every edge of each explaining path, for the graph's edge labels", async () => {
    const blast = await t.call('graph.blastRadius', { ids: ['svc-deploy'] });
    const db = blast.reach.find((r) => r.id === 'prod-db')!;
    expect(db.edges).toHaveLength(db.path.length - 1);
    // The last hop into a system is an access grant.
    expect(db.edges!.at(-1)).toBe('access');
    for (const r of blast.reach) expect(r.edges).toHaveLength(r.path.length - 1);
  });
});

describe('inventory.topBlast', () => {
  it("ranks identities by reach size, consistent with each one's blast radius", async () => {
    const top = await t.call('inventory.topBlast', { limit: 5 });
    expect(top.length).toBeGreaterThan(0);
    for (let i = 1; i < top.length; i++) expect(top[i - 1].reached).toBeGreaterThanOrEqual(top[i].reached);
    for (const row of top) {
      const blast = await t.call('graph.blastRadius', { ids: [row.id] });
      expect(row.reached).toBe(blast.summary.reached);
      expect(row.score).toBe(blast.summary.score);
    }
    // svc-deploy reaches prod-db through its group and role.
    expect(top.find((r) => r.id === 'svc-deploy')).toMatchObject({ crownJewels: 1, maxPrivilege: 'admin' });
  });
});
