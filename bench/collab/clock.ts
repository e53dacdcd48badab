/**
 * The one clock of the benchmark: wall-clock milliseconds with sub-millisecond resolution,
 * `performance.timeOrigin + performance.now()`. Every process (orchestrator, client workers) uses
 * it, so a timestamp taken in one process can be compared with one taken in another on the same
 * machine. Deliberately not `process.hrtime` (not meaningful across processes by contract) and
 * not `Date.now()` (whole milliseconds only).
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Resolves at an absolute time on the benchmark clock. */
export function sleepUntil(atMs: number): Promise<void> {
  return sleep(atMs - nowMs());
}
