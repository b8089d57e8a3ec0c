// The identity-kind classifier on realistic records: Entra ID audit "Add user" records (diagnostic-settings shape,
// modifiedProperties as Entra writes them: JSON arrays of one value) and sign-ins (Graph signIns shape). A user object
// named, configured and used like a service account becomes one, and the NHI rules then judge it; a person whose
// login happens to look like a machine's stays human. The analyst's choice wins and survives re-import.
import { describe, expect, it } from 'vitest';
import { TestCase } from '../helpers.ts';
import { addUser, auditFile, day, KIM, prop, signIn, signInFile, SVC } from './support/entra-user-records.ts';

function identity(rows: Awaited<ReturnType<TestCase['call']>>, id: string) {
  return (rows as { id: string }[]).find((r) => r.id === id) as Record<string, any>;
}

describe('identity kinds: Entra user objects', () => {
  it('a user named, configured and used like a service account is one (and the NHI rules judge it); a look-alike person stays human', async () => {
    const t = await TestCase.create();
    await t.importText('entra-audit.ndjson', auditFile());
    await t.importText('signins.json', signInFile());
    const rows = await t.call('case.identities', {});
    const svc = identity(rows, `entra:user:${SVC.id}`);
    expect(svc).toMatchObject({ kind: 'service_account', kindSource: 'classifier', sourceKind: 'human' });
    expect(svc.kindSignals).toEqual(
      expect.arrayContaining([
        'name "svc-backup-sync" follows the machine-account convention svc-*',
        'password never expires',
        'no job title, department, manager or employee id in the directory',
      ]),
    );
    expect(svc.kindBecause).toMatch(/^a user object used as a service account: /);
    const kim = identity(rows, `entra:user:${KIM.id}`);
    expect(kim).toMatchObject({ kind: 'human', kindSource: 'source' });
    expect(kim.kindBecause).toMatch(/not enough for a machine/);

    const run = await t.call('findings.run', { rules: ['human-use-of-nhi'], persist: false });
    expect((run.findings ?? []).map((f) => f.subject)).toEqual([`entra:user:${SVC.id}`]);
    t.close();
  });

  it('the attributes and the sign-ins count wherever they come from: sign-ins first, directory record later', async () => {
    const t = await TestCase.create();
    await t.importText('signins.json', signInFile());
    // Before the directory record arrives only the name speaks for a machine, which is enough for svc-…
    expect(identity(await t.call('case.identities', {}), `entra:user:${SVC.id}`)).toMatchObject({ kind: 'service_account' });
    // …and for sa-kim too, until the directory says she has a job title, a department and an employee id.
    expect(identity(await t.call('case.identities', {}), `entra:user:${KIM.id}`)).toMatchObject({ kind: 'service_account' });
    await t.importText('entra-audit.ndjson', auditFile());
    expect(identity(await t.call('case.identities', {}), `entra:user:${KIM.id}`)).toMatchObject({ kind: 'human' });
    t.close();
  });

  it("the analyst's kind wins, is audited, and survives re-import of the sources", async () => {
    const t = await TestCase.create();
    await t.importText('entra-audit.ndjson', auditFile());
    await t.importText('signins.json', signInFile());
    const set = await t.call('case.setIdentityKind', { id: SVC.upn, kind: 'human', reason: 'shared desk login of the backup team' });
    expect(set).toMatchObject({ id: `entra:user:${SVC.id}`, kind: 'human', kindSource: 'analyst' });
    expect(set.kindBecause).toMatch(/shared desk login of the backup team$/);
    expect((await t.call('findings.run', { rules: ['human-use-of-nhi'], persist: false })).findings).toEqual([]);
    // The same records again (new bytes, so they are imported) write the importer's "human" claim and re-classify.
    await t.importText('signins-again.json', signInFile().replace('"value"', '"value" '));
    await t.importText('entra-audit-again.ndjson', `${auditFile()}\n`);
    expect(identity(await t.call('case.identities', {}), `entra:user:${SVC.id}`)).toMatchObject({ kind: 'human', kindSource: 'analyst' });
    const audit = await t.call('case.audit', {});
    expect(audit.find((a) => a.action === 'identity.kind')?.detail).toMatchObject({
      node: `entra:user:${SVC.id}`,
      from: 'service_account',
      kind: 'human',
    });
    const cleared = await t.call('case.clearIdentityKind', { id: `entra:user:${SVC.id}` });
    expect(cleared).toMatchObject({ kind: 'service_account', kindSource: 'classifier' });
    t.close();
  });
});

describe('identity kinds: one account in two sources', () => {
  const SID = 'S-1-5-21-1004336348-1177238915-682003330-2231';
  const BACKUP = { id: '5d4c3b2a-1e0f-4a9b-8c7d-6e5f4a3b2c1d', upn: 'backupexec@contoso.example', name: 'backupexec' };

  /** A Winlogbeat 4624 network logon of CONTOSO\backupexec on the file server (the shape of test/fixtures/windows). */
  function logon(at: string, n: number): string {
    return JSON.stringify({
      '@timestamp': at,
      event: { code: '4624', kind: 'event', provider: 'Microsoft-Windows-Security-Auditing', action: 'logged-in', outcome: 'success' },
      host: { name: 'FS-01.contoso.example' },
      winlog: {
        channel: 'Security',
        provider_name: 'Microsoft-Windows-Security-Auditing',
        computer_name: 'FS-01.contoso.example',
        event_id: '4624',
        record_id: 5000 + n,
        logon: { type: 'Network', id: `0x9${n}` },
        event_data: {
          SubjectUserSid: 'S-1-0-0',
          SubjectUserName: '-',
          SubjectDomainName: '-',
          TargetUserSid: SID,
          TargetUserName: 'backupexec',
          TargetDomainName: 'CONTOSO',
          TargetLogonId: `0x9${n}`,
          LogonType: '3',
          LogonProcessName: 'NtLmSsp ',
          AuthenticationPackageName: 'NTLM',
          WorkstationName: 'BKP-01',
          IpAddress: '10.20.4.11',
          IpPort: '0',
        },
      },
      source: { ip: '10.20.4.11' },
    });
  }

  it('the AD account synced to Entra (same on-premises SID) takes the kind the Entra evidence gives', async () => {
    const t = await TestCase.create();
    // Entra: a synced user with no person attributes, a password that never expires, and only non-interactive sign-ins.
    const entra = addUser(BACKUP, day(1, 9), [prop('PasswordPolicies', 'DisablePasswordExpiration'), prop('OnPremisesSecurityIdentifier', SID)]);
    await t.importText('entra-audit.ndjson', `${JSON.stringify(entra)}\n`);
    const value = [];
    for (let d = 2; d <= 9; d++) value.push(signIn(BACKUP, day(d), false, d));
    await t.importText('signins.json', JSON.stringify({ value }));
    await t.importText('security.ndjson', [2, 3, 4, 5].map((d) => logon(day(d, 3), d)).join('\n') + '\n');

    const rows = await t.call('case.identities', {});
    expect(rows.find((r) => r.id === `entra:user:${BACKUP.id}`)).toMatchObject({ kind: 'service_account', kindSource: 'classifier' });
    const ad = rows.find((r) => r.id === 'windows:contoso\\backupexec')!;
    expect(ad).toMatchObject({ kind: 'service_account', kindSource: 'link' });
    expect(ad.kindBecause).toMatch(new RegExp(`^the same account as entra:user:${BACKUP.id} \\(sid\\)`));
    t.close();
  });
});

describe('identity kinds: names a spray guesses', () => {
  it('an account named only by failed sign-ins ("does not exist in the directory") is not judged a machine', async () => {
    const t = await TestCase.create();
    const guess = { id: '', upn: 'svc-sql@contoso.example', name: 'svc-sql' };
    const value = [0, 1, 2].map((n) => {
      const s = signIn(guess, day(20, 3 + n), false, 300 + n) as Record<string, unknown>;
      delete s.userId;
      return { ...s, ipAddress: '45.155.43.104', status: { errorCode: 50034, failureReason: 'The user account does not exist in the directory.' } };
    });
    await t.importText('spray.json', JSON.stringify({ value }));
    const row = (await t.call('case.identities', {})).find((r) => r.id === 'entra:upn:svc-sql@contoso.example');
    expect(row).toMatchObject({ kind: 'human', kindSource: 'source' });
    expect(row?.kindBecause).toMatch(/^only failed sign-ins name this account, which may not exist/);
    const run = await t.call('findings.run', { rules: ['orphaned-identity', 'human-use-of-nhi', 'anonymous-network'], persist: false });
    expect(run.findings).toEqual([]);
    t.close();
  });
});

describe('identity kinds: Active Directory attributes in an OpenGraph export', () => {
  const doc = (nodes: unknown[]) => JSON.stringify({ metadata: { source_kind: 'ADBase' }, graph: { nodes, edges: [] } });
  // Property names as SharpHound collects them for AD users (BloodHound CE), carried through OpenGraph.
  const user = (sid: string, name: string, properties: Record<string, unknown>) => ({
    id: sid,
    kinds: ['User'],
    properties: { name, samaccountname: name.split('@')[0].toLowerCase(), domain: 'CONTOSO.LOCAL', enabled: true, objectid: sid, ...properties },
  });

  it('an SPN and a password that never expires make a Kerberos service account; a person with a manager and title stays human', async () => {
    const t = await TestCase.create();
    await t.importText(
      'ad.json',
      doc([
        user('S-1-5-21-3623811015-3361044348-30300820-1601', 'MSSQL-PROD@CONTOSO.LOCAL', {
          hasspn: true,
          serviceprincipalnames: ['MSSQLSvc/sql01.contoso.local:1433', 'MSSQLSvc/sql01.contoso.local'],
          pwdneverexpires: true,
          passwordnotreqd: false,
        }),
        user('S-1-5-21-3623811015-3361044348-30300820-1602', 'J.DOE@CONTOSO.LOCAL', {
          hasspn: false,
          serviceprincipalnames: [],
          pwdneverexpires: true,
          title: 'Accountant',
          department: 'Finance',
          manager: 'CN=Ann Lee,OU=Staff,DC=contoso,DC=local',
        }),
      ]),
    );
    const rows = await t.call('case.identities', {});
    const sql = rows.find((r) => r.name === 'MSSQL-PROD@CONTOSO.LOCAL')!;
    expect(sql).toMatchObject({ kind: 'service_account', kindSource: 'classifier', sourceKind: 'human' });
    expect(sql.kindSignals).toContain('has a servicePrincipalName (Kerberos service account)');
    expect(rows.find((r) => r.name === 'J.DOE@CONTOSO.LOCAL')).toMatchObject({ kind: 'human' });
    t.close();
  });
});

describe("identity kinds: the organisation's own naming conventions", () => {
  it('replacing the conventions re-classifies at once (audited); reset restores the defaults', async () => {
    const t = await TestCase.create();
    // A convention the defaults do not know: machine accounts are `app.<name>`.
    const app = { id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', upn: 'app.invoicing@contoso.example', name: 'app.invoicing' };
    await t.importText('entra-audit.ndjson', `${JSON.stringify(addUser(app, day(1, 9), []))}\n`);
    const kindOf = async () => (await t.call('case.identities', {})).find((r) => r.id === `entra:user:${app.id}`)?.kind;
    expect(await kindOf()).toBe('human');
    const set = await t.call('case.identityKindPatterns', { set: [{ glob: 'app.*', kind: 'service_account' }] });
    expect(set).toMatchObject({ custom: true, changed: 1, patterns: [{ glob: 'app.*', kind: 'service_account' }] });
    expect(await kindOf()).toBe('service_account');
    expect((await t.call('case.audit', {})).some((a) => a.action === 'identity.name-patterns')).toBe(true);
    const reset = await t.call('case.identityKindPatterns', { reset: true });
    expect(reset).toMatchObject({ custom: false, changed: 1 });
    expect(reset.patterns.some((p) => p.glob === 'svc-*')).toBe(true);
    expect(await kindOf()).toBe('human');
    t.close();
  });
});
