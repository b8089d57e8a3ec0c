// What the auth logs show was exercised: (identity → target) and (credential → identity) pairs with
// first/last seen and counts, rolled up in memory while events are written and stored in `usage` at the end
// of the import (or sooner, when the roll-up grows large: the stored rows merge repeats). Events whose target or credential owner is not known yet are remembered in `pending_ref` and
// completed when a later import brings the missing node, whichever file arrives first.
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

type Pair = [first: number, last: number, count: number];
type Range = [first: number, last: number];

export class UsageRollup {
  private readonly pairs = new Map<number, Map<number, Pair>>();
  private pairCount = 0;
  private readonly pendingTargets = new Map<number, Range>();
  private readonly pendingOwners = new Map<number, Range>();
  private readonly db: Database.Database;
  /** Pairs and pending references held before they are written out, so logs of endless distinct values keep memory flat. */
  private readonly maxHeld: number;

  constructor(db: Database.Database, maxHeld = 500_000) {
    this.db = db;
    this.maxHeld = maxHeld;
  }

  /** Called for every written event (eventId is its auth_event id). */
  add(
    eventId: number,
    ts: number,
    identity: number | null,
    credential: number | null,
    target: number | null,
    targetTerm: number | null,
    outcome: 0 | 1,
  ): void {
    this.addSpan(eventId, eventId, ts, ts, outcome, identity, credential, target, targetTerm);
  }

  /**
   * Events of one identity, credential and target at once: auth_event ids firstEvent..lastEvent (not
   * necessarily all of them), of which `successes` succeeded between firstSeen and lastSeen.
   */
  addSpan(
    firstEvent: number,
    lastEvent: number,
    firstSeen: number,
    lastSeen: number,
    successes: number,
    identity: number | null,
    credential: number | null,
    target: number | null,
    targetTerm: number | null,
  ): void {
    if (target === null && targetTerm !== null) widen(this.pendingTargets, targetTerm, firstEvent, lastEvent);
    if (identity === null && credential !== null) widen(this.pendingOwners, credential, firstEvent, lastEvent);
    if (successes === 0 || identity === null) return;
    if (target !== null) this.pair(identity, target, firstSeen, lastSeen, successes);
    if (credential !== null) this.pair(credential, identity, firstSeen, lastSeen, successes);
    if (this.pairCount + this.pendingTargets.size + this.pendingOwners.size > this.maxHeld) this.save();
  }

  private pair(src: number, dst: number, first: number, last: number, count: number): void {
    let row = this.pairs.get(src);
    if (!row) this.pairs.set(src, (row = new Map()));
    const p = row.get(dst);
    if (!p) {
      row.set(dst, [first, last, count]);
      this.pairCount++;
    } else {
      if (first < p[0]) p[0] = first;
      if (last > p[1]) p[1] = last;
      p[2] += count;
    }
  }

  /** Writes the roll-up and the pending references (inside the import transaction), and starts over. */
  save(): void {
    const db = this.db;
    if (!this.pairs.size && !this.pendingTargets.size && !this.pendingOwners.size) return;
    const usage = prepared(
      db,
      `INSERT INTO usage (src, dst, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (src, dst) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count`,
    );
    for (const [src, row] of this.pairs) for (const [dst, p] of row) usage.run(src, dst, p[0], p[1], p[2]);
    const pending = prepared(
      db,
      `INSERT INTO pending_ref (kind, ref, first_event, last_event) VALUES (?, ?, ?, ?)
      ON CONFLICT (kind, ref) DO UPDATE SET first_event = min(first_event, excluded.first_event), last_event = max(last_event, excluded.last_event)`,
    );
    for (const [term, r] of this.pendingTargets) pending.run('target', term, r[0], r[1]);
    for (const [credential, r] of this.pendingOwners) pending.run('owner', credential, r[0], r[1]);
    this.pairs.clear();
    this.pairCount = 0;
    this.pendingTargets.clear();
    this.pendingOwners.clear();
  }
}

function widen(map: Map<number, Range>, key: number, first: number, last: number): void {
  const r = map.get(key);
  if (!r) map.set(key, [first, last]);
  else {
    if (first < r[0]) r[0] = first;
    if (last > r[1]) r[1] = last;
  }
}

const UPSERT_USAGE = `ON CONFLICT (src, dst) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
  last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count`;

/** Where the case stood before an import: nodes and aliases past it are what the import added. */
export interface LateMark {
  node: number;
  source: number;
}

export function lateReferenceMark(db: Database.Database): LateMark {
  return {
    node: db.prepare('SELECT coalesce(max(id), 0) FROM node').pluck().get() as number,
    source: db.prepare('SELECT coalesce(max(id), 0) FROM source').pluck().get() as number,
  };
}

/**
 * Completes events whose missing node now exists: a target text that became a node (by key or alias),
 * a credential whose owner is now known. All matches are handled in one pass over the union of their
 * recorded event-id ranges (a per-reference pass would rescan the log once per system on big cases).
 * Only nodes and aliases added since `since` can resolve a pending target (older ones would have been found
 * when the event was written), so a small import into a large case does not rematch every pending target
 * (1.5M object ARNs at M: 2.8 s per import).
 */
export function resolveLateReferences(db: Database.Database, since: LateMark = { node: 0, source: 0 }): void {
  resolveTargets(db, since);
  resolveOwners(db);
}

function resolveTargets(db: Database.Database, since: LateMark): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS late_target (term INTEGER PRIMARY KEY, node INTEGER NOT NULL); DELETE FROM late_target;');
  // A key match wins over an alias match (the first insert of a term stays). CROSS JOIN keeps the new nodes
  // outermost: the planner would otherwise walk every pending target and probe the nodes.
  const byKey = db
    .prepare(
      `INSERT OR IGNORE INTO late_target (term, node)
    SELECT p.ref, n.id FROM node n CROSS JOIN term t ON t.value = n.key CROSS JOIN pending_ref p ON p.kind = 'target' AND p.ref = t.id
    WHERE n.id > ?`,
    )
    .run(since.node).changes;
  const byAlias = db
    .prepare(
      `INSERT OR IGNORE INTO late_target (term, node)
    SELECT p.ref, a.node_id FROM alias a CROSS JOIN term t ON t.value = a.alias CROSS JOIN pending_ref p ON p.kind = 'target' AND p.ref = t.id
    WHERE a.source_id > ?`,
    )
    .run(since.source).changes;
  const matched = byKey + byAlias;
  if (matched) {
    const range = db
      .prepare(
        `SELECT min(first_event) AS lo, max(last_event) AS hi FROM pending_ref
      WHERE kind = 'target' AND ref IN (SELECT term FROM late_target)`,
      )
      .get() as { lo: number; hi: number };
    db.prepare(
      `INSERT INTO usage (src, dst, first_seen, last_seen, count)
      SELECT e.identity, l.node, min(e.ts), max(e.ts), count(*) FROM auth_event e JOIN late_target l ON l.term = e.target_term
      WHERE e.id BETWEEN ? AND ? AND e.target IS NULL AND e.outcome = 1 AND e.identity IS NOT NULL
      GROUP BY e.identity, l.node ${UPSERT_USAGE}`,
    ).run(range.lo, range.hi);
    db.prepare(
      `UPDATE auth_event SET target = (SELECT node FROM late_target WHERE term = auth_event.target_term)
      WHERE id BETWEEN ? AND ? AND target IS NULL AND target_term IN (SELECT term FROM late_target)`,
    ).run(range.lo, range.hi);
    db.prepare(`DELETE FROM pending_ref WHERE kind = 'target' AND ref IN (SELECT term FROM late_target)`).run();
  }
  db.exec('DELETE FROM late_target');
}

function resolveOwners(db: Database.Database): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS late_owner (credential INTEGER PRIMARY KEY, owner INTEGER NOT NULL); DELETE FROM late_owner;');
  const matched = db
    .prepare(
      `INSERT INTO late_owner (credential, owner)
    SELECT p.ref, min(e.src) FROM pending_ref p JOIN edge e ON e.dst = p.ref AND e.kind = 'has_credential'
    WHERE p.kind = 'owner' GROUP BY p.ref`,
    )
    .run().changes;
  if (matched) {
    const range = db
      .prepare(
        `SELECT min(first_event) AS lo, max(last_event) AS hi FROM pending_ref
      WHERE kind = 'owner' AND ref IN (SELECT credential FROM late_owner)`,
      )
      .get() as { lo: number; hi: number };
    db.prepare(
      `INSERT INTO usage (src, dst, first_seen, last_seen, count)
      SELECT l.owner, e.target, min(e.ts), max(e.ts), count(*) FROM auth_event e JOIN late_owner l ON l.credential = e.credential
      WHERE e.id BETWEEN ? AND ? AND e.identity IS NULL AND e.outcome = 1 AND e.target IS NOT NULL
      GROUP BY l.owner, e.target ${UPSERT_USAGE}`,
    ).run(range.lo, range.hi);
    db.prepare(
      `INSERT INTO usage (src, dst, first_seen, last_seen, count)
      SELECT e.credential, l.owner, min(e.ts), max(e.ts), count(*) FROM auth_event e JOIN late_owner l ON l.credential = e.credential
      WHERE e.id BETWEEN ? AND ? AND e.identity IS NULL AND e.outcome = 1
      GROUP BY e.credential, l.owner ${UPSERT_USAGE}`,
    ).run(range.lo, range.hi);
    db.prepare(
      `UPDATE auth_event SET identity = (SELECT owner FROM late_owner WHERE credential = auth_event.credential)
      WHERE id BETWEEN ? AND ? AND identity IS NULL AND credential IN (SELECT credential FROM late_owner)`,
    ).run(range.lo, range.hi);
    db.prepare(`DELETE FROM pending_ref WHERE kind = 'owner' AND ref IN (SELECT credential FROM late_owner)`).run();
  }
  db.exec('DELETE FROM late_owner');
}
