import { describe, expect, it } from "vitest";
import { backoffDelayMs, sleep } from "./backoff";

const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("backoffDelayMs", () => {
  it("draws uniformly below an exponentially growing ceiling (full jitter)", () => {
    expect(backoffDelayMs(0, policy, () => 0.999)).toBe(99);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it("never exceeds the maximum delay", () => {
    expect(backoffDelayMs(10, policy, () => 0.999)).toBe(999);
    for (let i = 0; i < 50; i++) expect(backoffDelayMs(i % 8, policy)).toBeLessThan(1_000);
  });
});

describe("sleep", () => {
  it("rejects with the abort reason as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});
