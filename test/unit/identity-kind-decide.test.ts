// The identity-kind decision (main/kinds/decide.ts): precedence, and the near misses that must stay human.
import { describe, expect, it } from 'vitest';
import { decideKind, type KindInput } from '../../main/kinds/decide.ts';
import { directoryAttributes } from '../../main/kinds/directory-attributes.ts';
import { DEFAULT_NAME_PATTERNS, matchName } from '../../main/kinds/name-patterns.ts';

function input(over: Partial<KindInput> & { props?: Record<string, unknown>; names?: string[] } = {}): KindInput {
  const { props = {}, names = [], ...rest } = over;
  return {
    provider: 'entra',
    sourceKind: 'human',
    inventoryKind: null,
    override: null,
    attributes: directoryAttributes(props),
    nameMatch: matchName(names, DEFAULT_NAME_PATTERNS),
    behaviour: null,
    flags: { federated: false, awsService: false, root: false, nologin: false },
    ...rest,
  };
}

describe('decideKind', () => {
  it('the analyst, then the inventory, then a machine record, then the weighed signals', () => {
    const svc = { names: ['svc-etl'], props: { directory: { userType: 'Member' } } };
    expect(
      decideKind(input({ ...svc, override: { kind: 'human', reason: 'a person', actor: 'ana' }, inventoryKind: 'service_account' })),
    ).toMatchObject({ kind: 'human', source: 'analyst', because: 'set by ana: a person' });
    expect(decideKind(input({ ...svc, inventoryKind: 'human' }))).toMatchObject({ kind: 'human', source: 'inventory' });
    expect(
      decideKind(
        input({
          names: ['alice'],
          sourceKind: 'workload',
          flags: { federated: true, awsService: false, root: false, nologin: false },
          provider: 'token.actions.githubusercontent.com',
        }),
      ),
    ).toMatchObject({ kind: 'workload', source: 'source', because: 'a federated subject of token.actions.githubusercontent.com (workload)' });
    expect(decideKind(input(svc))).toMatchObject({ kind: 'service_account', source: 'classifier' });
  });

  it('AD attributes as SharpHound writes them: an SPN and a password that never expires make a Kerberos service account', () => {
    const d = decideKind(
      input({
        names: ['CONTOSO\\backupexec'],
        provider: 'windows',
        props: { hasspn: true, serviceprincipalnames: ['MSSQLSvc/db01.contoso.local:1433'], pwdneverexpires: true },
      }),
    );
    expect(d).toMatchObject({ kind: 'service_account', source: 'classifier' });
    expect(d.signals).toEqual(['has a servicePrincipalName (Kerberos service account)', 'password never expires']);
  });

  it('near misses stay human: a person with a machine-like login, a bare directory entry that only refreshes tokens', () => {
    const kim = decideKind(
      input({
        names: ['sa-kim@contoso.example'],
        props: { directory: { userType: 'Member', jobTitle: 'Payroll Specialist', department: 'Finance', employeeId: 'E10442' } },
      }),
    );
    expect(kim).toMatchObject({ kind: 'human', source: 'source' });
    const bare = decideKind(
      input({
        names: ['j.doe@contoso.example'],
        props: { directory: { userType: 'Member', passwordPolicies: 'DisablePasswordExpiration' } },
        behaviour: { events: 40, interactive: 0, successes: 40 },
      }),
    );
    expect(bare.kind).toBe('service_account'); // three weak signals together: never expires, no person attributes, never interactive
    const lessBare = decideKind(
      input({
        names: ['j.doe@contoso.example'],
        props: { directory: { userType: 'Member' } },
        behaviour: { events: 40, interactive: 0, successes: 40 },
      }),
    );
    expect(lessBare).toMatchObject({ kind: 'human' });
    expect(decideKind(input({ names: ['Asyncia Botha', 'asyncia.botha@contoso.example'] })).kind).toBe('human');
    // A spray guesses `svc-sql`: the directory answers "does not exist", and nothing else names the account.
    const guessed = decideKind(
      input({ names: ['svc-sql@contoso.example'], behaviour: { events: 2, interactive: 0, successes: 0 }, onlyFailedSignIns: true }),
    );
    expect(guessed).toMatchObject({ kind: 'human', source: 'source' });
    expect(guessed.because).toMatch(/^only failed sign-ins name this account/);
  });

  it('an Okta profile that says the account is a service one', () => {
    expect(
      decideKind(input({ provider: 'okta', names: ['integration@contoso.example'], props: { profile: { userType: 'Service' } } })),
    ).toMatchObject({
      kind: 'service_account',
      signals: ['directory user type "Service"', 'no job title, department, manager or employee id in the directory'],
    });
  });
});

describe('matchName', () => {
  it('matches the short name of a UPN, a down-level logon name or an ARN against globs', () => {
    expect(matchName(['CONTOSO\\svc_sql'], DEFAULT_NAME_PATTERNS)?.pattern.glob).toBe('svc_*');
    expect(matchName(['arn:aws:iam::111122223333:user/ops/hr-sync'], DEFAULT_NAME_PATTERNS)?.pattern.glob).toBe('*-sync');
    expect(matchName(['release-bot@corp.example'], DEFAULT_NAME_PATTERNS)?.pattern.glob).toBe('*-bot');
    expect(matchName(['sync-team-lead', 'botany@corp.example', 'svcek'], DEFAULT_NAME_PATTERNS)).toBeNull();
  });
});
