// The densest run of failures within a time span, found while events stream past oldest first: only the
// failures inside the current span are held (a sliding window), and the best run is remembered by its
// first and last event, so a second pass can pick exactly its events out of the stream again.
import type { StreamPosition } from './stream-position.ts';

/** The first, largest run of events that fits in `spanMs` (failures against one subject). */
export class DensestRun {
  /** Events in the best run. */
  size = 0;
  first: StreamPosition = { ts: 0, id: 0 };
  last: StreamPosition = { ts: 0, id: 0 };
  private readonly spanMs: number;
  private readonly times: number[] = [];
  private readonly ids: number[] = [];
  private head = 0;

  constructor(spanMs: number) {
    this.spanMs = spanMs;
  }

  add(ts: number, id: number): void {
    this.times.push(ts);
    this.ids.push(id);
    while (ts - this.times[this.head] > this.spanMs) this.head++;
    const size = this.times.length - this.head;
    if (size > this.size) {
      this.size = size;
      this.first = { ts: this.times[this.head], id: this.ids[this.head] };
      this.last = { ts, id };
    }
    if (this.head >= 64 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.ids.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** The first run within `spanMs` that touches the most distinct subjects (failures from one source). */
export class WidestRun {
  /** Distinct subjects in the best run (no subject counts as one). */
  subjects = 0;
  first: StreamPosition = { ts: 0, id: 0 };
  last: StreamPosition = { ts: 0, id: 0 };
  private readonly spanMs: number;
  private readonly times: number[] = [];
  private readonly ids: number[] = [];
  private readonly whom: (string | null)[] = [];
  private readonly counts = new Map<string | null, number>();
  private head = 0;

  constructor(spanMs: number) {
    this.spanMs = spanMs;
  }

  add(ts: number, id: number, subject: string | null): void {
    this.times.push(ts);
    this.ids.push(id);
    this.whom.push(subject);
    this.counts.set(subject, (this.counts.get(subject) ?? 0) + 1);
    while (ts - this.times[this.head] > this.spanMs) {
      const gone = this.whom[this.head];
      const left = (this.counts.get(gone) ?? 1) - 1;
      if (left) this.counts.set(gone, left);
      else this.counts.delete(gone);
      this.head++;
    }
    if (this.counts.size > this.subjects) {
      this.subjects = this.counts.size;
      this.first = { ts: this.times[this.head], id: this.ids[this.head] };
      this.last = { ts, id };
    }
    if (this.head >= 64 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.ids.splice(0, this.head);
      this.whom.splice(0, this.head);
      this.head = 0;
    }
  }
}
