/** Every bucket start of a range (so gaps show as zero, not as a missing bar), and its UTC label. */
export function bucketStarts(range: { from: string; to: string; period: "h" | "d" }): string[] {
  const step = range.period === "h" ? 3_600_000 : 86_400_000;
  const out: string[] = [];
  for (let t = Date.parse(range.from); t < Date.parse(range.to) && out.length < 5000; t += step) out.push(new Date(t).toISOString());
  return out;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function bucketLabel(iso: string, period: "h" | "d"): string {
  const d = new Date(iso);
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  return period === "h" ? `${day} ${String(d.getUTCHours()).padStart(2, "0")}:00` : day;
}

export function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatUsd(n: number): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: n > 0 && n < 0.01 ? 4 : 2, maximumFractionDigits: n > 0 && n < 0.01 ? 4 : 2 })}`;
}
