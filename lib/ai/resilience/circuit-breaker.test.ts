import { describe, expect, it } from "vitest";
import { CircuitBreaker, type BreakerState } from "./circuit-breaker";

function breaker() {
  const clock = { now: 0 };
  const changes: BreakerState[] = [];
  const b = new CircuitBreaker({
    failureThreshold: 3,
    windowMs: 10_000,
    openMs: 5_000,
    now: () => clock.now,
    onStateChange: (s) => changes.push(s),
  });
  const fail = () => b.tryAcquire()!.fail();
  return { b, clock, changes, fail };
}

describe("CircuitBreaker", () => {
  it("opens after N failures within the window and then refuses requests", () => {
    const { b, fail, changes } = breaker();
    fail();
    fail();
    expect(b.snapshot()).toEqual({ state: "closed", failuresInWindow: 2 });
    fail();
    expect(b.snapshot()).toMatchObject({ state: "open", retryAt: 5_000 });
    expect(b.tryAcquire()).toBeUndefined();
    expect(changes).toEqual(["open"]);
  });

  it("forgets failures older than the window", () => {
    const { b, fail, clock } = breaker();
    fail();
    fail();
    clock.now += 10_001;
    fail();
    expect(b.snapshot()).toEqual({ state: "closed", failuresInWindow: 1 });
  });

  it("lets exactly one probe through once open time has passed, and closes when it succeeds", () => {
    const { b, fail, clock, changes } = breaker();
    fail();
    fail();
    fail();
    clock.now += 4_999;
    expect(b.tryAcquire()).toBeUndefined();
    clock.now += 1;
    const probe = b.tryAcquire();
    expect(probe).toBeDefined();
    expect(b.snapshot().state).toBe("half_open");
    expect(b.tryAcquire()).toBeUndefined();
    probe!.succeed();
    expect(b.snapshot()).toEqual({ state: "closed", failuresInWindow: 0 });
    expect(b.tryAcquire()).toBeDefined();
    expect(changes).toEqual(["open", "half_open", "closed"]);
  });

  it("opens again for another full period when the probe fails", () => {
    const { b, fail, clock } = breaker();
    fail();
    fail();
    fail();
    clock.now += 5_000;
    b.tryAcquire()!.fail();
    expect(b.snapshot()).toMatchObject({ state: "open", retryAt: clock.now + 5_000 });
    clock.now += 4_000;
    expect(b.tryAcquire()).toBeUndefined();
  });

  it("frees the probe slot when the probe is released without a verdict", () => {
    const { b, fail, clock } = breaker();
    fail();
    fail();
    fail();
    clock.now += 5_000;
    b.tryAcquire()!.release();
    expect(b.snapshot().state).toBe("half_open");
    expect(b.tryAcquire()).toBeDefined();
  });

  it("counts a permit once, however often it is settled", () => {
    const { b } = breaker();
    const permit = b.tryAcquire()!;
    permit.fail();
    permit.fail();
    permit.fail();
    expect(b.snapshot().failuresInWindow).toBe(1);
  });

  it("ignores late failures of requests that started before the breaker opened", () => {
    const { b, fail, clock } = breaker();
    const late = b.tryAcquire()!;
    fail();
    fail();
    fail();
    clock.now += 5_000;
    const probe = b.tryAcquire()!;
    late.fail();
    expect(b.snapshot().state).toBe("half_open");
    probe.succeed();
    expect(b.snapshot().state).toBe("closed");
  });
});
