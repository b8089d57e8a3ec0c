// The identity-risk rules: ids (a contract used by the CLI, reports and the UI), what each finds, why it
// matters, and the framework ids it maps to. Pure data; the detectors live in main/findings/detectors/.

export const RULE_IDS = [
  'anonymous-network',
  'new-network',
  'long-lived-secret',
  'dormant-identity',
  'orphaned-identity',
  'excessive-privilege',
  'unused-entitlement',
  'credential-reuse',
  'human-use-of-nhi',
  'environment-crossing',
  'third-party-broad-access',
  'credential-attack',
  'crown-jewel-reach',
  'credential-created-for-another',
  'trust-opened-outward',
  'audit-logging-weakened',
  'mfa-removed',
  'public-resource',
  'token-used-after-owner-left',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * Incident: evidence in the logs that an identity or credential was misused, or that someone changed who can act
 * as it. Posture: hygiene that widens what a compromise costs. A responder reads incidents first.
 */
export type FindingKind = 'incident' | 'posture';

export interface RuleInfo {
  id: RuleId;
  kind: FindingKind;
  title: string;
  /** What the rule looks for, in one line. */
  what: string;
  /** Why it matters, in our words (shown with every finding). */
  why: string;
  frameworks: readonly string[];
}

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  'anonymous-network': {
    id: 'anonymous-network',
    kind: 'incident',
    title: 'Non-human identity used from an anonymising network',
    what: 'A non-human identity or its credential authenticates from Tor, a consumer VPN or anonymous hosting.',
    why: 'Workloads run from stable infrastructure; a service credential used through Tor, a VPN or rented hosting usually means someone else holds it.',
    frameworks: ['DE.CM-09', 'DE.AE-07', 'T1090.003', 'T1078.004'],
  },
  'new-network': {
    id: 'new-network',
    kind: 'incident',
    title: 'Non-human identity used from a network outside its baseline',
    what: 'A source network (ASN, analyst CIDR or network class) never seen for this identity in its baseline window.',
    why: 'Machine identities are creatures of habit; a new source network is the earliest sign a stolen key is being used elsewhere.',
    frameworks: ['DE.CM-01', 'DE.AE-02', 'T1078.004'],
  },
  'long-lived-secret': {
    id: 'long-lived-secret',
    kind: 'posture',
    title: 'Long-lived secret',
    what: 'A credential not rotated within policy, without expiry, or expiring more than a year out.',
    why: 'The longer a secret lives, the more copies of it exist and the longer a stolen one keeps working.',
    frameworks: ['NHI7:2025', 'PR.AA-01'],
  },
  'dormant-identity': {
    id: 'dormant-identity',
    kind: 'posture',
    title: 'Dormant identity with live credentials',
    what: 'No use for N days, yet still active with credentials that would work.',
    why: 'Nobody notices when an unused identity is abused, and its credentials serve no one but an attacker.',
    frameworks: ['NHI1:2025', 'PR.AA-01', 'ID.AM-08'],
  },
  'orphaned-identity': {
    id: 'orphaned-identity',
    kind: 'posture',
    title: 'Orphaned identity',
    what: "A non-human identity whose owner is missing, unknown, disabled, deleted or departed; or a person's API token whose creator has left.",
    why: 'Without an accountable owner nobody rotates, reviews or retires the identity, and nobody answers for its use.',
    frameworks: ['NHI1:2025', 'GV.RR-02'],
  },
  'excessive-privilege': {
    id: 'excessive-privilege',
    kind: 'posture',
    title: 'Excessive privilege',
    what: 'Admin-equivalent or wildcard access held by a non-human identity.',
    why: 'Admin rights turn one leaked machine credential into control of the system and everything it stores.',
    frameworks: ['NHI5:2025', 'PR.AA-05'],
  },
  'unused-entitlement': {
    id: 'unused-entitlement',
    kind: 'posture',
    title: 'Entitlement not used in the observed window',
    what: 'A grant that no log in the observed window shows being exercised.',
    why: 'Unused access only adds blast radius; removing it costs the workload nothing.',
    frameworks: ['NHI5:2025', 'PR.AA-05'],
  },
  'credential-reuse': {
    id: 'credential-reuse',
    kind: 'posture',
    title: 'Credential used from many workloads or networks',
    what: 'One credential used from many distinct networks, ASNs or client types (not merely many IPs).',
    why: 'A shared credential cannot be revoked without breaking every user of it, and one leak compromises them all.',
    frameworks: ['NHI9:2025', 'DE.CM-09'],
  },
  'human-use-of-nhi': {
    id: 'human-use-of-nhi',
    kind: 'incident',
    title: 'Human use of a non-human identity',
    what: 'Interactive or console logins, browser user agents or interactive logon types on a non-human identity.',
    why: "A person using a service identity bypasses personal accountability and MFA, and often means its secret is in someone's hands.",
    frameworks: ['NHI10:2025', 'DE.CM-03'],
  },
  'environment-crossing': {
    id: 'environment-crossing',
    kind: 'posture',
    title: 'Identity crosses environments',
    what: 'An identity of one environment holds access into another (e.g. staging → prod).',
    why: 'Lower environments are less guarded; an identity that crosses over lets a test compromise reach production.',
    frameworks: ['NHI8:2025', 'PR.IR-01'],
  },
  'third-party-broad-access': {
    id: 'third-party-broad-access',
    kind: 'posture',
    title: 'Third party with broad access',
    what: 'A third-party app or integration with write/admin access or long-lived secrets.',
    why: 'A vendor breach becomes ours when their integration holds standing write access or secrets that never expire.',
    frameworks: ['NHI3:2025', 'GV.SC-07', 'T1199'],
  },
  'credential-attack': {
    id: 'credential-attack',
    kind: 'incident',
    title: 'Credential attack against an identity',
    what: 'Bursts of failed authentications, or a source spraying failures across many identities.',
    why: 'Repeated failures are guessing; a success after them from the same source means the guess worked.',
    frameworks: ['DE.CM-09', 'T1110'],
  },
  'crown-jewel-reach': {
    id: 'crown-jewel-reach',
    kind: 'posture',
    title: 'Identity can reach a crown jewel',
    what: 'An identity whose blast radius reaches a crown-jewel system.',
    why: 'Whoever holds this identity holds a path to the systems that matter most.',
    frameworks: ['DE.AE-04', 'PR.AA-05'],
  },
  'credential-created-for-another': {
    id: 'credential-created-for-another',
    kind: 'incident',
    title: 'Credential created for another identity',
    what: 'Someone created or reset an access key, password, signing certificate or app secret of an identity other than themselves.',
    why: 'A key made for someone else is the classic backdoor: the attacker keeps access as that identity after their own is revoked.',
    frameworks: ['NHI1:2025', 'PR.AA-01', 'DE.CM-09', 'T1098.001'],
  },
  'trust-opened-outward': {
    id: 'trust-opened-outward',
    kind: 'incident',
    title: 'Trust opened to an outside principal',
    what: 'A role trust, identity provider, federated credential or Roles Anywhere trust anchor now lets a principal outside the organisation act here.',
    why: 'A trust to an outside account is persistence that survives every password and key reset inside the organisation.',
    frameworks: ['PR.AA-05', 'DE.CM-09', 'T1098.003', 'T1484.002'],
  },
  'public-resource': {
    id: 'public-resource',
    kind: 'posture',
    title: 'Resource open to anyone',
    what: 'A resource-based policy (S3 bucket, KMS key, secret, Lambda function, SNS topic, SQS queue) lets Principal "*" act on the resource with no condition.',
    why: 'Anyone on the internet, signed in to any AWS account or to none, gets what the policy grants: no identity of the organisation has to be compromised first.',
    frameworks: ['PR.AA-05', 'PR.DS-01', 'T1530'],
  },
  'audit-logging-weakened': {
    id: 'audit-logging-weakened',
    kind: 'incident',
    title: 'Audit logging weakened',
    what: 'A trail was stopped, deleted or narrowed, or flow, DNS or diagnostic logging was removed.',
    why: 'Attackers blind the logs before they act; whatever follows may be missing from this case.',
    frameworks: ['DE.CM-09', 'PR.PS-04', 'T1562.008'],
  },
  'mfa-removed': {
    id: 'mfa-removed',
    kind: 'incident',
    title: 'MFA removed from an identity',
    what: 'An MFA device or authentication method was deactivated or deleted.',
    why: 'Removing MFA is how a stolen password becomes a working login.',
    frameworks: ['PR.AA-03', 'DE.CM-09', 'T1556.006'],
  },
  'token-used-after-owner-left': {
    id: 'token-used-after-owner-left',
    kind: 'incident',
    title: 'Token still used after its owner left',
    what: "A person's API token or personal access token (Okta, GitHub) used after the person who created or holds it was disabled, deleted or left the organisation.",
    why: "Offboarding that leaves a person's token working hands their access to whoever holds the token; use after they left means that is someone else.",
    frameworks: ['NHI1:2025', 'PR.AA-01', 'DE.CM-03', 'T1078'],
  },
};

/** Incident rules first: what the investigate-first queue, @entry and the report lead with. */
export function ruleKind(rule: string): FindingKind {
  return isRuleId(rule) ? RULES[rule].kind : 'posture';
}

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
