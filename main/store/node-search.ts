// Global search (Ctrl/Cmd+K): identities, groups, roles, credentials and systems by id, name or alias. Read-only.
import type { SearchHit } from '../../shared/api/inventory.ts';
import type { CaseFile } from './case-file.ts';
import { displayNames } from './display-name.ts';
import { escapeLike } from './like-pattern.ts';

const KINDS = `('identity', 'group', 'role', 'credential', 'system')`;

export function searchCase(kase: CaseFile, query: string, limit = 30): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  const params = { exact: q, prefix: `${escapeLike(q)}%`, contains: `%${escapeLike(q)}%`, limit };
  // Exact id first, then id prefix, then name prefix, then anything containing the text; shorter ids first.
  const direct = kase.db
    .prepare(
      `SELECT key AS id, kind, subkind, name,
      CASE WHEN key = @exact COLLATE NOCASE THEN 0 WHEN key LIKE @prefix ESCAPE '\\' THEN 1
           WHEN name LIKE @prefix ESCAPE '\\' THEN 2 ELSE 3 END AS rank,
      CASE WHEN key LIKE @contains ESCAPE '\\' THEN 'id' ELSE 'name' END AS matched
    FROM node WHERE kind IN ${KINDS} AND (key LIKE @contains ESCAPE '\\' OR name LIKE @contains ESCAPE '\\')
    ORDER BY rank, length(key), key LIMIT @limit`,
    )
    .all(params) as (SearchHit & { rank: number })[];
  const hits: Omit<SearchHit, 'displayName'>[] = direct.map(({ rank: _rank, ...hit }) => hit);
  if (hits.length < limit) {
    const seen = new Set(hits.map((h) => h.id));
    const aliases = kase.db
      .prepare(
        `SELECT n.key AS id, n.kind, n.subkind, n.name, a.alias FROM alias a JOIN node n ON n.id = a.node_id
      WHERE n.kind IN ${KINDS} AND a.alias LIKE @contains ESCAPE '\\' ORDER BY length(a.alias) LIMIT @limit`,
      )
      .all(params) as (Omit<SearchHit, 'matched' | 'displayName'> & { alias: string })[];
    for (const { alias, ...hit } of aliases) {
      if (seen.has(hit.id) || hits.length >= limit) continue;
      seen.add(hit.id);
      hits.push({ ...hit, matched: `alias ${alias}` });
    }
  }
  const names = displayNames(
    kase,
    hits.map((h) => h.id),
  );
  return hits.map((h) => ({ ...h, displayName: names.get(h.id) ?? h.id }));
}
