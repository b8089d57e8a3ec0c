// What the planted breach stories add to the enterprise: inventory rows, the baseline actors of their
// identities (so the attack stands out against normal use), the scripted attack events, and ground truth.
import type { Activity, Actor } from '../actors.ts';
import type { Story } from '../ground-truth.ts';
import type { Org } from '../org.ts';
import { personOf, type Person } from '../people.ts';
import type { CredentialRow, EntitlementRow, IdentityRow, SystemRow } from '../rows.ts';
import { isoDay } from '../rows.ts';
import { DAY_MS } from '../sizes.ts';

export interface StoryPlan {
  identities: IdentityRow[];
  systems: SystemRow[];
  credentials: CredentialRow[];
  entitlements: EntitlementRow[];
  actors: Actor[];
  events: Activity[];
  /** Ground truth; `events` is filled in when the scripted events are written. */
  stories: Story[];
}

export function emptyPlan(): StoryPlan {
  return { identities: [], systems: [], credentials: [], entitlements: [], actors: [], events: [], stories: [] };
}

/** An active person of the population (optionally of a department), searching from a seed-dependent block. */
export function activePerson(org: Org, start: number, department?: Person['department']): Person {
  for (let k = 0; k < org.blocks; k++) {
    const person = personOf(org, (start + k) % org.blocks);
    if (person.status === 'active' && (!department || person.department === department)) return person;
  }
  return personOf(org, start % org.blocks);
}

/** A moment `daysAgo` days before the as-of time, at hh:mm UTC on that day. */
export function at(org: Org, daysAgo: number, hh: number, mm: number, ss = 0): number {
  const day = org.asOf - Math.ceil(daysAgo) * DAY_MS;
  return day - (day % DAY_MS) + ((hh * 60 + mm) * 60 + ss) * 1000;
}

export function day(org: Org, daysAgo: number): string {
  return isoDay(org.asOf - daysAgo * DAY_MS);
}

export function grant(
  principal: string,
  relation: EntitlementRow['relation'],
  target: string,
  privilege: EntitlementRow['privilege'],
  granted: string,
  lastUsed = '',
): EntitlementRow {
  return { principal, relation, target, privilege, granted_at: granted, last_used_at: lastUsed };
}
