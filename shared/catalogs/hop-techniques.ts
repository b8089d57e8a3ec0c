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
  member_of: {
    phrase: 'is a member of',
    because: 'members inherit every right granted to the group',
    technique: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
  },
  has_role: {
    phrase: 'holds the role',
    because: 'holding a role gives its permissions',
    technique: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
  },
  can_assume: {
    phrase: 'can assume',
    because: 'a trust or impersonation grant lets it become the target',
    technique: { id: 'T1550.001', name: 'Use Alternate Authentication Material: Application Access Token' },
  },
  owns: {
    phrase: 'owns',
    because: 'an owner can add credentials to what it owns and sign in as it',
    technique: { id: 'T1098.001', name: 'Account Manipulation: Additional Cloud Credentials' },
  },
  // The technique of an access hop depends on the system and the action: hopTechnique() picks it.
  access: {
    phrase: 'has access to',
    because: 'an entitlement grants this privilege on the system',
    technique: { id: 'T1078', name: 'Valid Accounts' },
  },
  has_credential: { phrase: 'holds the credential', because: 'the secret belongs to it', technique: { id: 'T1552', name: 'Unsecured Credentials' } },
  authenticates: {
    phrase: 'signs in as',
    because: 'whoever holds this secret is the identity',
    technique: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
  },
  stores: {
    phrase: 'stores the secret',
    because: 'the secret can be read from the system with enough privilege',
    technique: { id: 'T1555.006', name: 'Credentials from Password Stores: Cloud Secrets Management Stores' },
  },
  runs_as: {
    phrase: 'runs its workloads as',
    because: 'code running on the system acts with the identity',
    technique: { id: 'T1552.005', name: 'Unsecured Credentials: Cloud Instance Metadata API' },
  },
};

const T = {
  validAccounts: { id: 'T1078', name: 'Valid Accounts' },
  domainAccounts: { id: 'T1078.002', name: 'Valid Accounts: Domain Accounts' },
  cloudAccounts: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
  cloudStorage: { id: 'T1530', name: 'Data from Cloud Storage' },
  repositories: { id: 'T1213', name: 'Data from Information Repositories' },
  codeRepositories: { id: 'T1213.003', name: 'Data from Information Repositories: Code Repositories' },
  secretStores: { id: 'T1555.006', name: 'Credentials from Password Stores: Cloud Secrets Management Stores' },
  remoteServices: { id: 'T1021', name: 'Remote Services' },
  containerAdmin: { id: 'T1609', name: 'Container Administration Command' },
  snapshot: { id: 'T1578.001', name: 'Modify Cloud Compute Infrastructure: Create Snapshot' },
} as const;

/** What an Active Directory logon looks like in the logs we import: Windows event ids and words. */
const DOMAIN_LOGON = /\b(4624|4625|4648|4768|4769|4771|4776)\b|kerberos|ntlm|logon/i;

/** What using an `access` grant on a system of this kind most plainly is, when the logs say nothing more. */
const BY_SYSTEM: Record<string, HopMeaning['technique']> = {
  storage: T.cloudStorage,
  database: T.repositories,
  repository: T.codeRepositories,
  secret_store: T.secretStores,
  host: T.remoteServices,
  cluster: T.containerAdmin,
  account: T.cloudAccounts,
  saas: T.cloudAccounts,
};

/**
 * The ATT&CK technique of one hop. For `access` it follows what was done: the actions that exercised the hop
 * (an AD logon is Valid Accounts: Domain Accounts, a CreateDBSnapshot is Create Snapshot) and else the kind of
 * system reached (a bucket is Data from Cloud Storage, a host Remote Services). Other edges have one meaning.
 */
export function hopTechnique(
  edge: string,
  context: { targetSubkind?: string | null; actions?: (string | null | undefined)[] } = {},
): HopMeaning['technique'] | null {
  const m = HOP_MEANINGS[edge];
  if (!m) return null;
  if (edge !== 'access') return m.technique;
  const actions = (context.actions ?? []).filter((a): a is string => !!a);
  if (actions.some((a) => /snapshot/i.test(a))) return T.snapshot;
  if (actions.some((a) => DOMAIN_LOGON.test(a))) return T.domainAccounts;
  if (actions.some((a) => /^(s3:)?(GetObject|ListObjects|ListBucket|CopyObject)|download/i.test(a))) return T.cloudStorage;
  const bySystem = context.targetSubkind ? BY_SYSTEM[context.targetSubkind] : undefined;
  // Unknown system kind: using a grant with someone's rights is at least Valid Accounts.
  return bySystem ?? T.validAccounts;
}

export function hopSentence(from: string, edge: string, to: string, privilege?: string | null): string {
  const m = HOP_MEANINGS[edge];
  if (!m) return `${from} → ${to} (${edge})`;
  return `${from} ${m.phrase}${privilege ? ` (${privilege})` : ''} ${to} because ${m.because}`;
}
