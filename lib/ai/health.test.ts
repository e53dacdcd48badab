import { describe, expect, it } from "vitest";
import { aiHealthCheck } from "./health";
import { testDeps } from "./testing/chat-harness";

function openBreaker(deps: ReturnType<typeof testDeps>, provider: "openai" | "ollama") {
  for (let i = 0; i < deps.config.breaker.failureThreshold; i++) deps.breakers.provider(provider).tryAcquire()!.fail();
}

describe("aiHealthCheck", () => {
  it("is ok, with a note, when no provider is configured: a default install is healthy", async () => {
    expect(await aiHealthCheck(testDeps({}))()).toEqual({ status: "ok", detail: "no AI provider configured (chat shows how to set one up)" });
  });

  it("reports each configured provider's breaker", async () => {
    const deps = testDeps({ OPENAI_API_KEY: "sk", OLLAMA_BASE_URL: "http://127.0.0.1:11434" });
    expect(await aiHealthCheck(deps)()).toEqual({ status: "ok", detail: "OpenAI: closed, Ollama: closed" });
    openBreaker(deps, "openai");
    expect(await aiHealthCheck(deps)()).toEqual({ status: "degraded", detail: "OpenAI: open, Ollama: closed" });
    openBreaker(deps, "ollama");
    expect((await aiHealthCheck(deps)()).status).toBe("down");
  });

  it("names each model whose breaker is not closed, beside its provider's", async () => {
    const deps = testDeps({ OPENAI_API_KEY: "sk" });
    deps.breakers.model("openai:gpt-5").tryAcquire()!.succeed();
    for (let i = 0; i < deps.config.breaker.failureThreshold; i++) deps.breakers.model("openai:o3").tryAcquire()!.fail();
    expect(await aiHealthCheck(deps)()).toEqual({ status: "degraded", detail: "OpenAI: closed, openai:o3: open" });
  });
});
