// Measurement helpers for benchmarks: medians and peak RSS while a task runs.
import fs from 'node:fs';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs fn and reports its wall time and peak RSS (MB). On Linux the peak is the kernel's high-water mark, reset
 * before fn starts (a sampling timer never fires during synchronous work, such as a findings run); elsewhere
 * RSS is sampled every 20 ms.
 */
export async function measure<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number; peakMb: number }> {
  const exact = resetPeakRss();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const start = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage.rss(), exact ? peakRss() : 0);
    return { result, ms, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** Resets the process's RSS high-water mark (Linux: writing 5 to /proc/self/clear_refs); false where unsupported. */
function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return peakRss() > 0;
  } catch {
    return false;
  }
}

/** VmHWM in bytes, or 0 when unknown. */
function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
