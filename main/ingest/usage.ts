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

/**
 * Events imported before the inventory that names their target (or their credential's owner)
 * are completed once it arrives, and their use is rolled up then. `afterNodeId`: the largest
 * node id before this import; only references to nodes created since can have become resolvable.
 */
export function resolveLateReferences(db: Database.Database, afterNodeId: number): void {
  const newTargets = db.prepare('SELECT 1 FROM node n JOIN term t ON t.value = n.key WHERE n.id > ? LIMIT 1').get(afterNodeId);
  if (newTargets) {
    db.prepare(`INSERT INTO usage (src, dst, first_seen, last_seen, count)
      SELECT e.identity, n.id, min(e.ts), max(e.ts), count(*) FROM auth_event e
      JOIN term t ON t.id = e.target_term JOIN node n ON n.key = t.value
      WHERE e.target IS NULL AND n.id > ? AND e.outcome = 1 AND e.identity IS NOT NULL
      GROUP BY e.identity, n.id
      ON CONFLICT (src, dst) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count`).run(afterNodeId);
    db.prepare(`UPDATE auth_event SET target = (SELECT n.id FROM term t JOIN node n ON n.key = t.value WHERE t.id = auth_event.target_term)
      WHERE target IS NULL AND target_term IN (SELECT t.id FROM term t JOIN node n ON n.key = t.value WHERE n.id > ?)`).run(afterNodeId);
  }
}
