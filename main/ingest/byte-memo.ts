// A cache from byte strings to numbers, for the parse workers: a value that repeats in a big file
// (the same account, key, address or agent on thousands of rows) is found by its bytes, without
// making a JS string and hashing it again each time. It is only a cache: the caller computes a miss
// from the decoded text, so clearing it (memory bound) never changes a result.
const EMPTY = 0;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export class ByteMemo {
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private starts: Int32Array;
  private lengths: Int32Array;
  private values: Float64Array;
  private keys: Uint8Array;
  private keyBytes = 0;
  private count = 0;
  /** Hash of the key last passed to find(), reused by the set() that follows a miss. */
  private lastHash = 0;
  private readonly maxEntries: number;
  private readonly maxKeyBytes: number;

  constructor(limits: { maxEntries?: number; maxKeyBytes?: number } = {}) {
    this.maxEntries = limits.maxEntries ?? 1 << 20;
    this.maxKeyBytes = limits.maxKeyBytes ?? 64 << 20;
    this.slots = new Int32Array(1024);
    this.mask = 1023;
    this.hashes = new Int32Array(512);
    this.starts = new Int32Array(512);
    this.lengths = new Int32Array(512);
    this.values = new Float64Array(512);
    this.keys = new Uint8Array(16 * 1024);
  }

  get size(): number {
    return this.count;
  }

  /** The entry holding bytes[start, end), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
    this.lastHash = h;
    const length = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const e = this.slots[slot] - 1;
      if (e < 0) return -1;
      if (this.hashes[e] === h && this.lengths[e] === length && this.sameKey(e, bytes, start, length)) return e;
    }
  }

  value(entry: number): number {
    return this.values[entry];
  }

  /** Remembers value for bytes[start, end); call right after find() missed on the same bytes. */
  set(bytes: Uint8Array, start: number, end: number, value: number): void {
    const length = end - start;
    if (length > this.maxKeyBytes) return;
    if (this.count >= this.maxEntries || this.keyBytes + length > this.maxKeyBytes) this.clear();
    if ((this.count + 1) * 2 > this.slots.length) this.growSlots();
    if (this.count === this.hashes.length) this.growEntries();
    if (this.keyBytes + length > this.keys.length) this.growKeys(this.keyBytes + length);
    const e = this.count++;
    this.hashes[e] = this.lastHash;
    this.starts[e] = this.keyBytes;
    this.lengths[e] = length;
    this.values[e] = value;
    this.keys.set(bytes.subarray(start, end), this.keyBytes);
    this.keyBytes += length;
    this.place(e);
  }

  clear(): void {
    this.slots.fill(EMPTY);
    this.count = 0;
    this.keyBytes = 0;
  }

  private sameKey(e: number, bytes: Uint8Array, start: number, length: number): boolean {
    const keys = this.keys;
    for (let i = 0, k = this.starts[e]; i < length; i++, k++) if (keys[k] !== bytes[start + i]) return false;
    return true;
  }

  private place(e: number): void {
    let slot = this.hashes[e] & this.mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.slots[slot] = e + 1;
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let e = 0; e < this.count; e++) this.place(e);
  }

  private growEntries(): void {
    const n = this.hashes.length * 2;
    this.hashes = grow(this.hashes, new Int32Array(n));
    this.starts = grow(this.starts, new Int32Array(n));
    this.lengths = grow(this.lengths, new Int32Array(n));
    this.values = grow(this.values, new Float64Array(n));
  }

  private growKeys(needed: number): void {
    let n = this.keys.length * 2;
    while (n < needed) n *= 2;
    this.keys = grow(this.keys, new Uint8Array(n));
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
