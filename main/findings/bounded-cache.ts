// A cache of at most `limit` entries that forgets the least recently used ones, roughly. The findings run
// resolves millions of events through caches (term strings, network verdicts); a fixed limit keeps them
// small whatever the case holds.
// Two generations instead of exact LRU order: new entries go to the young map; when it is full it becomes
// the old map and the previous old one is dropped whole; a hit in the old map moves the entry back to the
// young one, so values in steady use survive. Every step is O(1). (Evicting one oldest entry at a time
// from a single Map is not: V8 walks over the deleted slots from the start to find the next key, which
// made a large case's run quadratic.)
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(limit: number) {
    this.half = Math.max(1, Math.floor(limit / 2));
  }

  /** Entries held now (at most the limit). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** The cached value, or undefined when it was never cached or has been forgotten (so never cache undefined). */
  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const kept = this.old.get(key);
    if (kept !== undefined) this.set(key, kept);
    return kept;
  }

  set(key: K, value: V): void {
    if (!this.young.has(key) && this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
    this.old.delete(key);
  }
}
