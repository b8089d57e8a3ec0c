// what-if edge arguments: `from:kind[:privilege]:to`, where ids may contain colons (ARNs).
import { describe, expect, it } from 'vitest';
import { parseEdge } from '../../main/cli/commands/graph.ts';

describe('what-if edge arguments', () => {
  it('splits plain ids', () => {
    expect(parseEdge('alice:member_of:admins', false)).toEqual({ from: 'alice', kind: 'member_of', to: 'admins' });
  });

  it('keeps colons inside ARNs and reads an optional privilege on additions', () => {
    expect(parseEdge('arn:aws:iam::1:role/deploy:access:admin:arn:aws:rds:eu-central-1:1:db:prod', true)).toEqual({
      from: 'arn:aws:iam::1:role/deploy',
      kind: 'access',
      to: 'arn:aws:rds:eu-central-1:1:db:prod',
      privilege: 'admin',
    });
    // On removals a privilege-looking segment is part of the target id.
    expect(parseEdge('a:access:admin:b', false)).toEqual({ from: 'a', kind: 'access', to: 'admin:b' });
  });

  it('refuses text without an edge kind as a usage error', () => {
    expect(() => parseEdge('alice:likes:bob', false)).toThrow(expect.objectContaining({ code: 'bad-request' }));
    expect(() => parseEdge('alice:owns', false)).toThrow(/expected/);
  });
});
