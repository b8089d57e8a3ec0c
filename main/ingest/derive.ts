// The derive stage on demand (`blastmap derive`, API `case.derive`): re-runs, over the whole case, the steps that
// own conclusions kept beside the facts, so a case imported by an older version, or whose files arrived in an
// unusual order, reads as if imported now. The same steps run after every import (the finishers of run-import.ts
// and the classifier); this is them without an import. Facts (nodes, events, documents, usage) are not touched.
// Steps, in order (each owns what it deletes and recomputes):
//   1. AWS policy evaluation of every stored account with its SCPs, then resource policies (policy-reevaluation.ts);
//   2. identity kinds over every signal (kinds/classify.ts), the analyst's choices kept.
// Display names are computed when read (store/display-name.ts) and need no step.
import type { CaseFile } from '../store/case-file.ts';
import { newestSourceOf } from '../store/sources-read.ts';
import { classifyIdentities } from '../kinds/classify.ts';
import { EVALUATED_BY, reevaluateAwsPolicies, type Reevaluation } from './aws/policy-reevaluation.ts';
import { CaseWriter } from './writer.ts';

export interface DeriveOutcome {
  aws: Reevaluation;
  kindsChanged: number;
  ms: number;
}

export function deriveCase(kase: CaseFile, options: { asOf?: number } = {}): DeriveOutcome {
  const started = Date.now();
  const db = kase.db;
  const run = db.transaction((): Omit<DeriveOutcome, 'ms'> => {
    // Re-derived edges name the newest policy file as their source: the evaluation is a conclusion from it.
    const policySource = newestSourceOf(db, EVALUATED_BY);
    let aws: Reevaluation = { accounts: 0, edgesBefore: 0, edgesAfter: 0, warnings: [] };
    if (policySource !== null) {
      const writer = new CaseWriter(db, policySource);
      try {
        aws = reevaluateAwsPolicies(writer, options);
        writer.flush();
      } finally {
        writer.end();
      }
    }
    const kindsChanged = classifyIdentities(db).changed;
    return { aws, kindsChanged };
  });
  const outcome = run.immediate();
  return { ...outcome, ms: Date.now() - started };
}
