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
  private readonly window: SpanWindow<null>;

  constructor(spanMs: number) {
    this.window = new SpanWindow(spanMs);
  }

  add(ts: number, id: number): void {
    this.window.push(ts, id, null);
    if (this.window.size > this.size) {
      this.size = this.window.size;
      this.first = this.window.oldest();
      this.last = { ts, id };
    }
  }
}

/** The first run within `spanMs` that touches the most distinct subjects (failures from one source). */
export class WidestRun {
  /** Distinct subjects in the best run (no subject counts as one). */
  subjects = 0;
  first: StreamPosition = { ts: 0, id: 0 };
  last: StreamPosition = { ts: 0, id: 0 };
  private readonly window: SpanWindow<string | null>;
  /** Events per subject inside the window. */
  private readonly counts = new Map<string | null, number>();

  constructor(spanMs: number) {
    this.window = new SpanWindow(spanMs);
  }

  add(ts: number, id: number, subject: string | null): void {
    this.counts.set(subject, (this.counts.get(subject) ?? 0) + 1);
    this.window.push(ts, id, subject, (gone) => {
      const left = (this.counts.get(gone) ?? 1) - 1;
      if (left) this.counts.set(gone, left);
      else this.counts.delete(gone);
    });
    if (this.counts.size > this.subjects) {
      this.subjects = this.counts.size;
      this.first = this.window.oldest();
      this.last = { ts, id };
    }
  }
}

/** The events of the last `spanMs`, oldest first, as they stream past: older ones drop out at the front. */
class SpanWindow<T> {
  private readonly spanMs: number;
  private readonly times: number[] = [];
  private readonly ids: number[] = [];
  private readonly items: T[] = [];
  private head = 0;

  constructor(spanMs: number) {
    this.spanMs = spanMs;
  }

  get size(): number {
    return this.times.length - this.head;
  }

  oldest(): StreamPosition {
    return { ts: this.times[this.head], id: this.ids[this.head] };
  }

  /** Adds an event; `dropped` hears of each event that falls out of the span. */
  push(ts: number, id: number, item: T, dropped?: (item: T) => void): void {
    this.times.push(ts);
    this.ids.push(id);
    this.items.push(item);
    while (ts - this.times[this.head] > this.spanMs) {
      const gone = this.items[this.head];
      this.head++;
      dropped?.(gone);
    }
    // Drop the consumed front now and then, so the arrays stay as long as the window, not the stream.
    if (this.head >= 64 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.ids.splice(0, this.head);
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}
