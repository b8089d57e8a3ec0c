// IAM wildcard matching: `*` (any run) and `?` (one character) in actions (case-insensitive) and
// resource ARNs (case-sensitive). Patterns are compiled once and cached: evaluation is hot.

// One cache per case mode, keyed by the pattern itself: no key strings built on the hot path.
const caseSensitive = new Map<string, RegExp>();
const caseInsensitive = new Map<string, RegExp>();
const MAX_CACHE = 200_000;
/** Patterns longer than this are hostile or broken; they match nothing rather than cost a huge regex. */
const MAX_PATTERN = 2048;

function compile(pattern: string, ignoreCase: boolean): RegExp {
  const cache = ignoreCase ? caseInsensitive : caseSensitive;
  let re = cache.get(pattern);
  if (re) return re;
  const body = pattern.length > MAX_PATTERN ? '(?!)' : pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
  if (cache.size > MAX_CACHE) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** `pattern` as written in a policy (already lower-cased by the parser) against an action like "iam:CreateAccessKey". */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === action.toLowerCase();
  return compile(pattern, true).test(action);
}

export function resourceMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === arn;
  return compile(pattern, false).test(arn);
}

/** StringLike semantics (case-sensitive glob). */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return compile(pattern, ignoreCase).test(value);
}

/** The service prefix of an action or action pattern ("iam" for "iam:Put*", "*" for "*"). */
export function servicePrefix(action: string): string {
  const i = action.indexOf(':');
  return i < 0 ? '*' : action.slice(0, i).toLowerCase();
}
