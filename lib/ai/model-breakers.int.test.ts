import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metricsRegistry } from "../observability/metrics";
import { aiHealthCheck } from "./health";
import type { ModelRef } from "./model-ref";
import { streamChat, type ChatEvent } from "./stream-chat";
import { collectEvents, testDeps, textOf } from "./testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "./testing/fake-providers";

const BAD: ModelRef = "openai-compatible:bad-model";
const GOOD: ModelRef = "openai-compatible:good-model";
const BACKUP: ModelRef = "anthropic:claude-haiku-4-5";

let gateway: FakeProviderServer;
let anthropic: FakeProviderServer;

beforeEach(async () => {
  [gateway, anthropic] = await Promise.all([startFakeProvider("openai"), startFakeProvider("anthropic")]);
  // A gateway on which one model is broken and the other streams.
  gateway.replyFor = (body) =>
    (body as { model?: string }).model === "bad-model"
      ? { kind: "status", status: 500, message: "bad-model backend is down" }
      : { kind: "stream", chunks: ["good ", "answer"], usage: { input: 3, output: 2 } };
  anthropic.fallbackReply = { kind: "stream", chunks: ["backup answer"] };
});
afterEach(async () => {
  await Promise.all([gateway.close(), anthropic.close()]);
});

const ask = (model: ModelRef, deps: ReturnType<typeof testDeps>, fallbacks?: ModelRef[]) =>
  collectEvents(streamChat({ messages: [{ role: "user", content: "Hi" }], model, fallbacks }, deps));

function finished(events: readonly ChatEvent[]) {
  const last = events.at(-1);
  return last?.type === "finish" ? { model: last.model, text: textOf(events) } : last;
}

async function metricLine(name: string, labels: string): Promise<string | undefined> {
  const text = await metricsRegistry.getSingleMetricAsString(name);
  return text.split("\n").find((line) => line.startsWith(`${name}{${labels}}`));
}

async function freePortThatRefuses(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("circuit breakers per provider and per model, through the real SDK client", () => {
  it("a model answering 500 opens only its own breaker: the provider's other model keeps answering", async () => {
    const deps = testDeps({
      OPENAI_COMPATIBLE_BASE_URL: gateway.baseURL,
      OPENAI_COMPATIBLE_MODELS: "bad-model,good-model",
      AI_FALLBACK_MODELS: GOOD,
    });
    const threshold = deps.config.breaker.failureThreshold;
    const badRequests = () => gateway.chatRequests().filter((r) => (r.body as { model: string }).model === "bad-model").length;

    const first = await ask(BAD, deps);
    expect(first).toContainEqual({ type: "switch", from: BAD, to: GOOD, reason: "server" });
    expect(finished(first)).toEqual({ model: GOOD, text: "good answer" });

    for (let question = 2; question <= 8; question++) {
      expect(finished(await ask(BAD, deps))).toEqual({ model: GOOD, text: "good answer" });
      expect(finished(await ask(GOOD, deps))).toEqual({ model: GOOD, text: "good answer" });
    }
    // Once its breaker opened, bad-model is no longer called at all.
    expect(badRequests()).toBe(threshold);
    expect(await ask(BAD, deps)).toContainEqual({ type: "switch", from: BAD, to: GOOD, reason: "circuit_open" });

    const states = deps.breakers.states(["openai-compatible"])["openai-compatible"]!;
    expect(states.state).toBe("closed");
    expect(states.models[BAD]?.state).toBe("open");
    expect(states.models[GOOD]?.state).toBe("closed");
    expect(await aiHealthCheck(deps)()).toEqual({
      status: "degraded",
      detail: "OpenAI-compatible server: closed, openai-compatible:bad-model: open",
    });
    expect(await metricLine("ai_provider_circuit_state", 'provider="openai-compatible"')).toMatch(/ 0$/);
    expect(await metricLine("ai_model_circuit_state", `provider="openai-compatible",model="${BAD}"`)).toMatch(/ 2$/);
    expect(await metricLine("ai_model_circuit_state", `provider="openai-compatible",model="${GOOD}"`)).toMatch(/ 0$/);
  });

  it("connection refused opens the provider's breaker: every model of it is skipped, none is blamed", async () => {
    const deps = testDeps({
      OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${await freePortThatRefuses()}/v1`,
      OPENAI_COMPATIBLE_MODELS: "bad-model,good-model",
      ANTHROPIC_API_KEY: "sk-ant-test",
      ANTHROPIC_BASE_URL: anthropic.baseURL,
    });
    const fallbacks = [GOOD, BACKUP];

    expect(finished(await ask(BAD, deps, fallbacks))).toEqual({ model: BACKUP, text: "backup answer" });
    expect(finished(await ask(BAD, deps, fallbacks))).toEqual({ model: BACKUP, text: "backup answer" });
    const states = deps.breakers.states(["openai-compatible"])["openai-compatible"]!;
    expect(states.state).toBe("open");
    expect(states.models[BAD]?.state).toBe("closed");
    expect(states.models[GOOD]?.state).toBe("closed");

    const skipped = await ask(GOOD, deps, [BACKUP]);
    expect(skipped).toContainEqual({ type: "switch", from: GOOD, to: BACKUP, reason: "circuit_open" });
    expect(finished(skipped)).toEqual({ model: BACKUP, text: "backup answer" });
    expect(await aiHealthCheck(deps)()).toEqual({ status: "degraded", detail: "Anthropic: closed, OpenAI-compatible server: open" });
    expect(await metricLine("ai_provider_circuit_state", 'provider="openai-compatible"')).toMatch(/ 2$/);
  });

  it("timeouts blame the provider only when every model tried times out", async () => {
    const settings = {
      OPENAI_COMPATIBLE_BASE_URL: gateway.baseURL,
      OPENAI_COMPATIBLE_MODELS: "bad-model,good-model",
      AI_MAX_RETRIES: "0",
      AI_BREAKER_FAILURE_THRESHOLD: "2",
      AI_FIRST_TOKEN_TIMEOUT_MS: "1000",
    };
    gateway.replyFor = (body) =>
      (body as { model?: string }).model === "bad-model" ? { kind: "stall" } : { kind: "stream", chunks: ["good answer"] };
    const oneSlow = testDeps(settings);
    for (let question = 1; question <= 3; question++) {
      expect(finished(await ask(BAD, oneSlow, [GOOD]))).toEqual({ model: GOOD, text: "good answer" });
    }
    const slowStates = oneSlow.breakers.states(["openai-compatible"])["openai-compatible"]!;
    expect([slowStates.state, slowStates.models[BAD]?.state]).toEqual(["closed", "open"]);

    gateway.replyFor = () => ({ kind: "stall" });
    const allSlow = testDeps(settings);
    await ask(BAD, allSlow, [GOOD]);
    await ask(BAD, allSlow, [GOOD]);
    expect(allSlow.breakers.states(["openai-compatible"])["openai-compatible"]?.state).toBe("open");
  });

  it("a rejected API key opens the provider's breaker after one try per model", async () => {
    const deps = testDeps({
      OPENAI_COMPATIBLE_BASE_URL: gateway.baseURL,
      OPENAI_COMPATIBLE_MODELS: "bad-model,good-model",
      AI_BREAKER_FAILURE_THRESHOLD: "2",
    });
    gateway.replyFor = () => ({ kind: "status", status: 401, message: "invalid api key" });

    const refused = await ask(GOOD, deps, [BAD]);
    expect(refused.at(-1)).toMatchObject({ type: "error", code: "AI_PROVIDER_FAILED" });
    expect(gateway.chatRequests()).toHaveLength(2);
    const states = deps.breakers.states(["openai-compatible"])["openai-compatible"]!;
    expect(states.state).toBe("open");
    expect([states.models[BAD]?.state, states.models[GOOD]?.state]).toEqual(["closed", "closed"]);
  });
});
