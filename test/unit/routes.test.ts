// A screen's state lives in its route (issue 17): the attack-path query, path and step, and the findings filter
// survive a round trip through the hash; old links (#/paths/<id>, #/walk/<id>) still open the walker; a filter
// value the API would refuse never reaches it.
import { describe, expect, it } from 'vitest';
import { parseFindingsFilter, findingsParams } from '../../renderer/screens/findings/findings-route.ts';
import { parseWalkRoute, walkParams } from '../../renderer/screens/walk/walk-route.ts';
import { hrefFor, parseHash } from '../../renderer/state/route.ts';

describe('routes', () => {
  it('keeps an argument with slashes and a query apart', () => {
    const arn = 'arn:aws:iam::1452:role/deploy?x';
    const r = parseHash(hrefFor('findings', arn, { severity: 'high', text: 'a&b=c' }));
    expect(r).toEqual({ screen: 'findings', arg: arn, query: 'severity=high&text=a%26b%3Dc' });
    expect(parseHash('#/nowhere/x?y=1')).toEqual({ screen: 'home', arg: null, query: '' });
    expect(parseHash('#/identity/%E0%A4%A')).toEqual({ screen: 'home', arg: null, query: '' });
  });

  it('round-trips the walker state, lists included', () => {
    const state = { from: ['svc-deploy', 'arn:aws:iam::1:user/a'], to: ['@crown'], path: 2, step: 3 };
    expect(parseWalkRoute(parseHash(hrefFor('walk', null, walkParams(state))))).toEqual(state);
    // Defaults when nothing is said; an old link names one entry point.
    expect(parseWalkRoute({ arg: null, query: '' })).toEqual({ from: ['@entry'], to: ['@crown'], path: 0, step: 0 });
    expect(parseWalkRoute({ arg: 'svc-deploy', query: '' }).from).toEqual(['svc-deploy']);
    expect(parseWalkRoute({ arg: null, query: 'step=-1&path=abc' })).toMatchObject({ path: 0, step: 0 });
  });

  it('round-trips the findings filter and drops what the API would refuse', () => {
    const filter = { severity: 'high' as const, rule: 'credential-attack' as const, text: 'deploy' };
    expect(parseFindingsFilter(parseHash(hrefFor('findings', 'f1', findingsParams(filter))).query)).toEqual(filter);
    expect(parseFindingsFilter('severity=apocalyptic&rule=nope&status=open')).toEqual({ status: 'open' });
  });
});
