// Where an event sits in the stream of auth events, which is ordered by time, then id: enough to find the
// same events again in a later pass, or to keep the earliest event when a pass reads in any order.
export interface StreamPosition {
  ts: number;
  id: number;
}

/** Whether `a` comes before `b` in stream order. */
export function before(a: StreamPosition, b: StreamPosition): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.id < b.id);
}

/** Whether `e` lies between `first` and `last` (inclusive) in stream order. */
export function within(e: StreamPosition, first: StreamPosition, last: StreamPosition): boolean {
  return (e.ts > first.ts || (e.ts === first.ts && e.id >= first.id)) && (e.ts < last.ts || (e.ts === last.ts && e.id <= last.id));
}
