// Blast radius for the detectors, through the graph engine (main/graph, issue 9): no traversal here.
// One traversal per identity per run, cached; explaining paths are built only when asked for.
import { blastRadius, crownMask, summarise, type AnalysisGraph, type BlastSummary, type Reach } from '../graph/index.ts';
import { privilegeName, type Privilege } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';

const SYSTEM_KIND = 4; // NODE_KINDS.indexOf('system')

export interface ReachedSystem {
  key: string;
  privilege: Privilege | null;
  hops: number;
  crownJewel: boolean;
  /** One shortest explaining path, node keys from the identity to the system. */
  path(): string[];
}

export interface BlastLookup {
  /** Summary of what the node can reach, or null when the node is not in the graph. */
  summary(key: string): BlastSummary | null;
  /** Every system the node reaches, with the highest privilege reached. */
  systems(key: string): ReachedSystem[];
}

export function blastLookup(kase: CaseFile, graph: AnalysisGraph): BlastLookup {
  const crown = crownMask(kase, graph);
  // Only the small results are cached: a Reach holds traversal buffers (~1 MB), and keeping one per identity
  // took gigabytes on cases with 10k identities. Paths are a handful of keys each, so they are built now.
  const cache = new Map<string, { summary: BlastSummary; systems: ReachedSystem[] } | null>();
  const compute = (key: string) => {
    if (cache.has(key)) return cache.get(key)!;
    const i = graph.indexOf(key);
    let result = null;
    if (i !== undefined) {
      const reach: Reach = blastRadius(graph, [i]);
      const systems: ReachedSystem[] = [];
      for (let r = 0; r < reach.nodes.length; r++) {
        const v = reach.nodes[r];
        if (graph.kind[v] !== SYSTEM_KIND) continue;
        systems.push(
          new Reached(
            graph.keys[v],
            privilegeName(reach.privilege[r]),
            reach.hops[r],
            !!crown[v],
            reach.path(r).map((n) => graph.keys[n]),
          ),
        );
      }
      result = { summary: summarise(reach, crown), systems };
    }
    cache.set(key, result);
    return result;
  };
  return {
    summary: (key) => compute(key)?.summary ?? null,
    systems: (key) => compute(key)?.systems ?? [],
  };
}

/**
 * One reached system as cached for the run: a class rather than an object literal with a closure over its path,
 * because a large case caches millions of them (every system every identity reaches) and a closure each doubled that.
 */
class Reached implements ReachedSystem {
  readonly key: string;
  readonly privilege: Privilege | null;
  readonly hops: number;
  readonly crownJewel: boolean;
  private readonly keys: string[];

  constructor(key: string, privilege: Privilege | null, hops: number, crownJewel: boolean, path: string[]) {
    this.key = key;
    this.privilege = privilege;
    this.hops = hops;
    this.crownJewel = crownJewel;
    this.keys = path;
  }

  path(): string[] {
    return this.keys;
  }
}

/** "Large" for severity: reaches a crown jewel, admin anywhere, or a score at or above the threshold. */
export function isLargeBlast(s: BlastSummary | null, scoreThreshold: number): boolean {
  return !!s && (s.crownJewels.length > 0 || s.maxPrivilege === 'admin' || s.score >= scoreThreshold);
}
