// Measurement helpers for benchmarks: medians and peak RSS sampled while a task runs.

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs fn while sampling this process's RSS every 20 ms; returns its result, wall time and peak RSS (MB). */
export async function measure<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const start = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, ms, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
