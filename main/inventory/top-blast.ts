// Top identities by blast radius: exact reach sizes for every identity in one pass (graph engine's
// SCC-condensed all-reach), then the full summary (score, crown jewels, privilege) for the top few only.
import type { TopBlastRow } from '../../shared/api/inventory.ts';
import { allReachSizes } from '../graph/all-reach.ts';
import { crownMask, graphOf, identityBlast } from '../graph/index.ts';
import { IDENTITY } from '../graph/semantics.ts';
import type { CaseCache } from '../store/case-cache.ts';
import { displayNames } from '../store/display-name.ts';
import { nameAndSubkindLookup } from '../store/nodes-read.ts';

export function topBlast(session: CaseCache, limit = 10): TopBlastRow[] {
  const kase = session.requireCase();
  const graph = graphOf(session);
  const sizes = session.cached('inventory.reachSizes', () => {
    const identities: number[] = [];
    for (let v = 0; v < graph.nodeCount; v++) if (graph.kind[v] === IDENTITY) identities.push(v);
    return { identities, size: allReachSizes(graph, identities).size };
  });
  const ranked = [...sizes.identities].sort((a, b) => sizes.size[b] - sizes.size[a] || (graph.keys[a] < graph.keys[b] ? -1 : 1)).slice(0, limit);
  const crown = crownMask(kase, graph);
  const names = nameAndSubkindLookup(kase.db);
  const display = displayNames(
    kase,
    ranked.map((v) => graph.keys[v]),
  );
  return ranked
    .filter((v) => sizes.size[v] > 0)
    .map((v) => {
      const s = identityBlast(graph, v, crown);
      const row = names(graph.keys[v]);
      return {
        id: graph.keys[v],
        name: row?.name ?? null,
        kind: row?.subkind ?? graph.subkind[v],
        reached: sizes.size[v],
        score: s.score,
        crownJewels: s.crownJewels.length,
        maxPrivilege: s.maxPrivilege,
        displayName: display.get(graph.keys[v]) ?? graph.keys[v],
      };
    });
}
