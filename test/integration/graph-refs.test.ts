// Node references and the @entry/@crown sets against a real case: keys, aliases, unique names,
// marks, open incident findings (and their triage), and criticality.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPointsOf, entrySource } from '../../main/api/entry-points.ts';
import { crownJewels, entryPoints, graphOf, resolveNodeRef } from '../../main/graph/index.ts';
import { TestCase } from '../helpers.ts';

let t: TestCase;
beforeAll(async () => {
  t = await TestCase.create();
  await t.importText(
    'identities.csv',
    [
      'id,name,kind,owner,environment,status',
      'alice,Alice Analyst,human,,prod,active',
      'bob,Bob Builder,human,,prod,active',
      'carol,Carol,human,,prod,active',
      'dup1,Same Name,human,,prod,active',
      'dup2,Same Name,human,,prod,active',
    ].join('\n'),
  );
  await t.importText('systems.csv', ['id,name,kind,criticality', 'prod-db,Prod DB,database,critical', 'wiki,Wiki,saas,low'].join('\n'));
  const db = t.db;
  const id = (key: string) => db.prepare('SELECT id FROM node WHERE key = ?').pluck().get(key);
  db.prepare('INSERT INTO alias (alias, node_id) VALUES (?, ?)').run('arn:aws:iam::1:user/bob', id('bob'));
  const finding = db.prepare(`INSERT INTO finding (id, rule, severity, subject, title, created_at) VALUES (?, ?, ?, ?, 't', '2024-01-01')`);
  finding.run('f1', 'anonymous-network', 'medium', 'bob'); // an incident: bob is an entry point whatever its severity
  finding.run('f2', 'excessive-privilege', 'high', 'carol'); // posture: says what a compromise would cost, not that one happened
  finding.run('f3', 'credential-attack', 'critical', 'alice'); // triaged as a false positive below
  db.prepare(`INSERT INTO triage (finding_id, status, actor, at) VALUES ('f3', 'false-positive', 'me', '2024-01-02')`).run();
});
afterAll(() => t.close());

describe('node references', () => {
  const keysOf = (nodes: number[]) => nodes.map((v) => graphOf(t.session).keys[v]).sort();

  it('resolve by key, alias or unique name; refuse ambiguous names and unknown refs', () => {
    const kase = t.session.requireCase();
    const g = graphOf(t.session);
    expect(keysOf(resolveNodeRef(kase, g, 'alice', entrySource(kase)))).toEqual(['alice']);
    expect(keysOf(resolveNodeRef(kase, g, 'arn:aws:iam::1:user/bob', entrySource(kase)))).toEqual(['bob']);
    expect(keysOf(resolveNodeRef(kase, g, 'Prod DB', entrySource(kase)))).toEqual(['prod-db']);
    expect(() => resolveNodeRef(kase, g, 'Same Name', entrySource(kase))).toThrow(/several/);
    expect(() => resolveNodeRef(kase, g, 'nobody', entrySource(kase))).toThrow(/no node/);
  });

  it('@entry = compromised marks + subjects of open incident findings (not posture), minus trusted', async () => {
    const kase = t.session.requireCase();
    expect(keysOf(entryPointsOf(kase, graphOf(t.session)))).toEqual(['bob']); // alice's incident is a false positive, carol's finding is posture
    await t.call('graph.mark', { id: 'carol', mark: 'compromised' });
    expect(keysOf(entryPointsOf(kase, graphOf(t.session)))).toEqual(['bob', 'carol']);
    await t.call('graph.mark', { id: 'bob', mark: 'trusted', reason: 'break-glass account, reviewed' });
    expect(keysOf(entryPointsOf(kase, graphOf(t.session)))).toEqual(['carol']);
  });

  it('graph/ takes the entry candidates as given: marked nodes of any kind, suspected identities only', () => {
    const g = graphOf(t.session);
    expect(keysOf(entryPoints(g, { compromised: ['wiki', 'nobody'], suspected: ['prod-db', 'alice', 'nobody'] }))).toEqual(['alice', 'wiki']);
    expect(keysOf(resolveNodeRef(t.session.requireCase(), g, '@entry', () => ({ compromised: [], suspected: ['dup1'] })))).toEqual(['dup1']);
  });

  it('@crown = crown-jewel marks + critical systems', async () => {
    const kase = t.session.requireCase();
    expect(keysOf(crownJewels(kase, graphOf(t.session)))).toEqual(['prod-db']);
    await t.call('graph.mark', { id: 'Wiki', mark: 'crown-jewel' });
    expect(keysOf(crownJewels(kase, graphOf(t.session)))).toEqual(['prod-db', 'wiki']);
    const marks = await t.call('graph.marks', { id: 'wiki' });
    expect(marks).toEqual([expect.objectContaining({ id: 'wiki', mark: 'crown-jewel', actor: expect.any(String) })]);
  });

  it('rebuilds the cached graph after an import', async () => {
    const before = graphOf(t.session);
    await t.importText('more.csv', ['id,name,kind', 'dave,Dave,human'].join('\n'));
    const after = graphOf(t.session);
    expect(after).not.toBe(before);
    expect(after.indexOf('dave')).toBeDefined();
    expect(graphOf(t.session)).toBe(after);
  });
});
