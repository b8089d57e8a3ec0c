// A cache from byte strings to numbers, for the parse workers: a value that repeats in a big file
// (the same account, key, address or agent on thousands of rows) is found by its bytes, without
// making a JS string and hashing it again each time. It is only a cache: the caller computes a miss
// from the decoded text, so clearing it (memory bound) never changes a result.
// Hostile input can be built to collide in any unseeded hash; a key is therefore looked for, and kept,
// only within MAX_PROBES slots of its home, so colliding keys cost a bounded search and then simply miss.
const EMPTY = 0;
const MAX_PROBES = 64;

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
    this.maxEntries = limits.maxEntries ?? 1 << 18;
    this.maxKeyBytes = limits.maxKeyBytes ?? 16 << 20;
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
    const h = this.hashOf(bytes, start, end);
    this.lastHash = h;
    const length = end - start;
    for (let probe = 0, slot = h & this.mask; probe < MAX_PROBES; probe++, slot = (slot + 1) & this.mask) {
      const e = this.slots[slot] - 1;
      if (e < 0) return -1;
      if (this.hashes[e] === h && this.lengths[e] === length && this.sameKey(e, bytes, start, length)) return e;
    }
    return -1;
  }

  /** A method, not a stored function, so the call inlines (tests override it to make keys collide). */
  protected hashOf(bytes: Uint8Array, start: number, end: number): number {
    return hashBytes(bytes, start, end);
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
    const e = this.count;
    if (!this.place(this.lastHash, e)) return; // a crowded neighbourhood: not remembered
    this.count++;
    this.hashes[e] = this.lastHash;
    this.starts[e] = this.keyBytes;
    this.lengths[e] = length;
    this.values[e] = value;
    this.keys.set(bytes.subarray(start, end), this.keyBytes);
    this.keyBytes += length;
  }

  clear(): void {
    this.slots.fill(EMPTY);
    this.count = 0;
    this.keyBytes = 0;
  }

  private sameKey(e: number, bytes: Uint8Array, start: number, length: number): boolean {
    const keys = this.keys;
    let k = this.starts[e],
      i = start;
    const end = start + length;
    // Four bytes per step while four remain: the loads are independent, the branches four times fewer.
    for (; i + 4 <= end; i += 4, k += 4) {
      if ((keys[k] ^ bytes[i]) | (keys[k + 1] ^ bytes[i + 1]) | (keys[k + 2] ^ bytes[i + 2]) | (keys[k + 3] ^ bytes[i + 3])) return false;
    }
    for (; i < end; i++, k++) if (keys[k] !== bytes[i]) return false;
    return true;
  }

  /** Puts entry e in a free slot near the hash's home; false when none is within MAX_PROBES. */
  private place(hash: number, e: number): boolean {
    for (let probe = 0, slot = hash & this.mask; probe < MAX_PROBES; probe++, slot = (slot + 1) & this.mask) {
      if (this.slots[slot] === EMPTY) {
        this.slots[slot] = e + 1;
        return true;
      }
    }
    return false;
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let e = 0; e < this.count; e++) this.place(this.hashes[e], e);
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

/**
 * MurmurHash3 (x86, 32-bit) over the bytes, four at a time: about twice as fast as a byte-wise FNV on the
 * long values of real logs (user agents, ARNs), with well-mixed low bits (the slot is taken from them).
 */
function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    let k = b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = end - i;
  if (rest > 0) {
    let k = b[i] | (rest > 1 ? b[i + 1] << 8 : 0) | (rest > 2 ? b[i + 2] << 16 : 0);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  h ^= end - start;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
