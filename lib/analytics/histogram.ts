import type { Dialect } from "../db/sql";

/**
 * Latency percentiles come from a mergeable log-spaced histogram kept in the rollup
 * (UsageLatencyBin), not from raw events, because:
 * - raw events are pruned after ANALYTICS_RETENTION_DAYS, yet the dashboard must answer ranges of
 *   any length, and exact percentiles cannot be merged from hourly summaries;
 * - sorting hundreds of thousands of raw samples per request is far over the 100 ms budget
 *   (bench/analytics measures it), while summing a few thousand bin counts is not.
 * Bin i holds values in (GROWTH^(i-1), GROWTH^i] ms (bin 0 holds values ≤ 1 ms) and reports the
 * geometric middle of its bounds, so a reported percentile is within ±2.5 % of the exact
 * nearest-rank percentile (percentile_disc) of the same samples: |sqrt(1.05) - 1| < 0.025.
 * The exact percentile is still computed in SQL from raw events (lib/analytics/queries/exact-latency.ts) as
 * the benchmark's anchor and the tests' ground truth.
 */
const GROWTH = 1.05;
export const MAX_RELATIVE_ERROR = 0.025;

function binValue(bin: number): number {
  return bin === 0 ? 1 : Math.pow(GROWTH, bin - 0.5);
}

/** The bin of a value in ms (see above), computed in SQL. */
export function binSql(dialect: Dialect, expr: string): string {
  return `(CASE WHEN ${expr} <= 1 THEN 0 ELSE CAST(ceil(${dialect.ln(expr)} / ${Math.log(GROWTH)} - 1e-9) AS INTEGER) END)`;
}

/** Nearest-rank percentile (the smallest value with at least p of the samples at or below it). */
export function percentileFromBins(bins: { bin: number; count: number }[], p: number): number | null {
  const sorted = [...bins].sort((a, b) => a.bin - b.bin);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (seen >= rank) return binValue(b.bin);
  }
  return binValue(sorted[sorted.length - 1]!.bin);
}
