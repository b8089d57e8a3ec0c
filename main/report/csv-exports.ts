// CSV exports of findings, inventory and attack paths, with spreadsheet formula injection neutralised.
import type { AttackPath } from '../../shared/api/graph.ts';
import type { Finding } from '../../shared/api/findings.ts';
import { toCsv } from '../../shared/csv-escape.ts';
import { PRIVILEGES } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';
import { entitlementExportRows, nodeExportRows } from '../store/export-rows.ts';

export const CSV_EXPORTS = ['findings', 'identities', 'credentials', 'systems', 'entitlements', 'paths'] as const;

export function findingsCsv(findings: Finding[]): string {
  return toCsv(
    ['id', 'rule', 'severity', 'subject', 'title', 'frameworks', 'status', 'note', 'why', 'as_of'],
    findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      subject: f.subject,
      title: f.title,
      frameworks: f.frameworks.join(';'),
      status: f.status,
      note: f.note,
      why: f.why,
      as_of: f.asOf,
    })),
  );
}

export function inventoryCsv(kase: CaseFile, what: 'identities' | 'credentials' | 'systems' | 'entitlements'): string {
  const db = kase.db;
  if (what === 'entitlements') {
    const rows = entitlementExportRows(db);
    return toCsv(
      ['principal', 'relation', 'target', 'privilege', 'granted_at', 'last_used_at', 'exercised', 'source_file', 'locator'],
      rows.map((r) => ({ ...r, privilege: typeof r.privilege === 'number' && r.privilege > 0 ? PRIVILEGES[r.privilege - 1] : '' })),
    );
  }
  const kinds = what === 'identities' ? ['identity', 'group', 'role'] : what === 'credentials' ? ['credential'] : ['system'];
  const rows = nodeExportRows(db, kinds);
  return toCsv(
    ['id', 'name', 'kind', 'subkind', 'owner', 'environment', 'status', 'criticality', 'provider', 'created_at', 'last_used_at', 'unresolved'],
    rows,
  );
}

export function pathsCsv(paths: AttackPath[]): string {
  const rows = paths.flatMap((p, i) =>
    p.hops.map((h, j) => ({
      path: i + 1,
      cost: p.cost,
      hop: j + 1,
      from: h.from,
      edge: h.edge,
      to: h.to,
      evidence: h.evidence
        .map((e) =>
          (e.type === 'grant' ? `grant ${e.file ?? '?'} ${e.locator ?? ''}` : `event ${e.time ?? ''} ${e.sourceIp ?? ''} ${e.action ?? ''}`).trim(),
        )
        .join(' | '),
    })),
  );
  return toCsv(['path', 'cost', 'hop', 'from', 'edge', 'to', 'evidence'], rows);
}
