// The graph screens' filters (issue 17): edge kind, privilege and exercised-versus-granted applied to what is
// drawn, never leaving nodes cut off from the start; the filter's route form round-trips; the lit path follows
// edge direction when it can.
import { describe, expect, it } from 'vitest';
import { filterFromQuery, filterParams, NO_FILTER, visibleUnder, type GraphFilter } from '../../renderer/lib/graph-filter.ts';
import { pathTo } from '../../renderer/lib/graph-path.ts';
import { encodeParams } from '../../renderer/state/route.ts';

const e = (from: string, kind: string, to: string, privilege: string | null = null, exercised = false) => ({
  id: `${from}>${to}`,
  from,
  to,
  kind,
  privilege,
  exercised,
});
// me → team (member_of, used) → role (has_role) → db (access admin, used) ; role → bucket (access read, granted only)
const edges = [
  e('me', 'member_of', 'team', null, true),
  e('team', 'has_role', 'role', null, true),
  e('role', 'access', 'db', 'admin', true),
  e('role', 'access', 'bucket', 'read'),
  e('me', 'has_credential', 'key'),
];
const nodes = ['me', 'team', 'role', 'db', 'bucket', 'key'];
const f = (over: Partial<GraphFilter>): GraphFilter => ({ ...NO_FILTER, ...over });

describe('visibleUnder', () => {
  it('keeps everything without a filter', () => {
    const v = visibleUnder(NO_FILTER, 'me', nodes, edges);
    expect([...v.nodes].sort()).toEqual([...nodes].sort());
    expect(v.edges.size).toBe(edges.length);
  });

  it('hides an edge kind and what only it connected to the start', () => {
    const v = visibleUnder(f({ hiddenKinds: new Set(['has_role']) }), 'me', nodes, edges);
    expect([...v.nodes].sort()).toEqual(['key', 'me', 'team']);
    expect(v.edges.has('role>db')).toBe(false);
  });

  it('filters access grants by privilege, leaving edges without one alone', () => {
    const v = visibleUnder(f({ privileges: new Set(['write', 'admin']) }), 'me', nodes, edges);
    expect(v.nodes.has('db')).toBe(true);
    expect(v.nodes.has('bucket')).toBe(false);
    expect(v.nodes.has('key')).toBe(true);
  });

  it('shows only what the logs show exercised, or only what was granted and never used', () => {
    const used = visibleUnder(f({ seen: 'exercised' }), 'me', nodes, edges);
    expect([...used.nodes].sort()).toEqual(['db', 'me', 'role', 'team']);
    const granted = visibleUnder(f({ seen: 'granted' }), 'me', nodes, edges);
    expect([...granted.nodes].sort()).toEqual(['key', 'me']);
  });

  it('follows edges backwards too: a picture grown by "← member of" stays connected', () => {
    const v = visibleUnder(f({ hiddenKinds: new Set(['has_credential']) }), 'team', nodes, edges);
    expect(v.nodes.has('me')).toBe(true);
    expect(v.nodes.has('key')).toBe(false);
  });
});

describe('the filter in the route', () => {
  it('round-trips through the query text, and says nothing when nothing is filtered', () => {
    const mine = f({ hiddenKinds: new Set(['owns', 'member_of']), privileges: new Set(['admin']), seen: 'exercised' });
    const query = encodeParams(filterParams(mine));
    expect(query).toBe('hide=member_of&hide=owns&priv=admin&seen=exercised');
    expect(filterFromQuery(query)).toEqual(mine);
    expect(encodeParams(filterParams(NO_FILTER))).toBe('');
    expect(filterFromQuery('v=3')).toEqual(NO_FILTER);
  });

  it('keeps "no privilege at all" distinct from "all privileges"', () => {
    const none = f({ privileges: new Set() });
    expect(filterFromQuery(encodeParams(filterParams(none))).privileges.size).toBe(0);
  });
});

describe('pathTo', () => {
  it('lights the fewest edges from the start, the way control flows', () => {
    expect(pathTo('me', 'db', edges)).toEqual({ nodes: ['me', 'team', 'role', 'db'], edges: ['me>team', 'team>role', 'role>db'] });
  });

  it('goes against the arrows only when no directed path exists', () => {
    expect(pathTo('db', 'team', edges)).toEqual({ nodes: ['db', 'role', 'team'], edges: ['role>db', 'team>role'] });
    expect(pathTo('me', 'nowhere', edges)).toBeNull();
  });
});
