// Where a long id is cut for middle elision: what comes after stays visible whatever the width.

const SEPARATORS = /[/:#@]/;

/**
 * Where the distinctive end of an id starts: its last segment with the separator before it, widened to the
 * segment before when that is short (`…:role/deploy`), at most 40 characters; without separators, the last 12.
 */
export function tailStart(id: string): number {
  let cut = id.length;
  for (let i = id.length - 1; i > 0; i--) {
    if (!SEPARATORS.test(id[i])) continue;
    if (id.length - i > 40) break;
    cut = i;
    if (id.length - i >= 12) break;
  }
  if (cut === id.length || cut === 0) return Math.max(0, id.length - 12);
  return cut;
}
