// A seeded synthetic enterprise identity graph, built straight into a GraphBuilder (no case file), for
// the graph benchmarks: humans and service accounts in nested groups, roles with grants, systems of every
// kind (a few critical), credentials stored on vaults, repositories and hosts, workloads running as
// service accounts. Proportions follow the kinds of exports Blastmap imports; the seed makes runs comparable.
import { GraphBuilder, type AnalysisGraph } from '../main/graph/index.ts';

export interface SynthSize {
  identities: number;
  groups: number;
  roles: number;
  systems: number;
  credentials: number;
  /** Edges to generate in total (approximately). */
  edges: number;
}

export const SIZES: Record<string, SynthSize> = {
  S: { identities: 10_000, groups: 500, roles: 200, systems: 2_000, credentials: 5_000, edges: 100_000 },
  M: { identities: 100_000, groups: 5_000, roles: 2_000, systems: 20_000, credentials: 50_000, edges: 1_000_000 },
  L: { identities: 600_000, groups: 30_000, roles: 10_000, systems: 110_000, credentials: 250_000, edges: 5_000_000 },
};

const SYSTEM_KINDS = ['database', 'storage', 'saas', 'account', 'host', 'host', 'cluster', 'pipeline', 'repository', 'secret_store'];
const CRITICALITY = ['low', 'low', 'medium', 'medium', 'medium', 'high', 'high', 'critical'];

export interface Synth {
  /** Filled builder: call build() (timed by the benchmark) to get the graph. */
  builder: GraphBuilder;
  identities: Int32Array;
  crownJewels: Int32Array;
}

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function synthesise(size: SynthSize, seed = 42): Synth {
  const r = rng(seed);
  const pick = (n: number) => Math.floor(r() * n);
  // Skewed pick: a few popular groups/roles/systems get most grants, as in real directories.
  const skewed = (n: number) => Math.floor(n * r() * r());
  const b = new GraphBuilder();
  const ids = new Int32Array(size.identities);
  for (let i = 0; i < size.identities; i++) {
    const sub = i % 10 < 6 ? 'human' : i % 10 < 9 ? 'service_account' : 'workload';
    ids[i] = b.addNode(`id-${i}`, 'identity', sub);
  }
  const groups = Int32Array.from({ length: size.groups }, (_, i) => b.addNode(`grp-${i}`, 'group', 'group'));
  const roles = Int32Array.from({ length: size.roles }, (_, i) => b.addNode(`role-${i}`, 'role', 'role'));
  const crown: number[] = [];
  const systems = Int32Array.from({ length: size.systems }, (_, i) => {
    const crit = CRITICALITY[pick(CRITICALITY.length)];
    const crownJewel = crit === 'critical' && r() < 0.1;
    const v = b.addNode(`sys-${i}`, 'system', SYSTEM_KINDS[i % SYSTEM_KINDS.length], crownJewel ? 'critical' : crit === 'critical' ? 'high' : crit);
    if (crownJewel) crown.push(v);
    return v;
  });
  const creds = Int32Array.from({ length: size.credentials }, (_, i) => b.addNode(`cred-${i}`, 'credential', 'access_key'));
  const privilege = () => {
    const x = r();
    return x < 0.7 ? 1 : x < 0.92 ? 2 : 3;
  };
  const serviceAccount = () => ids[pick(size.identities / 10) * 10 + 6 + pick(3)];

  // Fixed structure first, then identity grants until the edge budget is spent.
  for (let c = 0; c < size.credentials; c++) {
    const owner = serviceAccount();
    b.addEdge(owner, creds[c], 'has_credential');
    b.addEdge(creds[c], owner, 'authenticates', 0, r() < 0.3);
    if (r() < 0.4) b.addEdge(systems[pick(size.systems)], creds[c], 'stores');
  }
  for (let g = 0; g < size.groups; g++) {
    if (g > 0 && r() < 0.3) b.addEdge(groups[g], groups[skewed(g)], 'member_of');
    for (let k = 0; k < 2; k++) b.addEdge(groups[g], roles[skewed(size.roles)], 'has_role');
    for (let k = 0; k < 6; k++) b.addEdge(groups[g], systems[skewed(size.systems)], 'access', privilege(), r() < 0.2);
  }
  for (let ro = 0; ro < size.roles; ro++) {
    for (let k = 0; k < 12; k++) b.addEdge(roles[ro], systems[pick(size.systems)], 'access', privilege(), r() < 0.2);
    if (r() < 0.2) b.addEdge(roles[ro], roles[pick(size.roles)], 'can_assume');
    if (r() < 0.1) b.addEdge(roles[ro], serviceAccount(), 'can_assume');
  }
  for (let s = 0; s < size.systems; s++) {
    const kind = SYSTEM_KINDS[s % SYSTEM_KINDS.length];
    if ((kind === 'host' || kind === 'cluster' || kind === 'pipeline') && r() < 0.5) b.addEdge(systems[s], serviceAccount(), 'runs_as');
  }
  // Identity grants: group memberships, some direct roles and system access.
  let i = 0;
  while (b.edgeCount < size.edges) {
    const id = ids[i % size.identities];
    const x = r();
    if (x < 0.45) b.addEdge(id, groups[skewed(size.groups)], 'member_of', 0, false);
    else if (x < 0.5) b.addEdge(id, roles[skewed(size.roles)], r() < 0.5 ? 'has_role' : 'can_assume', 0, r() < 0.3);
    else b.addEdge(id, systems[pick(size.systems)], 'access', privilege(), r() < 0.3);
    i++;
  }
  return { builder: b, identities: ids, crownJewels: Int32Array.from(crown) };
}

/** Bytes held by the graph's typed arrays, plus an estimate for the key strings. */
export function graphBytes(g: AnalysisGraph): number {
  const arrays = [
    g.dbIds,
    g.kind,
    g.criticality,
    g.storesMin,
    g.outOffsets,
    g.target,
    g.source,
    g.edgeKind,
    g.privilege,
    g.exercised,
    g.edgeDbId,
    g.need,
    g.gives,
    g.inOffsets,
    g.inEdges,
    g.inSource,
    g.inNeed,
    g.inGives,
  ];
  let bytes = arrays.reduce((n, a) => n + a.byteLength, 0);
  for (const k of g.keys) bytes += 16 + k.length; // V8 one-byte string: header + chars
  bytes += g.subkind.length * 8;
  return bytes;
}
