// Saying what is uncertain: a system reached only through a conditional grant is marked conditional in the blast
// radius (with its condition in words) and on the path hop; the same system reached through a definite grant too
// is not. Built with the canonical CSVs plus one conditional edge, as the AWS evaluator writes them.
import { afterEach, describe, expect, it } from 'vitest';
import { caseWith } from '../fixtures/findings/build-case.ts';
import type { TestCase } from '../helpers.ts';

let t: TestCase | undefined;
afterEach(() => t?.close());

async function build() {
  t = await caseWith({
    identities: ['svc-a,A,service_account,,prod,active,,,aws,', 'svc-b,B,service_account,,prod,active,,,aws,'],
    systems: ['vault,Vault,secret_store,prod,critical,secret,internal', 'wiki,Wiki,saas,prod,low,,internal'],
    entitlements: ['svc-a,access,vault,admin,,', 'svc-a,access,wiki,read,,', 'svc-b,access,vault,read,,'],
  });
  // As the AWS evaluator records a grant behind an undecided Condition.
  t.db
    .prepare(
      `UPDATE edge SET conditional = 1, props = json_object('conditions', json_object('Bool', json_object('aws:MultiFactorAuthPresent', 'true')))
    WHERE src = (SELECT id FROM node WHERE key = 'svc-a') AND dst = (SELECT id FROM node WHERE key = 'vault')`,
    )
    .run();
  return t;
}

describe('conditional reach', () => {
  it('marks a system reached only through a conditional grant, with the condition, and not the definite ones', async () => {
    const c = await build();
    const r = await c.call('graph.blastRadius', { ids: ['svc-a'] });
    const vault = r.reach.find((x) => x.id === 'vault')!;
    expect(vault).toMatchObject({ conditional: true, privilege: 'admin' });
    expect(vault.condition).toMatch(/aws:MultiFactorAuthPresent/);
    expect(r.reach.find((x) => x.id === 'wiki')!.conditional).toBeUndefined();
    const b = await c.call('graph.blastRadius', { ids: ['svc-b'] });
    expect(b.reach.find((x) => x.id === 'vault')!.conditional).toBeUndefined();
  });

  it('marks the conditional hop of an attack path', async () => {
    const c = await build();
    const [p] = await c.call('graph.paths', { from: ['svc-a'], to: ['vault'], k: 1 });
    expect(p.hops.map((h) => h.conditional ?? false)).toEqual([true]);
    expect(p.hops[0].condition).toMatch(/MultiFactorAuthPresent/);
    const [q] = await c.call('graph.paths', { from: ['svc-b'], to: ['vault'], k: 1 });
    expect(q.hops[0].conditional).toBeUndefined();
  });
});

describe('exposure lists every principal', () => {
  it('names the roles and groups that reach a system, with their kind, beside the identities', async () => {
    t = await caseWith({
      identities: [
        'svc-a,A,service_account,,prod,active,,,aws,',
        'deploy,Deploy role,role,,prod,active,,,aws,',
        'ops,Ops,group,,prod,active,,,okta,',
        'bob,Bob,human,,prod,active,,,okta,',
      ],
      systems: ['vault,Vault,secret_store,prod,critical,secret,internal'],
      entitlements: ['svc-a,can_assume,deploy,,,', 'deploy,access,vault,admin,,', 'bob,member_of,ops,,,', 'ops,access,vault,read,,'],
    });
    const r = await t.call('graph.exposure', { id: 'vault' });
    expect(r.identities.map((x) => x.id).sort()).toEqual(['bob', 'svc-a']);
    expect(r.principals!.map((x) => [x.id, x.kind, x.privilege])).toEqual([
      ['deploy', 'role', 'admin'],
      ['svc-a', 'identity', 'admin'],
      ['ops', 'group', 'read'],
      ['bob', 'identity', 'read'],
    ]);
  });
});
