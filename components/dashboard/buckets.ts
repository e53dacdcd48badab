import type { Period } from "@/lib/db/sql";

const STEP: Record<Period, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Every bucket start of a range (so gaps show as zero, not as a missing bar), and its UTC label. */
export function bucketStarts(range: { from: string; to: string; period: Period }): string[] {
  const out: string[] = [];
  for (let t = Date.parse(range.from); t < Date.parse(range.to) && out.length < 5000; t += STEP[range.period]) out.push(new Date(t).toISOString());
  return out;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function bucketLabel(iso: string, period: Period): string {
  const d = new Date(iso);
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  return period === "h" ? `${day} ${String(d.getUTCHours()).padStart(2, "0")}:00` : day;
}

/** A chart's accessible name: what it shows and how it is bucketed, e.g. "Chat usage, 8 daily buckets (UTC)". */
export function chartName(what: string, count: number, period: Period | undefined): string {
  return `${what}, ${count} ${{ h: "hourly", d: "daily", w: "weekly" }[period ?? "h"]} ${count === 1 ? "bucket" : "buckets"} (UTC)`;
}

/** The x-axis title of a chart drawn per bucket. */
export function bucketAxisTitle(period: Period | undefined): string {
  return { h: "Hour (UTC)", d: "Day (UTC)", w: "Week from Monday (UTC)" }[period ?? "h"];
}

export function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatUsd(n: number): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: n > 0 && n < 0.01 ? 4 : 2, maximumFractionDigits: n > 0 && n < 0.01 ? 4 : 2 })}`;
}
