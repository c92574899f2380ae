/** Latency figures shared by the benchmark's drivers. */

/** The p-th percentile (0–100) of `sorted` (ascending), by nearest rank; 0 when empty. */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Milliseconds to one decimal. */
const roundMs = (ms: number): number => Math.round(ms * 10) / 10;

/** p50, p99 and max of `waits` (ms, any order), to one decimal. */
export const latencySummary = (waits: readonly number[]): { p50Ms: number; p99Ms: number; maxMs: number } => {
  const sorted = [...waits].sort((a, b) => a - b);
  return { p50Ms: roundMs(percentile(sorted, 50)), p99Ms: roundMs(percentile(sorted, 99)), maxMs: roundMs(sorted.at(-1) ?? 0) };
};
