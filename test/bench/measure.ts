/** Timing helpers: medians of several runs; ratios are measured side by side in one run. */
import { PerformanceObserver } from 'node:perf_hooks';
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

/** Median wall time (ms) of `runs` runs of fn. */
export function timeMedian(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * Wall time of fn and the part of it the main thread spent paused for garbage collection
 * (Node's "gc" performance entries; they arrive asynchronously, hence the wait after the run).
 */
export async function timedWithGc(fn: () => void): Promise<{ ms: number; gcMs: number }> {
  const pauses: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const t0 = performance.now();
  fn();
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, 20));
  observer.disconnect();
  const gcMs = pauses.filter((p) => p.start >= t0 && p.start <= t1).reduce((sum, p) => sum + p.duration, 0);
  return { ms: t1 - t0, gcMs };
}
