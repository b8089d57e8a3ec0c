// When a grant was used, from the usage roll-up (written as events are imported): per (actor, target) pair.
import type Database from 'better-sqlite3';

export interface PairUse {
  firstSeen: number;
  lastSeen: number;
  count: number;
}

/** First and last use (epoch ms) and count of one (src, dst) pair, or undefined: a lookup prepared once, asked per pair. */
export function pairUseLookup(db: Database.Database): (src: number, dst: number) => PairUse | undefined {
  const stmt = db.prepare('SELECT first_seen AS firstSeen, last_seen AS lastSeen, count FROM usage WHERE src = ? AND dst = ?');
  return (src, dst) => stmt.get(src, dst) as PairUse | undefined;
}
