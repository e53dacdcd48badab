import { describe, expect, it } from "vitest";
import { periodFor, resolveRange } from "./scope";

const DAY = 86_400_000;
const NOW = new Date("2026-03-11T14:25:00Z"); // a Wednesday

describe("periodFor", () => {
  it("uses hours up to two days, days up to about three months, weeks beyond", () => {
    expect(periodFor(DAY)).toBe("h");
    expect(periodFor(2 * DAY)).toBe("h");
    expect(periodFor(2 * DAY + 3_600_000)).toBe("d");
    expect(periodFor(7 * DAY)).toBe("d");
    expect(periodFor(90 * DAY)).toBe("d");
    expect(periodFor(92 * DAY)).toBe("d");
    expect(periodFor(93 * DAY)).toBe("w");
    expect(periodFor(3 * 365 * DAY)).toBe("w");
  });
});

describe("resolveRange", () => {
  const buckets = (r: { from: Date; to: Date }, unit: number) => (r.to.getTime() - r.from.getTime()) / unit;

  it("gives each preset a bucket size that fits it", () => {
    const day = resolveRange({ range: "24h" }, NOW);
    expect(day).toEqual({ from: new Date("2026-03-10T14:00:00Z"), to: new Date("2026-03-11T15:00:00Z"), period: "h" });
    expect(buckets(day, 3_600_000)).toBe(25);

    const week = resolveRange({ range: "7d" }, NOW);
    expect(week).toEqual({ from: new Date("2026-03-04T00:00:00Z"), to: new Date("2026-03-12T00:00:00Z"), period: "d" });
    expect(buckets(resolveRange({ range: "30d" }, NOW), DAY)).toBe(31);
    expect(resolveRange({ range: "90d" }, NOW).period).toBe("d");
  });

  it("widens a long custom range to whole weeks from Monday", () => {
    const r = resolveRange({ range: "custom", from: "2025-10-15T10:00:00Z", to: "2026-03-11T09:00:00Z" }, NOW);
    expect(r.period).toBe("w");
    expect(r.from).toEqual(new Date("2025-10-13T00:00:00Z"));
    expect(r.to).toEqual(new Date("2026-03-16T00:00:00Z"));
    expect([r.from.getUTCDay(), r.to.getUTCDay()]).toEqual([1, 1]);
    expect(buckets(r, 7 * DAY)).toBe(22);
  });

  it("keeps a short custom range hourly", () => {
    const r = resolveRange({ range: "custom", from: "2026-03-10T09:30:00Z", to: "2026-03-11T09:00:00Z" }, NOW);
    expect(r).toEqual({ from: new Date("2026-03-10T09:00:00Z"), to: new Date("2026-03-11T09:00:00Z"), period: "h" });
  });
});
