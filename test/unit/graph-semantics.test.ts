// Every edge kind of docs/graph.md (Semantics), positive and negative, on small hand-built graphs.
import { describe, expect, it } from 'vitest';
import { blastRadius, exposure, type AnalysisGraph } from '../../main/graph/index.ts';
import { graph, reachOf } from './graph-fixture.ts';

function from(g: AnalysisGraph, key: string): Record<string, string> {
  return reachOf(blastRadius(g, [g.indexOf(key)!]));
}

describe('§3 traversal rules', () => {
  it('member_of: an identity inherits its group, and a group its parent group', () => {
    const g = graph(['a:identity', 'g1:group', 'g2:group', 'db:system/database'], ['a member_of g1', 'g1 member_of g2', 'g2 access:write db']);
    expect(from(g, 'a')).toEqual({ g1: 'control', g2: 'control', db: 'write' });
    expect(from(g, 'g2')).toEqual({ db: 'write' }); // edges are directed: the group does not reach its members
  });

  it('has_role: an identity or group holds the role and its rights', () => {
    const g = graph(['a:identity', 'g:group', 'r:role', 'db:system/database'], ['a member_of g', 'g has_role r', 'r access:admin db']);
    expect(from(g, 'a')).toEqual({ g: 'control', r: 'control', db: 'admin' });
  });

  it('can_assume: identity → role → identity chains', () => {
    const g = graph(['a:identity', 'r:role', 'b:identity', 's3:system/storage'], ['a can_assume r', 'r can_assume b', 'b access:read s3']);
    expect(from(g, 'a')).toEqual({ r: 'control', b: 'control', s3: 'read' });
  });

  it('owns: the owner of an app controls it, and so its rights', () => {
    const g = graph(['a:identity', 'app:identity/oauth_app', 'mail:system/saas'], ['a owns app', 'app access:admin mail']);
    expect(from(g, 'a')).toEqual({ app: 'control', mail: 'admin' });
  });

  it('the inventory owner column grants nothing: without an owns edge the owner reaches nothing', () => {
    // An identity whose row names alice as owner produces no edge at all (accountability, not control).
    const g = graph(['alice:identity', 'svc:identity/service_account', 'db:system/database'], ['svc access:admin db']);
    expect(from(g, 'alice')).toEqual({});
    const exp = exposure(g, g.indexOf('db')!);
    expect([...exp.identities].map((i) => g.keys[i])).toEqual(['svc']);
  });

  it('access: sets the privilege on the system; the highest of several grants wins', () => {
    const g = graph(['a:identity', 'r:role', 'db:system/database'], ['a access:read db', 'a has_role r', 'r access:admin db']);
    const reach = blastRadius(g, [g.indexOf('a')!]);
    expect(reachOf(reach)).toEqual({ r: 'control', db: 'admin' });
    const i = [...reach.nodes].indexOf(g.indexOf('db')!);
    expect(reach.hops[i]).toBe(2); // the admin grant is two hops away, and that is the hop count reported
    expect(reach.path(i).map((v) => g.keys[v])).toEqual(['a', 'r', 'db']);
  });

  it('privilege does not grow along access: read on a system stays read whoever holds it', () => {
    const g = graph(
      ['root:identity', 'g:group', 'db:system/database', 'other:system/database'],
      ['root access:admin other', 'root member_of g', 'g access:read db'],
    );
    expect(from(g, 'root')).toEqual({ other: 'admin', g: 'control', db: 'read' });
  });

  it('has_credential is not traversed forward; authenticates is', () => {
    const g = graph(
      ['a:identity', 'key:credential', 'b:identity', 'bkey:credential'],
      ['a has_credential key', 'key authenticates a', 'b has_credential bkey', 'bkey authenticates b'],
    );
    expect(from(g, 'a')).toEqual({});
    expect(from(g, 'bkey')).toEqual({ b: 'control' });
  });

  it('stores: read on a secret store or repository yields the stored credential and its identity', () => {
    for (const kind of ['secret_store', 'repository']) {
      const g = graph(
        ['a:identity', `v:system/${kind}`, 'k:credential', 'svc:identity', 'db:system/database'],
        ['a access:read v', 'v stores k', 'k authenticates svc', 'svc access:admin db'],
      );
      expect(from(g, 'a'), kind).toEqual({ v: 'read', k: 'control', svc: 'control', db: 'admin' });
    }
  });

  it('stores: read or write on a host, cluster or pipeline does not yield its stored credential; admin does', () => {
    for (const kind of ['host', 'cluster', 'pipeline']) {
      for (const [priv, yields] of [
        ['read', false],
        ['write', false],
        ['admin', true],
      ] as const) {
        const g = graph(
          ['a:identity', `h:system/${kind}`, 'k:credential', 'svc:identity'],
          [`a access:${priv} h`, 'h stores k', 'k authenticates svc'],
        );
        const expected: Record<string, string> = yields ? { h: priv, k: 'control', svc: 'control' } : { h: priv };
        expect(from(g, 'a'), `${priv} on ${kind}`).toEqual(expected);
      }
    }
  });

  it('runs_as: write or admin on the system gives the workload identity; read does not', () => {
    for (const [priv, yields] of [
      ['read', false],
      ['write', true],
      ['admin', true],
    ] as const) {
      const g = graph(
        ['a:identity', 'h:system/host', 'svc:identity', 'db:system/database'],
        [`a access:${priv} h`, 'h runs_as svc', 'svc access:write db'],
      );
      expect(from(g, 'a'), priv).toEqual(yields ? { h: priv, svc: 'control', db: 'write' } : { h: priv });
    }
  });

  it('a lower privilege reached first does not hide a higher one reached later', () => {
    const g = graph(
      ['a:identity', 'g:group', 'r:role', 'h:system/host', 'k:credential', 'svc:identity'],
      ['a access:read h', 'a member_of g', 'g has_role r', 'r access:admin h', 'h stores k', 'k authenticates svc'],
    );
    expect(from(g, 'a')).toEqual({ h: 'admin', g: 'control', r: 'control', k: 'control', svc: 'control' });
  });

  it('systems act only through stores and runs_as: other edges out of a system are not followed', () => {
    const g = graph(['a:identity', 'h:system/host', 'g:group', 'db:system/database'], ['a access:admin h', 'h member_of g', 'h access:admin db']);
    expect(from(g, 'a')).toEqual({ h: 'admin' });
  });
});

describe('exposure (reverse reach)', () => {
  it('lists every identity that can reach a system with its highest privilege and hops', () => {
    const g = graph(
      ['a:identity', 'b:identity', 'c:identity', 'g:group', 'v:system/secret_store', 'k:credential', 'svc:identity', 'db:system/database!critical'],
      ['a member_of g', 'g access:read db', 'b access:read v', 'v stores k', 'k authenticates svc', 'svc access:admin db', 'c has_credential k'],
    );
    const exp = exposure(g, g.indexOf('db')!);
    const rows = [...exp.identities].map((v, i) => [g.keys[v], exp.privilege[i], exp.hops[i]]);
    expect(rows).toEqual([
      ['svc', 3, 1],
      ['b', 3, 4],
      ['a', 1, 2],
    ]); // c only has its own credential: not exposed through it
  });

  it('works for non-system targets: who controls a role (privilege is control)', () => {
    const g = graph(
      ['a:identity', 'b:identity', 'g:group', 'r:role', 'k:credential'],
      ['a member_of g', 'g has_role r', 'b has_credential k', 'k authenticates a'],
    );
    const exp = exposure(g, g.indexOf('r')!);
    expect([...exp.identities].map((v) => g.keys[v])).toEqual(['a']); // b holds only its own secret: has_credential is not followed
    expect([...exp.privilege]).toEqual([0]);
    expect([...exp.hops]).toEqual([2]);
  });

  it('every identity in an exposure list has the target in its blast radius at that privilege', () => {
    const g = graph(
      ['a:identity', 'b:identity', 'c:identity', 'h:system/host', 'v:system/secret_store', 'k:credential', 'svc:identity', 'db:system/database'],
      [
        'a access:admin h',
        'b access:write h',
        'c access:read v',
        'h runs_as svc',
        'v stores k',
        'k authenticates svc',
        'svc access:write db',
        'a access:read db',
      ],
    );
    const db = g.indexOf('db')!;
    const exp = exposure(g, db);
    expect(exp.identities.length).toBe(4);
    exp.identities.forEach((v, i) => {
      const reach = blastRadius(g, [v]);
      const at = [...reach.nodes].indexOf(db);
      expect(at, g.keys[v]).toBeGreaterThanOrEqual(0);
      expect(reach.privilege[at], g.keys[v]).toBe(exp.privilege[i]);
      expect(reach.hops[at], g.keys[v]).toBe(exp.hops[i]);
    });
  });

  it('agrees with blast radius on who reaches what', () => {
    const g = graph(
      ['a:identity', 'b:identity', 'h:system/host', 'svc:identity', 'db:system/database'],
      ['a access:write h', 'h runs_as svc', 'svc access:admin db', 'b access:read h'],
    );
    const exp = exposure(g, g.indexOf('db')!);
    expect([...exp.identities].map((v) => g.keys[v]).sort()).toEqual(['a', 'svc']);
    expect(from(g, 'b')).toEqual({ h: 'read' });
  });
});
