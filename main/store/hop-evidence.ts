// What backs one hop of an attack path: the import row that created the edge, and the successful auth events that
// exercised it (graph/evidence.ts decides which actor and target those are).
import type Database from 'better-sqlite3';
import { addressSql } from './address-column.ts';

export interface EdgeGrantRow {
  file: string | null;
  sha256: string | null;
  locator: string | null;
  privilege: number;
  grantedAt: string | null;
  technique: string | null;
  pathId: string | null;
}

/** The edge's grant: the file and locator it was imported from, and what a derived escalation edge records. */
export function edgeGrant(db: Database.Database, edgeId: number): EdgeGrantRow | undefined {
  return db
    .prepare(
      `SELECT s.file_name AS file, s.sha256, e.locator, e.privilege, e.granted_at AS grantedAt,
      json_extract(e.props, '$.technique') AS technique, json_extract(e.props, '$.pathId') AS pathId
    FROM edge e LEFT JOIN source s ON s.id = e.source_id WHERE e.id = ?`,
    )
    .get(edgeId) as EdgeGrantRow | undefined;
}

/**
 * Which events exercise a hop. `byCredential`: a credential signing in as an identity (`principals` are the
 * credential ids, `target` the identity); otherwise `principals` (the acting identity, the hop's source) acting
 * on `target`. Successes only, none after `asOfMs`.
 */
export interface HopEvents {
  byCredential: boolean;
  principals: [number, number];
  target: number;
  asOfMs: number;
}

function where(h: HopEvents): string {
  return h.byCredential
    ? 'ev.credential IN (?, ?) AND ev.identity = ? AND ev.outcome = 1 AND ev.ts <= ?'
    : 'ev.identity IN (?, ?) AND ev.target = ? AND ev.outcome = 1 AND ev.ts <= ?';
}

export function hopEventCount(db: Database.Database, h: HopEvents): number {
  return db
    .prepare(`SELECT count(*) FROM auth_event ev WHERE ${where(h)}`)
    .pluck()
    .get(...h.principals, h.target, h.asOfMs) as number;
}

export interface HopEventRow {
  ts: number;
  ip: string | null;
  action: string | null;
  file: string | null;
  locator: number | null;
}

/** The newest `limit` of those events, with their address, action and file. */
export function hopEventRows(db: Database.Database, h: HopEvents, limit: number): HopEventRow[] {
  return db
    .prepare(
      `SELECT ev.ts, ${addressSql('ev.ip')} AS ip, act.value AS action, s.file_name AS file, ev.locator
    FROM auth_event ev LEFT JOIN term act ON act.id = ev.action LEFT JOIN source s ON s.id = ev.source_id
    WHERE ${where(h)} ORDER BY ev.ts DESC LIMIT ?`,
    )
    .all(...h.principals, h.target, h.asOfMs, limit) as HopEventRow[];
}
