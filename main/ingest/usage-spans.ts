// Usage rolled up by a parse worker, before its strings are resolved to nodes: per (identity,
// credential, target) as the worker's dictionary codes them, the events' span (their order within the
// import) and the successful ones' count and first/last time. The writing thread expands each span
// into UsageRollup once, instead of updating the roll-up for every event on the thread that writes.
// Spans of the same triple merge by min/max/sum, so a worker may hand them over in parts.

export interface UsageSpanData {
  n: number;
  /** identity, credential, target code per span (-1: none). */
  codes: Int32Array;
  firstEvent: Float64Array;
  lastEvent: Float64Array;
  firstSeen: Float64Array;
  lastSeen: Float64Array;
  successes: Float64Array;
}

/** The buffers to transfer (not copy) with a message. */
export function spanBuffers(d: UsageSpanData): ArrayBuffer[] {
  return [d.codes, d.firstEvent, d.lastEvent, d.firstSeen, d.lastSeen, d.successes].map((a) => a.buffer as ArrayBuffer);
}

export class UsageSpans {
  private slots = new Int32Array(1 << 12);
  private data = allocate(1 << 11);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** One event: its order in the import, its time, and whether it succeeded. */
  add(identity: number, credential: number, target: number, event: number, ts: number, success: boolean): void {
    const s = this.spanOf(identity, credential, target);
    const d = this.data; // after spanOf, which may have grown it
    if (s === this.n) {
      this.n++;
      d.firstEvent[s] = event;
      d.firstSeen[s] = Infinity;
      d.lastSeen[s] = -Infinity;
      d.successes[s] = 0;
    }
    d.lastEvent[s] = event;
    if (!success) return;
    if (ts < d.firstSeen[s]) d.firstSeen[s] = ts;
    if (ts > d.lastSeen[s]) d.lastSeen[s] = ts;
    d.successes[s]++;
  }

  /** The spans so far (for transfer), leaving this empty. */
  take(): UsageSpanData {
    const n = this.n,
      d = this.data;
    const out: UsageSpanData = {
      n,
      codes: d.codes.slice(0, n * 3),
      firstEvent: d.firstEvent.slice(0, n),
      lastEvent: d.lastEvent.slice(0, n),
      firstSeen: d.firstSeen.slice(0, n),
      lastSeen: d.lastSeen.slice(0, n),
      successes: d.successes.slice(0, n),
    };
    this.slots = new Int32Array(1 << 12);
    this.data = allocate(1 << 11);
    this.n = 0;
    return out;
  }

  /** The span's index; this.n (not yet counted) for a new triple. */
  private spanOf(a: number, b: number, c: number): number {
    let mask = this.slots.length - 1;
    let slot = hash(a, b, c) & mask;
    const codes = this.data.codes;
    for (; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot] - 1;
      if (e < 0) break;
      if (codes[e * 3] === a && codes[e * 3 + 1] === b && codes[e * 3 + 2] === c) return e;
    }
    const s = this.n;
    if (s === this.data.successes.length) this.data = grow(this.data, s * 2);
    this.data.codes[s * 3] = a;
    this.data.codes[s * 3 + 1] = b;
    this.data.codes[s * 3 + 2] = c;
    if ((s + 1) * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      mask = this.slots.length - 1;
      for (let e = 0; e < s; e++) this.place(e, mask);
    }
    this.place(s, mask);
    return s;
  }

  private place(e: number, mask: number): void {
    const codes = this.data.codes;
    let slot = hash(codes[e * 3], codes[e * 3 + 1], codes[e * 3 + 2]) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = e + 1;
  }
}

function hash(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c + 0x165667b1, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

function allocate(capacity: number): Omit<UsageSpanData, 'n'> {
  return {
    codes: new Int32Array(capacity * 3),
    firstEvent: new Float64Array(capacity),
    lastEvent: new Float64Array(capacity),
    firstSeen: new Float64Array(capacity),
    lastSeen: new Float64Array(capacity),
    successes: new Float64Array(capacity),
  };
}

function grow(from: Omit<UsageSpanData, 'n'>, capacity: number): Omit<UsageSpanData, 'n'> {
  const to = allocate(capacity);
  to.codes.set(from.codes);
  to.firstEvent.set(from.firstEvent);
  to.lastEvent.set(from.lastEvent);
  to.firstSeen.set(from.firstSeen);
  to.lastSeen.set(from.lastSeen);
  to.successes.set(from.successes);
  return to;
}
