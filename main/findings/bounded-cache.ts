// A map that forgets its oldest entries once it is full. The findings run resolves millions of events
// through caches (term strings, network verdicts); a fixed limit keeps them small whatever the case holds,
// and the values that repeat most are looked up again soon after being forgotten anyway.
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = Math.max(1, limit);
  }

  get size(): number {
    return this.map.size;
  }

  /** The cached value, or undefined when it was never cached or has been forgotten. */
  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    // A Map iterates in insertion order, so its first key is the oldest entry.
    if (this.map.size >= this.limit && !this.map.has(key)) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
  }
}
