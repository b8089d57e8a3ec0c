// The analysis time and the two windows behavioural rules use: the detection window ends at as-of;
// the baseline window is the stretch before it. Both are explicit in every finding that uses them.
import { ApiError } from '../../shared/api/contract.ts';
import { asOf as caseAsOf } from '../store/case-summary.ts';
import type { CaseFile } from '../store/case-file.ts';
import { DAY_MS, type Thresholds } from './types.ts';

export const WINDOW_DEFAULTS: Thresholds = { detectionDays: 14, baselineDays: 60 };

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

export function windowsFor(asOf: number, t: Thresholds): { from: number; to: number; baselineFrom: number; baselineTo: number } {
  const from = asOf - t.detectionDays * DAY_MS;
  return { from, to: asOf, baselineFrom: from - t.baselineDays * DAY_MS, baselineTo: from };
}
