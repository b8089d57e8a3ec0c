// The events a finding cites, picked while streaming: at most max of them, the first ones plus the very
// last, so the span stays visible; the events in between are never kept.
import type { Evidence } from '../../shared/api/findings.ts';
import type { EventRow } from './case-data.ts';
import { eventEvidence } from './evidence.ts';

export class EventSample {
  /** How many events were offered. */
  count = 0;
  private readonly max: number;
  private readonly head: EventRow[] = [];
  private latest: EventRow | null = null;

  /** `max`: the rule's maxEvents threshold, at most that many events cited; 0 cites none. */
  constructor(max: number) {
    this.max = max;
  }

  /** Offers the next event (events come oldest first). */
  add(e: EventRow): void {
    this.count++;
    if (this.head.length < this.max) this.head.push(e);
    this.latest = e;
  }

  /**
   * Evidence for the events offered, plus `then` after them when given (e.g. the success that followed
   * failures): all of them when they fit in max, else the first max − 1 and the very last.
   */
  evidence(then?: EventRow): Evidence[] {
    const total = this.count + (then ? 1 : 0);
    if (!(this.max > 0) || total === 0) return [];
    const tail = then ?? this.latest!;
    if (total <= this.max) return (then ? [...this.head, then] : this.head).map(eventEvidence);
    return [...this.head.slice(0, this.max - 1), tail].map(eventEvidence);
  }
}
