import { describe, expect, it } from "vitest";
import type { ModelRef } from "../model-ref";
import { createBreakerRegistry } from "./breaker-registry";
import type { ProviderFailure } from "./provider-errors";

const BAD: ModelRef = "openai-compatible:bad-model";
const GOOD: ModelRef = "openai-compatible:good-model";
const OTHER: ModelRef = "openai-compatible:other-model";

const serverError: ProviderFailure = { kind: "server", scope: "model", retryable: true, status: 500, message: "HTTP 500" };
const refused: ProviderFailure = { kind: "network", scope: "provider", retryable: true, message: "fetch failed" };
const timedOut: ProviderFailure = { kind: "timeout", scope: "model", retryable: true, message: "no first token within 10 ms" };

function registry() {
  const clock = { now: 0 };
  const breakers = createBreakerRegistry({ failureThreshold: 3, windowMs: 60_000, openMs: 30_000, now: () => clock.now });
  const fail = (model: ModelRef, failure: ProviderFailure) => breakers.acquire(model)!.fail(failure);
  const state = (model: ModelRef) => breakers.model(model).snapshot().state;
  const providerState = () => breakers.provider("openai-compatible").snapshot().state;
  return { breakers, clock, fail, state, providerState };
}

describe("breaker registry: per provider and per model", () => {
  it("opens only the failing model's breaker on its HTTP errors; the provider and its other models go on", () => {
    const { breakers, fail, state, providerState } = registry();
    for (let i = 0; i < 3; i++) fail(BAD, serverError);
    expect(state(BAD)).toBe("open");
    expect(breakers.acquire(BAD)).toBeUndefined();
    expect(providerState()).toBe("closed");
    expect(breakers.acquire(GOOD)).toBeDefined();
  });

  it("opens the provider's breaker on connection failures, refusing every model but blaming none", () => {
    const { breakers, fail, state, providerState } = registry();
    fail(BAD, refused);
    fail(GOOD, refused);
    fail(OTHER, refused);
    expect(providerState()).toBe("open");
    expect(breakers.acquire(GOOD)).toBeUndefined();
    expect([state(BAD), state(GOOD), state(OTHER)]).toEqual(["closed", "closed", "closed"]);
  });

  it("blames the provider for timeouts only once a second model times out with no answer between", () => {
    const { breakers, fail, state, providerState } = registry();
    for (let i = 0; i < 3; i++) fail(BAD, timedOut);
    expect(state(BAD)).toBe("open");
    expect(providerState()).toBe("closed");

    breakers.acquire(GOOD)!.succeed();
    fail(OTHER, timedOut);
    expect(breakers.provider("openai-compatible").snapshot().failuresInWindow).toBe(0);

    fail(GOOD, timedOut);
    fail(OTHER, timedOut);
    fail(GOOD, timedOut);
    expect(providerState()).toBe("open");
  });

  it("closes a half-open provider when its probe gets any HTTP answer, even a model's 500", () => {
    const { breakers, clock, fail, providerState } = registry();
    for (let i = 0; i < 3; i++) fail(GOOD, refused);
    clock.now += 30_000;
    fail(BAD, serverError);
    expect(providerState()).toBe("closed");
    expect(breakers.model(BAD).snapshot().failuresInWindow).toBe(1);
  });

  it("frees the model's probe when its provider's breaker refuses", () => {
    const { breakers, clock, fail, state } = registry();
    for (let i = 0; i < 3; i++) fail(BAD, serverError);
    clock.now = 10_000;
    for (let i = 0; i < 3; i++) fail(GOOD, refused);
    clock.now = 30_000;
    expect(breakers.acquire(BAD)).toBeUndefined();
    expect(state(BAD)).toBe("half_open");
    clock.now = 40_000;
    expect(breakers.acquire(BAD)).toBeDefined();
  });

  it("settles a permit once", () => {
    const { breakers } = registry();
    const permit = breakers.acquire(BAD)!;
    permit.fail(serverError);
    permit.fail(serverError);
    permit.succeed();
    expect(breakers.model(BAD).snapshot().failuresInWindow).toBe(1);
  });

  it("keeps a bounded number of model breakers, making room with closed ones and keeping open ones", () => {
    const { breakers, fail, state } = registry();
    for (let i = 0; i < 3; i++) fail(BAD, serverError);
    for (let i = 0; i < 250; i++) breakers.acquire(`openai-compatible:m${i}`)!.release();
    const models = breakers.states(["openai-compatible"])["openai-compatible"]!.models;
    expect(Object.keys(models)).toHaveLength(200);
    expect(models[BAD]?.state).toBe("open");
    expect(state(BAD)).toBe("open");
  });
});
