// The identity-kind decision for one identity, from the signals the case holds about it. Pure, so the precedence
// can be read (and tested) in one place:
//   1. the analyst's choice (`blastmap kind`, the Identities screen) always wins;
//   2. then the analyst's own inventory (identities.csv `kind`);
//   3. then a source that knows the object is not a person (a service principal, a Kubernetes service account, a
//      federated workload, an OAuth client): such records are machines by construction;
//   4. a user object (which every directory also uses for service accounts) is weighed: naming convention,
//      directory attributes and behaviour against the attributes that describe a person.
// Links between sources (one AD account synced to Entra) are applied afterwards by classify.ts.
import type { DirectoryAttributes } from './directory-attributes.ts';
import type { NameMatch } from './name-patterns.ts';

export type KindSource = 'analyst' | 'inventory' | 'source' | 'classifier' | 'link';

export interface KindDecision {
  kind: string | null;
  source: KindSource;
  because: string;
  signals: string[];
}

export interface KindInput {
  provider: string | null;
  /** What the importers said (node.source_subkind). */
  sourceKind: string | null;
  /** identities.csv `kind`, when the analyst's inventory lists the identity. */
  inventoryKind: string | null;
  override: { kind: string; reason: string | null; actor: string } | null;
  attributes: DirectoryAttributes;
  nameMatch: NameMatch | null;
  /** Sign-ins of the identity: how many, how many were interactive, how many succeeded (null: not counted). */
  behaviour: { events: number; interactive: number; successes: number } | null;
  /** Nothing but failed sign-ins names the account (no directory record, no grant, no success): it may not exist. */
  onlyFailedSignIns?: boolean;
  flags: { federated: boolean; awsService: boolean; root: boolean; nologin: boolean };
}

/**
 * A user object becomes a machine at this weight of evidence when one signal names it a machine (convention, SPN,
 * a service user type); without one it takes more, because a bare directory entry whose owner only refreshes
 * tokens looks the same as a person's.
 */
export const MACHINE_WEIGHT = 2;
const MACHINE_WEIGHT_UNNAMED = 3;
/** Sign-ins below this count say nothing about a habit. */
export const MIN_EVENTS = 5;

export function decideKind(i: KindInput): KindDecision {
  if (i.override) {
    return {
      kind: i.override.kind,
      source: 'analyst',
      because: `set by ${i.override.actor}${i.override.reason ? `: ${i.override.reason}` : ''}`,
      signals: [],
    };
  }
  if (i.inventoryKind)
    return { kind: i.inventoryKind, source: 'inventory', because: 'declared in the identities inventory (identities.csv kind)', signals: [] };
  if (i.sourceKind && i.sourceKind !== 'human') return { kind: i.sourceKind, source: 'source', because: machineRecord(i), signals: [] };
  if (i.flags.root) return { kind: i.sourceKind, source: 'source', because: 'the AWS account root user', signals: [] };

  const signals: string[] = [];
  let weight = 0;
  let named = false;
  const a = i.attributes;
  if (i.nameMatch) {
    weight += 2;
    named = true;
    signals.push(`name "${i.nameMatch.name}" follows the machine-account convention ${i.nameMatch.pattern.glob}`);
  }
  if (a.userType && /^(service|serviceaccount|service account|system|machine|application|bot|nonhuman|non-human)$/i.test(a.userType)) {
    weight += 3;
    named = true;
    signals.push(`directory user type "${a.userType}"`);
  }
  if (a.servicePrincipalNames) {
    weight += 3;
    named = true;
    signals.push('has a servicePrincipalName (Kerberos service account)');
  }
  if (a.passwordNeverExpires) {
    weight += 1;
    signals.push('password never expires');
  }
  if (a.cannotChangePassword) {
    weight += 1;
    signals.push('cannot change its password');
  }
  const person = [a.jobTitle && 'job title', a.department && 'department', a.manager && 'manager', a.employeeId && 'employee id'].filter(
    Boolean,
  ) as string[];
  if (a.known && person.length === 0) {
    weight += 1;
    signals.push('no job title, department, manager or employee id in the directory');
  }
  const b = i.behaviour;
  if (b && b.events >= MIN_EVENTS && b.interactive === 0) {
    weight += 1;
    signals.push(`${b.events} sign-ins, none interactive`);
  } else if (b && b.interactive > 0) {
    signals.push(`${b.interactive} interactive sign-in${b.interactive > 1 ? 's' : ''}`);
  }
  // What describes a person counts against: an employee id is an HR record; a manager and a job title are people's.
  if (a.employeeId) weight -= 2;
  if (a.manager) weight -= 1;
  if (a.jobTitle || a.department) weight -= 1;
  if (person.length) signals.push(`the directory gives it a ${person.join(', ')}`);

  if (weight >= (named ? MACHINE_WEIGHT : MACHINE_WEIGHT_UNNAMED) && i.onlyFailedSignIns) {
    // Sprays try `svc-sql` and `backup-bot` whether or not they exist; a guessed name is not a machine to judge.
    return {
      kind: i.sourceKind,
      source: i.sourceKind ? 'source' : 'classifier',
      because: `only failed sign-ins name this account, which may not exist (${signals.join('; ')})`,
      signals,
    };
  }
  if (weight >= (named ? MACHINE_WEIGHT : MACHINE_WEIGHT_UNNAMED)) {
    const kind = i.nameMatch?.pattern.kind === 'ai_agent' ? 'ai_agent' : 'service_account';
    return {
      kind,
      source: 'classifier',
      because: `a user object used as ${kind === 'ai_agent' ? 'an AI agent' : 'a service account'}: ${signals.join('; ')}`,
      signals,
    };
  }
  const record = i.sourceKind === 'human' ? `a ${i.provider ?? 'directory'} user account` : 'no source says what it is';
  const against = signals.length ? ` (${signals.join('; ')}; not enough for a machine)` : '';
  return { kind: i.sourceKind, source: i.sourceKind ? 'source' : 'classifier', because: `${record}${against}`, signals };
}

function machineRecord(i: KindInput): string {
  if (i.flags.federated) return `a federated subject of ${i.provider ?? 'an identity provider'} (${i.sourceKind})`;
  if (i.flags.awsService) return 'an AWS service principal';
  if (i.flags.nologin) return 'a system account with no login shell';
  return `the ${i.provider ?? 'source'} record is ${article(i.sourceKind!)} ${i.sourceKind!.replace(/_/g, ' ')}`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
