import { describe, expect, it } from "vitest";
import { nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from "./retry-schedule";

describe("webhook retry schedule", () => {
  it("doubles from 30 s up to 2 h, with ±20 % jitter", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 0.5))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, () => 0.5)).toBe(2 * 3600 * 1000);
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 1)).toBe(36_000);
  });

  it("makes its last attempt 24 h after the event, then gives up", () => {
    const created = new Date("2026-01-01T00:00:00Z");
    const late = new Date(created.getTime() + RETRY_WINDOW_MS - 60_000);
    expect(nextAttemptAt(created, 15, late, () => 0.5)?.getTime()).toBe(created.getTime() + RETRY_WINDOW_MS);
    expect(nextAttemptAt(created, 16, new Date(created.getTime() + RETRY_WINDOW_MS), () => 0.5)).toBeNull();
    expect(nextAttemptAt(created, 1, created, () => 0.5)?.getTime()).toBe(created.getTime() + 30_000);
  });
});
