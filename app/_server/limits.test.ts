import { describe, expect, it, vi } from "vitest";
import { createRateLimiterFactory } from "@/lib/rate-limit/factory";
import { logger } from "@/lib/observability/logger";

vi.mock("server-only", () => ({}));
const { routeLimit } = await import("./limits");

describe("routeLimit", () => {
  const memoryLimiters = () => createRateLimiterFactory({ log: logger });

  it("lets each key through up to the limit, then throws RATE_LIMITED with the wait", async () => {
    const factory = memoryLimiters();
    const rule = vi.fn(() => ({ name: "test-route", limit: 2, windowMs: 60_000 }));
    const limit = routeLimit(rule, (s) => `Wait ${s} s.`, () => factory);
    expect(rule).not.toHaveBeenCalled();
    await limit("alice");
    await limit("alice");
    await limit("bob");
    const refusal = await limit("alice").catch((err: unknown) => err);
    expect(refusal).toMatchObject({ code: "RATE_LIMITED", status: 429, details: { retryAfterSeconds: expect.any(Number) } });
    const seconds = (refusal as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect((refusal as Error).message).toBe(`Wait ${seconds} s.`);
    expect(rule).toHaveBeenCalledTimes(1);
    await factory.close();
  });

  it("counts one rule once, however many routes use it (as Redis does)", async () => {
    const factory = memoryLimiters();
    const rule = () => ({ name: "shared-rule", limit: 2, windowMs: 60_000 });
    const chatPage = routeLimit(rule, (s) => `Wait ${s} s.`, () => factory);
    const api = routeLimit(rule, (s) => `Wait ${s} s.`, () => factory);
    await chatPage("alice");
    await api("alice");
    await expect(chatPage("alice")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await factory.close();
  });
});
