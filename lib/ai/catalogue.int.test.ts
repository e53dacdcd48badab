import { afterEach, describe, expect, it } from "vitest";
import { createModelCatalogue } from "./catalogue";
import { testConfig } from "./testing/chat-harness";
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

describe("model catalogue", () => {
  it("lists curated hosted models only for configured providers", async () => {
    const { models, notes } = await createModelCatalogue(testConfig({ ANTHROPIC_API_KEY: "sk-ant" })).list();
    expect(notes).toEqual([]);
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((m) => m.provider === "anthropic" && m.ref === `anthropic:${m.modelId}`)).toBe(true);
    expect(models.find((m) => m.modelId === "claude-sonnet-4-5")).toMatchObject({ label: "Claude Sonnet 4.5", contextWindow: 200_000 });
  });

  it("lists Ollama models from /api/tags", async () => {
    const ollama = await start("openai", { ollama: true });
    ollama.listing = ["llama3.1:8b", "qwen2.5-coder:7b"];
    const { models } = await createModelCatalogue(testConfig({ OLLAMA_BASE_URL: ollama.baseURL })).list();
    expect(models.map((m) => m.ref)).toEqual(["ollama:llama3.1:8b", "ollama:qwen2.5-coder:7b"]);
    expect(models[0]).toMatchObject({ label: "llama3.1:8b (8B)", contextWindow: undefined });
  });

  it("lists an OpenAI-compatible server's /models, sending its key", async () => {
    const server = await start("openai");
    server.listing = ["mistral-small"];
    const config = testConfig({ OPENAI_COMPATIBLE_BASE_URL: server.baseURL, OPENAI_COMPATIBLE_API_KEY: "k" });
    const { models } = await createModelCatalogue(config).list();
    expect(models.map((m) => m.ref)).toEqual(["openai-compatible:mistral-small"]);
    expect(server.requests[0]).toMatchObject({ path: "/v1/models", headers: { authorization: "Bearer k" } });
  });

  it("prefers OPENAI_COMPATIBLE_MODELS over asking the server", async () => {
    const server = await start("openai");
    const config = testConfig({ OPENAI_COMPATIBLE_BASE_URL: server.baseURL, OPENAI_COMPATIBLE_MODELS: "a, b" });
    const { models } = await createModelCatalogue(config).list();
    expect(models.map((m) => m.modelId)).toEqual(["a", "b"]);
    expect(server.requests).toHaveLength(0);
  });

  it("turns a failing, stalled or absent server into an empty list with a note", async () => {
    const failing = await start("openai", { ollama: true });
    failing.listing = 500;
    const config = testConfig({
      OLLAMA_BASE_URL: failing.baseURL,
      OPENAI_COMPATIBLE_BASE_URL: "http://127.0.0.1:9/v1",
      OPENAI_API_KEY: "sk",
    });
    const { models, notes } = await createModelCatalogue(config).list();
    expect(models.every((m) => m.provider === "openai")).toBe(true);
    expect(notes).toEqual([
      { provider: "ollama", message: expect.stringMatching(/Could not list ollama models: HTTP 500/) },
      { provider: "openai-compatible", message: expect.stringMatching(/Could not list openai-compatible models/) },
    ]);
  });

  it("gives up on a listing after the catalogue timeout", async () => {
    const hanging = await start("openai", { ollama: true });
    hanging.listing = "stall";
    const config = testConfig({ OLLAMA_BASE_URL: hanging.baseURL, AI_CATALOGUE_TIMEOUT_MS: "300" });
    const started = Date.now();
    const { models, notes } = await createModelCatalogue(config).list();
    expect(models).toEqual([]);
    expect(notes).toEqual([{ provider: "ollama", message: expect.stringMatching(/Could not list ollama models/) }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("caches listings for the TTL and failures only briefly", async () => {
    const ollama = await start("openai", { ollama: true });
    ollama.listing = ["llama3.1:8b"];
    const clock = { now: 0 };
    const catalogue = createModelCatalogue(testConfig({ OLLAMA_BASE_URL: ollama.baseURL, AI_CATALOGUE_TTL_MS: "60000" }), {
      now: () => clock.now,
    });
    await catalogue.list();
    clock.now += 59_000;
    await catalogue.list();
    expect(ollama.requests).toHaveLength(1);

    clock.now += 1_000;
    ollama.listing = 503;
    expect((await catalogue.list()).models).toEqual([]);
    ollama.listing = ["llama3.1:8b", "phi4"];
    clock.now += 1_000;
    expect((await catalogue.list()).models).toEqual([]);
    clock.now += 4_000;
    expect((await catalogue.list()).models).toHaveLength(2);
    expect(await catalogue.find("ollama:phi4")).toMatchObject({ modelId: "phi4" });
    expect(ollama.requests).toHaveLength(3);
  });
});
