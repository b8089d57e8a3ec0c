// Evidence handling: re-hashes every imported file and compares it with the sha256 recorded at import.
// It always reads the file on disk, since that file is the evidence. It only reads; the result is also written
// to the audit trail when the case is writable.
import fs from 'node:fs';
import type { SourceVerification } from '../../shared/api/case.ts';
import { sha256OfFile } from './file-hash.ts';
import { appendAudit, type CaseFile } from './case-file.ts';

export async function verifySources(kase: CaseFile): Promise<SourceVerification[]> {
  const sources = kase.db.prepare(`SELECT id, file_name AS file, path, sha256 FROM source WHERE status = 'complete' ORDER BY id`).all() as {
    id: number;
    file: string;
    path: string;
    sha256: string;
  }[];
  const out: SourceVerification[] = [];
  for (const s of sources) {
    if (!fs.existsSync(s.path)) {
      out.push({ id: s.id, file: s.file, path: s.path, recorded: s.sha256, status: 'missing', actual: null });
      continue;
    }
    const actual = await sha256OfFile(s.path);
    out.push({ id: s.id, file: s.file, path: s.path, recorded: s.sha256, status: actual === s.sha256 ? 'match' : 'changed', actual });
  }
  if (!kase.readOnly) {
    appendAudit(kase.db, 'sources.verify', {
      match: out.filter((v) => v.status === 'match').length,
      changed: out.filter((v) => v.status === 'changed').map((v) => v.id),
      missing: out.filter((v) => v.status === 'missing').map((v) => v.id),
    });
  }
  return out;
}
