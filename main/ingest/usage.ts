// Rolls one import's successful auth events up into `usage`: which grants were exercised, when, how often.
import type Database from 'better-sqlite3';

/** `afterEventId`: the largest auth_event id before this import (events are appended in id order). */
export function recordUsage(db: Database.Database, afterEventId: number): void {
  const upsert = `ON CONFLICT (src, dst) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count`;
  db.prepare(`INSERT INTO usage (src, dst, first_seen, last_seen, count)
    SELECT identity, target, min(ts), max(ts), count(*) FROM auth_event
    WHERE id > ? AND outcome = 1 AND identity IS NOT NULL AND target IS NOT NULL
    GROUP BY identity, target ${upsert}`).run(afterEventId);
  db.prepare(`INSERT INTO usage (src, dst, first_seen, last_seen, count)
    SELECT credential, identity, min(ts), max(ts), count(*) FROM auth_event
    WHERE id > ? AND outcome = 1 AND credential IS NOT NULL AND identity IS NOT NULL
    GROUP BY credential, identity ${upsert}`).run(afterEventId);
}
