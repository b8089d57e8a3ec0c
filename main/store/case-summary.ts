// Read-only summaries of the case: counts, identities, sources, rejects, audit, as-of time.
import { parseProps } from './props.ts';
import type { AuditRow, CaseInfo, IdentityRow, RejectRow, SourceRow } from '../../shared/api/case.ts';
import type { CaseFile } from './case-file.ts';

export function caseInfo(kase: CaseFile): CaseInfo {
  const db = kase.db;
  const countBy = (sql: string) => Object.fromEntries((db.prepare(sql).raw().all() as [string, number][]).map(([k, n]) => [k ?? 'unknown', n]));
  return {
    path: kase.path,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    readOnly: kase.readOnly,
    asOf: asOf(kase),
    nodes: countBy('SELECT kind, count(*) FROM node GROUP BY kind ORDER BY kind'),
    identities: countBy(`SELECT subkind, count(*) FROM node WHERE kind = 'identity' GROUP BY subkind ORDER BY subkind`),
    edges: countBy('SELECT kind, count(*) FROM edge GROUP BY kind ORDER BY kind'),
    authEvents: db.prepare('SELECT count(*) FROM auth_event').pluck().get() as number,
    sources: db.prepare(`SELECT count(*) FROM source WHERE status = 'complete'`).pluck().get() as number,
    rejects: db.prepare('SELECT count(*) FROM reject').pluck().get() as number,
    unresolved: db.prepare('SELECT count(*) FROM node WHERE unresolved = 1').pluck().get() as number,
  };
}

/** The analyst's override if set, else the latest timestamp in the imported data. */
export function asOf(kase: CaseFile): string | null {
  const rows = kase.db.prepare(`SELECT key, value FROM meta WHERE key IN ('as_of', 'data_max_time')`).all() as { key: string; value: string }[];
  const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  if (meta.as_of) return meta.as_of;
  if (meta.data_max_time) return new Date(Number(meta.data_max_time)).toISOString();
  return null;
}

export function listIdentities(kase: CaseFile, limit = 5_000_000): IdentityRow[] {
  const rows = kase.db
    .prepare(
      `SELECT key AS id, name, CASE WHEN kind = 'identity' THEN subkind ELSE kind END AS kind,
      owner, environment, status, kind_because FROM node WHERE kind IN ('identity', 'group', 'role') ORDER BY key LIMIT ?`,
    )
    .all(limit) as (Omit<IdentityRow, 'kindSource' | 'kindBecause' | 'kindSignals' | 'sourceKind'> & { kind_because: string | null })[];
  return rows.map(({ kind_because, ...r }) => ({ ...r, ...kindExplanation(kind_because) }));
}

/** node.kind_because (written by the classifier, main/kinds/classify.ts) as the identity row's fields. */
export function kindExplanation(text: string | null): Pick<IdentityRow, 'kindSource' | 'kindBecause' | 'kindSignals' | 'sourceKind'> {
  const p = parseProps(text);
  const source = p.source;
  return {
    kindSource: source === 'analyst' || source === 'inventory' || source === 'source' || source === 'classifier' || source === 'link' ? source : null,
    kindBecause: typeof p.because === 'string' ? p.because : null,
    kindSignals: Array.isArray(p.signals) ? p.signals.filter((x): x is string => typeof x === 'string') : [],
    sourceKind: typeof p.sourceKind === 'string' ? p.sourceKind : null,
  };
}

export function listSources(kase: CaseFile): SourceRow[] {
  const rows = kase.db
    .prepare(
      `SELECT id, file_name AS file, sha256, format, imported_at AS importedAt, rows, loaded, rejected, status,
    json_extract(options, '$.mapping') AS mapping
    FROM source ORDER BY id`,
    )
    .all() as (Omit<SourceRow, 'mapping'> & { mapping: string | null })[];
  // The column mapping is provenance: which of the file's headers were read as which canonical column.
  return rows.map(({ mapping, ...r }) => (mapping ? { ...r, mapping: JSON.parse(mapping) as Record<string, string> } : r));
}

export function listRejects(kase: CaseFile, sourceId: number, limit = 1000, offset = 0): RejectRow[] {
  return kase.db
    .prepare('SELECT locator, reason, excerpt FROM reject WHERE source_id = ? ORDER BY id LIMIT ? OFFSET ?')
    .all(sourceId, limit, offset) as RejectRow[];
}

export function listAudit(kase: CaseFile, limit = 1000): AuditRow[] {
  return (
    kase.db.prepare('SELECT id, at, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?').all(limit) as (Omit<AuditRow, 'detail'> & {
      detail: string;
    })[]
  ).map((r) => ({ ...r, detail: r.detail ? JSON.parse(r.detail) : null }));
}
