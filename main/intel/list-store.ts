// Analyst-imported intel lists in the case: import (one transaction, audited, same bytes = no-op),
// listing with staleness, and loading entries back for lookups.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/contract.ts';
import type { IntelImportResult, IntelList } from '../../shared/api/intel.ts';
import type { NetworkClass } from '../../shared/model.ts';
import { appendAudit, type CaseFile } from '../store/case-file.ts';
import {
  insertIntelList,
  intelListIdBySha256,
  intelListRows,
  newestEventTime as newestEventTs,
  storedLists,
  type StoredList,
} from '../store/intel-lists.ts';
import { classOf, parseList } from './lists/parse-list.ts';

/** Lists bigger than this are refused rather than read into memory. */
const MAX_LIST_BYTES = 256 * 2 ** 20;
const DAY = 86_400_000;
/** A list may lag the newest event by this much before it is called stale. */
export const STALE_AFTER_DAYS = 7;

export interface ImportListRequest {
  path: string;
  name?: string;
  class?: NetworkClass;
  asOf?: string;
}

export function importList(kase: CaseFile, request: ImportListRequest): IntelImportResult {
  if (kase.readOnly) throw new ApiError('read-only', 'the case is open read-only (evidence mode); no changes can be made');
  const file = path.resolve(request.path);
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new ApiError('bad-input', `not a file: ${request.path}`);
    if (stat.size > MAX_LIST_BYTES)
      throw new ApiError('bad-input', `${request.path} is larger than ${MAX_LIST_BYTES / 2 ** 20} MB; not an intel list`);
    bytes = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('bad-input', `cannot read ${request.path}: ${(err as Error).message}`);
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const db = kase.db;
  const existing = intelListIdBySha256(db, sha256);
  if (existing !== undefined) {
    return { ...listLists(kase).find((l) => l.id === existing)!, skipped: true, warnings: ['already imported (same sha256); nothing changed'] };
  }
  const fileName = path.basename(file);
  const name = request.name ?? fileName;
  const parsed = parseList(bytes.toString('utf8'));
  if (parsed.entries.length === 0)
    throw new ApiError('bad-input', `${fileName}: no addresses, ranges or ASNs found (${parsed.rejected} unusable lines)`);
  const cls = classOf(parsed, request.class, name);
  const warnings: string[] = [];
  let asOf = parsed.asOf;
  if (request.asOf) asOf = new Date(request.asOf).toISOString();
  if (!asOf) {
    asOf = fs.statSync(file).mtime.toISOString();
    warnings.push(`${fileName} does not say when it was published; using the file's modification time ${asOf} (give --as-of to correct it)`);
  }
  if (parsed.rejected)
    warnings.push(`${parsed.rejected} lines were not addresses, ranges or ASNs (e.g. ${JSON.stringify(parsed.rejectSamples[0] ?? '')})`);

  const id = db.transaction(() => {
    const listId = insertIntelList(
      db,
      {
        name,
        format: parsed.format,
        class: cls,
        asOf,
        sha256,
        fileName,
        importedAt: new Date().toISOString(),
        entries: parsed.entries.length,
        rejected: parsed.rejected,
      },
      entryRows(parsed.entries),
    );
    appendAudit(db, 'intel.import', {
      file,
      sha256,
      name,
      format: parsed.format,
      class: cls,
      asOf,
      entries: parsed.entries.length,
      rejected: parsed.rejected,
    });
    return listId;
  })();
  kase.generation++;
  const list = listLists(kase).find((l) => l.id === id)!;
  if (list.stale) warnings.push(list.stale);
  return { ...list, skipped: false, warnings };
}

export function listLists(kase: CaseFile): IntelList[] {
  const rows = intelListRows(kase.db);
  const newest = newestEventTime(kase);
  return rows.map((r) => ({ ...r, stale: staleness(r.name, r.asOf, newest) }));
}

/** A warning when the list predates the newest auth event by more than the allowance, else null. */
export function staleness(name: string, asOf: string | null, newestEvent: number | null): string | null {
  if (!asOf || newestEvent === null) return null;
  const lag = (newestEvent - Date.parse(asOf)) / DAY;
  if (lag <= STALE_AFTER_DAYS) return null;
  return `list "${name}" is from ${asOf.slice(0, 10)}, ${Math.round(lag)} days older than the newest events (${new Date(newestEvent).toISOString().slice(0, 10)}): addresses may have changed hands since`;
}

export function newestEventTime(kase: CaseFile): number | null {
  return newestEventTs(kase.db);
}

export type { StoredList };

export function loadLists(kase: CaseFile): StoredList[] {
  return storedLists(kase.db);
}

/** The rows of a parsed list's entries, labels cut to a readable length; made one at a time (lists run to millions). */
function* entryRows(entries: ReturnType<typeof parseList>['entries']) {
  for (const e of entries) yield { cidr: e.cidr ?? null, asn: e.asn ?? null, label: e.label?.slice(0, 200) ?? null, seenAt: e.seenAt ?? null };
}
