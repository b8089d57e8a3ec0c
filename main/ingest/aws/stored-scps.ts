// The service control policies the case holds for an account (imported by authorization-details-scps.ts), read back
// for evaluation. The OU tree is not known, so SCPs of every level are treated as one level: explicit Denies apply
// exactly; allow-list SCPs that differ between levels may be over-generous (never silently stricter).
import { parsePolicyDocument } from '../../aws-policy/document.ts';
import type { PolicyDoc } from '../../aws-policy/model.ts';
import { scpRows } from '../../store/aws-policies.ts';
import type { CaseWriter } from '../writer.ts';

/** The SCPs stored for an account, as one level of the organisation (see above). */
export function storedScps(w: CaseWriter, account: string): PolicyDoc[] {
  const rows = scpRows(w.db, account);
  const docs: PolicyDoc[] = [];
  for (const r of rows) {
    try {
      docs.push(parsePolicyDocument(r.document, `SCP ${r.name}`, r.name));
    } catch {
      // Stored documents were validated on import; a damaged one is skipped rather than guessed.
    }
  }
  return docs;
}
