// The shape every benchmark module returns, so `npm run bench` can print one table and write docs/performance.md.

export interface BenchFigure {
  /** What was measured, e.g. "CSV auth_events import (1M rows)". */
  name: string;
  /** Median over repetitions (or the single value when repeated runs make no sense). */
  value: number;
  unit: string;
  /** The target from the issues, in words, e.g. "≥ 300k rows/s". */
  target?: string;
  /** Whether the figure meets the target (undefined when there is no target). */
  met?: boolean;
  /** Peak memory (RSS, MB) during the measurement, when known. */
  peakMb?: number;
  note?: string;
}

export interface BenchModule {
  /** Short title for the section in the report. */
  title: string;
  /** Which sizes this module runs at (bench/run.ts passes --size). */
  run(options: { size: string; repetitions: number }): Promise<BenchFigure[]>;
}
