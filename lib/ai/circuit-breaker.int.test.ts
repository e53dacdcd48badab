import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metricsRegistry } from "../observability/metrics";
import { streamChat, type ChatEvent } from "./stream-chat";
import { collectEvents, testDeps, textOf } from "./testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "./testing/fake-providers";

let openai: FakeProviderServer;
let anthropic: FakeProviderServer;

beforeEach(async () => {
  [openai, anthropic] = await Promise.all([startFakeProvider("openai"), startFakeProvider("anthropic")]);
});
afterEach(async () => {
  await Promise.all([openai.close(), anthropic.close()]);
});

const PRIMARY = "openai:gpt-4.1-mini";

const request = {
  messages: [{ role: "user" as const, content: "Hi" }],
  model: PRIMARY,
  fallbacks: ["anthropic:claude-haiku-4-5"],
} as const;

async function metricLine(name: string, labels: string): Promise<string | undefined> {
  const text = await metricsRegistry.getSingleMetricAsString(name);
  return text.split("\n").find((line) => line.startsWith(`${name}{${labels}}`));
}

const primaryBreaker = (deps: ReturnType<typeof testDeps>) => deps.breakers.states(["openai"]).openai?.models[PRIMARY];
const PRIMARY_LABELS = `provider="openai",model="${PRIMARY}"`;

describe("a model's circuit breaker in the chat path", () => {
  it("opens after N failures, skips the model, then recovers through a single half-open probe", async () => {
    const deps = testDeps({
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: openai.baseURL,
      ANTHROPIC_API_KEY: "sk-ant-test",
      ANTHROPIC_BASE_URL: anthropic.baseURL,
      AI_MAX_RETRIES: "0",
      AI_BREAKER_FAILURE_THRESHOLD: "2",
      AI_BREAKER_OPEN_MS: "30000",
    });
    openai.fallbackReply = { kind: "status", status: 500 };
    anthropic.fallbackReply = { kind: "stream", chunks: ["backup"] };

    await collectEvents(streamChat(request, deps));
    await collectEvents(streamChat(request, deps));
    expect(openai.chatRequests()).toHaveLength(2);
    expect(primaryBreaker(deps)).toMatchObject({ state: "open", retryAt: deps.clock.now + 30_000 });
    expect(deps.breakers.states(["openai"]).openai?.state).toBe("closed");
    expect(await metricLine("ai_model_circuit_state", PRIMARY_LABELS)).toMatch(/ 2$/);
    expect(await metricLine("ai_provider_errors_total", 'provider="openai",kind="server"')).toMatch(/ [2-9]\d*$/);

    const skipped = await collectEvents(streamChat(request, deps));
    expect(openai.chatRequests()).toHaveLength(2);
    expect(skipped).toContainEqual({ type: "switch", from: request.model, to: "anthropic:claude-haiku-4-5", reason: "circuit_open" });
    expect(textOf(skipped)).toBe("backup");

    deps.clock.now += 30_000;
    openai.fallbackReply = { kind: "stream", chunks: ["primary ", "is ", "back"], chunkDelayMs: 150 };
    const probe = collectEvents(streamChat(request, deps));
    await expect.poll(() => openai.chatRequests().length).toBe(3);
    expect(primaryBreaker(deps)?.state).toBe("half_open");

    // While the probe is out, other requests still go to the fallback.
    const during = await collectEvents(streamChat(request, deps));
    expect(during.at(-1)).toMatchObject({ type: "finish", model: "anthropic:claude-haiku-4-5" });
    expect(openai.chatRequests()).toHaveLength(3);

    const probeEvents: ChatEvent[] = await probe;
    expect(textOf(probeEvents)).toBe("primary is back");
    expect(primaryBreaker(deps)?.state).toBe("closed");
    expect(await metricLine("ai_model_circuit_state", PRIMARY_LABELS)).toMatch(/ 0$/);
  });
});
