import { describe, expect, it } from "vitest";
import type { Period } from "../db/sql";
import { cover } from "./grains";

const span = (period: Period, from: string, to: string) => ({ period, from: new Date(from), to: new Date(to) });

describe("cover", () => {
  it("keeps a window shorter than a whole day in hours", () => {
    expect(cover(new Date("2026-03-10T18:00:00Z"), new Date("2026-03-11T18:00:00Z"), "h")).toEqual([
      span("h", "2026-03-10T18:00:00Z", "2026-03-11T18:00:00Z"),
    ]);
  });

  it("reads the whole days of an hourly window as days and only its edges as hours", () => {
    // Thursday 18:00 to Thursday 18:00: six whole days, no whole week (weeks start on Monday).
    expect(cover(new Date("2026-03-05T18:00:00Z"), new Date("2026-03-12T18:00:00Z"), "h")).toEqual([
      span("h", "2026-03-05T18:00:00Z", "2026-03-06T00:00:00Z"),
      span("d", "2026-03-06T00:00:00Z", "2026-03-12T00:00:00Z"),
      span("h", "2026-03-12T00:00:00Z", "2026-03-12T18:00:00Z"),
    ]);
  });

  it("reads whole Monday-to-Monday weeks of a daily window as weeks", () => {
    expect(cover(new Date("2026-03-05T00:00:00Z"), new Date("2026-04-03T00:00:00Z"), "d")).toEqual([
      span("d", "2026-03-05T00:00:00Z", "2026-03-09T00:00:00Z"),
      span("w", "2026-03-09T00:00:00Z", "2026-03-30T00:00:00Z"),
      span("d", "2026-03-30T00:00:00Z", "2026-04-03T00:00:00Z"),
    ]);
    expect(cover(new Date("2026-03-09T00:00:00Z"), new Date("2026-03-16T00:00:00Z"), "h")).toEqual([
      span("w", "2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z"),
    ]);
  });

  it("tiles any aligned window exactly with aligned spans, in order", () => {
    const HOUR = 3_600_000;
    for (let i = 0; i < 200; i++) {
      const finest = i % 2 === 0 ? "h" : "d";
      const unit = finest === "h" ? HOUR : 24 * HOUR;
      const from = Date.UTC(2026, 0, 1) + ((i * 7919) % 5000) * unit;
      const to = from + (1 + ((i * 104_729) % 400)) * unit;
      const spans = cover(new Date(from), new Date(to), finest);
      let at = from;
      for (const s of spans) {
        expect(s.from.getTime()).toBe(at);
        expect(s.to.getTime()).toBeGreaterThan(at);
        if (s.period !== "h") expect(s.from.getUTCHours()).toBe(0);
        if (s.period === "w") expect([s.from.getUTCDay(), s.to.getUTCDay()]).toEqual([1, 1]);
        at = s.to.getTime();
      }
      expect(at).toBe(to);
    }
  });
});
