// Handlers for the analyst's read-only views: inventory tables, global search, identity detail, overview.
import type { InventoryResults } from '../../../shared/api/inventory.ts';
import { identityDetail } from '../../inventory/identity-detail.ts';
import { listInventory, type OrderCache } from '../../store/inventory-list.ts';
import { buildClassifier } from '../../inventory/networks.ts';
import { overview } from '../../inventory/overview.ts';
import { searchCase } from '../../store/node-search.ts';
import type { NetworkClasses } from '../../inventory/timeline.ts';
import { topBlast } from '../../inventory/top-blast.ts';
import { derivedAnswer } from '../../store/derived-cache.ts';
import type { Handler, Session } from '../session.ts';
import { caseIntel } from './intel.ts';
import { parsedFromStored } from '../../intel/ip.ts';

type InventoryHandlers = { [M in keyof InventoryResults]: Handler<M> };

const classifier = (s: Session) => s.cached('inventory.classifier', buildClassifier);

/**
 * The intel layer decides a source's class (the analyst's networks, imported lists, the ASN table). The case's
 * network nodes are already its analyst layer, so there is no second lookup to fall back on.
 */
function classes(s: Session): NetworkClasses {
  const intel = caseIntel(s);
  return {
    classOf: (ip, at, stored) => intel.classify(ip, at, null, parsedFromStored(stored)).class ?? null,
    dependsOnTime: (ip, stored) => intel.dependsOnTime(ip, parsedFromStored(stored)),
  };
}

/** Bumped whenever overview() computes something different from the same facts. */
export const OVERVIEW_VERSION = 3;
const TOP_BLAST_VERSION = 1;

/** The Overview: kept in the case file, so even a new session shows it at once (store/derived-cache.ts). */
export function caseOverview(s: Session) {
  return s.cached('inventory.overview', (kase) => derivedAnswer(kase, 'overview', OVERVIEW_VERSION, () => overview(kase, classes(s))));
}

export const inventoryHandlers: InventoryHandlers = {
  // Row orders are cached per case generation: scrolling a 100k-row table asks for many pages of the same query.
  'inventory.list': (p, s) =>
    listInventory(
      s.requireCase(),
      p,
      s.cached('inventory.orders', (): OrderCache => new Map()),
    ),
  'inventory.search': (p, s) => searchCase(s.requireCase(), p.query, p.limit),
  'inventory.identity': (p, s) => identityDetail(s.requireCase(), p.id, classifier(s), classes(s)),
  'inventory.overview': (_p, s) => caseOverview(s),
  // Kept in the case file like the Overview: the graph build behind it takes seconds on a large case.
  'inventory.topBlast': (p, s) =>
    derivedAnswer(s.requireCase(), `topBlast:${p.limit ?? 10}`, TOP_BLAST_VERSION, () => topBlast(s, p.limit), { marks: true }),
};
