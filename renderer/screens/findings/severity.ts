// Severity order for sorting and grouping (most severe first).
import { SEVERITIES, type Severity } from '../../../shared/model.ts';

export const SEVERITY_RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i + 1])) as Record<Severity, number>;
export const SEVERITIES_DESC = [...SEVERITIES].reverse();
