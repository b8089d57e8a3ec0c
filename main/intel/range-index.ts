// Sorted, non-overlapping address ranges with an integer payload, searched by binary search.
// IPv4 lives in typed arrays (the hot path: millions of lookups); IPv6 in bigint arrays.
// Overlapping input ranges are cut apart; where they overlap, the first-added range's payload wins,
// so callers add the most specific or most trusted ranges first.

export interface RangeInput4 {
  start: number;
  end: number;
  payload: number;
}
export interface RangeInput6 {
  start: bigint;
  end: bigint;
  payload: number;
}

export class RangeIndex {
  private readonly starts4: Uint32Array;
  private readonly ends4: Uint32Array;
  private readonly payload4: Int32Array;
  private readonly starts6: bigint[];
  private readonly ends6: bigint[];
  private readonly payload6: Int32Array;

  private constructor(s4: Uint32Array, e4: Uint32Array, p4: Int32Array, s6: bigint[], e6: bigint[], p6: Int32Array) {
    this.starts4 = s4;
    this.ends4 = e4;
    this.payload4 = p4;
    this.starts6 = s6;
    this.ends6 = e6;
    this.payload6 = p6;
  }

  get size(): number {
    return this.starts4.length + this.starts6.length;
  }

  /** Builds from ranges in any order. Input already sorted and disjoint (the ASN file) passes through untouched. */
  static build(v4: RangeInput4[], v6: RangeInput6[]): RangeIndex {
    const m4 = disjoint(v4, (a, b) => a - b);
    const m6 = disjoint(v6, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return new RangeIndex(
      Uint32Array.from(m4, (r) => r.start),
      Uint32Array.from(m4, (r) => r.end),
      Int32Array.from(m4, (r) => r.payload),
      m6.map((r) => r.start),
      m6.map((r) => r.end),
      Int32Array.from(m6, (r) => r.payload),
    );
  }

  /** Straight from typed arrays that the caller guarantees are sorted and disjoint. */
  static fromSorted(s4: Uint32Array, e4: Uint32Array, p4: Int32Array, s6: bigint[], e6: bigint[], p6: Int32Array): RangeIndex {
    return new RangeIndex(s4, e4, p4, s6, e6, p6);
  }

  /** Payload of the range holding this IPv4 number, or -1. */
  find4(n: number): number {
    const starts = this.starts4;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= n) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && this.ends4[hi] >= n ? this.payload4[hi] : -1;
  }

  find6(big: bigint): number {
    const starts = this.starts6;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= big) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && this.ends6[hi] >= big ? this.payload6[hi] : -1;
  }
}

/**
 * Cuts overlapping ranges into disjoint pieces by a sweep over their boundaries: each piece takes the
 * payload of the earliest-added range covering it, and neighbouring pieces with the same payload join.
 */
function disjoint<T extends number | bigint>(input: { start: T; end: T; payload: number }[], cmp: (a: T, b: T) => number) {
  if (isSortedDisjoint(input, cmp)) return input;
  const events: { at: T; rank: number; open: boolean }[] = [];
  input.forEach((r, rank) => {
    if (cmp(r.end, r.start) < 0) return;
    events.push({ at: r.start, rank, open: true }, { at: increment(r.end), rank, open: false });
  });
  events.sort((a, b) => cmp(a.at, b.at));
  const out: { start: T; end: T; payload: number }[] = [];
  const active = new Set<number>();
  let i = 0;
  while (i < events.length) {
    const at = events[i].at;
    for (; i < events.length && cmp(events[i].at, at) === 0; i++) {
      if (events[i].open) active.add(events[i].rank);
      else active.delete(events[i].rank);
    }
    if (active.size === 0 || i === events.length) continue;
    let top = Infinity;
    for (const rank of active) if (rank < top) top = rank;
    const end = decrement(events[i].at);
    const payload = input[top].payload;
    const last = out[out.length - 1];
    if (last && last.payload === payload && cmp(increment(last.end), at) === 0) last.end = end;
    else out.push({ start: at, end, payload });
  }
  return out;
}

function increment<T extends number | bigint>(v: T): T {
  return (typeof v === 'bigint' ? v + 1n : (v as number) + 1) as T;
}

function decrement<T extends number | bigint>(v: T): T {
  return (typeof v === 'bigint' ? v - 1n : (v as number) - 1) as T;
}

function isSortedDisjoint<T>(input: { start: T; end: T }[], cmp: (a: T, b: T) => number): boolean {
  for (let i = 1; i < input.length; i++) if (cmp(input[i].start, input[i - 1].end) <= 0) return false;
  return true;
}
