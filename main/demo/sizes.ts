// Size presets of the synthetic enterprise. demo is what `npm start` and `blastmap demo` build (seconds);
// S, M and L are for benchmarks and are generated on demand into a temp folder, never committed.

export const SIZE_NAMES = ['demo', 'S', 'M', 'L'] as const;
export type SizeName = (typeof SIZE_NAMES)[number];

export interface SizePreset {
  /** Humans plus non-human identities (groups and roles come on top). */
  identities: number;
  /** Baseline auth events over the whole window, across all log files. */
  events: number;
  /** Days of activity before the as-of time. */
  days: number;
}

export const SIZES: Record<SizeName, SizePreset> = {
  demo: { identities: 2_000, events: 200_000, days: 30 },
  S: { identities: 10_000, events: 1_000_000, days: 30 },
  M: { identities: 100_000, events: 10_000_000, days: 30 },
  L: { identities: 1_000_000, events: 10_000_000, days: 30 },
};

export function isSizeName(value: string): value is SizeName {
  return (SIZE_NAMES as readonly string[]).includes(value);
}

/**
 * The as-of time of every generated enterprise: fixed so files are reproducible byte for byte.
 * Activity ends just before it; ages (key created, last rotated) are measured back from it.
 */
export const DEMO_AS_OF = Date.UTC(2026, 10, 20, 0, 0, 0);
export const DAY_MS = 86_400_000;
