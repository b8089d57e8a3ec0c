// The framework catalogs findings cite: OWASP Non-Human Identities Top 10 (2025), NIST CSF 2.0
// subcategories and the MITRE ATT&CK techniques we use. Ids and titles are the real ones; the one-line
// descriptions are our own words. Pure data, so reports and the UI can render them.

export type FrameworkName = 'OWASP NHI Top 10 2025' | 'NIST CSF 2.0' | 'MITRE ATT&CK';

export interface FrameworkEntry {
  id: string;
  framework: FrameworkName;
  title: string;
  /** Our one-line summary of why it matters. */
  description: string;
}

const nhi = (n: number, title: string, description: string): FrameworkEntry => ({
  id: `NHI${n}:2025`,
  framework: 'OWASP NHI Top 10 2025',
  title,
  description,
});
const csf = (id: string, title: string, description: string): FrameworkEntry => ({ id, framework: 'NIST CSF 2.0', title, description });
const attack = (id: string, title: string, description: string): FrameworkEntry => ({ id, framework: 'MITRE ATT&CK', title, description });

export const OWASP_NHI_2025: readonly FrameworkEntry[] = [
  nhi(1, 'Improper Offboarding', 'Machine identities outlive the project or person that needed them and keep working credentials.'),
  nhi(2, 'Secret Leakage', 'Secrets end up in code, logs, tickets or images where others can read them.'),
  nhi(3, 'Vulnerable Third-Party NHI', 'Vendor apps and integrations hold standing access into our environment.'),
  nhi(4, 'Insecure Authentication', 'Machine identities authenticate with weak or deprecated methods.'),
  nhi(5, 'Overprivileged NHI', 'Machine identities hold far more privilege than their job uses.'),
  nhi(6, 'Insecure Cloud Deployment Configurations', 'CI/CD and cloud workloads are wired with static or over-broad credentials.'),
  nhi(7, 'Long-Lived Secrets', 'Secrets that never expire or rotate give a stolen copy unlimited time.'),
  nhi(8, 'Environment Isolation', 'One identity spans environments, so a test compromise reaches production.'),
  nhi(9, 'NHI Reuse', 'One machine identity is shared by many workloads, so one leak compromises all of them.'),
  nhi(10, 'Human Use of NHI', 'People log in as machine identities, bypassing personal accountability and MFA.'),
];

export const NIST_CSF_2: readonly FrameworkEntry[] = [
  csf('GV.RR-02', 'Roles, responsibilities, and authorities', 'Someone accountable is named for every identity and its risk.'),
  csf(
    'GV.SC-07',
    'Supplier risk managed over the relationship',
    'Third-party access is understood, recorded and monitored for as long as it exists.',
  ),
  csf('ID.AM-08', 'Life-cycle management', 'Identities and assets are retired when they are no longer needed.'),
  csf('PR.AA-01', 'Identities and credentials are managed', 'Every identity and its credentials are issued, rotated and revoked deliberately.'),
  csf('PR.AA-03', 'Users, services, and hardware are authenticated', 'Authentication (MFA included) is required before access is granted.'),
  csf('PR.AA-05', 'Least privilege access', 'Access is defined, reviewed and limited to what each identity needs.'),
  csf('PR.DS-01', 'Data-at-rest protected', 'Stored data can be read and changed only by those meant to.'),
  csf('PR.PS-04', 'Log records are generated', 'Logs are produced and kept for continuous monitoring.'),
  csf('PR.IR-01', 'Networks and environments protected', 'Environments are separated so access does not leak across them.'),
  csf('DE.CM-01', 'Networks monitored', 'Where connections come from is watched for the unexpected.'),
  csf('DE.CM-03', 'Personnel activity monitored', 'How people use accounts and technology is watched for misuse.'),
  csf('DE.CM-09', 'Computing and runtime monitored', 'Workload and credential activity is watched for adverse events.'),
  csf('DE.AE-02', 'Adverse events analysed', 'Unusual events are analysed to understand what happened.'),
  csf('DE.AE-04', 'Impact and scope understood', 'What an adverse event could reach is estimated before it spreads.'),
  csf('DE.AE-07', 'Threat intelligence integrated', 'Threat intelligence and context (e.g. anonymising networks) inform the analysis.'),
];

export const MITRE_ATTACK: readonly FrameworkEntry[] = [
  attack('T1078', 'Valid Accounts', 'Adversaries use legitimate credentials to get in and stay in.'),
  attack('T1078.004', 'Valid Accounts: Cloud Accounts', 'Stolen cloud identities and keys used as if they were the owner.'),
  attack('T1090.003', 'Proxy: Multi-hop Proxy', 'Traffic routed through Tor or chained proxies to hide its origin.'),
  attack(
    'T1098.001',
    'Account Manipulation: Additional Cloud Credentials',
    'New keys, passwords or certificates added to an identity to keep access.',
  ),
  attack('T1098.003', 'Account Manipulation: Additional Cloud Roles', 'Roles or trusts changed so an outside principal can act inside.'),
  attack('T1110', 'Brute Force', 'Guessing credentials by repeated attempts.'),
  attack('T1110.003', 'Brute Force: Password Spraying', 'One password tried against many accounts to stay under lockout limits.'),
  attack('T1484.002', 'Domain or Tenant Policy Modification: Trust Modification', 'Federation and identity-provider trust added or changed.'),
  attack('T1556.006', 'Modify Authentication Process: Multi-Factor Authentication', 'MFA disabled or changed to let a stolen credential in.'),
  attack('T1562.008', 'Impair Defenses: Disable or Modify Cloud Logs', 'Cloud audit trails stopped, deleted or narrowed.'),
  attack('T1199', 'Trusted Relationship', 'Access through a third party that already has a foothold.'),
  attack('T1530', 'Data from Cloud Storage', 'Data taken from cloud storage that the adversary can read.'),
  attack('T1552', 'Unsecured Credentials', 'Credentials found where they are stored insecurely.'),
];

export const FRAMEWORK_CATALOG: ReadonlyMap<string, FrameworkEntry> = new Map(
  [...OWASP_NHI_2025, ...NIST_CSF_2, ...MITRE_ATTACK].map((e) => [e.id, e]),
);

export function frameworkEntry(id: string): FrameworkEntry | undefined {
  return FRAMEWORK_CATALOG.get(id);
}
