// Shared by the identity-persistence rules: the rare events they read (picked by action inside SQLite, over the
// whole case), who an AWS call named, and which AWS accounts belong to the organisation under investigation.
import type { CaseData, EventRow, NodeRow } from './case-data.ts';

/** Successful events whose action the predicate accepts, over the whole case up to as-of, oldest first. */
export function* rareEvents(data: CaseData, asOf: number, accept: (action: string) => boolean): Generator<EventRow> {
  const span = data.eventSpan();
  if (!span) return;
  yield* data.eachEvent(span.from, asOf, { outcome: 1, props: true, actions: accept });
}

/** "iam.amazonaws.com:CreateAccessKey" → "CreateAccessKey"; other vendors' actions unchanged. */
export function awsCall(action: string | null): string {
  if (!action) return '';
  const colon = action.indexOf(':');
  return colon > 0 && action.slice(0, colon).endsWith('.amazonaws.com') ? action.slice(colon + 1) : action;
}

const IAM_ARN = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):(?:user|assumed-role|role|root)(?:\/(.*))?$/;

/** The account and IAM user name an actor key names (users only; roles and sessions have no user name). */
export function awsActor(key: string | null): { account: string; user: string | null } | null {
  const m = key ? IAM_ARN.exec(key) : null;
  if (!m) return null;
  const user = key!.includes(':user/') ? ((m[2] ?? '').split('/').pop() ?? null) : null;
  return { account: m[1], user };
}

/** The IAM user an account and name refer to, as the case knows it (by its alias, whatever its path). */
export function awsUser(data: CaseData, account: string, user: string): NodeRow | undefined {
  return data.resolve(`aws:user:${account}:${user}`) ?? data.resolve(`arn:aws:iam::${account}:user/${user}`);
}

/**
 * The organisation's own AWS accounts: those whose principals the case holds as facts of the account itself —
 * exported users, groups and roles (authorization details, credential report) and principals created in it by a
 * logged IAM change. A caller merely seen in the logs does not count (an outside attacker calls in too), nor does
 * an account root named only as a caller or in a trust. A trust to an own account is not "outward".
 */
export function ownAwsAccounts(data: CaseData): Set<string> {
  const own = new Set<string>();
  for (const n of data.nodes()) {
    if (n.props.external === true || n.props.root === true) continue;
    const acct = n.props.aws_account;
    if (typeof acct === 'string' && /^\d{12}$/.test(acct)) own.add(acct);
  }
  return own;
}

/** The account an external principal key belongs to, or '*' for anyone. */
export function accountOf(key: string): string | null {
  if (key === 'aws:any-principal' || key === '*') return '*';
  const m = IAM_ARN.exec(key);
  return m ? m[1] : null;
}
