// The text behind the term ids auth events store (user agents, actions, unresolved targets, addresses that are
// not stored as numbers or bytes) and behind stored addresses.
// A case repeats a few thousand such values across millions of events; resolving them through one cache
// makes every repeat share one string instead of each event carrying its own copy.
import type Database from 'better-sqlite3';
import { termTextLookup } from '../store/terms-read.ts';
import { addressText, type StoredAddress } from '../store/address-column.ts';
import { BoundedCache } from './bounded-cache.ts';

/** Enough for every distinct address, agent and action of a large case; beyond it the oldest are forgotten. */
export const TERM_CACHE_SIZE = 200_000;

export class TermStrings {
  private readonly lookup: (id: number) => string | undefined;
  private readonly cache: BoundedCache<number, string | null>;

  constructor(db: Database.Database, limit = TERM_CACHE_SIZE) {
    this.lookup = termTextLookup(db);
    this.cache = new BoundedCache(limit);
  }

  /**
   * The text of a source address as auth_event stores it (store/address-column.ts): an IPv4 number, IPv6 bytes, or
   * a term id. IPv4 numbers are negative, so they share the cache with term ids without colliding.
   */
  address(stored: StoredAddress | null): string | null {
    if (stored === null) return null;
    if (typeof stored !== 'number') return addressText(stored);
    if (stored > 0) return this.text(stored);
    let value = this.cache.get(stored);
    if (value === undefined) this.cache.set(stored, (value = addressText(stored)));
    return value;
  }

  /** The term's text; null for no term (or an id the term table does not hold, as the old join gave). */
  text(id: number | null): string | null {
    if (id === null) return null;
    let value = this.cache.get(id);
    if (value === undefined) {
      value = this.lookup(id) ?? null;
      this.cache.set(id, value);
    }
    return value;
  }
}
