// The answers the Overview asks for first, derived and kept in the case file (store/derived-cache.ts) when a case is
// built, so the analyst's first session shows them at once instead of waiting seconds for each (the lifecycle
// metrics and the investigate-first queue read every event and build the graph). Asked through the same handlers
// with the screen's parameters, so what is kept is exactly what the screen will ask for.
import { OVERVIEW_QUEUE_LIMIT, OVERVIEW_TOP_BLAST_LIMIT } from '../../shared/api/inventory.ts';
import { findingsHandlers } from './handlers/findings.ts';
import { inventoryHandlers } from './handlers/inventory.ts';
import type { Session } from './session.ts';

export async function warmOverviewAnswers(s: Session): Promise<void> {
  await inventoryHandlers['inventory.overview']({}, s);
  await findingsHandlers['findings.queue']({ limit: OVERVIEW_QUEUE_LIMIT }, s);
  await findingsHandlers['metrics.get']({}, s);
  await inventoryHandlers['inventory.topBlast']({ limit: OVERVIEW_TOP_BLAST_LIMIT }, s);
}
