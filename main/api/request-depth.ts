// How deeply a request's parameters nest. No API method takes more than a few levels; a request nested
// thousands deep (audit: ≥ 5,000) used to crash the engine worker while the message was cloned into it, so
// every transport refuses it first. Iterative: measuring must not itself overflow the stack.

/** Deeper than any contract needs (the deepest today is ~4: params → mapping record → value). */
export const MAX_REQUEST_DEPTH = 32;

/** True when `value` has objects or arrays nested more than `limit` levels. */
export function nestedDeeperThan(value: unknown, limit = MAX_REQUEST_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    // Bounded work even on a wide request: a million values is far beyond any contract.
    if (++visited > 1_000_000) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
