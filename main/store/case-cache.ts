// What analysis code needs from the engine's session: the open case and a per-case-generation cache.
// Declared here, below every analysis layer, so graph/ and inventory/ can cache without importing api/
// (api/session.ts's Session satisfies it structurally; nothing else changes).
import type { CaseFile } from './case-file.ts';

export interface CaseCache {
  requireCase(): CaseFile;
  /** A value computed from the case, recomputed only after the case changed (CaseFile.generation). */
  cached<T>(name: string, compute: (kase: CaseFile) => T): T;
}
