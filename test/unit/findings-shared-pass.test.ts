// The behavioural rules of a run share one pass over the auth events (main/findings/shared-pass.ts). Each rule
// has its own window and outcome filter, so the shared pass must hand every rule exactly the events it would
// read alone: a run of all rules gives each rule the same findings as that rule run by itself.
// The case mixes what the filters tell apart: failures from a new network (new-network reads successes only),
// a Tor failure (anonymous-network reads both), a spray (credential-attack reads failures, then successes),
// a console sign-in (human-use-of-nhi reads props) and a key used from many networks (credential-reuse); and a
// person's API token (judged as its own subject) used from Tor after its holder left (token-used-after-owner-left).
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/api/findings.ts';
import { caseWith, ev, series } from '../fixtures/findings/build-case.ts';
import type { TestCase } from '../helpers.ts';

const AS_OF = '2024-06-01T00:00:00Z';
const BEHAVIOURAL = ['anonymous-network', 'new-network', 'credential-reuse', 'human-use-of-nhi', 'credential-attack', 'token-used-after-owner-left'];
let t: TestCase | undefined;
afterEach(() => t?.close());

const identities = [
  'alice,Alice,human,,prod,active,2020-01-01,,okta,',
  'bob,Bob,human,,prod,active,2020-01-01,,okta,',
  'carol,Carol,human,,prod,active,2020-01-01,,okta,',
  'dave,Dave,human,,prod,active,2020-01-01,,okta,',
  'erin,Erin,human,,prod,active,2020-01-01,,okta,',
  'frank,Frank,human,,prod,disabled,2020-01-01,2024-05-01,okta,',
  'svc-etl,ETL,service_account,alice,prod,active,2022-01-01,,aws,',
  'svc-web,Web,service_account,alice,prod,active,2022-01-01,,aws,',
];
const credentials = ['AKIAETL,svc-etl,access_key,2024-03-01,,,,active,', 'tok-frank,frank,token,2024-03-01,,,,active,'];

function view(findings: Finding[]) {
  return findings.map((f) => `${f.rule} ${f.id} ${f.severity} ${f.title}`).sort();
}

describe('the shared pass of the behavioural rules', () => {
  it('gives every rule the findings it gives alone', async () => {
    t = await caseWith({
      identities,
      credentials,
      networks: ['10.0.0.0/8,corporate,Corporate,analyst'],
      auth_events: [
        ...series('2024-04-01T02:00:00Z', 30, 24 * 60, (ts, i) => ev(ts, 'svc-etl', { credential: 'AKIAETL', ip: `10.1.0.${i + 1}` })),
        ...series('2024-04-01T03:00:00Z', 30, 24 * 60, (ts, i) => ev(ts, 'svc-web', { ip: `10.2.0.${i + 1}` })),
        // Failures only from a new network: not new-network (successes only), but seen by credential-attack's burst.
        ...series('2024-05-20T01:00:00Z', 12, 0.5, (ts) => ev(ts, 'svc-web', { ip: '8.8.8.8', outcome: 'failure' })),
        ev('2024-05-20T01:07:00Z', 'svc-web', { ip: '8.8.8.8' }),
        // A Tor failure and a hosting success for svc-etl's key; more networks for its reuse.
        ev('2024-05-25T01:00:00Z', 'svc-etl', { credential: 'AKIAETL', ip: '185.220.101.1', outcome: 'failure' }),
        ev('2024-05-26T01:00:00Z', 'svc-etl', { credential: 'AKIAETL', ip: '159.89.0.1' }),
        ev('2024-05-26T02:00:00Z', 'svc-etl', { credential: 'AKIAETL', ip: '3.5.140.1' }),
        ev('2024-05-26T03:00:00Z', 'svc-etl', { credential: 'AKIAETL', ip: '8.8.4.4' }),
        // A person at the console of the service account.
        ev('2024-05-27T09:00:00Z', 'svc-web', {
          ip: '10.2.0.1',
          ua: 'Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/124.0',
          action: 'ConsoleLogin',
        }),
        // Frank's token: a daily job from the office, then, after Frank was last seen, from Tor and from AWS.
        ...series('2024-04-01T04:00:00Z', 30, 24 * 60, (ts) =>
          ev(ts, 'frank', { credential: 'tok-frank', ip: '10.3.0.1', ua: 'okta-sdk-python/2.9.2' }),
        ),
        ev('2024-05-22T04:00:00Z', 'frank', { credential: 'tok-frank', ip: '185.220.101.1', ua: 'okta-sdk-python/2.9.2' }),
        ev('2024-05-23T04:00:00Z', 'frank', { credential: 'tok-frank', ip: '3.5.140.1', ua: 'okta-sdk-python/2.9.2' }),
        // One source spraying five people.
        ...['alice', 'bob', 'carol', 'dave', 'erin'].map((who, i) =>
          ev(`2024-05-28T04:0${i}:00Z`, who, { ip: '138.199.0.1', action: 'Login', outcome: 'failure' }),
        ),
      ],
    });
    const all = (await t.call('findings.run', { persist: false, asOf: AS_OF })).findings!.filter((f) => BEHAVIOURAL.includes(f.rule));
    const alone: Finding[] = [];
    for (const rule of BEHAVIOURAL) alone.push(...(await t.call('findings.run', { persist: false, asOf: AS_OF, rules: [rule as never] })).findings!);
    // Every behavioural rule fired here, so the comparison covers each filter.
    expect(new Set(all.map((f) => f.rule))).toEqual(new Set(BEHAVIOURAL));
    expect(view(all)).toEqual(view(alone));
    // The token is judged on its own, by the network rules and the departure rule.
    expect(
      all
        .filter((f) => f.subject === 'tok-frank')
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['anonymous-network', 'new-network', 'new-network', 'token-used-after-owner-left']);
    const run = await t.call('findings.run', { persist: false, asOf: AS_OF });
    const shared = run.rules.filter((r) => BEHAVIOURAL.includes(r.rule)).map((r) => r.sharedPassMs);
    expect(shared.every((ms) => typeof ms === 'number' && ms === shared[0])).toBe(true);
  });
});
