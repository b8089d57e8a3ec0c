// An events query lives in the route (#/events/identity=…&ip=…), so Back/Forward, links from other screens
// and a reload all reopen the same list.
import type { EventQuery } from '../../../shared/api/events.ts';

const LISTS = ['identity', 'credential'] as const;
const SINGLES = ['ip', 'action', 'target', 'outcome', 'from', 'to'] as const;

export function eventRoute(q: EventQuery): string {
  const p = new URLSearchParams();
  for (const k of LISTS) for (const v of q[k] ?? []) p.append(k, v);
  for (const k of SINGLES) if (q[k]) p.set(k, q[k]!);
  return p.toString();
}

export function parseEventRoute(arg: string | null): EventQuery {
  const p = new URLSearchParams(arg ?? '');
  const q: EventQuery = {};
  for (const k of LISTS) {
    const values = p
      .getAll(k)
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length) q[k] = values.slice(0, 50);
  }
  for (const k of SINGLES) {
    const v = p.get(k)?.trim();
    if (!v) continue;
    if (k === 'outcome') {
      if (v === 'success' || v === 'failure') q.outcome = v;
    } else {
      q[k] = v;
    }
  }
  return q;
}
