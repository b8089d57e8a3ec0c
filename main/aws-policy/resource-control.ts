// Resource control policies (AWS Organizations RCPs): ceilings on what the resources of member accounts may allow,
// as SCPs are ceilings on what principals may do. AWS attaches RCPFullAWSAccess everywhere and it cannot be
// detached, so an RCP restricts only by its Deny statements: a request to a resource of a member account is refused
// when a Deny of an RCP on the path to that account applies, whoever allows it otherwise. RCPs govern only S3, STS,
// SQS, KMS and Secrets Manager, never the management account's resources, and never service-linked roles or AWS
// service principals. The organisation's tree is not known, so RCPs attached to the root or an OU are applied to
// every account (as SCPs are, ingest/aws/authorization-details-scps.ts).
// Pure: it is given the policies and decides one request.
import { evaluateConditions, type KeyLookup, type Tri } from './conditions.ts';
import { actionApplies } from './evaluate.ts';
import type { PolicyDoc } from './model.ts';
import { resourceMatches, servicePrefix } from './wildcard.ts';

/** Services whose requests RCPs govern (AWS Organizations user guide, "List of AWS services that support RCPs"). */
export const RCP_SERVICES = new Set(['s3', 'sts', 'sqs', 'kms', 'secretsmanager']);

export interface Organization {
  /** The organisation's id (o-…), read from the policies' ARNs. */
  id: string | null;
  /** The management account, read from the policies' ARNs: RCPs never apply to its resources. */
  management: string | null;
  /** Accounts known to belong: explicit targets of its policies and the management account. */
  members: Set<string>;
  /** An RCP is attached to the root or an OU: the case's accounts are taken as members (the tree is not known). */
  wholeOrganization: boolean;
  /** Each RCP with the account it is attached to ('*': the root or an OU). */
  rcps: { account: string; document: PolicyDoc }[];
}

/** The RCPs that govern a resource of this account (account unknown: those of the root and OUs). */
export function rcpsFor(org: Organization | undefined, account: string | null): PolicyDoc[] {
  if (!org || (account && account === org.management)) return [];
  const seen = new Set<PolicyDoc>();
  for (const r of org.rcps) if (r.account === '*' || r.account === account) seen.add(r.document);
  return [...seen];
}

/** aws:PrincipalOrgID of a caller of this account when the case knows it, else null (undecided). */
export function orgOf(org: Organization | undefined, account: string | null, caseAccounts: Set<string>): string | null {
  if (!org?.id || !account) return null;
  return org.members.has(account) || (org.wholeOrganization && caseAccounts.has(account)) ? org.id : null;
}

export interface RcpDecision {
  deny: 'yes' | 'maybe' | 'no';
  conditions: string[];
}

/** Whether the RCPs deny this request: firmly, only under a condition the case cannot decide, or not at all. */
export function rcpDecision(rcps: PolicyDoc[], action: string, resource: string, lookup: KeyLookup): RcpDecision {
  const out: RcpDecision = { deny: 'no', conditions: [] };
  if (!rcps.length || !RCP_SERVICES.has(servicePrefix(action))) return out;
  for (const doc of rcps) {
    for (const s of doc.statements) {
      if (s.effect !== 'Deny' || !actionApplies(s, action)) continue;
      if (s.resources && !s.resources.some((p) => resourceMatches(p, resource))) continue;
      if (s.notResources?.some((p) => resourceMatches(p, resource))) continue;
      // An RCP's Principal can only be "*" (AWS refuses anything else), so every statement concerns every caller.
      const c: Tri = s.conditions.length ? evaluateConditions(s.conditions, lookup) : 'true';
      if (c === 'false') continue;
      if (c === 'true') return { deny: 'yes', conditions: [] };
      out.deny = 'maybe';
      out.conditions.push(`unless denied by ${doc.label} (${s.sid}) when ${s.conditionText}`);
    }
  }
  return out;
}
