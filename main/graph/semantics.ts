// What "reach" means (docs/graph.md, Semantics), in one place. Traversal state is (node, privilege):
// privilege 0 on an identity, group, role or credential means "fully controlled"; on a system it is
// 1 read, 2 write or 3 admin. edgeRule() decides each edge once when the graph is built (need/gives
// arrays); every traversal (blast radius, exposure, paths, cuts) reads only those, through follow()
// and requiredPrivilege() or the arrays directly, so the rules cannot drift apart.
//
//   member_of, has_role, can_assume, owns, authenticates   always, between non-system nodes
//   access                                                 always, non-system → system; sets privilege = the edge's
//   has_credential                                         never forward (the identity's own secret)
//   stores (system → credential)                           read+ on secret_store/repository; admin on anything else
//   runs_as (system → identity)                            write or admin on the system
//
// The inventory `owner` column is not an edge at all, so it grants nothing. Privilege never grows along
// access: the privilege on a system is the privilege of the access edge that reached it.
import type { AnalysisGraph } from './csr.ts';

export const SYSTEM = 4; // NODE_KINDS.indexOf('system')
export const IDENTITY = 0; // NODE_KINDS.indexOf('identity')
// Edge kind codes (EDGE_KINDS order); 5, has_credential, is never followed forward (above) and needs no name here.
export const K_MEMBER_OF = 0,
  K_HAS_ROLE = 1,
  K_CAN_ASSUME = 2,
  K_OWNS = 3,
  K_ACCESS = 4,
  K_AUTHENTICATES = 6,
  K_STORES = 7,
  K_RUNS_AS = 8;

/** Edge kinds followed unconditionally from a controlled (non-system) node to another non-system node. */
const ALWAYS = new Uint8Array(256);
for (const k of [K_MEMBER_OF, K_HAS_ROLE, K_CAN_ASSUME, K_OWNS, K_AUTHENTICATES]) ALWAYS[k] = 1;

export const MAX_PRIVILEGE = 3;
const RUNS_AS_MIN = 2;

/**
 * The §3 table for one edge, decided once when the graph is built: `need` is the lowest privilege its source
 * must be held at for the edge to be followed (-1: never; 0: the source is a controlled node), `gives` the
 * privilege of the state it reaches (0 = controlled; 1–3 on a system, from `access`).
 * Packed as (need + 1) * 4 + gives so building 5M edges allocates nothing; see ruleNeed/ruleGives.
 */
export function edgeRule(sourceKind: number, targetKind: number, edgeKind: number, privilege: number, sourceStoresMin: number): number {
  const toSystem = targetKind === SYSTEM;
  if (sourceKind === SYSTEM) {
    if (toSystem) return NEVER;
    if (edgeKind === K_STORES) return rule(sourceStoresMin, 0);
    if (edgeKind === K_RUNS_AS) return rule(RUNS_AS_MIN, 0);
    return NEVER;
  }
  if (edgeKind === K_ACCESS) return toSystem ? rule(0, privilege || 1) : NEVER;
  if (toSystem) return NEVER;
  return ALWAYS[edgeKind] ? rule(0, 0) : NEVER;
}
const rule = (need: number, gives: number) => (need + 1) * 4 + gives;
const NEVER = rule(-1, 0);
export const ruleNeed = (packed: number) => (packed >> 2) - 1;
export const ruleGives = (packed: number) => packed & 3;

/**
 * Following edge e from its source held at `fromPrivilege`: the privilege of the state reached at its
 * target (0 = controlled), or -1 when §3 does not let the edge be traversed.
 */
export function follow(g: AnalysisGraph, e: number, fromPrivilege: number): number {
  const need = g.need[e];
  return need >= 0 && fromPrivilege >= need ? g.gives[e] : -1;
}

/** An access edge without a recorded privilege (some exports omit it) counts as read: the least it can mean. */
export function accessPrivilege(g: AnalysisGraph, e: number): number {
  return g.privilege[e] || 1;
}

/** `stores` needs read on a secret store or repository; on every other system (host, cluster, pipeline…) admin. */
export function storesThreshold(subkind: string | null): number {
  return subkind === 'secret_store' || subkind === 'repository' ? 1 : 3;
}

const CRITICALITY_LEVEL: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };
export function criticalityLevel(criticality: string | null | undefined): number {
  return criticality ? (CRITICALITY_LEVEL[criticality] ?? 0) : 0;
}
export const CRITICAL = 4;

/**
 * The blast-radius score: for every system reached, criticality (low 1, medium 2, high 3, critical 4;
 * unknown counts as 1) × privilege reached (read 1, write 2, admin 3), summed. Admin on a critical
 * database weighs 12; read on an unclassified wiki weighs 1.
 */
export function systemScore(criticality: number, privilege: number): number {
  return Math.max(criticality, 1) * privilege;
}
