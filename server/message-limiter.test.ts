import { describe, expect, it } from "vitest";
import { MessageLimiter } from "./message-limiter";

describe("MessageLimiter", () => {
  it("allows bursts up to twice the rate, then the rate", () => {
    let now = 0;
    const limiter = new MessageLimiter(10, 20, () => now);
    const allowed = () => Array.from({ length: 30 }, () => limiter.allow()).filter(Boolean).length;
    expect(allowed()).toBe(20);
    now += 500;
    expect(allowed()).toBe(5);
    now += 10_000;
    expect(allowed()).toBe(20);
  });
});
