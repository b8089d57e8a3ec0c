// Handler for the events browser: every auth event of the case, filtered and paged (main/inventory/events.ts).
import type { EventsResults } from '../../../shared/api/events.ts';
import { listEvents, type EventOrderCache } from '../../inventory/events.ts';
import type { Handler } from '../session.ts';
import { caseIntel } from './intel.ts';

type EventsHandlers = { [M in keyof EventsResults]: Handler<M> };

export const eventsHandlers: EventsHandlers = {
  'events.list': (p, s) => {
    const intel = caseIntel(s);
    return listEvents(
      s.requireCase(),
      p,
      (ip, at) => intel.classify(ip, at).class,
      s.cached('events.orders', (): EventOrderCache => new Map()),
    );
  },
};
