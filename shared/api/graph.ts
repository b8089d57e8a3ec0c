// API contract for the graph engine: blast radius, exposure, attack paths, marks, choke points,
// what-if scenarios, and the explorer's node/neighbour look-ups. Node references everywhere accept a
// node id (key), an alias, a unique name, or the sets `@entry` and `@crown`.
import { z } from 'zod';
import type { EventQuery } from './events.ts';
import { EDGE_KINDS, MARKS, NODE_KINDS, PRIVILEGES, type Mark, type Privilege } from '../model.ts';

const ref = z.string().min(1).max(2000);
const refs = z.array(ref).min(1).max(10_000);

export const edgeSpec = z
  .object({
    from: ref,
    kind: z.enum(EDGE_KINDS),
    to: ref,
    /** For `access` edges; defaults to read. */
    privilege: z.enum(PRIVILEGES).optional(),
  })
  .strict();

export const nodeSpec = z
  .object({
    id: ref,
    kind: z.enum(NODE_KINDS),
    subkind: z.string().max(64).optional(),
    criticality: z.enum(['low', 'medium', 'high', 'critical']).optional(),
    name: z.string().max(500).optional(),
  })
  .strict();

/** A what-if: changes applied to an in-memory copy of the graph; the case is never altered. */
export const scenarioSpec = z
  .object({
    remove: z.array(edgeSpec).max(10_000).optional(),
    add: z.array(edgeSpec).max(10_000).optional(),
    removeNodes: z.array(ref).max(10_000).optional(),
    addNodes: z.array(nodeSpec).max(10_000).optional(),
  })
  .strict();

export const graphRequests = {
  'graph.blastRadius': z
    .object({
      ids: refs,
      /** At most this many reach rows (nearest first); the summary always covers everything. */
      limit: z.number().int().positive().max(5_000_000).optional(),
    })
    .strict(),
  'graph.exposure': z.object({ id: ref, limit: z.number().int().positive().max(5_000_000).optional() }).strict(),
  'graph.paths': z
    .object({
      from: refs,
      to: refs,
      k: z.number().int().min(1).max(100).optional(),
      /** ISO date or date-time: auth events after it are ignored. */
      asOf: z.string().min(4).max(40).optional(),
      /** Auth events listed per hop (default 5). */
      eventsPerHop: z.number().int().min(0).max(100).optional(),
    })
    .strict(),
  'graph.mark': z.object({ id: ref, mark: z.enum(MARKS), reason: z.string().max(2000).optional() }).strict(),
  'graph.unmark': z.object({ id: ref, mark: z.enum(MARKS).optional() }).strict(),
  'graph.marks': z.object({ id: ref.optional() }).strict(),
  'graph.chokepoints': z.object({ from: refs.optional(), to: refs.optional(), limit: z.number().int().positive().max(1000).optional() }).strict(),
  'graph.whatIf': z
    .object({
      spec: scenarioSpec.optional(),
      /** A saved scenario to apply (combined with `spec` when both are given). */
      scenario: z.string().min(1).max(200).optional(),
      from: refs.optional(),
      to: refs.optional(),
    })
    .strict(),
  'graph.scenarios.save': z.object({ name: z.string().min(1).max(200), spec: scenarioSpec }).strict(),
  'graph.scenarios.list': z.object({}).strict(),
  'graph.scenarios.compare': z
    .object({ names: z.array(z.string().min(1).max(200)).min(1).max(20), from: refs.optional(), to: refs.optional() })
    .strict(),
  'graph.scenarios.discard': z.object({ name: z.string().min(1).max(200) }).strict(),
  'graph.neighbours': z
    .object({
      id: ref,
      direction: z.enum(['out', 'in', 'both']).optional(),
      kinds: z.array(z.enum(EDGE_KINDS)).max(EDGE_KINDS.length).optional(),
      /** At most this many edges per kind and direction (default 200). */
      limit: z.number().int().positive().max(100_000).optional(),
    })
    .strict(),
  'graph.node': z.object({ id: ref }).strict(),
};

export type EdgeSpec = z.infer<typeof edgeSpec>;
export type NodeSpec = z.infer<typeof nodeSpec>;
export type ScenarioSpec = z.infer<typeof scenarioSpec>;

export interface ReachRow {
  id: string;
  kind: string;
  /** Highest privilege reached, for systems; null for other nodes (they are fully controlled). */
  privilege: Privilege | null;
  hops: number;
  /** One shortest explaining path: node ids from the source to this node. */
  path: string[];
  /** The kind of each edge of `path` (one fewer than its nodes): member_of, can_assume, access… */
  edges?: string[];
  /** For each edge of `path`: whether the auth logs show it exercised (else only granted). */
  exercised?: boolean[];
  /** The name a person understands (main/inventory/display-name.ts). */
  name: string;
  /** Reached (at this privilege) only through an edge that holds under an undecided condition or is only potential. */
  conditional?: boolean;
  /** That condition, in words (the first on the explaining path). */
  condition?: string;
}

export interface BlastSummaryResult {
  /** Nodes reached, sources excluded. */
  reached: number;
  /** Reached nodes per node kind (identity, group, role, credential, system, network). */
  byKind: Record<string, number>;
  /** Systems reached per highest privilege. */
  systems: { read: number; write: number; admin: number };
  /** Keys of crown jewels reached. */
  crownJewels: string[];
  /** Highest privilege reached on any system, or null when no system is reached. */
  maxPrivilege: Privilege | null;
  /** Σ over reached systems of criticality (1–4, unknown 1) × privilege (1–3); see main/graph/semantics.ts systemScore. */
  score: number;
}

export interface BlastRadiusResult {
  /** The node asked about (the first, when several were given). */
  identity: string;
  sources: string[];
  reach: ReachRow[];
  summary: BlastSummaryResult;
  /** True when `limit` cut the reach list. */
  truncated: boolean;
  /** Display name of `identity`. */
  identityName: string;
  /** Display names of every id in this result (sources, reach rows, paths). */
  names: Record<string, string>;
}

export interface ExposureResult {
  target: string;
  identities: { id: string; privilege: Privilege | null; hops: number; name: string }[];
  /** Every principal that can reach the target, identities and assumable roles and groups alike, with its kind. */
  principals?: { id: string; kind: string; privilege: Privilege | null; hops: number; name: string }[];
  total: number;
  targetName: string;
  truncated: boolean;
}

export interface HopEvidence {
  /** 'grant': the import row that created the edge; 'event': an auth event that exercised it. */
  type: 'grant' | 'event';
  file: string | null;
  locator: string | null;
  sha256?: string | null;
  privilege?: Privilege | null;
  grantedAt?: string | null;
  time?: string;
  sourceIp?: string | null;
  action?: string | null;
  /** Events counted for this hop (up to as-of); only on the first event item. */
  total?: number;
  /** Grant items of derived escalation edges: how the hop is taken (e.g. "iam:PassRole + ecs:RunTask")… */
  technique?: string;
  /** …and its id in the pathfinding.cloud catalogue (e.g. "ecs-004"), where the exploitation steps are written up. */
  pathId?: string;
}

export interface AttackPathHop {
  from: string;
  to: string;
  edge: string;
  evidence: HopEvidence[];
  /** The events-browser query that lists every auth event counted for this hop (null for hypothetical hops). */
  events: EventQuery | null;
  /** The hop's grant holds only under an undecided condition, or is a potential escalation. */
  conditional?: boolean;
  condition?: string;
}

export interface AttackPath {
  cost: number;
  nodes: string[];
  hops: AttackPathHop[];
  /** Display names of the path's nodes. */
  names: Record<string, string>;
}

export interface MarkResult {
  id: string;
  mark: Mark;
  reason: string | null;
  actor: string;
  at: string;
}

export interface ChokeEdge {
  from: string;
  to: string;
  edge: string;
  /** Entry→crown shortest paths through it (of `paths`). */
  paths: number;
  /** Identities that lose all reach to the crown jewels when it is removed. */
  exposureCut: number;
}

export interface ChokeNode {
  id: string;
  kind: string;
  paths: number;
  exposureCut: number;
}

export interface ChokepointsResult {
  entries: string[];
  crownJewels: string[];
  /** Entry→crown shortest paths counted (the denominator of `paths`). */
  paths: number;
  /** Identities that can reach at least one crown jewel. */
  exposed: number;
  edges: ChokeEdge[];
  nodes: ChokeNode[];
  /** A minimum set of edges whose removal disconnects every entry point from every crown jewel. */
  minCut: { from: string; to: string; edge: string }[];
  /** Display names of every id in this result. */
  names: Record<string, string>;
}

export interface WhatIfMeasure {
  /** Nodes reached from the entry points (blast radius of the set). */
  blastRadius: number;
  /** Blast-radius score of the entry points. */
  score: number;
  /** Identities that can reach at least one crown jewel. */
  exposed: number;
  /** Entry→crown shortest paths. */
  paths: number;
  /** Crown jewels reachable from the entry points. */
  crownJewelsReached: number;
}

export interface WhatIfResult {
  scenario: string | null;
  applied: { removedEdges: number; addedEdges: number; removedNodes: number; addedNodes: number };
  before: WhatIfMeasure;
  after: WhatIfMeasure;
  delta: WhatIfMeasure;
}

export interface ScenarioRow {
  id: number;
  name: string;
  spec: ScenarioSpec;
  createdAt: string;
}

export interface NeighbourEdge {
  from: string;
  to: string;
  kind: string;
  privilege: Privilege | null;
  exercised: boolean;
  direction: 'out' | 'in';
}

export interface NeighboursResult {
  id: string;
  edges: NeighbourEdge[];
  /** The node and every endpoint listed, for drawing: kind and subkind (system kind, identity kind…). */
  nodes: { id: string; kind: string; subkind: string | null; criticality: string | null; name: string }[];
  /** Edges per `${direction}:${kind}` before the cap. */
  counts: Record<string, number>;
  truncated: boolean;
}

export interface NodeResult {
  id: string;
  kind: string;
  subkind: string | null;
  name: string | null;
  environment: string | null;
  status: string | null;
  owner: string | null;
  criticality: string | null;
  unresolved: boolean;
  props: Record<string, unknown> | null;
  aliases: string[];
  marks: MarkResult[];
  source: { file: string; locator: string | null } | null;
  /** The name a person understands (`name` is the inventory's own, possibly empty). */
  displayName: string;
}

export interface GraphResults {
  'graph.blastRadius': BlastRadiusResult;
  'graph.exposure': ExposureResult;
  'graph.paths': AttackPath[];
  'graph.mark': MarkResult;
  'graph.unmark': { removed: number };
  'graph.marks': MarkResult[];
  'graph.chokepoints': ChokepointsResult;
  'graph.whatIf': WhatIfResult;
  'graph.scenarios.save': ScenarioRow;
  'graph.scenarios.list': ScenarioRow[];
  'graph.scenarios.compare': WhatIfResult[];
  'graph.scenarios.discard': { discarded: boolean };
  'graph.neighbours': NeighboursResult;
  'graph.node': NodeResult;
}
