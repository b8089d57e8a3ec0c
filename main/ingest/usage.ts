// What the auth logs show was exercised: (identity → target) and (credential → identity) pairs with
// first/last seen and counts, rolled up in memory while events are written and stored in `usage` once per
// import. Events whose target or credential owner is not known yet are remembered in `pending_ref` and
// completed when a later import brings the missing node, whichever file arrives first.
import type Database from 'better-sqlite3';

type Pair = [first: number, last: number, count: number];
type Range = [first: number, last: number];

export class UsageRollup {
  private readonly pairs = new Map<number, Map<number, Pair>>();
  private readonly pendingTargets = new Map<number, Range>();
  private readonly pendingOwners = new Map<number, Range>();

  /** Called for every written event (eventId is its auth_event id). */
  add(eventId: number, ts: number, identity: number | null, credential: number | null, target: number | null, targetTerm: number | null, outcome: 0 | 1): void {
    if (target === null && targetTerm !== null) widen(this.pendingTargets, targetTerm, eventId);
    if (identity === null && credential !== null) widen(this.pendingOwners, credential, eventId);
    if (outcome !== 1 || identity === null) return;
    if (target !== null) this.pair(identity, target, ts);
    if (credential !== null) this.pair(credential, identity, ts);
  }

  private pair(src: number, dst: number, ts: number): void {
    let row = this.pairs.get(src);
    if (!row) this.pairs.set(src, (row = new Map()));
    const p = row.get(dst);
    if (!p) row.set(dst, [ts, ts, 1]);
    else {
      if (ts < p[0]) p[0] = ts;
      if (ts > p[1]) p[1] = ts;
      p[2]++;
    }
  }

  /** Writes the roll-up and the pending references (inside the import transaction). */
  save(db: Database.Database): void {
    const usage = db.prepare(`INSERT INTO usage (src, dst, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (src, dst) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count`);
    for (const [src, row] of this.pairs) for (const [dst, p] of row) usage.run(src, dst, p[0], p[1], p[2]);
    const pending = db.prepare(`INSERT INTO pending_ref (kind, ref, first_event, last_event) VALUES (?, ?, ?, ?)
      ON CONFLICT (kind, ref) DO UPDATE SET first_event = min(first_event, excluded.first_event), last_event = max(last_event, excluded.last_event)`);
    for (const [term, r] of this.pendingTargets) pending.run('target', term, r[0], r[1]);
    for (const [credential, r] of this.pendingOwners) pending.run('owner', credential, r[0], r[1]);
  }
}

function widen(map: Map<number, Range>, key: number, id: number): void {
  const r = map.get(key);
  if (!r) map.set(key, [id, id]);
  else r[1] = id;
}

const UPSERT_USAGE = `ON CONFLICT (src, dst) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
  last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count`;

/**
 * Completes events whose missing node now exists: a target text that became a node (by key or alias),
 * a credential whose owner is now known. Only the recorded event id ranges are read.
 */
export function resolveLateReferences(db: Database.Database): void {
  const targets = db.prepare(`SELECT p.ref AS term, coalesce(n.id, a.node_id) AS node, p.first_event AS first, p.last_event AS last
    FROM pending_ref p JOIN term t ON t.id = p.ref LEFT JOIN node n ON n.key = t.value LEFT JOIN alias a ON a.alias = t.value
    WHERE p.kind = 'target' AND coalesce(n.id, a.node_id) IS NOT NULL`).all() as { term: number; node: number; first: number; last: number }[];
  const targetUsage = db.prepare(`INSERT INTO usage (src, dst, first_seen, last_seen, count)
    SELECT identity, ?, min(ts), max(ts), count(*) FROM auth_event
    WHERE id BETWEEN ? AND ? AND target IS NULL AND target_term = ? AND outcome = 1 AND identity IS NOT NULL
    GROUP BY identity ${UPSERT_USAGE}`);
  const setTarget = db.prepare('UPDATE auth_event SET target = ? WHERE id BETWEEN ? AND ? AND target IS NULL AND target_term = ?');
  const done = db.prepare('DELETE FROM pending_ref WHERE kind = ? AND ref = ?');
  for (const t of targets) {
    targetUsage.run(t.node, t.first, t.last, t.term);
    setTarget.run(t.node, t.first, t.last, t.term);
    done.run('target', t.term);
  }

  const owners = db.prepare(`SELECT p.ref AS credential, e.src AS owner, p.first_event AS first, p.last_event AS last
    FROM pending_ref p JOIN edge e ON e.dst = p.ref AND e.kind = 'has_credential' WHERE p.kind = 'owner'
    GROUP BY p.ref`).all() as { credential: number; owner: number; first: number; last: number }[];
  const ownerTargetUsage = db.prepare(`INSERT INTO usage (src, dst, first_seen, last_seen, count)
    SELECT ?, target, min(ts), max(ts), count(*) FROM auth_event
    WHERE id BETWEEN ? AND ? AND identity IS NULL AND credential = ? AND outcome = 1 AND target IS NOT NULL
    GROUP BY target ${UPSERT_USAGE}`);
  const credentialUsage = db.prepare(`INSERT INTO usage (src, dst, first_seen, last_seen, count)
    SELECT credential, ?, min(ts), max(ts), count(*) FROM auth_event
    WHERE id BETWEEN ? AND ? AND identity IS NULL AND credential = ? AND outcome = 1
    GROUP BY credential ${UPSERT_USAGE}`);
  const setIdentity = db.prepare('UPDATE auth_event SET identity = ? WHERE id BETWEEN ? AND ? AND identity IS NULL AND credential = ?');
  for (const o of owners) {
    ownerTargetUsage.run(o.owner, o.first, o.last, o.credential);
    credentialUsage.run(o.owner, o.first, o.last, o.credential);
    setIdentity.run(o.owner, o.first, o.last, o.credential);
    done.run('owner', o.credential);
  }
}
