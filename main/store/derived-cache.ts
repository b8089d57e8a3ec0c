// Answers derived from a case's facts, kept in the case file (meta `derived:<name>`), so a new session (the app
// restarted, the server started again) shows them at once: the Overview of a million-event case takes seconds to
// aggregate. Each answer is stamped with what it was derived from — the imported sources, the intel lists, the
// as-of time, the analyst's identity-kind decisions — and with the version of the code that derived it; when any of them changes it is derived again.
// A read-only case (evidence mode) derives every time and stores nothing.
import type Database from 'better-sqlite3';
import type { CaseFile } from './case-file.ts';
import { prepared } from './statement-cache.ts';

/** What a derived answer depends on, as one string (cheap: a few indexed aggregates). */
export function factsStamp(db: Database.Database): string {
  const sources = prepared(db, `SELECT coalesce(max(id), 0) || ':' || count(*) FROM source WHERE status = 'complete'`).pluck().get() as string;
  const times = prepared(
    db,
    `SELECT coalesce(group_concat(key || '=' || value, ','), '') FROM (SELECT key, value FROM meta WHERE key IN ('as_of', 'data_max_time') ORDER BY key)`,
  )
    .pluck()
    .get() as string;
  const hasLists = prepared(db, `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'intel_list'`).get() !== undefined;
  const lists = hasLists ? (prepared(db, `SELECT coalesce(max(id), 0) || ':' || count(*) FROM intel_list`).pluck().get() as string) : '-';
  // The analyst's decisions on identity kinds (main/kinds) change what the facts say an identity is, and a re-run of
  // the derive stage (`blastmap derive`) may change the conclusions kept beside the facts.
  const kinds = prepared(db, `SELECT coalesce(max(id), 0) FROM audit WHERE action LIKE 'identity.%' OR action = 'case.derive'`)
    .pluck()
    .get() as number;
  return `${sources}|${times}|${lists}|${kinds}`;
}

/**
 * The stored answer `name` when it was derived from the case as it is now by code of `version`; otherwise
 * `derive()`, stored for the next session (unless the case is read-only). `marks`: the answer also depends on the
 * analyst's marks; `audit`: on anything audited (findings runs, triage, marks), for answers about findings.
 */
export function derivedAnswer<T>(
  kase: CaseFile,
  name: string,
  version: number,
  derive: () => T,
  options: { marks?: boolean; audit?: boolean } = {},
): T {
  const db = kase.db;
  const stamp = `${version}|${factsStamp(db)}${options.marks ? `|${marksStamp(db)}` : ''}${options.audit ? `|audit ${auditStamp(db)}` : ''}`;
  const key = `derived:${name}`;
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  if (row) {
    try {
      const stored = JSON.parse(row) as { stamp: string; value: T };
      if (stored.stamp === stamp) return stored.value;
    } catch {
      // A damaged entry is derived again below.
    }
  }
  const value = derive();
  if (!kase.readOnly) {
    prepared(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      key,
      JSON.stringify({ stamp, value }),
    );
  }
  return value;
}

/** The analyst's marks (crown jewels, compromised, trusted), for answers that depend on them. */
function marksStamp(db: Database.Database): string {
  return prepared(db, `SELECT count(*) || ':' || coalesce(max(at), '') FROM mark`).pluck().get() as string;
}

/**
 * The newest entry of the case's audit log: every analyst decision (triage, marks, what-if, kinds) and every
 * findings run is audited, so answers about findings can be kept until it moves.
 */
export function auditStamp(db: Database.Database): number {
  return prepared(db, 'SELECT coalesce(max(id), 0) FROM audit').pluck().get() as number;
}
