// Decides IAM Condition blocks with three-valued logic: true, false, or unknown when the export does
// not say (e.g. aws:SourceIp with no source given). Unknown is never rounded to true or false: the
// caller keeps the edge and marks it conditional.
import ipaddr from 'ipaddr.js';
import type { ConditionClause } from './model.ts';
import { globMatches } from './wildcard.ts';

export type Tri = 'true' | 'false' | 'unknown';

/** A condition key's values: undefined = the export cannot tell; null = known to be absent from the request. */
export type KeyLookup = ((key: string) => string[] | null | undefined) & {
  /**
   * For time keys (aws:CurrentTime, aws:EpochTime, aws:TokenIssueTime): the instants the key can take in a
   * request made at the analysis time, so a date test is decided over the whole window instead of guessed.
   */
  window?: (key: string) => TimeWindow | undefined;
  /** Keys whose presence the caller chooses (sts:ExternalId): a Null test on them always holds for some request. */
  chosen?: (key: string) => boolean;
};

/** Instants (ms since epoch) a time key can take now: any in [from, to]; `absent` when it may also be missing. */
export interface TimeWindow {
  from: number;
  to: number;
  absent: boolean;
  /** Epoch seconds (aws:EpochTime) rather than ISO 8601 text. */
  epoch: boolean;
}

/** The last instant ISO 8601 can write (9999-12-31T23:59:59Z): "some time in the future" for window tests. */
const END_OF_TIME = 253402300799000;

/** All clauses must hold (AND across operators and keys). */
export function evaluateConditions(clauses: ConditionClause[], lookup: KeyLookup): Tri {
  let result: Tri = 'true';
  for (const clause of clauses) {
    const r = evaluateClause(clause, lookup);
    if (r === 'false') return 'false';
    if (r === 'unknown') result = 'unknown';
  }
  return result;
}

function evaluateClause(clause: ConditionClause, lookup: KeyLookup): Tri {
  let op = clause.operator;
  let setMode: 'any' | 'all' | null = null;
  if (op.startsWith('ForAnyValue:')) [setMode, op] = ['any', op.slice(12)];
  else if (op.startsWith('ForAllValues:')) [setMode, op] = ['all', op.slice(13)];
  const ifExists = op.endsWith('IfExists');
  if (ifExists) op = op.slice(0, -8);
  const test = OPERATORS[op];
  if (!test) return 'unknown';

  const expected: string[] = [];
  for (const v of clause.values) {
    const resolved = substitute(v, lookup);
    if (resolved === undefined) return 'unknown';
    expected.push(resolved);
  }
  const decide = (actual: string[] | null): Tri => decideWith(op, test, setMode, ifExists, expected, actual);
  if (op === 'Null' && lookup.chosen?.(clause.key)) return 'true'; // the caller sends the key or leaves it out, as the test wants
  const window = lookup.window?.(clause.key);
  if (window) return decideOverWindow(window, expected, decide);
  const actual = lookup(clause.key);
  if (actual === undefined) return 'unknown';
  return decide(actual);
}

function decideWith(
  op: string,
  test: OperatorTest,
  setMode: 'any' | 'all' | null,
  ifExists: boolean,
  expected: string[],
  actual: string[] | null,
): Tri {
  if (op === 'Null') {
    // "Null": "true" holds when the key is absent.
    const wantAbsent = expected.some((e) => e.toLowerCase() === 'true');
    return (actual === null) === wantAbsent ? 'true' : 'false';
  }
  if (actual === null || actual.length === 0) {
    if (ifExists || setMode === 'all') return 'true';
    if (setMode === 'any') return 'false';
    // Negated operators hold when the key is missing; positive ones do not.
    return test.negated ? 'true' : 'false';
  }
  if (setMode === 'all') return actual.every((a) => test.matches(a, expected)) ? 'true' : 'false';
  if (test.negated) return actual.every((a) => test.matches(a, expected)) ? 'true' : 'false';
  return actual.some((a) => test.matches(a, expected)) ? 'true' : 'false';
}

/**
 * A date test on a time key is a step function of the instant, changing only at the instants the policy
 * names: testing the window's ends, those instants and their neighbours decides it exactly. True for every
 * instant of the window → true; for none → false, unless a later instant would pass (a grant that only
 * starts in the future stays conditional, never silently dropped); otherwise it depends on the session.
 */
function decideOverWindow(w: TimeWindow, expected: string[], decide: (actual: string[] | null) => Tri): Tri {
  const marks = expected.map(parseInstant).filter((t): t is number => t !== null);
  const step = w.epoch ? 1000 : 1;
  const around = marks.flatMap((t) => [t - step, t, t + step]);
  const now = [w.from, w.to, ...around.filter((t) => t > w.from && t < w.to)];
  const render = (t: number) => [w.epoch ? String(Math.floor(t / 1000)) : new Date(t).toISOString()];
  const results = new Set<Tri>(now.map((t) => decide(render(t))));
  if (w.absent) results.add(decide(null));
  if (results.size === 1 && results.has('true')) return 'true';
  if (results.size === 1 && results.has('false')) {
    const later = [END_OF_TIME, ...around.filter((t) => t > w.to && t < END_OF_TIME)];
    return later.some((t) => decide(render(t)) === 'true') ? 'unknown' : 'false';
  }
  return 'unknown';
}

/** ISO 8601 text or epoch seconds, as IAM date operators accept them. */
function parseInstant(v: string): number | null {
  const t = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

interface OperatorTest {
  /** For negated operators, matches() returns true when the value is NOT among the expected ones. */
  negated: boolean;
  matches(actual: string, expected: string[]): boolean;
}

function positive(fn: (a: string, e: string) => boolean): OperatorTest {
  return { negated: false, matches: (a, list) => list.some((e) => fn(a, e)) };
}
function negative(fn: (a: string, e: string) => boolean): OperatorTest {
  return { negated: true, matches: (a, list) => !list.some((e) => fn(a, e)) };
}

const eq = (a: string, e: string) => a === e;
const eqi = (a: string, e: string) => a.toLowerCase() === e.toLowerCase();
const like = (a: string, e: string) => globMatches(e, a);
const bool = (a: string, e: string) => a.toLowerCase() === e.toLowerCase();
const num = (cmp: (a: number, e: number) => boolean) => (a: string, e: string) => {
  const x = Number(a);
  const y = Number(e);
  return Number.isFinite(x) && Number.isFinite(y) && cmp(x, y);
};
const date = (cmp: (a: number, e: number) => boolean) => (a: string, e: string) => {
  const x = /^\d+$/.test(a) ? Number(a) * 1000 : Date.parse(a);
  const y = /^\d+$/.test(e) ? Number(e) * 1000 : Date.parse(e);
  return Number.isFinite(x) && Number.isFinite(y) && cmp(x, y);
};

function inCidr(ip: string, cidr: string): boolean {
  try {
    const addr = ipaddr.parse(ip);
    const [range, bits] = cidr.includes('/') ? ipaddr.parseCIDR(cidr) : [ipaddr.parse(cidr), addr.kind() === 'ipv4' ? 32 : 128];
    if (addr.kind() !== range.kind()) return false;
    return addr.match(range, bits);
  } catch {
    return false;
  }
}

const OPERATORS: Record<string, OperatorTest> = {
  StringEquals: positive(eq),
  StringNotEquals: negative(eq),
  StringEqualsIgnoreCase: positive(eqi),
  StringNotEqualsIgnoreCase: negative(eqi),
  StringLike: positive(like),
  StringNotLike: negative(like),
  ArnEquals: positive(like),
  ArnLike: positive(like),
  ArnNotEquals: negative(like),
  ArnNotLike: negative(like),
  Bool: positive(bool),
  BinaryEquals: positive(eq),
  IpAddress: positive(inCidr),
  NotIpAddress: negative(inCidr),
  NumericEquals: positive(num((a, e) => a === e)),
  NumericNotEquals: negative(num((a, e) => a === e)),
  NumericLessThan: positive(num((a, e) => a < e)),
  NumericLessThanEquals: positive(num((a, e) => a <= e)),
  NumericGreaterThan: positive(num((a, e) => a > e)),
  NumericGreaterThanEquals: positive(num((a, e) => a >= e)),
  DateEquals: positive(date((a, e) => a === e)),
  DateNotEquals: negative(date((a, e) => a === e)),
  DateLessThan: positive(date((a, e) => a < e)),
  DateLessThanEquals: positive(date((a, e) => a <= e)),
  DateGreaterThan: positive(date((a, e) => a > e)),
  DateGreaterThanEquals: positive(date((a, e) => a >= e)),
  Null: positive(eq),
};

/**
 * Replaces policy variables (`${aws:username}`, `${*}`, `${?}`, `${$}`) in a value or resource.
 * Returns undefined when a variable's value is unknown, null when it is known to be absent.
 */
export function substitute(text: string, lookup: KeyLookup): string | undefined {
  if (!text.includes('${')) return text;
  let unknown = false;
  const out = text.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    const [key, fallback] = name.split(/,\s*/);
    const values = lookup(key.trim());
    if (values === undefined) {
      unknown = true;
      return '';
    }
    if (values === null || values.length !== 1) {
      const d = fallback?.match(/^'(.*)'$/);
      if (d) return d[1];
      unknown = true; // an absent variable makes the element not apply; callers treat unknown as "cannot tell"
      return '';
    }
    return values[0];
  });
  return unknown ? undefined : out;
}
