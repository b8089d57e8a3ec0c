// Realistic Entra ID records for the identity-kind tests: audit "Add user" records (diagnostic-settings shape,
// modifiedProperties as Entra writes them: JSON arrays of one value) and sign-ins (Graph signIns shape, as in
// Microsoft's documented signIn resource). A service account named, configured and used like one, and a person
// whose login `sa-kim` follows an initials convention that looks like a machine's.
export const TENANT = '4b1c2d3e-0000-4a4a-9b9b-0c0d0e0f1a2b';
export const SVC = { id: '7e2a1c44-1a2b-4c3d-8e9f-0a1b2c3d4e5f', upn: 'svc-backup-sync@contoso.example', name: 'svc-backup-sync' };
// A person whose login follows the initials convention `sa-<surname>`: the "sa-" prefix is a near miss.
export const KIM = { id: '9c8b7a65-2b3c-4d5e-9f0a-1b2c3d4e5f60', upn: 'sa-kim@contoso.example', name: 'Soo-ah Kim' };
export const ADMIN = { id: '11aa22bb-3c4d-4e5f-8a9b-0c1d2e3f4a5b', upn: 'it.admin@contoso.example', name: 'IT Admin' };

export function prop(displayName: string, value: unknown) {
  return { displayName, oldValue: '[]', newValue: JSON.stringify([value]) };
}

export function addUser(who: typeof SVC, at: string, properties: { displayName: string; oldValue: string; newValue: string }[]) {
  return {
    time: at,
    resourceId: `/tenants/${TENANT}/providers/Microsoft.aadiam`,
    operationName: 'Add user',
    operationVersion: '1.0',
    category: 'AuditLogs',
    tenantId: TENANT,
    resultSignature: 'None',
    durationMs: 0,
    callerIpAddress: '10.20.0.15',
    correlationId: `c-${who.id}`,
    level: 'Informational',
    properties: {
      id: `Directory_${who.id.slice(0, 8)}`,
      category: 'UserManagement',
      correlationId: `c-${who.id}`,
      result: 'success',
      resultReason: '',
      activityDisplayName: 'Add user',
      activityDateTime: at,
      loggedByService: 'Core Directory',
      operationType: 'Add',
      initiatedBy: { user: { id: ADMIN.id, displayName: null, userPrincipalName: ADMIN.upn, ipAddress: '10.20.0.15' } },
      targetResources: [
        {
          id: who.id,
          displayName: null,
          type: 'User',
          userPrincipalName: who.upn,
          modifiedProperties: [
            prop('AccountEnabled', true),
            prop('DisplayName', who.name),
            prop('UserPrincipalName', who.upn),
            prop('UserType', 'Member'),
            ...properties,
            {
              displayName: 'Included Updated Properties',
              oldValue: null,
              newValue: `"${['AccountEnabled', 'DisplayName', 'UserPrincipalName', 'UserType', ...properties.map((p) => p.displayName)].join(', ')}"`,
            },
          ],
        },
      ],
      additionalDetails: [],
    },
  };
}

export function signIn(who: typeof SVC, at: string, interactive: boolean, n: number) {
  return {
    id: `${who.id.slice(0, 8)}-${n.toString(16).padStart(4, '0')}-4000-8000-000000000000`,
    createdDateTime: at,
    userDisplayName: who.name,
    userPrincipalName: who.upn,
    userId: who.id,
    appId: interactive ? '4765445b-32c6-49b0-83e6-1d93765276ca' : '1b730954-1685-4b74-9bfd-dac224a7b894',
    appDisplayName: interactive ? 'OfficeHome' : 'Azure Active Directory PowerShell',
    ipAddress: interactive ? '203.0.113.40' : '10.20.4.11',
    clientAppUsed: interactive ? 'Browser' : 'Mobile Apps and Desktop clients',
    userAgent: interactive
      ? 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0'
      : 'Mozilla/5.0 (compatible; MSAL 1.0) PKeyAuth/1.0',
    isInteractive: interactive,
    signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
    resourceDisplayName: 'Microsoft Graph',
    resourceId: '00000003-0000-0000-c000-000000000000',
    conditionalAccessStatus: 'notApplied',
    authenticationRequirement: interactive ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    status: { errorCode: 0, failureReason: 'Other.', additionalDetails: null },
    location: { city: 'Leeds', state: 'West Yorkshire', countryOrRegion: 'GB' },
  };
}

export const day = (d: number, h = 2) => new Date(Date.UTC(2024, 4, d, h, 15, 0)).toISOString();

export function auditFile(): string {
  return (
    [
      addUser(SVC, day(1, 9), [prop('PasswordPolicies', 'DisablePasswordExpiration')]),
      addUser(KIM, day(1, 10), [prop('JobTitle', 'Payroll Specialist'), prop('Department', 'Finance'), prop('EmployeeId', 'E10442')]),
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n'
  );
}

/** 14 nightly non-interactive runs of the service account, then one browser sign-in to the portal; Kim signs in at her desk. */
export function signInFile(): string {
  const value = [];
  for (let d = 2; d <= 15; d++) value.push(signIn(SVC, day(d), false, d));
  value.push(signIn(SVC, day(16, 14), true, 99));
  for (let d = 2; d <= 15; d++) value.push(signIn(KIM, day(d, 8), true, 200 + d));
  return JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value });
}
