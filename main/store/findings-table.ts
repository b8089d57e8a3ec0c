// Stored findings and their triage: listing, one finding in full, and the analyst's triage decision
// (audited; the finding row itself is never edited by triage).
import type Database from 'better-sqlite3';
import { ApiError } from '../../shared/api/contract.ts';
import type {
  BulkTriageResult,
  Evidence,
  Finding,
  FindingFilterSpec,
  FindingsPage,
  FindingSummary,
  FindingWindow,
  TriageResult,
} from '../../shared/api/findings.ts';
import type { Severity, TriageStatus } from '../../shared/model.ts';
import { RULE_IDS, ruleKind } from '../../shared/catalogs/rules.ts';
import { displayNames } from './display-name.ts';
import { appendAudit, currentActor, type CaseFile } from './case-file.ts';
import { escapeLike } from './like-pattern.ts';

export interface FindingFilter {
  rule?: string;
  severity?: Severity;
  status?: TriageStatus;
  subject?: string;
  limit?: number;
}

const SELECT = `SELECT f.id, f.rule, f.severity, f.subject, f.title, f.why, f.evidence, f.frameworks, f.score, f.as_of AS asOf,
  coalesce(t.status, 'open') AS status, t.note, t.actor AS triagedBy, t.at AS triagedAt
  FROM finding f LEFT JOIN triage t ON t.finding_id = f.id`;

interface Row {
  id: string;
  rule: string;
  severity: Severity;
  subject: string;
  title: string;
  why: string | null;
  evidence: string | null;
  frameworks: string | null;
  score: number | null;
  asOf: string | null;
  status: TriageStatus;
  note: string | null;
  triagedBy: string | null;
  triagedAt: string | null;
}

export function listFindings(kase: CaseFile, filter: FindingFilter): Finding[] {
  const rows = kase.db
    .prepare(
      `${SELECT}
    WHERE (@rule IS NULL OR f.rule = @rule) AND (@severity IS NULL OR f.severity = @severity)
      AND (@subject IS NULL OR f.subject = @subject) AND (@status IS NULL OR coalesce(t.status, 'open') = @status)
    ORDER BY f.score DESC, f.rule, f.subject, f.id LIMIT @limit`,
    )
    .all({
      rule: filter.rule ?? null,
      severity: filter.severity ?? null,
      subject: filter.subject ?? null,
      status: filter.status ?? null,
      limit: filter.limit ?? 1_000_000,
    }) as Row[];
  return named(kase, rows.map(toFinding));
}

/** What the queue and the posture groups read of a finding: no evidence, no JSON to parse. */
export type FindingHead = Pick<Finding, 'id' | 'rule' | 'severity' | 'subject' | 'title' | 'score' | 'status'>;

/** Every stored finding's head, highest score first: the evidence (most of a finding's bytes) is never parsed. */
export function findingHeads(kase: CaseFile): FindingHead[] {
  const rows = kase.db
    .prepare(
      `SELECT f.id, f.rule, f.severity, f.subject, f.title, f.score, coalesce(t.status, 'open') AS status
    FROM finding f LEFT JOIN triage t ON t.finding_id = f.id ORDER BY f.score DESC, f.rule, f.subject, f.id`,
    )
    .all() as (Omit<FindingHead, 'score'> & { score: number | null })[];
  return rows.map((r) => ({ ...r, score: r.score ?? 0 }));
}

export function getFinding(kase: CaseFile, id: string): Finding {
  const row = kase.db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as Row | undefined;
  if (!row) throw new ApiError('not-found', `no finding ${id} (run \`blastmap findings\` first?)`);
  return named(kase, [toFinding(row)])[0];
}

const SEVERITY_ORDER = `CASE f.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 ELSE 1 END`;

/** WHERE clause and parameters for a Findings-screen filter (values always bound). */
function filterSql(filter: FindingFilterSpec): { where: string; params: Record<string, unknown> } {
  const text = filter.text?.trim();
  return {
    where: `(@rule IS NULL OR f.rule = @rule) AND (@severity IS NULL OR f.severity = @severity)
      AND (@status IS NULL OR coalesce(t.status, 'open') = @status)
      AND (@text IS NULL OR f.subject LIKE @text ESCAPE '\\' OR f.title LIKE @text ESCAPE '\\'
        OR f.subject IN (SELECT key FROM node WHERE name LIKE @text ESCAPE '\\'))
      AND (@kindRules IS NULL OR f.rule IN (SELECT value FROM json_each(@kindRules)))`,
    params: {
      rule: filter.rule ?? null,
      severity: filter.severity ?? null,
      status: filter.status ?? null,
      text: text ? `%${escapeLike(text)}%` : null,
      kindRules: filter.kind ? JSON.stringify(RULE_IDS.filter((r) => ruleKind(r) === filter.kind)) : null,
    },
  };
}

/** One page of findings, most severe first, with counts over everything the filter matches (no cap). */
export function pageFindings(kase: CaseFile, filter: FindingFilterSpec, offset = 0, limit = 200, order = findingsOrder(kase, filter)): FindingsPage {
  const ids = order.ids.slice(offset, offset + limit);
  const rows = kase.db
    .prepare(
      `SELECT f.id, f.rule, f.severity, f.subject, f.title, f.score, f.as_of AS asOf,
      coalesce(t.status, 'open') AS status FROM finding f LEFT JOIN triage t ON t.finding_id = f.id WHERE f.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as (Omit<FindingSummary, 'score' | 'asOf'> & { score: number | null; asOf: string | null })[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const summaries = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ ...r, score: r.score ?? 0, asOf: r.asOf ?? '' }] : [];
  });
  return { total: order.total, offset, rows: named(kase, summaries), counts: order.counts, all: order.all };
}

/** Every finding the filter matches, in the Findings screen's order, with its counts: what paging needs, once per filter. */
export interface FindingsOrder {
  ids: string[];
  total: number;
  counts: Required<FindingsPage['counts']>;
  all: number;
}

export function findingsOrder(kase: CaseFile, filter: FindingFilterSpec): FindingsOrder {
  const { where, params } = filterSql(filter);
  const from = 'FROM finding f LEFT JOIN triage t ON t.finding_id = f.id';
  const ids = kase.db
    .prepare(
      `SELECT f.id ${from} WHERE ${where}
    ORDER BY ${SEVERITY_ORDER} DESC, f.score DESC, f.rule, f.subject, f.id`,
    )
    .pluck()
    .all(params) as string[];
  const counts: Required<FindingsPage['counts']> = { severity: {}, rule: {}, status: {}, ruleSeverity: {}, kind: {} };
  let total = 0;
  for (const c of kase.db
    .prepare(
      `SELECT f.severity, f.rule, coalesce(t.status, 'open') AS status, count(*) AS n ${from} WHERE ${where}
      GROUP BY 1, 2, 3`,
    )
    .all(params) as { severity: string; rule: string; status: string; n: number }[]) {
    counts.severity[c.severity] = (counts.severity[c.severity] ?? 0) + c.n;
    counts.rule[c.rule] = (counts.rule[c.rule] ?? 0) + c.n;
    counts.status[c.status] = (counts.status[c.status] ?? 0) + c.n;
    const bySeverity = (counts.ruleSeverity[c.rule] ??= {});
    bySeverity[c.severity] = (bySeverity[c.severity] ?? 0) + c.n;
    const kind = ruleKind(c.rule);
    counts.kind[kind] = (counts.kind[kind] ?? 0) + c.n;
    total += c.n;
  }
  const all = kase.db.prepare('SELECT count(*) FROM finding').pluck().get() as number;
  return { ids, total, counts, all };
}

/** One decision for many findings, in one transaction; each finding's change is audited like a single triage. */
export function triageMany(
  kase: CaseFile,
  target: { ids?: string[]; filter?: FindingFilterSpec },
  status: TriageStatus,
  note: string | null,
  actor = currentActor(),
): BulkTriageResult {
  const at = new Date().toISOString();
  const db = kase.db;
  let rows: { id: string; rule: string; subject: string; status: string }[];
  if (target.ids) {
    const known =
      db.prepare(`SELECT f.id, f.rule, f.subject, coalesce(t.status, 'open') AS status FROM finding f LEFT JOIN triage t ON t.finding_id = f.id
      WHERE f.id IN (SELECT value FROM json_each(?))`);
    rows = known.all(JSON.stringify(target.ids)) as typeof rows;
    if (rows.length !== new Set(target.ids).size) {
      throw new ApiError('not-found', `${new Set(target.ids).size - rows.length} of the findings are not in the case; nothing was changed`);
    }
  } else {
    const { where, params } = filterSql(target.filter ?? {});
    rows = db
      .prepare(
        `SELECT f.id, f.rule, f.subject, coalesce(t.status, 'open') AS status FROM finding f LEFT JOIN triage t ON t.finding_id = f.id
      WHERE ${where}`,
      )
      .all(params) as typeof rows;
  }
  db.transaction(() => {
    const upsert = db.prepare(`INSERT INTO triage (finding_id, status, note, actor, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (finding_id) DO UPDATE SET status = excluded.status, note = excluded.note, actor = excluded.actor, at = excluded.at`);
    for (const r of rows) {
      upsert.run(r.id, status, note, actor, at);
      appendAudit(db, 'finding.triage', { id: r.id, rule: r.rule, subject: r.subject, from: r.status, to: status, note, bulk: rows.length }, actor);
    }
  })();
  return { updated: rows.length, status, note, actor, at };
}

/** Every finding the API returns carries its subject's display name. */
function named<T extends { subject: string; subjectName?: string }>(kase: CaseFile, findings: T[]): T[] {
  const names = displayNames(
    kase,
    findings.map((f) => f.subject),
  );
  for (const f of findings) f.subjectName = names.get(f.subject) ?? f.subject;
  return findings;
}

export function triageFinding(kase: CaseFile, id: string, status: TriageStatus, note: string | null, actor = currentActor()): TriageResult {
  const finding = getFinding(kase, id);
  const at = new Date().toISOString();
  kase.db.transaction(() => {
    kase.db
      .prepare(
        `INSERT INTO triage (finding_id, status, note, actor, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (finding_id) DO UPDATE SET status = excluded.status, note = excluded.note, actor = excluded.actor, at = excluded.at`,
      )
      .run(id, status, note, actor, at);
    appendAudit(kase.db, 'finding.triage', { id, rule: finding.rule, subject: finding.subject, from: finding.status, to: status, note }, actor);
  })();
  return { id, status, note, actor, at };
}

function toFinding(r: Row): Finding {
  const stored = parseJson(r.evidence) as { items?: Evidence[]; severityBecause?: string; window?: FindingWindow | null } | Evidence[] | null;
  const box = Array.isArray(stored) ? { items: stored } : (stored ?? {});
  return {
    id: r.id,
    rule: r.rule,
    kind: ruleKind(r.rule),
    severity: r.severity,
    subject: r.subject,
    title: r.title,
    score: r.score ?? 0,
    status: r.status,
    asOf: r.asOf ?? '',
    why: r.why ?? '',
    severityBecause: box.severityBecause ?? '',
    frameworks: (parseJson(r.frameworks) as string[] | null) ?? [],
    evidence: box.items ?? [],
    window: box.window ?? null,
    note: r.note,
    triagedBy: r.triagedBy,
    triagedAt: r.triagedAt,
  };
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Subjects of the findings of these rules that the analyst has not triaged away (false positive, fixed); a
 * credential subject stands for the identity holding it. What the API builds @entry from (api/entry-points.ts).
 */
export function untriagedSubjectHolders(db: Database.Database, rules: readonly string[]): string[] {
  return db
    .prepare(
      `SELECT DISTINCT coalesce((SELECT h.key FROM node c JOIN edge e ON e.dst = c.id AND e.kind = 'has_credential' JOIN node h ON h.id = e.src
        WHERE c.key = f.subject AND c.kind = 'credential' LIMIT 1), f.subject)
      FROM finding f LEFT JOIN triage t ON t.finding_id = f.id
      WHERE f.rule IN (SELECT value FROM json_each(?)) AND coalesce(t.status, 'open') NOT IN ('false-positive', 'fixed')`,
    )
    .pluck()
    .all(JSON.stringify(rules)) as string[];
}

/** A run's findings replace those of the rules it ran, in one transaction, audited. */
export function replaceFindings(kase: CaseFile, rules: readonly string[], findings: Finding[], asOf: string): void {
  const db = kase.db;
  const remove = db.prepare('DELETE FROM finding WHERE rule = ?');
  const insert = db.prepare(`INSERT INTO finding (id, rule, severity, subject, title, why, evidence, frameworks, score, as_of, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const rule of rules) remove.run(rule);
    for (const f of findings) {
      insert.run(
        f.id,
        f.rule,
        f.severity,
        f.subject,
        f.title,
        f.why,
        JSON.stringify({ items: f.evidence, severityBecause: f.severityBecause, window: f.window }),
        JSON.stringify(f.frameworks),
        f.score,
        asOf,
        now,
      );
    }
    appendAudit(db, 'findings.run', { asOf, rules: rules.length === RULE_IDS.length ? 'all' : rules, findings: findings.length });
  })();
}
