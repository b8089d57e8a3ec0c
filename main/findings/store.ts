// Stored findings and their triage: listing, one finding in full, and the analyst's triage decision
// (audited; the finding row itself is never edited by triage).
import { ApiError } from '../../shared/api/contract.ts';
import type { Evidence, Finding, FindingWindow, TriageResult } from '../../shared/api/findings.ts';
import type { Severity, TriageStatus } from '../../shared/model.ts';
import { displayNames } from '../inventory/display-name.ts';
import { appendAudit, currentActor, type CaseFile } from '../store/case-file.ts';

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
  id: string; rule: string; severity: Severity; subject: string; title: string; why: string | null; evidence: string | null;
  frameworks: string | null; score: number | null; asOf: string | null; status: TriageStatus; note: string | null;
  triagedBy: string | null; triagedAt: string | null;
}

export function listFindings(kase: CaseFile, filter: FindingFilter): Finding[] {
  const rows = kase.db.prepare(`${SELECT}
    WHERE (@rule IS NULL OR f.rule = @rule) AND (@severity IS NULL OR f.severity = @severity)
      AND (@subject IS NULL OR f.subject = @subject) AND (@status IS NULL OR coalesce(t.status, 'open') = @status)
    ORDER BY f.score DESC, f.rule, f.subject, f.id LIMIT @limit`).all({
    rule: filter.rule ?? null, severity: filter.severity ?? null, subject: filter.subject ?? null, status: filter.status ?? null,
    limit: filter.limit ?? 1_000_000,
  }) as Row[];
  return named(kase, rows.map(toFinding));
}

export function getFinding(kase: CaseFile, id: string): Finding {
  const row = kase.db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as Row | undefined;
  if (!row) throw new ApiError('not-found', `no finding ${id} (run \`blastmap findings\` first?)`);
  return named(kase, [toFinding(row)])[0];
}

/** Every finding the API returns carries its subject's display name. */
function named<T extends { subject: string; subjectName?: string }>(kase: CaseFile, findings: T[]): T[] {
  const names = displayNames(kase, findings.map((f) => f.subject));
  for (const f of findings) f.subjectName = names.get(f.subject) ?? f.subject;
  return findings;
}

export function triageFinding(kase: CaseFile, id: string, status: TriageStatus, note: string | null, actor = currentActor()): TriageResult {
  const finding = getFinding(kase, id);
  const at = new Date().toISOString();
  kase.db.transaction(() => {
    kase.db.prepare(`INSERT INTO triage (finding_id, status, note, actor, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (finding_id) DO UPDATE SET status = excluded.status, note = excluded.note, actor = excluded.actor, at = excluded.at`)
      .run(id, status, note, actor, at);
    appendAudit(kase.db, 'finding.triage', { id, rule: finding.rule, subject: finding.subject, from: finding.status, to: status, note }, actor);
  })();
  return { id, status, note, actor, at };
}

function toFinding(r: Row): Finding {
  const stored = parseJson(r.evidence) as { items?: Evidence[]; severityBecause?: string; window?: FindingWindow | null } | Evidence[] | null;
  const box = Array.isArray(stored) ? { items: stored } : stored ?? {};
  return {
    id: r.id, rule: r.rule, severity: r.severity, subject: r.subject, title: r.title, score: r.score ?? 0, status: r.status,
    asOf: r.asOf ?? '', why: r.why ?? '', severityBecause: box.severityBecause ?? '', frameworks: (parseJson(r.frameworks) as string[] | null) ?? [],
    evidence: box.items ?? [], window: box.window ?? null, note: r.note, triagedBy: r.triagedBy, triagedAt: r.triagedAt,
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
