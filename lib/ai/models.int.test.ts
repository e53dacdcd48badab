import { afterEach, describe, expect, it } from "vitest";
import { streamChat } from "./stream-chat";
import { collectEvents, testDeps, textOf } from "./testing/chat-harness";
import { startFakeProvider, type FakeProviderServer } from "./testing/fake-providers";

const servers: FakeProviderServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(...args: Parameters<typeof startFakeProvider>) {
  const server = await startFakeProvider(...args);
  servers.push(server);
  return server;
}

const messages = [{ role: "user" as const, content: "Hi" }];

describe("local and self-hosted models", () => {
  it("streams from Ollama through its OpenAI-compatible /v1 endpoint, asking for usage", async () => {
    const ollama = await start("openai", { ollama: true });
    ollama.reply({ kind: "stream", chunks: ["local ", "answer"], usage: { input: 7, output: 2 } });
    const events = await collectEvents(streamChat({ messages, model: "ollama:llama3.1:8b" }, testDeps({ OLLAMA_BASE_URL: ollama.baseURL })));

    expect(textOf(events)).toBe("local answer");
    expect(events.at(-1)).toMatchObject({ type: "finish", model: "ollama:llama3.1:8b", usage: { inputTokens: 7, outputTokens: 2 } });
    const request = ollama.chatRequests()[0]!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.body).toMatchObject({ model: "llama3.1:8b", stream: true, stream_options: { include_usage: true } });
  });

  it("streams from an OpenAI-compatible server with its API key", async () => {
    const server = await start("openai");
    server.reply({ kind: "stream", chunks: ["vllm says hi"] });
    const deps = testDeps({ OPENAI_COMPATIBLE_BASE_URL: server.baseURL, OPENAI_COMPATIBLE_API_KEY: "local-key" });
    const events = await collectEvents(streamChat({ messages, model: "openai-compatible:qwen/qwen3-coder" }, deps));

    expect(textOf(events)).toBe("vllm says hi");
    expect(server.chatRequests()[0]!.headers.authorization).toBe("Bearer local-key");
    expect(server.chatRequests()[0]!.body).toMatchObject({ model: "qwen/qwen3-coder" });
  });
});
