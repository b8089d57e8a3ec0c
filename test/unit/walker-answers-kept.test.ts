// The walker's whole-graph answers (choke points, the what-if baseline) are kept for the session until the case
// changes or something is audited: a new crown jewel must show in both at once.
import { afterEach, describe, expect, it } from 'vitest';
import { TestCase } from '../helpers.ts';

let t: TestCase | undefined;
afterEach(() => t?.close());

describe('choke points and the what-if baseline, kept for the session', () => {
  it('follow a new mark', async () => {
    t = await TestCase.create();
    await t.importText(
      'identities.csv',
      'id,name,kind,owner,environment,status,created_at,last_used_at,provider,tags\nsvc-a,A,service_account,,prod,active,2022-01-01,,aws,\n',
    );
    await t.importText(
      'systems.csv',
      'id,name,kind,environment,criticality,data_classification,exposure\ndb,DB,database,prod,high,pii,internal\nvault,Vault,secret_store,prod,high,,internal\n',
    );
    await t.importText(
      'entitlements.csv',
      'principal,relation,target,privilege,granted_at,last_used_at\nsvc-a,access,db,read,,\nsvc-a,access,vault,admin,,\n',
    );
    await t.call('graph.mark', { id: 'db', mark: 'crown-jewel' });
    const ask = { from: ['svc-a'], to: ['@crown'] };
    expect((await t.call('graph.chokepoints', { ...ask, limit: 10 })).crownJewels).toEqual(['db']);
    expect((await t.call('graph.whatIf', { ...ask, spec: { remove: [], add: [] } })).before.crownJewelsReached).toBe(1);
    // Asked again: the same answer.
    expect((await t.call('graph.chokepoints', { ...ask, limit: 10 })).crownJewels).toEqual(['db']);

    await t.call('graph.mark', { id: 'vault', mark: 'crown-jewel' });
    expect((await t.call('graph.chokepoints', { ...ask, limit: 10 })).crownJewels.sort()).toEqual(['db', 'vault']);
    expect((await t.call('graph.whatIf', { ...ask, spec: { remove: [], add: [] } })).before.crownJewelsReached).toBe(2);
    // The analyst's own what-if is never taken from the kept baseline.
    const cut = await t.call('graph.whatIf', { ...ask, spec: { remove: [{ from: 'svc-a', kind: 'access', to: 'vault' }] } });
    expect(cut.after.crownJewelsReached).toBe(1);
    const gone = await t.call('graph.whatIf', { ...ask, spec: { removeNodes: ['vault'] } });
    expect(gone.after.crownJewelsReached).toBe(1);
    const added = await t.call('graph.whatIf', {
      ...ask,
      spec: {
        addNodes: [{ id: 'vault-2', kind: 'system', criticality: 'critical' }],
        add: [{ from: 'svc-a', kind: 'access', to: 'vault-2', privilege: 'read' }],
      },
    });
    expect(added.after.crownJewelsReached).toBe(3);
  });
});
