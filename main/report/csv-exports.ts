// CSV exports of findings, inventory and attack paths, with spreadsheet formula injection neutralised.
import type { AttackPath } from '../../shared/api/graph.ts';
import type { Finding } from '../../shared/api/findings.ts';
import { toCsv } from '../../shared/csv-escape.ts';
import { PRIVILEGES } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';

export const CSV_EXPORTS = ['findings', 'identities', 'credentials', 'systems', 'entitlements', 'paths'] as const;
export type CsvExport = (typeof CSV_EXPORTS)[number];

export function findingsCsv(findings: Finding[]): string {
  return toCsv(['id', 'rule', 'severity', 'subject', 'title', 'frameworks', 'status', 'note', 'why', 'as_of'],
    findings.map((f) => ({
      id: f.id, rule: f.rule, severity: f.severity, subject: f.subject, title: f.title, frameworks: f.frameworks.join(';'),
      status: f.status, note: f.note, why: f.why, as_of: f.asOf,
    })));
}

export function inventoryCsv(kase: CaseFile, what: 'identities' | 'credentials' | 'systems' | 'entitlements'): string {
  const db = kase.db;
  if (what === 'entitlements') {
    const rows = db.prepare(`SELECT s.key AS principal, e.kind AS relation, d.key AS target, e.privilege, e.granted_at, e.last_used_at,
        u.count AS exercised, so.file_name AS source_file, e.locator
      FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      LEFT JOIN usage u ON u.src = e.src AND u.dst = e.dst LEFT JOIN source so ON so.id = e.source_id
      WHERE e.kind NOT IN ('has_credential', 'authenticates') ORDER BY s.key, d.key`).all() as Record<string, string | number | null>[];
    return toCsv(['principal', 'relation', 'target', 'privilege', 'granted_at', 'last_used_at', 'exercised', 'source_file', 'locator'],
      rows.map((r) => ({ ...r, privilege: typeof r.privilege === 'number' && r.privilege > 0 ? PRIVILEGES[r.privilege - 1] : '' })));
  }
  const kinds = what === 'identities' ? ['identity', 'group', 'role'] : what === 'credentials' ? ['credential'] : ['system'];
  const rows = db.prepare(`SELECT key AS id, name, kind, subkind, owner, environment, status, criticality, provider, created_at, last_used_at, unresolved
    FROM node WHERE kind IN (${kinds.map(() => '?').join(',')}) ORDER BY key`).all(...kinds) as Record<string, string | number | null>[];
  return toCsv(['id', 'name', 'kind', 'subkind', 'owner', 'environment', 'status', 'criticality', 'provider', 'created_at', 'last_used_at', 'unresolved'], rows);
}

export function pathsCsv(paths: AttackPath[]): string {
  const rows = paths.flatMap((p, i) => p.hops.map((h, j) => ({
    path: i + 1, cost: p.cost, hop: j + 1, from: h.from, edge: h.edge, to: h.to,
    evidence: h.evidence.map((e) => (e.type === 'grant' ? `grant ${e.file ?? '?'} ${e.locator ?? ''}` : `event ${e.time ?? ''} ${e.sourceIp ?? ''} ${e.action ?? ''}`).trim()).join(' | '),
  })));
  return toCsv(['path', 'cost', 'hop', 'from', 'edge', 'to', 'evidence'], rows);
}
