import type { Period } from "../db/sql";

/**
 * The rollup keeps every measure per hour ("h"), UTC day ("d") and week ("w", from Monday 00:00
 * UTC). A chart drawn per bucket reads rows of its bucket size; a chart that sums over its whole
 * window (totals, top lists, percentiles) reads the fewest rows that cover the window exactly:
 * whole weeks inside it, whole days at its edges, and hours at the outermost edges of an hourly
 * window. A 90-day window thus reads about 12 weekly and 12 daily rows per key instead of 90.
 */
export interface Span {
  period: Period;
  from: Date;
  to: Date;
}

const HOUR = 3_600_000;
const UNIT: Record<Period, number> = { h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR };
/** 1970-01-01 was a Thursday, so weeks start 4 days after the epoch. */
const ORIGIN: Record<Period, number> = { h: 0, d: 0, w: 4 * 24 * HOUR };
const COARSEST_FIRST: Period[] = ["w", "d", "h"];

export const alignDown = (t: number, p: Period) => Math.floor((t - ORIGIN[p]) / UNIT[p]) * UNIT[p] + ORIGIN[p];
export const alignUp = (t: number, p: Period) => Math.ceil((t - ORIGIN[p]) / UNIT[p]) * UNIT[p] + ORIGIN[p];

/**
 * Spans of whole rollup buckets that together hold exactly the window [from, to), whose ends are
 * aligned to `finest` (as resolveRange aligns them), in time order.
 */
export function cover(from: Date, to: Date, finest: Period): Span[] {
  const tiers = COARSEST_FIRST.slice(0, COARSEST_FIRST.indexOf(finest) + 1);
  const spans: Span[] = [];
  const split = (a: number, b: number, level: number): void => {
    if (a >= b) return;
    const period = tiers[level]!;
    const start = alignUp(a, period);
    const end = alignDown(b, period);
    if (level === tiers.length - 1) {
      spans.push({ period, from: new Date(a), to: new Date(b) });
    } else if (start >= end) {
      split(a, b, level + 1);
    } else {
      split(a, start, level + 1);
      spans.push({ period, from: new Date(start), to: new Date(end) });
      split(end, b, level + 1);
    }
  };
  split(from.getTime(), to.getTime(), 0);
  return spans;
}
