import { describe, expect, it } from "vitest";
import { createLanguageModel, languageModelFor } from "./models";
import { testConfig } from "./testing/chat-harness";

describe("createLanguageModel", () => {
  const config = testConfig({ OPENAI_API_KEY: "sk", ANTHROPIC_API_KEY: "sk-ant", OLLAMA_BASE_URL: "http://127.0.0.1:11434" });

  it("uses the Chat Completions model for OpenAI and names providers and ids", () => {
    const model = createLanguageModel("openai:gpt-5", config);
    expect(model).toMatchObject({ provider: "openai.chat", modelId: "gpt-5" });
    expect(createLanguageModel("anthropic:claude-sonnet-4-5", config)).toMatchObject({ modelId: "claude-sonnet-4-5" });
    expect(createLanguageModel("ollama:qwen2.5-coder:7b", config)).toMatchObject({ modelId: "qwen2.5-coder:7b" });
  });

  it("refuses a provider that is not configured, saying what to set", () => {
    expect(() => createLanguageModel("openai-compatible:x", config)).toThrow(/OPENAI_COMPATIBLE_BASE_URL/);
    expect(() => createLanguageModel("openai-compatible:x", config)).toThrow(expect.objectContaining({ code: "AI_NOT_CONFIGURED" }));
  });

  it("reuses a model for the same ref and config, and builds a new one for another config", () => {
    const model = languageModelFor("openai:gpt-5", config);
    expect(languageModelFor("openai:gpt-5", config)).toBe(model);
    expect(languageModelFor("openai:gpt-5-mini", config)).not.toBe(model);
    const other = testConfig({ OPENAI_API_KEY: "sk-other" });
    expect(languageModelFor("openai:gpt-5", other)).not.toBe(model);
    expect(() => languageModelFor("openai-compatible:x", config)).toThrow(expect.objectContaining({ code: "AI_NOT_CONFIGURED" }));
  });
});
