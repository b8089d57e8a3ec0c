// The analysis time and the windows behavioural rules use. The detection window is the whole case up to as-of
// (every event is judged: a responder loads the incident period and expects all of it examined); a positive
// `windows.detectionDays` narrows it to the last N days. "New" is judged per event against that identity's own
// trailing baseline (`baselineDays` before the event, once it has `minHistoryDays` of history).
import { ApiError } from '../../shared/api/contract.ts';
import { asOf as caseAsOf } from '../store/case-summary.ts';
import type { CaseFile } from '../store/case-file.ts';
import { DAY_MS, type Thresholds } from './types.ts';

export const WINDOW_DEFAULTS: Thresholds = { detectionDays: 0, baselineDays: 30, minHistoryDays: 7 };

/** `--as-of` when given, else the case's as-of time, else now (an empty case). */
export function resolveAsOf(kase: CaseFile, override?: string): { ms: number; basis: string } {
  if (override) {
    const t = Date.parse(override);
    if (Number.isNaN(t)) throw new ApiError('bad-request', `invalid --as-of date: ${override}`);
    // A bare date means the end of that day: everything that happened on it counts.
    return { ms: /^\d{4}-\d{2}-\d{2}$/.test(override.trim()) ? t + DAY_MS - 1 : t, basis: 'given' };
  }
  const fromCase = caseAsOf(kase);
  if (fromCase) return { ms: Date.parse(fromCase), basis: 'case' };
  return { ms: Date.now(), basis: 'now (the case has no dated data)' };
}

/** `spanFrom`: the case's first event, where the whole-case detection window starts. */
export function windowsFor(asOf: number, t: Thresholds, spanFrom?: number | null): DetectionWindow {
  const from = t.detectionDays > 0 ? asOf - t.detectionDays * DAY_MS : Math.min(spanFrom ?? asOf, asOf);
  return {
    from,
    to: asOf,
    baselineFrom: from - t.baselineDays * DAY_MS,
    baselineTo: from,
    baselineDays: t.baselineDays,
    minHistoryDays: t.minHistoryDays,
  };
}

export interface DetectionWindow {
  from: number;
  to: number;
  /** The stretch before the detection window (what a trailing baseline can look back to at its start). */
  baselineFrom: number;
  baselineTo: number;
  /** Trailing baseline per event, and the history an identity needs before "new" means anything. */
  baselineDays: number;
  minHistoryDays: number;
}
