import { describe, expect, it } from "vitest";
import { ONCE_MAX, REPEATED_MAX } from "./postgres-lexical";

/** ts_rank of a one-lexeme query (PostgreSQL's calc_rank_or) for the weights of its positions, in order. */
function tsRank(weights: readonly number[]): number {
  let sum = 0;
  let best = -1;
  let bestAt = 0;
  weights.forEach((w, j) => {
    sum += w / ((j + 1) * (j + 1));
    if (w > best) {
      best = w;
      bestAt = j;
    }
  });
  return (best + sum - best / ((bestAt + 1) * (bestAt + 1))) / 1.64493406685;
}

describe("ts_rank bounds", () => {
  it("hold for every order of body (1.0) and heading (0.5) positions", () => {
    expect(tsRank([1])).toBeLessThanOrEqual(ONCE_MAX);
    expect(tsRank([0.5])).toBeLessThanOrEqual(ONCE_MAX);
    let highest = 0;
    for (let n = 2; n <= 12; n++) {
      for (let mask = 0; mask < 1 << n; mask++) highest = Math.max(highest, tsRank(Array.from({ length: n }, (_, j) => ((mask >> j) & 1 ? 1 : 0.5))));
    }
    // The highest orders put a few heading positions first; a vector keeps at most 256 positions.
    for (let n = 2; n <= 256; n++) {
      for (let first = 0; first < n; first++) highest = Math.max(highest, tsRank(Array.from({ length: n }, (_, j) => (j < first ? 0.5 : 1))));
    }
    expect(highest).toBeGreaterThan(1.15);
    expect(highest).toBeLessThan(REPEATED_MAX);
  });
});
