import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import type { ModelRef } from "../model-ref";
import { createBreakerRegistry } from "./breaker-registry";
import { runWithFallback, type FallbackOptions } from "./fallback";
import { AiTimeoutError } from "./provider-errors";

const A: ModelRef = "openai:gpt-5-mini";
const B: ModelRef = "anthropic:claude-haiku-4-5";

function httpError(statusCode: number, responseHeaders: Record<string, string> = {}) {
  return new APICallError({ message: "x", url: "u", requestBodyValues: {}, statusCode, responseHeaders });
}

/** Runs with a scripted outcome per model: errors are thrown in turn, then the model answers. */
function setup(script: Partial<Record<ModelRef, unknown[]>>, overrides: Partial<FallbackOptions<string>> = {}) {
  const calls: ModelRef[] = [];
  const switches: string[] = [];
  const breakers = createBreakerRegistry({ failureThreshold: 3, windowMs: 60_000, openMs: 30_000, now: () => 0 });
  const options: FallbackOptions<string> = {
    candidates: [A, B],
    breakers,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50 },
    signal: new AbortController().signal,
    random: () => 0,
    onSwitch: (from, to, reason) => switches.push(`${from} -> ${to} (${reason})`),
    run: async (model) => {
      calls.push(model);
      const next = script[model]?.shift();
      if (next !== undefined) throw next;
      return `answer from ${model}`;
    },
    ...overrides,
  };
  return { options, calls, switches, breakers };
}

describe("runWithFallback", () => {
  it("retries retryable failures on the same model before moving on", async () => {
    const { options, calls, switches } = setup({ [A]: [httpError(503), httpError(502)] });
    const result = await runWithFallback(options);
    expect(result.value).toBe(`answer from ${A}`);
    expect(calls).toEqual([A, A, A]);
    expect(switches).toEqual([]);
  });

  it("falls back once a model's retries are used up, saying why", async () => {
    const { options, calls, switches } = setup({ [A]: [httpError(500), httpError(500), httpError(500)] });
    const result = await runWithFallback(options);
    expect(result.model).toBe(B);
    expect(calls).toEqual([A, A, A, B]);
    expect(switches).toEqual([`${A} -> ${B} (server)`]);
  });

  it.each([400, 401, 403, 404])("never retries HTTP %i", async (status) => {
    const { options, calls } = setup({ [A]: [httpError(status)] });
    await runWithFallback(options);
    expect(calls).toEqual([A, B]);
  });

  it("falls back at once when retry-after asks for longer than the maximum delay", async () => {
    const { options, calls } = setup({ [A]: [httpError(429, { "retry-after": "120" })] });
    await runWithFallback(options);
    expect(calls).toEqual([A, B]);
  });

  it("skips a provider whose breaker is open without calling it", async () => {
    const { options, calls, switches, breakers } = setup({});
    for (let i = 0; i < 3; i++) breakers.provider("openai").tryAcquire()!.fail();
    const result = await runWithFallback(options);
    expect(result.model).toBe(B);
    expect(calls).toEqual([B]);
    expect(switches).toEqual([`${A} -> ${B} (circuit_open)`]);
  });

  it("skips a model whose own breaker is open, and only that model", async () => {
    const { options, calls, switches, breakers } = setup({}, { candidates: [A, "openai:gpt-5", B] });
    for (let i = 0; i < 3; i++) breakers.model(A).tryAcquire()!.fail();
    const result = await runWithFallback(options);
    expect(result.model).toBe("openai:gpt-5");
    expect(calls).toEqual(["openai:gpt-5"]);
    expect(switches).toEqual([`${A} -> openai:gpt-5 (circuit_open)`]);
  });

  it("books a model's failures on its own breaker, an auth failure on the provider's, client errors on neither", async () => {
    const { options, breakers } = setup({ [A]: [httpError(500), httpError(400)], [B]: [httpError(401)] });
    await expect(runWithFallback(options)).rejects.toMatchObject({ code: "AI_PROVIDER_FAILED" });
    expect(breakers.model(A).snapshot().failuresInWindow).toBe(1);
    expect(breakers.provider("openai").snapshot().failuresInWindow).toBe(0);
    expect(breakers.provider("anthropic").snapshot().failuresInWindow).toBe(1);
    expect(breakers.model(B).snapshot().failuresInWindow).toBe(0);
  });

  it("reports a timeout when every model timed out", async () => {
    const timeouts = () => [new AiTimeoutError("first_token", 10), new AiTimeoutError("first_token", 10), new AiTimeoutError("first_token", 10)];
    const { options } = setup({ [A]: timeouts(), [B]: timeouts() });
    await expect(runWithFallback(options)).rejects.toMatchObject({ code: "AI_TIMEOUT", details: { retryable: true } });
  });

  it("reports one provider failure listing every model tried", async () => {
    const { options } = setup({ [A]: [httpError(401)], [B]: [httpError(400)] });
    const failure = runWithFallback(options);
    await expect(failure).rejects.toMatchObject({ code: "AI_PROVIDER_FAILED", details: { retryable: false } });
    await expect(failure).rejects.toThrow(`${A}: HTTP 401, check its API key; ${B}: HTTP 400`);
  });

  it("stops during a backoff wait when the caller aborts", async () => {
    const controller = new AbortController();
    const { options, calls } = setup(
      { [A]: [httpError(503)] },
      { signal: controller.signal, random: () => 0.99, retry: { maxRetries: 2, baseDelayMs: 60_000, maxDelayMs: 60_000 } },
    );
    const running = runWithFallback(options);
    setTimeout(() => controller.abort(new Error("user left")), 20);
    await expect(running).rejects.toThrow("user left");
    expect(calls).toEqual([A]);
  });
});
