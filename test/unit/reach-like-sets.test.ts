// Like nodes under one parent collapse into one expandable set in the blast-radius graph ("24 session keys"),
// paths through a member lead to the set, and an expanded set is drawn node by node again.
import { describe, expect, it } from 'vitest';
import type { ReachRow } from '../../shared/api/graph.ts';
import { collapseLike, setLabel } from '../../renderer/screens/reach/like-sets.ts';

const row = (id: string, kind: string, path: string[], privilege: ReachRow['privilege'] = null, edges?: string[]): ReachRow => ({
  id,
  kind,
  privilege,
  hops: path.length - 1,
  path,
  name: id,
  edges,
});

describe('collapseLike', () => {
  const keys = Array.from({ length: 12 }, (_, i) => `ASIA${String(i).padStart(16, 'X')}`);
  const reach: ReachRow[] = [
    row('role', 'role', ['me', 'role']),
    ...keys.map((k) => row(k, 'credential', ['me', 'role', k])),
    row('db', 'system', ['me', 'role', 'db'], 'admin', ['can_assume', 'access']),
    row('bucket', 'system', ['me', 'role', keys[3], 'bucket'], 'read'),
  ];

  it('draws twelve session keys of one role as one set', () => {
    const d = collapseLike('me', reach, new Set());
    const sets = d.nodes.filter((n) => n.members);
    expect(sets).toHaveLength(1);
    expect(sets[0].label).toBe('12 session keys');
    expect(sets[0].members).toHaveLength(12);
    expect(d.nodes.find((n) => n.id === keys[0])).toBeUndefined();
    expect(d.nodes.find((n) => n.id === 'db')).toBeDefined();
    // The path through a member now runs through the set; an edge says what it is, and the privilege it gives.
    expect(d.edges).toContainEqual({ source: sets[0].id, target: 'bucket', label: 'read', kind: 'reach', privilege: 'read', exercised: false });
    expect(d.edges).toContainEqual({ source: 'role', target: 'db', label: 'access · admin', kind: 'access', privilege: 'admin', exercised: false });
    expect(d.edges).toContainEqual({ source: 'me', target: 'role', label: '', kind: 'reach', privilege: null, exercised: false });
    expect(d.setOf.get(keys[5])).toBe(sets[0].id);
  });

  it('carries whether the logs show each hop exercised, for the filters and the edge label', () => {
    const used = { ...row('db', 'system', ['me', 'role', 'db'], 'write', ['can_assume', 'access']), exercised: [true, false] };
    const role = { ...row('role', 'role', ['me', 'role'], null, ['can_assume']), exercised: [true] };
    const d = collapseLike('me', [role, used], new Set());
    expect(d.edges).toContainEqual({
      source: 'me',
      target: 'role',
      label: 'can assume · exercised',
      kind: 'can_assume',
      privilege: null,
      exercised: true,
    });
    expect(d.edges).toContainEqual({ source: 'role', target: 'db', label: 'access · write', kind: 'access', privilege: 'write', exercised: false });
  });

  it('draws an expanded set node by node', () => {
    const set = collapseLike('me', reach, new Set()).nodes.find((n) => n.members)!;
    const d = collapseLike('me', reach, new Set([set.id]));
    expect(d.nodes.filter((n) => n.members)).toHaveLength(0);
    expect(d.nodes.filter((n) => n.kind === 'credential')).toHaveLength(12);
  });

  it('keeps a few like nodes one by one, and names other kinds plainly', () => {
    const d = collapseLike('me', reach.slice(0, 4), new Set());
    expect(d.nodes.filter((n) => n.members)).toHaveLength(0);
    expect(setLabel('credential', ['AKIAEXAMPLE', 'tok-1'])).toBe('2 credentials');
    expect(
      setLabel(
        'identity',
        Array.from({ length: 240 }, (_, i) => `ci-${i}`),
      ),
    ).toBe('240 identities');
  });
});
