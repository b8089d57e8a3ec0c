// The people of the demo enterprise: one human per block of 21 identities, with a department, a team,
// an office, a working day and the apps their groups give them. Offboarded people stay in the inventory
// as `deleted`, which is what lets orphaned non-human identities exist.
import type { Actor } from './actors.ts';
import { addressIn, BROWSERS, USER_AGENTS, randomAddressIn, type NetworkName } from './networks.ts';
import { COMPANY, DEPARTMENTS, FIRST_NAMES, LAST_NAMES } from './names.ts';
import { CORE_GROUPS, type Org } from './org.ts';
import { rngFor } from './random.ts';
import type { EntitlementRow, IdentityRow } from './rows.ts';
import { isoDay, isoSecond } from './rows.ts';

export interface Person {
  block: number;
  /** Node key, as the Entra importer names users: entra:user:<objectId>. */
  key: string;
  upn: string;
  name: string;
  userId: string;
  department: (typeof DEPARTMENTS)[number];
  status: 'active' | 'disabled' | 'deleted';
  createdDaysAgo: number;
  /** Offboarded (deleted) or suspended (disabled) this many days ago. */
  leftDaysAgo: number;
}

const DEPARTMENT_WEIGHTS = [
  ['engineering', 45],
  ['operations', 15],
  ['finance', 8],
  ['sales', 12],
  ['customer-support', 10],
  ['people', 4],
  ['security', 3],
  ['it', 3],
] as const;

/** The person of a block; cheap and pure, so NHIs can name their owner without a lookup table. */
export function personOf(org: Org, block: number): Person {
  const rng = rngFor(org.seed, 'person', block);
  const pairs = FIRST_NAMES.length * LAST_NAMES.length;
  const p = (block * 7919) % pairs;
  const first = FIRST_NAMES[p % FIRST_NAMES.length];
  const last = LAST_NAMES[Math.floor(p / FIRST_NAMES.length)];
  const suffix = block >= pairs ? String(Math.floor(block / pairs) + 1) : '';
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + suffix;
  const userId = rng.guid();
  const r = rng.next();
  const status = r < 0.03 ? 'deleted' : r < 0.045 ? 'disabled' : 'active';
  return {
    block,
    key: `entra:user:${userId}`,
    upn: `${local}@${COMPANY.domain}`,
    name: `${first} ${last}`,
    userId,
    department: rng.weighted(DEPARTMENT_WEIGHTS),
    status,
    createdDaysAgo: Math.min(3600, Math.round(rng.logNormal(900, 0.8)) + 40),
    leftDaysAgo: rng.between(20, 400),
  };
}

export interface PersonProfile {
  identity: IdentityRow;
  entitlements: EntitlementRow[];
  actor: Actor | null;
}

export function personProfile(org: Org, block: number): PersonProfile {
  const person = personOf(org, block);
  const rng = rngFor(org.seed, 'person-profile', block);
  const team = org.teamOfBlock(block);
  const created = org.daysAgo(person.createdDaysAgo);
  const active = person.status === 'active';
  const lastUsed = active ? org.daysAgo(rng.next() * 1.5) : org.daysAgo(person.leftDaysAgo + rng.between(0, 10));
  const tags = [person.department, active ? '' : 'offboarded'].filter(Boolean).join(';');
  const identity: IdentityRow = {
    id: person.key,
    name: person.name,
    kind: 'human',
    owner: '',
    environment: 'prod',
    status: person.status,
    created_at: isoDay(created),
    last_used_at: active ? isoSecond(lastUsed) : isoDay(lastUsed),
    provider: 'entra',
    tags,
  };
  const granted = isoDay(created + 86_400_000 * rng.between(0, 20));
  const entitlements: EntitlementRow[] = [];
  const member = (group: string) =>
    entitlements.push({ principal: person.key, relation: 'member_of', target: group, privilege: '', granted_at: granted, last_used_at: '' });
  member(`grp-dept-${person.department}`);
  if (person.department === 'engineering') {
    member(team.engineers);
    if (rng.chance(0.2)) member(team.oncall);
  }
  if (person.department === 'it' && rng.chance(0.5)) member(CORE_GROUPS.itAdmins);
  if (person.department === 'security') member(CORE_GROUPS.securityAuditors);
  if (person.department === 'engineering' && rng.chance(0.015)) member(CORE_GROUPS.platformAdmins);
  // Offboarding that removed the account but not every group membership: a classic leftover.
  if (!active && rng.chance(0.5)) entitlements.splice(1);

  return { identity, entitlements, actor: active ? personActor(org, person, rng.next()) : null };
}

function personActor(org: Org, person: Person, draw: number): Actor {
  const rng = rngFor(org.seed, 'person-actor', person.block);
  const chicago = draw < 0.1;
  const office: NetworkName = draw < 0.7 ? 'hq' : 'branch';
  const networks: NetworkName[] = [office, office, office, 'home', 'vpn'];
  const browser = rng.pick(BROWSERS);
  return {
    key: person.key,
    kind: 'human',
    log: 'entra',
    entra: { category: 'SignInLogs', displayName: person.name, userId: person.userId, upn: person.upn, clientApp: 'Browser' },
    targets: org.departmentApps(person.department).map((t) => ({ ...t, privilege: 2 })),
    networks,
    // Office egress is NAT (few addresses, shared); home is one address per person; the VPN pool is shared.
    addresses: [0, 1, 2].map(() => addressIn(office, 10 + rng.int(8))).concat(randomAddressIn('home', rng), addressIn('vpn', 20 + rng.int(16))),
    userAgents: [browser, browser, browser, USER_AGENTS.iphone, USER_AGENTS.outlookMobile],
    schedule: 'office',
    tz: chicago ? -6 : 1,
    weight: rng.logNormal(14, 0.4),
    failRate: 0.03,
  };
}

/** Index of identity slot 0 of a block: the block's person. */
