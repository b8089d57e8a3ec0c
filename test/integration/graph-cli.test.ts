// The graph engine end to end: canonical CSVs imported into a real case, then blast radius, exposure,
// marks, attack paths with evidence, choke points and what-if through the API and the real CLI.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, TestCase } from '../helpers.ts';

const CSV = path.join(FIXTURES, 'csv');
const SIX = ['identities', 'systems', 'credentials', 'entitlements', 'auth_events', 'networks'].map((f) => path.join(CSV, `${f}.csv`));

let t: TestCase;
beforeAll(async () => {
  t = await TestCase.create();
  await t.call('import.files', { paths: SIX });
});
afterAll(() => t.close());

describe('graph API on the canonical fixtures', () => {
  it('blast radius follows runs_as and stores, and summarises crown jewels and score', async () => {
    const r = await t.call('graph.blastRadius', { ids: ['ci-token-main'] });
    const byId = Object.fromEntries(r.reach.map((x) => [x.id, x]));
    expect(byId['build-host']).toMatchObject({ kind: 'system', privilege: 'write', hops: 1 });
    expect(byId['svc-deploy'].path).toEqual(['ci-token-main', 'build-host', 'svc-deploy']); // write on a host gives its workload identity
    expect(byId['prod-db']).toMatchObject({ privilege: 'admin', hops: 5 });
    expect(byId.AKIAEXAMPLE1).toBeUndefined(); // write (not admin) on the host does not yield the key stored there
    expect(r.summary.crownJewels).toEqual(['prod-db']); // criticality critical
    expect(r.summary.score).toBe(4 * 3 + 2 * 2); // critical×admin + medium×write
  });

  it('the owner column grants nothing: alice owns svc-deploy in the inventory but reaches nothing', async () => {
    const r = await t.call('graph.blastRadius', { ids: ['alice'] });
    expect(r.reach).toEqual([]);
    expect(r.summary.reached).toBe(0);
  });

  it('resolves names as well as ids, and reports exposure in reverse', async () => {
    const byName = await t.call('graph.blastRadius', { ids: ['Helpdesk AI agent'] });
    expect(byName.identity).toBe('agent-helper');
    const exp = await t.call('graph.exposure', { id: 'prod-db' });
    expect(exp.identities.map((x) => x.id).sort()).toEqual(['agent-helper', 'ci-token-main', 'svc-deploy']);
    await expect(t.call('graph.exposure', { id: 'no-such-thing' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('marks are persisted, audited, feed @entry/@crown, and can be removed', async () => {
    await expect(t.call('graph.paths', { from: ['@entry'], to: ['@crown'] })).rejects.toMatchObject({ code: 'bad-input' });
    const m = await t.call('graph.mark', { id: 'svc-deploy', mark: 'compromised', reason: 'key seen on pastebin' });
    expect(m).toMatchObject({ id: 'svc-deploy', mark: 'compromised', reason: 'key seen on pastebin' });
    await t.call('graph.mark', { id: 'vault', mark: 'crown-jewel' });
    const audit = await t.call('case.audit', { limit: 5 });
    expect(audit.map((a) => a.action)).toContain('graph.mark');
    const paths = await t.call('graph.paths', { from: ['@entry'], to: ['@crown'], k: 3 });
    expect(paths[0].nodes).toEqual(['svc-deploy', 'etl-operators', 'etl-admin', 'prod-db']);
    expect(await t.call('graph.unmark', { id: 'vault', mark: 'crown-jewel' })).toEqual({ removed: 1 });
    expect((await t.call('graph.marks', {})).map((x) => x.id)).toEqual(['svc-deploy']);
  });

  it('paths carry grant rows and the auth events that exercised each hop; --as-of hides later events', async () => {
    const [p] = await t.call('graph.paths', { from: ['svc-deploy'], to: ['prod-db'] });
    expect(p.hops.map((h) => h.edge)).toEqual(['member_of', 'can_assume', 'access']);
    expect(p.hops[0].evidence).toEqual([expect.objectContaining({ type: 'grant', file: 'entitlements.csv', locator: 'row 2' })]);
    expect(p.hops[1].evidence[1]).toMatchObject({ type: 'event', action: 'AssumeRole', sourceIp: '10.0.0.5' });
    expect(p.cost).toBe(1 * 2 + 2 * 1); // member_of granted only; assume and access exercised
    const [early] = await t.call('graph.paths', { from: ['svc-deploy'], to: ['prod-db'], asOf: '2024-05-30' });
    expect(early.cost).toBe(3 * 2);
    expect(early.hops.flatMap((h) => h.evidence).filter((e) => e.type === 'event')).toEqual([]);
  });

  it('what-if changes nothing in the case and saved scenarios compare and discard', async () => {
    const spec = { remove: [{ from: 'etl-operators', kind: 'can_assume' as const, to: 'etl-admin' }] };
    const r = await t.call('graph.whatIf', { spec });
    expect(r.before.crownJewelsReached).toBe(1);
    expect(r.after.crownJewelsReached).toBe(0);
    expect(r.delta.exposed).toBe(-3);
    expect((await t.call('graph.exposure', { id: 'prod-db' })).identities).toHaveLength(3); // case untouched
    await t.call('graph.scenarios.save', { name: 'cut assume', spec });
    const [cmp] = await t.call('graph.scenarios.compare', { names: ['cut assume'] });
    expect(cmp.after.paths).toBe(0);
    expect(await t.call('graph.scenarios.discard', { name: 'cut assume' })).toEqual({ discarded: true });
    expect(await t.call('graph.scenarios.list', {})).toEqual([]);
  });

  it('what-if adds hypothetical identities and grants, and removes nodes', async () => {
    const grow = await t.call('graph.whatIf', {
      spec: {
        addNodes: [{ id: 'contractor', kind: 'identity', subkind: 'human' }],
        add: [
          { from: 'contractor', kind: 'member_of', to: 'etl-operators' },
          { from: 'svc-deploy', kind: 'access', to: 'vault', privilege: 'read' },
        ],
      },
    });
    expect(grow.applied).toEqual({ removedEdges: 0, addedEdges: 2, removedNodes: 0, addedNodes: 1 });
    expect(grow.delta.exposed).toBe(1); // the contractor now reaches prod-db
    expect(grow.delta.blastRadius).toBe(2); // svc-deploy also reads the vault, and holds the key stored there (its own)
    const shrink = await t.call('graph.whatIf', { spec: { removeNodes: ['etl-admin'] } });
    expect(shrink.after.crownJewelsReached).toBe(0);
    await expect(t.call('graph.whatIf', { spec: { addNodes: [{ id: 'alice', kind: 'identity' }] } })).rejects.toMatchObject({ code: 'bad-input' });
    await expect(t.call('graph.whatIf', { spec: { remove: [{ from: 'alice', kind: 'owns', to: 'bob' }] } })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('choke points and the minimum cut disconnect the entry points from the crown jewels', async () => {
    const c = await t.call('graph.chokepoints', {});
    expect(c.paths).toBe(1);
    expect(c.minCut).toHaveLength(1);
    const cut = c.minCut[0];
    const after = await t.call('graph.whatIf', { spec: { remove: [{ from: cut.from, kind: cut.edge as 'member_of', to: cut.to }] } });
    expect(after.after.crownJewelsReached).toBe(0);
  });

  it('neighbours and node detail serve the explorer', async () => {
    const n = await t.call('graph.neighbours', { id: 'build-host' });
    expect(n.counts).toEqual({ 'out:stores': 1, 'out:runs_as': 1, 'in:access': 1 });
    expect(n.nodes.map((x) => x.id).sort()).toEqual(['AKIAEXAMPLE1', 'build-host', 'ci-token-main', 'svc-deploy']);
    expect(n.nodes.find((x) => x.id === 'build-host')).toEqual({
      id: 'build-host',
      kind: 'system',
      subkind: 'host',
      criticality: 'medium',
      name: 'Build host',
    });
    const node = await t.call('graph.node', { id: 'prod-db' });
    expect(node).toMatchObject({ id: 'prod-db', kind: 'system', criticality: 'critical', source: { file: 'systems.csv' } });
  });
});

describe('graph CLI', () => {
  it('prints the --json contract shapes and uses exit codes 0 / 1 / 2', () => {
    t.close(); // checkpoint the WAL so the child process sees a finished case file
    const br = runCli(['blast-radius', t.path, 'ci-token-main', '--json']);
    expect(br.status, br.stderr).toBe(0);
    const out = JSON.parse(br.stdout);
    expect(Object.keys(out)).toEqual(['identity', 'reach', 'summary']);
    // `edges` (the kind of each edge of `path`) was added for the graph's edge labels, `exercised` (per edge: seen used
    // in the logs) for its exercised/granted filter; nothing was renamed or dropped.
    expect(Object.keys(out.reach[0]).sort()).toEqual(['edges', 'exercised', 'hops', 'id', 'kind', 'name', 'path', 'privilege']);
    expect(out.reach[0].exercised).toHaveLength(out.reach[0].edges.length);
    const exp = JSON.parse(runCli(['exposure', t.path, 'prod-db', '--json']).stdout);
    expect(Object.keys(exp)).toEqual(['target', 'identities']);
    expect(Object.keys(exp.identities[0]).sort()).toEqual(['hops', 'id', 'name', 'privilege']);
    const paths = JSON.parse(runCli(['paths', t.path, '--from', '@entry', '--to', 'prod-db', '-k', '2', '--json']).stdout);
    expect(Object.keys(paths[0])).toEqual(['cost', 'nodes', 'hops', 'names']);
    expect(Object.keys(paths[0].hops[0])).toEqual(['from', 'to', 'edge', 'evidence', 'events']);
    for (const cmd of ['paths', 'what-if']) {
      expect(runCli([cmd, '--help']).status, cmd).toBe(0);
    }
    expect(runCli(['mark', t.path, 'alice', '--as', 'royalty']).status).toBe(1);
    expect(runCli(['blast-radius', t.path, 'nobody']).status).toBe(2);
    const wi = runCli(['what-if', t.path, '--remove', 'etl-admin:access:prod-db', '--json']);
    expect(JSON.parse(wi.stdout).delta.crownJewelsReached).toBe(-1);
  });
});
