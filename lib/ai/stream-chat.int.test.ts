import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONTINUE_INSTRUCTION } from "./chat-messages";
import { streamChat, type ChatEvent } from "./stream-chat";
import { collectEvents, testDeps, textOf, typesOf } from "./testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "./testing/fake-providers";

const messages = [
  { role: "system" as const, content: "You are terse." },
  { role: "user" as const, content: "Say hello." },
];

let openai: FakeProviderServer;
let anthropic: FakeProviderServer;

beforeEach(async () => {
  [openai, anthropic] = await Promise.all([startFakeProvider("openai"), startFakeProvider("anthropic")]);
});
afterEach(async () => {
  await Promise.all([openai.close(), anthropic.close()]);
});

function deps(extra: Record<string, string> = {}) {
  return testDeps({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: "sk-ant-test",
    ANTHROPIC_BASE_URL: anthropic.baseURL,
    ...extra,
  });
}

const withFallback = { messages, model: "openai:gpt-5-mini", fallbacks: ["anthropic:claude-haiku-4-5"] } as const;

function lastMessages(server: FakeProviderServer, index = -1) {
  return (server.chatRequests().at(index)?.body as { messages: { role: string; content: unknown }[] }).messages;
}

describe("streamChat against the real SDK clients", () => {
  it("streams an OpenAI Chat Completions answer with the provider's usage", async () => {
    openai.reply({ kind: "stream", chunks: ["Hel", "lo", "!"], usage: { input: 12, output: 3 } });
    const events = await collectEvents(streamChat({ messages, model: "openai:gpt-5-mini" }, deps()));

    expect(typesOf(events)).toEqual(["start", "text", "text", "text", "finish"]);
    expect(events[0]).toEqual({ type: "start", model: "openai:gpt-5-mini" });
    expect(textOf(events)).toBe("Hello!");
    const finish = events.at(-1) as Extract<ChatEvent, { type: "finish" }>;
    expect(finish).toMatchObject({ model: "openai:gpt-5-mini", usage: { inputTokens: 12, outputTokens: 3 } });
    expect(finish.ttftMs).toBeGreaterThanOrEqual(0);
    expect(finish.totalMs).toBeGreaterThanOrEqual(finish.ttftMs!);
    const request = openai.chatRequests()[0]!;
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.body).toMatchObject({ model: "gpt-5-mini", stream: true });
    // gpt-5 models are reasoning models: the SDK sends the system prompt with the developer role.
    expect(lastMessages(openai)).toEqual([
      { role: "developer", content: "You are terse." },
      { role: "user", content: "Say hello." },
    ]);
  });

  it("streams an Anthropic Messages answer", async () => {
    anthropic.reply({ kind: "stream", chunks: ["Bonjour", " !"], usage: { input: 20, output: 4 } });
    const events = await collectEvents(streamChat({ messages, model: "anthropic:claude-sonnet-4-5" }, deps()));

    expect(textOf(events)).toBe("Bonjour !");
    expect(events.at(-1)).toMatchObject({ type: "finish", usage: { inputTokens: 20, outputTokens: 4 } });
    const request = anthropic.chatRequests()[0]!;
    expect(request.headers["x-api-key"]).toBe("sk-ant-test");
    expect(request.body).toMatchObject({ model: "claude-sonnet-4-5", stream: true, system: [{ type: "text", text: "You are terse." }] });
  });

  it("estimates usage when the provider reports none", async () => {
    openai.reply({ kind: "stream", chunks: ["one two three"] });
    const events = await collectEvents(streamChat({ messages, model: "openai:gpt-5-mini" }, deps()));
    const finish = events.at(-1) as Extract<ChatEvent, { type: "finish" }>;
    expect(finish.usage.outputTokens).toBe(3);
    expect(finish.usage.inputTokens).toBeGreaterThan(5);
  });

  it("waits out a 429 with retry-after and succeeds on the same model", async () => {
    openai.reply({ kind: "status", status: 429, headers: { "retry-after": "1" } }, { kind: "stream", chunks: ["fine"] });
    const started = Date.now();
    const events = await collectEvents(streamChat(withFallback, deps()));

    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(typesOf(events)).toEqual(["start", "text", "finish"]);
    expect(textOf(events)).toBe("fine");
    expect(openai.chatRequests()).toHaveLength(2);
    expect(anthropic.chatRequests()).toHaveLength(0);
  });

  it("retries a 500, then falls back to the next model", async () => {
    openai.fallbackReply = { kind: "status", status: 500 };
    anthropic.reply({ kind: "stream", chunks: ["from claude"] });
    const events = await collectEvents(streamChat(withFallback, deps()));

    expect(openai.chatRequests()).toHaveLength(2); // first try + AI_MAX_RETRIES=1
    expect(events).toContainEqual({ type: "switch", from: "openai:gpt-5-mini", to: "anthropic:claude-haiku-4-5", reason: "server" });
    expect(textOf(events)).toBe("from claude");
    expect(events.at(-1)).toMatchObject({ type: "finish", model: "anthropic:claude-haiku-4-5" });
  });

  it("does not retry a 401 and names the key in the final error", async () => {
    openai.fallbackReply = { kind: "status", status: 401 };
    const events = await collectEvents(streamChat({ messages, model: "openai:gpt-5-mini", fallbacks: [] }, deps()));

    expect(openai.chatRequests()).toHaveLength(1);
    expect(typesOf(events)).toEqual(["start", "error"]);
    expect(events[1]).toMatchObject({ type: "error", code: "AI_PROVIDER_FAILED", retryable: false });
    expect((events[1] as { message: string }).message).toMatch(/openai:gpt-5-mini: HTTP 401, check its API key/);
  });

  it("gives up on a provider that sends nothing before the first-token timeout", async () => {
    openai.fallbackReply = { kind: "stall" };
    anthropic.reply({ kind: "stream", chunks: ["quick"] });
    const started = Date.now();
    const events = await collectEvents(streamChat(withFallback, deps()));

    expect(events).toContainEqual({ type: "switch", from: "openai:gpt-5-mini", to: "anthropic:claude-haiku-4-5", reason: "timeout" });
    expect(textOf(events)).toBe("quick");
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(openai.chatRequests().every((r) => r.closedEarly)).toBe(true);
  });

  it("continues an answer that broke mid-stream on the fallback, handing it the partial text", async () => {
    openai.reply({ kind: "break", chunks: ["The answer ", "is 4"] });
    anthropic.reply({ kind: "stream", chunks: ["2, of course."] });
    const events = await collectEvents(streamChat(withFallback, deps()));

    expect(typesOf(events)).toEqual(["start", "text", "text", "switch", "text", "finish"]);
    expect(events[3]).toMatchObject({ type: "switch", reason: "network" });
    expect(textOf(events)).toBe("The answer is 42, of course.");
    expect(lastMessages(anthropic).slice(-2)).toEqual([
      { role: "assistant", content: [{ type: "text", text: "The answer is 4" }] },
      { role: "user", content: [{ type: "text", text: CONTINUE_INSTRUCTION }] },
    ]);
  });

  it("resumes on the same model when it breaks mid-stream and there is no fallback", async () => {
    openai.reply({ kind: "break", chunks: ["Once upon "] }, { kind: "stream", chunks: ["a time."] });
    const events = await collectEvents(streamChat({ messages, model: "openai:gpt-4.1-mini", fallbacks: [] }, deps()));

    expect(typesOf(events)).toEqual(["start", "text", "text", "finish"]);
    expect(textOf(events)).toBe("Once upon a time.");
    expect(lastMessages(openai).slice(-2)).toEqual([
      { role: "assistant", content: "Once upon " },
      { role: "user", content: CONTINUE_INSTRUCTION },
    ]);
  });

  it("continues on the fallback when a started stream goes silent", async () => {
    openai.reply({ kind: "hang", chunks: ["Half "] });
    anthropic.reply({ kind: "stream", chunks: ["and half."] });
    const events = await collectEvents(streamChat(withFallback, deps()));

    expect(events).toContainEqual(expect.objectContaining({ type: "switch", reason: "timeout" }));
    expect(textOf(events)).toBe("Half and half.");
  });

  it("ends with exactly one error when every model fails", async () => {
    openai.fallbackReply = { kind: "status", status: 503 };
    anthropic.fallbackReply = { kind: "status", status: 500 };
    const events = await collectEvents(streamChat(withFallback, deps()));

    expect(typesOf(events)).toEqual(["start", "switch", "error"]);
    expect(events[2]).toMatchObject({ type: "error", code: "AI_PROVIDER_FAILED", retryable: true });
  });

  it("stops the provider request promptly when the caller aborts", async () => {
    openai.reply({ kind: "stream", chunks: Array.from({ length: 50 }, (_, i) => `${i} `), chunkDelayMs: 100 });
    const controller = new AbortController();
    const seen: ChatEvent[] = [];
    const started = Date.now();
    for await (const event of streamChat({ ...withFallback, signal: controller.signal }, deps())) {
      seen.push(event);
      if (event.type === "text") controller.abort();
    }

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(typesOf(seen)).toEqual(["start", "text"]);
    await expect.poll(() => openai.chatRequests()[0]?.closedEarly).toBe(true);
    expect(anthropic.chatRequests()).toHaveLength(0);
  });

  it("stops waiting for a first token as soon as the caller aborts", async () => {
    openai.fallbackReply = { kind: "stall" };
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const events = await collectEvents(streamChat({ ...withFallback, signal: controller.signal }, deps({ AI_FIRST_TOKEN_TIMEOUT_MS: "20000" })));

    expect(typesOf(events)).toEqual(["start"]);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect.poll(() => openai.chatRequests()[0]?.closedEarly).toBe(true);
    expect(anthropic.chatRequests()).toHaveLength(0);
  });

  it("stops the provider request when the consumer leaves the loop", async () => {
    openai.reply({ kind: "stream", chunks: Array.from({ length: 50 }, (_, i) => `${i} `), chunkDelayMs: 100 });
    for await (const event of streamChat(withFallback, deps())) {
      if (event.type === "text") break;
    }
    await expect.poll(() => openai.chatRequests()[0]?.closedEarly).toBe(true);
  });
});
