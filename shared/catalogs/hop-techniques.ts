// What an attacker does when taking one hop of an attack path, in plain words, with the ATT&CK
// technique that names it. Used by the path walker and the report. Our own wording.

export interface HopMeaning {
  /** "{from} {phrase} {to}" reads as a sentence. */
  phrase: string;
  /** Why the hop is possible, in the analyst's words. */
  because: string;
  technique: { id: string; name: string };
}

export const HOP_MEANINGS: Record<string, HopMeaning> = {
  member_of: { phrase: 'is a member of', because: 'members inherit every right granted to the group', technique: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' } },
  has_role: { phrase: 'holds the role', because: 'holding a role gives its permissions', technique: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' } },
  can_assume: { phrase: 'can assume', because: 'a trust or impersonation grant lets it become the target', technique: { id: 'T1550.001', name: 'Use Alternate Authentication Material: Application Access Token' } },
  owns: { phrase: 'owns', because: 'an owner can add credentials to what it owns and sign in as it', technique: { id: 'T1098.001', name: 'Account Manipulation: Additional Cloud Credentials' } },
  access: { phrase: 'has access to', because: 'an entitlement grants this privilege on the system', technique: { id: 'T1530', name: 'Data from Cloud Storage' } },
  has_credential: { phrase: 'holds the credential', because: 'the secret belongs to it', technique: { id: 'T1552', name: 'Unsecured Credentials' } },
  authenticates: { phrase: 'signs in as', because: 'whoever holds this secret is the identity', technique: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' } },
  stores: { phrase: 'stores the secret', because: 'the secret can be read from the system with enough privilege', technique: { id: 'T1555.006', name: 'Credentials from Password Stores: Cloud Secrets Management Stores' } },
  runs_as: { phrase: 'runs its workloads as', because: 'code running on the system acts with the identity', technique: { id: 'T1552.005', name: 'Unsecured Credentials: Cloud Instance Metadata API' } },
};

export function hopSentence(from: string, edge: string, to: string, privilege?: string | null): string {
  const m = HOP_MEANINGS[edge];
  if (!m) return `${from} → ${to} (${edge})`;
  return `${from} ${m.phrase}${privilege ? ` (${privilege})` : ''} ${to} because ${m.because}`;
}
