// Exports holding principals of several accounts: each principal is evaluated in its own account with its
// own admin node, group names are per account, and a principal of one account reaches another only through
// a trust that names it AND its own sts:AssumeRole permission.
import { describe, expect, it } from 'vitest';
import { adminPaths } from '../fixtures/aws-authz/admin-paths.ts';
import { ACCT, ADMIN, ADMIN_POLICY, allow, arn, details, evaluate, group, role, trustAws, user } from '../fixtures/aws-authz/build.ts';

const B = '444455556666';
const ADMIN_B = `aws:${B}:admin`;
const arnB = (type: 'user' | 'role' | 'group', name: string) => `arn:aws:iam::${B}:${type}/${name}`;
/** Moves a principal or group made by the builders into account B. */
function inB<T extends Record<string, unknown>>(entry: T): T {
  return { ...entry, Arn: String(entry.Arn).replace(`::${ACCT}:`, `::${B}:`) };
}
const TARGET = arn('role', 'target');
const BOB = arnB('user', 'bob');

/** Account A (main: more principals) with an admin role; account B with bob. */
function twoAccounts(bob: Record<string, unknown>, trust: Record<string, unknown>, extra: { groups?: Record<string, unknown>[] } = {}) {
  return details({
    users: [user('alice'), user('carol'), inB(bob)],
    roles: [role('target', trust, { managed: [ADMIN_POLICY] })],
    groups: extra.groups,
  });
}

describe('multi-account exports', () => {
  it('each account gets its own admin node; an admin of B is not admin of A', () => {
    const ev = evaluate(twoAccounts(user('bob', { managed: [ADMIN_POLICY] }), trustAws(arn('user', 'alice'))));
    expect(ev.result.adminKeys).toEqual([ADMIN, ADMIN_B]);
    expect(ev.edge(BOB, ADMIN_B, 'access')?.conditional).toBe(false);
    expect(ev.edge(BOB, ADMIN, 'access')).toBeUndefined();
    expect(ev.result.edges.some((e) => e.src === BOB && e.dst === TARGET)).toBe(false);
    expect(ev.edge(`arn:aws:iam::${B}:root`, ADMIN_B, 'access')).toBeDefined();
    expect(adminPaths(ev.result).map((p) => p.principal)).not.toContain(BOB);
  });
  it("a trust naming a principal of B needs that principal's own sts:AssumeRole (cross-account)", () => {
    const without = evaluate(twoAccounts(user('bob'), trustAws(BOB)));
    expect(without.edge(BOB, TARGET)).toBeUndefined();
    const withPermission = evaluate(twoAccounts(user('bob', { inline: [[allow('sts:AssumeRole', TARGET)]] }), trustAws(BOB)));
    const e = withPermission.edge(BOB, TARGET);
    expect(e?.props).toMatchObject({ technique: 'sts:AssumeRole', crossAccount: true });
    expect(e?.conditional).toBe(false);
    expect(adminPaths(withPermission.result).find((p) => p.principal === BOB)?.path).toEqual([BOB, TARGET, ADMIN]);
  });
  it('a trust naming account B lets in exactly the principals of B whose policies allow it', () => {
    const d = details({
      users: [user('alice'), user('carol'), inB(user('bob', { inline: [[allow('sts:AssumeRole', '*')]] })), inB(user('dave'))],
      roles: [role('target', trustAws(`arn:aws:iam::${B}:root`), { managed: [ADMIN_POLICY] })],
    });
    const ev = evaluate(d);
    expect(ev.edge(BOB, TARGET)?.props.crossAccount).toBe(true);
    expect(ev.edge(arnB('user', 'dave'), TARGET)).toBeUndefined();
    expect(ev.edge(`arn:aws:iam::${B}:root`, TARGET)).toBeDefined(); // B's root can always grant itself the permission
    // Principals of A are not "the account B".
    expect(ev.edge(arn('user', 'alice'), TARGET)).toBeUndefined();
  });
  it('a trust condition is evaluated against the caller of B (aws:PrincipalAccount)', () => {
    const bob = user('bob', { inline: [[allow('sts:AssumeRole', TARGET)]] });
    const only = (account: string) => trustAws(BOB, { StringEquals: { 'aws:PrincipalAccount': account } });
    expect(evaluate(twoAccounts(bob, only(B))).edge(BOB, TARGET)?.conditional).toBe(false);
    expect(evaluate(twoAccounts(bob, only(ACCT))).edge(BOB, TARGET)).toBeUndefined();
  });
  it('group names are per account: B\'s "admins" is not A\'s', () => {
    const ev = evaluate(
      details({
        users: [user('alice', { groups: ['admins'] }), user('carol'), inB(user('bob', { groups: ['admins'] }))],
        groups: [group('admins', { managed: [ADMIN_POLICY] }), inB(group('admins', { inline: [[allow('s3:GetObject')]] }))],
      }),
    );
    expect(ev.rejects).toEqual([]);
    expect(ev.isAdmin(arn('user', 'alice'))).toBe(true);
    expect(ev.edge(BOB, ADMIN, 'access')).toBeUndefined();
    expect(ev.edge(BOB, ADMIN_B, 'access')).toBeUndefined();
  });
  it('a single-account export has exactly one admin node', () => {
    const ev = evaluate(details({ users: [user('alice', { managed: [ADMIN_POLICY] })] }));
    expect(ev.result.adminKeys).toEqual([ADMIN]);
    expect(ev.result.nodes.filter((n) => n.subkind === 'account').map((n) => n.key)).toEqual([ADMIN]);
  });
});
