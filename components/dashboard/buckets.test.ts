import { describe, expect, it } from "vitest";
import { bucketAxisTitle, bucketLabel, bucketStarts, chartName } from "./buckets";

describe("bucketStarts", () => {
  it("steps by the range's period", () => {
    expect(bucketStarts({ from: "2026-03-10T22:00:00.000Z", to: "2026-03-11T01:00:00.000Z", period: "h" })).toEqual([
      "2026-03-10T22:00:00.000Z",
      "2026-03-10T23:00:00.000Z",
      "2026-03-11T00:00:00.000Z",
    ]);
    expect(bucketStarts({ from: "2026-03-04T00:00:00.000Z", to: "2026-03-12T00:00:00.000Z", period: "d" })).toHaveLength(8);
    expect(bucketStarts({ from: "2026-02-23T00:00:00.000Z", to: "2026-03-16T00:00:00.000Z", period: "w" })).toEqual([
      "2026-02-23T00:00:00.000Z",
      "2026-03-02T00:00:00.000Z",
      "2026-03-09T00:00:00.000Z",
    ]);
  });
});

describe("bucketLabel, bucketAxisTitle and chartName", () => {
  it("name hours with their time and days and weeks by their first day", () => {
    expect(bucketLabel("2026-03-10T07:00:00.000Z", "h")).toBe("Mar 10 07:00");
    expect(bucketLabel("2026-03-10T00:00:00.000Z", "d")).toBe("Mar 10");
    expect(bucketLabel("2026-03-09T00:00:00.000Z", "w")).toBe("Mar 9");
    expect(bucketAxisTitle("w")).toBe("Week from Monday (UTC)");
    expect(bucketAxisTitle(undefined)).toBe("Hour (UTC)");
    expect(chartName("Collaboration", 8, "d")).toBe("Collaboration, 8 daily buckets (UTC)");
    expect(chartName("Collaboration", 1, "w")).toBe("Collaboration, 1 weekly bucket (UTC)");
  });
});
