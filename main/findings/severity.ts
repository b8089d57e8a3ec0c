// Severity arithmetic shared by detectors: ordered levels, raising and lowering by steps, and the score.
import { SEVERITIES, type Severity } from '../../shared/model.ts';

export function raise(s: Severity, steps = 1): Severity {
  const i = SEVERITIES.indexOf(s) + steps;
  return SEVERITIES[Math.max(0, Math.min(SEVERITIES.length - 1, i))];
}

const BASE: Record<Severity, number> = { info: 10, low: 30, medium: 50, high: 75, critical: 95 };

/** 0–100 for sorting: the severity band plus the detector's nudge inside it. */
export function scoreOf(s: Severity, adjust = 0): number {
  return Math.max(0, Math.min(100, BASE[s] + Math.max(-9, Math.min(9, adjust))));
}

/** Sorts most severe first. */
export function severityRank(s: string): number {
  return SEVERITIES.indexOf(s as Severity);
}
