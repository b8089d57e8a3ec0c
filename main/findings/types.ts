// What a detector is: a rule id, tunable thresholds with defaults, and a function from the case to
// finding drafts. The runner turns drafts into stored findings (ids, frameworks, why, triage).
import type { Evidence, FindingWindow } from '../../shared/api/findings.ts';
import type { RuleId } from '../../shared/catalogs/rules.ts';
import type { Severity } from '../../shared/model.ts';
import type { CaseData, EventRow } from './case-data.ts';
import type { BlastLookup } from './blast.ts';
import type { DetectionWindow } from './windows.ts';

export type Thresholds = Record<string, number>;

export interface DetectContext {
  data: CaseData;
  /** The analysis time (epoch ms): `--as-of`, else the latest timestamp in the data. */
  asOf: number;
  /** The detection window ends at asOf (by default it starts at the case's first event); see windows.ts. */
  window: DetectionWindow;
  /** Blast radius of identities (graph engine, issue 9); null when the graph cannot be built. */
  blast: BlastLookup | null;
}

export interface FindingDraft {
  subject: string;
  /** Tells apart several findings of one rule on one subject (e.g. the target system); part of the stable id. */
  key?: string;
  severity: Severity;
  /** One sentence: why this severity. */
  severityBecause: string;
  title: string;
  evidence: Evidence[];
  /** Set by behavioural rules (events in a window); null for inventory rules. */
  window?: FindingWindow | null;
  /** Optional nudge inside the severity band (-9..+9), e.g. by blast radius. */
  scoreAdjust?: number;
}

export interface Detector {
  rule: RuleId;
  /** Threshold names and defaults; every one can be overridden per run. */
  defaults: Thresholds;
  /** Why the rule could not run on this case (e.g. no auth events), or null. */
  cannotRun?(ctx: DetectContext): string | null;
  detect(ctx: DetectContext, t: Thresholds): FindingDraft[];
  /**
   * Behavioural rules whose main read is a pass over every event of a window: the runner feeds all of them
   * from one shared ordered pass (see shared-pass.ts) instead of each reading the case again. `detect` of
   * such a rule runs its watch alone.
   */
  watch?(ctx: DetectContext, t: Thresholds): EventWatch;
}

/** One rule's part of the shared pass over auth events. */
export interface EventWatch {
  /** The events it wants: from <= ts <= to (epoch ms), oldest first (ties by id). */
  from: number;
  to: number;
  /** Failures (0) or successes (1) only; absent = both. */
  outcome?: 0 | 1;
  /** Whether it reads event props. */
  props?: boolean;
  /** The watch does not depend on the order of events: fed alone, SQLite need not sort them. */
  inAnyOrder?: boolean;
  see(e: EventRow): void;
  /** After the pass: any narrow second reads the rule needs, then its drafts. */
  finish(): FindingDraft[];
}

export const DAY_MS = 86_400_000;
